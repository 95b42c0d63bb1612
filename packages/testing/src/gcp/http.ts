import { type HttpRequestInit, normalizeRequest } from '../http-request-init';
import { frontEndHeaders, type GcpHttpRequest, gcpRequest } from './gcp-request';

/**
 * An HTTP request to an HTTP function, with the headers Google's front end adds
 * (`X-Forwarded-For`, `X-Cloud-Trace-Context`, `traceparent`, `Function-Execution-Id`).
 * @example events.gcp.http({ method: 'POST', path: '/add', body: { num1: 2, num2: 3 } })
 */
export function http(init: HttpRequestInit = {}): GcpHttpRequest {
  const req = normalizeRequest(init);
  const headers: Record<string, string | string[]> = { ...frontEndHeaders({ ip: init.ip }) };
  for (const [name, value] of req.headers) {
    const prev = headers[name];
    headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  if (req.cookies.length > 0) headers.cookie = req.cookies.join('; ');
  const body =
    req.body === undefined ? undefined : req.isBase64Encoded ? Buffer.from(req.body, 'base64') : req.body;
  return gcpRequest({
    method: req.method,
    path: req.rawQuery ? `${req.path}?${req.rawQuery}` : req.path,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
  });
}
