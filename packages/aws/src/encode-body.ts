/** Lambda proxy responses carry text bodies as-is and binary bodies as base64. */
export function encodeBody(body: string | Uint8Array | undefined): {
  body: string;
  isBase64Encoded: boolean;
} {
  if (body === undefined) return { body: '', isBase64Encoded: false };
  if (typeof body === 'string') return { body, isBase64Encoded: false };
  return {
    body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
    isBase64Encoded: true,
  };
}
