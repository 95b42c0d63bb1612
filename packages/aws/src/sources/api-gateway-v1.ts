import type { HttpEvent } from '@omnifn/core';
import {
  createHeaders,
  createHttpEvent,
  formatQuery,
  type HttpResponse,
  queryFromMaps,
  type Source,
} from '@omnifn/core/adapter';
import { encodeBody } from '../encode-body';
import { isObject } from '../is-object';

type Single = Readonly<Record<string, string>> | null;
type Multi = Readonly<Record<string, readonly string[]>> | null;

/**
 * API Gateway REST API proxy event, and HTTP API payload 1.0 (`version: '1.0'`). The maps
 * are null, not empty, when nothing was sent (console test events have null headers).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
 */
export interface ApiGatewayV1Event {
  readonly version?: '1.0';
  readonly resource: string;
  readonly path: string;
  readonly httpMethod: string;
  readonly headers: Single;
  readonly multiValueHeaders?: Multi;
  readonly queryStringParameters: Single;
  readonly multiValueQueryStringParameters?: Multi;
  readonly pathParameters: Single;
  readonly stageVariables?: Single;
  readonly body: string | null;
  readonly isBase64Encoded?: boolean;
  readonly requestContext: {
    readonly requestId: string;
    readonly domainName?: string;
    readonly requestTimeEpoch?: number;
    readonly identity?: { readonly sourceIp?: string } | null;
  };
}

/** Set-Cookie goes through `multiValueHeaders`; REST APIs have no `cookies` field. */
export interface ApiGatewayV1Result {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly multiValueHeaders?: Record<string, string[]>;
  readonly body: string;
  readonly isBase64Encoded: boolean;
}

export function isApiGatewayV1Event(raw: unknown): raw is ApiGatewayV1Event {
  return (
    isObject(raw) &&
    typeof raw.httpMethod === 'string' &&
    typeof raw.path === 'string' &&
    typeof raw.resource === 'string' &&
    isObject(raw.requestContext) &&
    !('elb' in raw.requestContext)
  );
}

export const apiGatewayV1: Source<ApiGatewayV1Event, HttpEvent, ApiGatewayV1Result> = {
  name: 'aws:apigw-v1',
  kind: 'http',
  matches: isApiGatewayV1Event,
  toEvent(raw, options) {
    const { requestContext } = raw;
    const headers = createHeaders(raw.headers, raw.multiValueHeaders);
    // API Gateway has already decoded these values; the multi-value map keeps repeats.
    const query = queryFromMaps(raw.queryStringParameters, raw.multiValueQueryStringParameters);
    return createHttpEvent(
      {
        provider: 'aws',
        trigger: 'aws:apigw-v1',
        id: requestContext.requestId,
        time: new Date(requestContext.requestTimeEpoch ?? Date.now()),
        raw,
        method: raw.httpMethod,
        rawPath: raw.path,
        rawQuery: formatQuery(query),
        query,
        headers,
        params: raw.pathParameters,
        body: raw.body,
        isBase64Encoded: raw.isBase64Encoded,
        ip: requestContext.identity?.sourceIp,
        origin: `https://${headers.host ?? requestContext.domainName ?? 'localhost'}`,
      },
      options,
    );
  },
  toResult(response: HttpResponse) {
    const { body, isBase64Encoded } = encodeBody(response.body);
    const { status: statusCode, headers, cookies } = response;
    return cookies.length > 0
      ? { statusCode, headers, multiValueHeaders: { 'set-cookie': [...cookies] }, body, isBase64Encoded }
      : { statusCode, headers, body, isBase64Encoded };
  },
};
