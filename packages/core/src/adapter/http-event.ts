import type { Provider, Trigger } from '../event/base';
import type { HttpEvent } from '../event/http';
import { clientError } from '../internal/client-error';
import { DEFAULT_BODY_LIMIT, decodeBody, parseBody } from './body';
import { parseCookies } from './cookies';
import { decodePath } from './path';

const MAX_URL_BYTES = 8 * 1024;

/** What an adapter knows about a request; `createHttpEvent` does the decoding and the checks. */
export interface HttpEventInit {
  readonly provider: Provider;
  readonly trigger: Trigger;
  readonly id: string;
  readonly time: Date;
  readonly raw: unknown;
  readonly method: string;
  /** The path as received, still percent-encoded. */
  readonly rawPath: string;
  /** The raw query string without `?`, used for `url`. */
  readonly rawQuery: string;
  readonly query: Record<string, string | string[]>;
  /** Built with `createHeaders`. */
  readonly headers: Record<string, string>;
  readonly params?: Readonly<Record<string, string | undefined>> | null | undefined;
  /** API Gateway v2 style cookie list; else the `cookie` header is read. */
  readonly cookies?: readonly string[] | undefined;
  readonly body: string | Uint8Array | null | undefined;
  readonly isBase64Encoded?: boolean | undefined;
  readonly ip: string | undefined;
  /** Scheme and host for `url`; defaults to `https://` and the `host` header. */
  readonly origin?: string | undefined;
}

export interface HttpLimits {
  /** Largest body in bytes, measured after base64 decoding. Default 6 MB. */
  readonly bodyLimit?: number | undefined;
}

/**
 * Builds a core http event. Throws `HttpError` for input that is the caller's fault:
 * URL too long (414), bad path (400), bad base64 (400), body too large (413), a body
 * longer than its `content-length` (413), and a body its content type cannot parse (400/415).
 */
export function createHttpEvent(init: HttpEventInit, limits: HttpLimits = {}): HttpEvent {
  const { headers } = init;
  if (init.rawPath.length + init.rawQuery.length > MAX_URL_BYTES) throw clientError(414, 'URI is too long');
  const path = decodePath(init.rawPath);
  const rawBody = decodeBody(init.body, init.isBase64Encoded, limits.bodyLimit ?? DEFAULT_BODY_LIMIT);
  const declared = headers['content-length'];
  if (declared !== undefined && !/^\d{1,15}$/.test(declared))
    throw clientError(400, 'Invalid content-length');
  if (declared !== undefined && rawBody.length > Number(declared)) {
    throw clientError(413, 'Request body is longer than its content-length');
  }
  const origin = init.origin ?? `https://${headers.host ?? 'localhost'}`;
  const params: Record<string, string> = Object.create(null);
  if (init.params) for (const key in init.params) params[key] = init.params[key] ?? '';
  return {
    kind: 'http',
    id: init.id,
    time: init.time,
    provider: init.provider,
    trigger: init.trigger,
    raw: init.raw,
    method: init.method.toUpperCase(),
    path,
    url: `${origin}${init.rawPath}${init.rawQuery ? `?${init.rawQuery}` : ''}`,
    headers,
    query: init.query,
    params,
    cookies: parseCookies(init.cookies ?? headers.cookie),
    body: parseBody(
      rawBody,
      headers['content-type'],
      typeof init.body === 'string' && !init.isBase64Encoded ? init.body : undefined,
    ),
    rawBody,
    ip: init.ip,
  };
}
