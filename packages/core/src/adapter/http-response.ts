import type { HttpResult } from '../result';
import { isSafeHeader, isSafeValue } from './headers';

/**
 * A handler's result, checked and serialized once for every adapter: lower-case headers,
 * one entry per Set-Cookie, and the body as text (`string`) or binary (`Uint8Array`).
 */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly cookies: readonly string[];
  readonly body: string | Uint8Array | undefined;
}

/**
 * Serializes an `HttpResult`. Throws (→ a logged 500) when a header or cookie would inject
 * CR/LF, or when the status is not a valid HTTP status.
 */
export function toHttpResponse(result: HttpResult | undefined | null): HttpResponse {
  // As `HttpResult` documents: 200, or 204 when there is no body.
  const status = result?.status ?? (result?.body === undefined || result.body === null ? 204 : 200);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    throw new Error(`Invalid HTTP status: ${status}`);
  const headers: Record<string, string> = Object.create(null);
  const cookies: string[] = [];
  const given = result?.headers;
  if (given) {
    for (const name in given) {
      const raw = given[name];
      // An optional header left undefined is simply not sent.
      if (raw === undefined || raw === null) continue;
      const value = String(raw);
      if (!isSafeHeader(name, value)) throw new Error(`Unsafe response header: ${JSON.stringify(name)}`);
      const key = name.toLowerCase();
      if (key === 'set-cookie') cookies.push(value);
      else headers[key] = value;
    }
  }
  for (const cookie of result?.cookies ?? []) {
    if (!isSafeValue(cookie)) throw new Error('Unsafe Set-Cookie value');
    cookies.push(cookie);
  }
  const body = serializeBody(result?.body, headers);
  return { status, headers, cookies, body };
}

function serializeBody(body: unknown, headers: Record<string, string>): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain; charset=utf-8';
    return body;
  }
  if (body instanceof Uint8Array) {
    headers['content-type'] ??= 'application/octet-stream';
    return body;
  }
  if (body instanceof ArrayBuffer) {
    headers['content-type'] ??= 'application/octet-stream';
    return new Uint8Array(body);
  }
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}
