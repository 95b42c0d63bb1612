import type { HttpEvent } from '@omnifn/core';
import {
  createHeaders,
  createHttpEvent,
  type HttpResponse,
  parseQuery,
  type Source,
} from '@omnifn/core/adapter';
import { encodeBody } from '../encode-body';
import { isObject } from '../is-object';

/**
 * API Gateway HTTP API payload 2.0 (also the Function URL shape).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export interface ApiGatewayV2Event {
  readonly version: '2.0';
  readonly routeKey?: string;
  readonly rawPath: string;
  readonly rawQueryString?: string;
  /** Present instead of a `cookie` header; API Gateway strips that header. */
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string>> | null;
  readonly queryStringParameters?: Readonly<Record<string, string>> | null;
  readonly pathParameters?: Readonly<Record<string, string>> | null;
  readonly stageVariables?: Readonly<Record<string, string>> | null;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly requestId: string;
    readonly domainName?: string;
    readonly timeEpoch?: number;
    readonly http: { readonly method: string; readonly path?: string; readonly sourceIp?: string };
  };
}

/** Cookies go in `cookies`, never a comma-joined `set-cookie` header. */
export interface ApiGatewayV2Result {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies?: string[];
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

export function isApiGatewayV2Event(raw: unknown): raw is ApiGatewayV2Event {
  return (
    isObject(raw) &&
    raw.version === '2.0' &&
    typeof raw.rawPath === 'string' &&
    isObject(raw.requestContext) &&
    isObject(raw.requestContext.http)
  );
}

/** Shared by the HTTP API and Function URL sources, which send the same payload. */
export function v2ToEvent(
  raw: ApiGatewayV2Event,
  trigger: HttpEvent['trigger'],
  bodyLimit?: number,
): HttpEvent {
  const { requestContext } = raw;
  const headers = createHeaders(raw.headers);
  const rawQuery = raw.rawQueryString ?? '';
  return createHttpEvent(
    {
      provider: 'aws',
      trigger,
      id: requestContext.requestId,
      time: new Date(requestContext.timeEpoch ?? Date.now()),
      raw,
      method: requestContext.http.method,
      rawPath: raw.rawPath,
      rawQuery,
      query: parseQuery(rawQuery),
      headers,
      params: raw.pathParameters,
      cookies: raw.cookies,
      body: raw.body,
      isBase64Encoded: raw.isBase64Encoded,
      ip: requestContext.http.sourceIp,
      origin: `https://${headers.host ?? requestContext.domainName ?? 'localhost'}`,
    },
    { bodyLimit },
  );
}

export function v2ToResult(response: HttpResponse): ApiGatewayV2Result {
  const { body, isBase64Encoded } = encodeBody(response.body);
  const { status: statusCode, headers, cookies } = response;
  // Plain literals: a spread after other keys takes V8's slow path.
  return cookies.length > 0
    ? { statusCode, headers, cookies: [...cookies], body, isBase64Encoded }
    : { statusCode, headers, body, isBase64Encoded };
}

export const apiGatewayV2: Source<ApiGatewayV2Event, HttpEvent, ApiGatewayV2Result> = {
  name: 'aws:apigw-v2',
  kind: 'http',
  matches: isApiGatewayV2Event,
  toEvent: (raw, options) => v2ToEvent(raw, 'aws:apigw-v2', options.bodyLimit),
  toResult: v2ToResult,
};
