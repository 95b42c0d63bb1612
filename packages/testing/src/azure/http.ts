import { tagCloud } from '../cloud-tag';
import { type HttpRequestInit, normalizeRequest } from '../http-request-init';
import type { AzureInvocation } from './azure-invocation';

export interface AzureHttpInit extends HttpRequestInit {
  /** Default `https://omnifn-test.azurewebsites.net`. */
  readonly origin?: string;
  readonly functionName?: string;
  readonly traceParent?: string;
}

/**
 * An HTTP trigger invocation, with the request as the host forwards it: the full URL
 * (under `/api` by default), the client address in `x-forwarded-for` with its port.
 * @example events.azure.http({ method: 'POST', path: '/api/add', body: { num1: 2, num2: 3 } })
 */
export function http(init: HttpRequestInit & AzureHttpInit = {}): AzureInvocation {
  const req = normalizeRequest(init);
  const headers: Record<string, string> = {};
  for (const [name, value] of req.headers)
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  if (req.cookies.length > 0) headers.cookie = req.cookies.join('; ');
  headers['x-forwarded-for'] ??= `${req.ip}:52311`;
  const origin = init.origin ?? 'https://omnifn-test.azurewebsites.net';
  headers.host ??= new URL(origin).host;
  const body =
    req.body === undefined
      ? undefined
      : req.isBase64Encoded
        ? { bytes: new Uint8Array(Buffer.from(req.body, 'base64')) }
        : { string: req.body };
  return tagCloud(
    {
      trigger: { type: 'httpTrigger', name: 'httpTrigger1', methods: [req.method], authLevel: 'anonymous' },
      input: {
        method: req.method,
        url: `${origin}${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}`,
        headers,
        ...(body ? { body } : {}),
        params: { ...init.pathParameters },
      },
      invocationId: req.requestId,
      functionName: init.functionName ?? 'omnifn-test',
      ...(init.traceParent ? { traceParent: init.traceParent } : {}),
    },
    'azure',
  );
}
