/** A request described once, turned into any cloud's native shape by the builders. */
export interface HttpRequestInit {
  /** Default `GET`, or `POST` when a body is given. */
  readonly method?: string;
  /** Default `/`; may carry `?query`. */
  readonly path?: string;
  /** Merged after any query in `path`. Repeated keys as arrays. */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** `name=value` pairs sent as the Cookie header (or the v2 `cookies` array). */
  readonly cookies?: readonly string[];
  /** Object → JSON (content type set), string → text, `Uint8Array` → base64 binary. */
  readonly body?: unknown;
  /** Force base64 for a string body. */
  readonly base64?: boolean;
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly ip?: string;
  readonly requestId?: string;
}

/** The parts every builder needs, computed once. @internal */
export interface NormalizedRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly cookies: readonly string[];
  readonly body: string | undefined;
  readonly isBase64Encoded: boolean;
  readonly ip: string;
  readonly requestId: string;
}

/** @internal */
export function normalizeRequest(init: HttpRequestInit): NormalizedRequest {
  const [pathname = '/', search = ''] = (init.path ?? '/').split('?', 2);
  const query: [string, string][] = [];
  for (const pair of search.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    query.push(eq === -1 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)]);
  }
  for (const [key, value] of Object.entries(init.query ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value)
      query.push([encodeURIComponent(key), encodeURIComponent(item)]);
  }
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    for (const item of typeof value === 'string' ? [value] : value) headers.push([name.toLowerCase(), item]);
  }
  const { body, isBase64Encoded, contentType } = encodeRequestBody(init.body, init.base64 ?? false);
  if (contentType !== undefined && !headers.some(([name]) => name === 'content-type')) {
    headers.push(['content-type', contentType]);
  }
  return {
    method: (init.method ?? (init.body === undefined ? 'GET' : 'POST')).toUpperCase(),
    path: pathname,
    rawQuery: query.map(([k, v]) => `${k}=${v}`).join('&'),
    query,
    headers,
    cookies: init.cookies ?? [],
    body,
    isBase64Encoded,
    ip: init.ip ?? '203.0.113.7',
    requestId: init.requestId ?? crypto.randomUUID(),
  };
}

function encodeRequestBody(body: unknown, base64: boolean) {
  if (body === undefined) return { body: undefined, isBase64Encoded: false, contentType: undefined };
  if (body instanceof Uint8Array) {
    return {
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
      contentType: 'application/octet-stream',
    };
  }
  if (typeof body === 'string') {
    return base64
      ? { body: Buffer.from(body).toString('base64'), isBase64Encoded: true, contentType: 'text/plain' }
      : { body, isBase64Encoded: false, contentType: 'text/plain' };
  }
  const json = JSON.stringify(body);
  return base64
    ? { body: Buffer.from(json).toString('base64'), isBase64Encoded: true, contentType: 'application/json' }
    : { body: json, isBase64Encoded: false, contentType: 'application/json' };
}
