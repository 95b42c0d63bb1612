import type { Cookie, HttpRequest, HttpResponseInit } from '@azure/functions';
import type { HttpEvent } from '@omnifn/core';
import { createHeaders, createHttpEvent, type HttpResponse, parseQuery } from '@omnifn/core/adapter';
import { isObject } from '../is-object';

/**
 * The v4 `HttpRequest` (a WHATWG-style request: `url`, `method`, `headers`, `params`, body
 * readers), as the fields omnifn reads.
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference-node?pivots=nodejs-model-v4#http-request
 */
export type AzureHttpRequest = Pick<HttpRequest, 'method' | 'url' | 'headers' | 'params' | 'arrayBuffer'>;

/**
 * `in`, not a read: `url`, `method` and `headers` are getters over undici's `Request`, and
 * each read of `url` serializes the URL again (~15 µs), so they are read once, in `toHttpEvent`.
 */
export function isHttpRequest(input: unknown): input is AzureHttpRequest {
  return (
    isObject(input) &&
    'url' in input &&
    'method' in input &&
    'headers' in input &&
    typeof input.arrayBuffer === 'function'
  );
}

/** Reads the body once, as bytes: the event parses it by content type. */
export async function readBody(request: AzureHttpRequest): Promise<Uint8Array> {
  return new Uint8Array(await request.arrayBuffer());
}

/**
 * The http event for a request. The query comes from `request.url`, because the host joins
 * repeated keys with commas in `request.query`; `ip` is the first `x-forwarded-for` address,
 * without the port Azure's front end appends.
 */
export function toHttpEvent(
  request: AzureHttpRequest,
  body: Uint8Array,
  requestId: string,
  bodyLimit: number | undefined,
): HttpEvent {
  const record: Record<string, string> = {};
  for (const [name, value] of request.headers.entries()) record[name] = value;
  const headers = createHeaders(record);
  const { url, method } = request;
  if (typeof url !== 'string' || typeof method !== 'string') {
    throw new TypeError('omnifn: the http trigger input has no url or method');
  }
  const { origin, rawPath, rawQuery } = splitUrl(url);
  return createHttpEvent(
    {
      provider: 'azure',
      trigger: 'azure:http',
      id: requestId,
      time: new Date(),
      raw: request,
      method,
      rawPath,
      rawQuery,
      query: parseQuery(rawQuery),
      headers,
      params: request.params,
      body,
      ip: clientIp(headers),
      origin,
    },
    { bodyLimit },
  );
}

/** Scheme and host, the still-encoded path and the raw query of an absolute URL. */
function splitUrl(url: string): { origin: string; rawPath: string; rawQuery: string } {
  const scheme = url.indexOf('://');
  const pathStart = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  const origin = pathStart === -1 ? url : url.slice(0, pathStart);
  const rest = pathStart === -1 ? '/' : url.slice(pathStart);
  const hash = rest.indexOf('#');
  const noHash = hash === -1 ? rest : rest.slice(0, hash);
  const q = noHash.indexOf('?');
  return q === -1
    ? { origin, rawPath: noHash, rawQuery: '' }
    : { origin, rawPath: noHash.slice(0, q), rawQuery: noHash.slice(q + 1) };
}

/** `203.0.113.7:52000` → `203.0.113.7`; `[2001:db8::1]:443` → `2001:db8::1`. */
export function clientIp(headers: Readonly<Record<string, string>>): string | undefined {
  const first = headers['x-forwarded-for']?.split(',')[0]?.trim();
  if (!first) return headers['x-azure-clientip'] ?? undefined;
  if (first.startsWith('['))
    return first.slice(1, first.indexOf(']') === -1 ? undefined : first.indexOf(']'));
  const colons = first.split(':').length - 1;
  // One colon is IPv4 with a port; more is a bare IPv6 address.
  return colons === 1 ? first.slice(0, first.indexOf(':')) : first;
}

/**
 * The serialized response as a v4 `HttpResponseInit`. Response headers reach the host as a
 * single-valued map, so each Set-Cookie value becomes one `Cookie` object instead.
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference-node?pivots=nodejs-model-v4#http-response
 */
export function toHttpResponseInit(response: HttpResponse): HttpResponseInit {
  const init: HttpResponseInit = { status: response.status, headers: response.headers };
  if (response.body !== undefined) init.body = response.body;
  if (response.cookies.length > 0) init.cookies = response.cookies.map(parseSetCookie);
  return init;
}

const SAME_SITE: Readonly<Record<string, Cookie['sameSite']>> = {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
};

/** One Set-Cookie value → an Azure `Cookie` (Path, Domain, Expires, Max-Age, Secure, HttpOnly, SameSite). */
export function parseSetCookie(header: string): Cookie {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  const cookie: Cookie = {
    name: (eq === -1 ? '' : pair.slice(0, eq)).trim(),
    value: (eq === -1 ? pair : pair.slice(eq + 1)).trim(),
  };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at === -1 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at === -1 ? '' : attribute.slice(at + 1).trim();
    if (key === 'path') cookie.path = value;
    else if (key === 'domain') cookie.domain = value;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = SAME_SITE[value.toLowerCase()];
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === 'expires') {
      const expires = new Date(value);
      if (!Number.isNaN(expires.getTime())) cookie.expires = expires;
    }
  }
  return cookie;
}
