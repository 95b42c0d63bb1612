import { defineHandler, type LogLevel } from '@omnifn/core';

/** @internal A handler that answers with the event it received, for mapping tests. */
export const echo = defineHandler({
  name: 'echo',
  kind: 'http',
  handle: (event) => ({
    status: 200,
    body: {
      id: event.id,
      trigger: event.trigger,
      provider: event.provider,
      method: event.method,
      path: event.path,
      url: event.url,
      headers: { ...event.headers },
      query: { ...event.query },
      params: { ...event.params },
      cookies: { ...event.cookies },
      body: event.body instanceof Uint8Array ? { bytes: [...event.body] } : event.body,
      rawBodyLength: event.rawBody.length,
      ip: event.ip,
    },
  }),
});

/** @internal Collects log records instead of writing them. */
export function captureLogs() {
  const records: Array<Record<string, unknown> & { level: LogLevel }> = [];
  const sink = (level: LogLevel, record: Readonly<Record<string, unknown>>) => {
    records.push({ ...record, level });
  };
  return { records, sink };
}

/** @internal Parses the JSON body of any Lambda HTTP result. */
export function jsonBody(result: { body: string; isBase64Encoded: boolean }): Record<string, unknown> {
  const text = result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body;
  return JSON.parse(text) as Record<string, unknown>;
}
