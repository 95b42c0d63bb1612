import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { HttpResponse } from '@omnifn/core/adapter';

/** The server frames the body itself; a handler's own framing headers would contradict it. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Writes an `HttpResponse`: status, headers, each cookie its own Set-Cookie line, body. */
export function writeResponse(res: ServerResponse, response: HttpResponse, close = false): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.headers)) if (!FRAMING.has(name)) headers[name] = value;
  if (response.cookies.length > 0) headers['set-cookie'] = [...response.cookies];
  const { body } = response;
  const bytes =
    body === undefined
      ? undefined
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  headers['content-length'] = bytes?.length ?? 0;
  if (close) headers.connection = 'close';
  res.writeHead(response.status, headers);
  res.end(bytes);
}
