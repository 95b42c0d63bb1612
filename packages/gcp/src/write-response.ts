import type { HttpResponse } from '@omnifn/core/adapter';
import type { GcpResponse } from './gcp-request';

/**
 * Writes the answer once: a response whose headers already went out (a late result after a
 * 503) is never written again. Each cookie is its own `Set-Cookie` line.
 */
export function writeResponse(res: GcpResponse, response: HttpResponse): boolean {
  if (res.headersSent || res.writableEnded) return false;
  res.statusCode = response.status;
  const { headers, cookies, body } = response;
  for (const name in headers) res.setHeader(name, headers[name] as string);
  if (cookies.length > 0) res.setHeader('set-cookie', [...cookies]);
  if (body === undefined || response.status === 204 || response.status === 304) {
    res.end();
    return true;
  }
  const bytes =
    typeof body === 'string'
      ? Buffer.from(body, 'utf8')
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  res.setHeader('content-length', bytes.length);
  res.end(bytes);
  return true;
}
