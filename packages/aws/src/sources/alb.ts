import type { HttpEvent } from '@omnifn/core';
import {
  createHeaders,
  createHttpEvent,
  type HttpResponse,
  queryFromMaps,
  type Source,
  statusText,
} from '@omnifn/core/adapter';
import { encodeBody } from '../encode-body';
import { isObject } from '../is-object';

type Single = Readonly<Record<string, string>> | null;
type Multi = Readonly<Record<string, readonly string[]>> | null;

/**
 * Application Load Balancer target group request. With the target group's multi-value
 * headers attribute on, only the `multiValue*` maps are sent; query values arrive still
 * percent-encoded.
 * @see https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 */
export interface AlbEvent {
  readonly httpMethod: string;
  readonly path: string;
  readonly headers?: Single;
  readonly multiValueHeaders?: Multi;
  readonly queryStringParameters?: Single;
  readonly multiValueQueryStringParameters?: Multi;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: { readonly elb: { readonly targetGroupArn: string } };
}

/** ALB needs `statusDescription`, and answers in the request's header mode. */
export interface AlbResult {
  readonly statusCode: number;
  readonly statusDescription: string;
  readonly headers?: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

export function isAlbEvent(raw: unknown): raw is AlbEvent {
  return (
    isObject(raw) &&
    typeof raw.httpMethod === 'string' &&
    typeof raw.path === 'string' &&
    isObject(raw.requestContext) &&
    isObject(raw.requestContext.elb)
  );
}

/** The raw query string as the client sent it: ALB leaves the values encoded. */
function rawQueryOf(raw: AlbEvent): string {
  const parts: string[] = [];
  const multi = raw.multiValueQueryStringParameters;
  if (multi) for (const key in multi) for (const value of multi[key] ?? []) parts.push(`${key}=${value}`);
  else if (raw.queryStringParameters) {
    for (const key in raw.queryStringParameters) parts.push(`${key}=${raw.queryStringParameters[key]}`);
  }
  return parts.join('&');
}

export const alb: Source<AlbEvent, HttpEvent, AlbResult> = {
  name: 'aws:alb',
  kind: 'http',
  matches: isAlbEvent,
  toEvent(raw, options) {
    const headers = createHeaders(raw.headers, raw.multiValueHeaders);
    return createHttpEvent(
      {
        provider: 'aws',
        trigger: 'aws:alb',
        // ALB sends no request id of its own; the trace header is per request.
        id: headers['x-amzn-trace-id'] ?? options.requestId,
        time: new Date(),
        raw,
        method: raw.httpMethod,
        rawPath: raw.path,
        rawQuery: rawQueryOf(raw),
        query: queryFromMaps(raw.queryStringParameters, raw.multiValueQueryStringParameters, true),
        headers,
        body: raw.body,
        isBase64Encoded: raw.isBase64Encoded,
        ip: headers['x-forwarded-for']?.split(',')[0]?.trim(),
        origin: `${headers['x-forwarded-proto'] ?? 'https'}://${headers.host ?? 'localhost'}`,
      },
      options,
    );
  },
  toResult(response: HttpResponse, raw) {
    const base = {
      statusCode: response.status,
      statusDescription: `${response.status} ${statusText(response.status)}`,
      ...encodeBody(response.body),
    };
    if (raw.multiValueHeaders) {
      const multiValueHeaders: Record<string, string[]> = {};
      for (const name in response.headers) multiValueHeaders[name] = [response.headers[name] as string];
      if (response.cookies.length > 0) multiValueHeaders['set-cookie'] = [...response.cookies];
      return { ...base, multiValueHeaders };
    }
    // Single-value mode can carry one Set-Cookie only; joining them with commas would corrupt
    // Expires dates, so the first is kept intact (turn on multi-value headers for more).
    const first = response.cookies[0];
    return {
      ...base,
      headers: first === undefined ? response.headers : { ...response.headers, 'set-cookie': first },
    };
  },
};
