// The floor for cold starts: a fresh node process whose handler does nothing.
export const handler = async () => ({ statusCode: 200, headers: {}, body: '{}' });
