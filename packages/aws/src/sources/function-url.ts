import type { HttpEvent } from '@omnifn/core';
import type { Source } from '@omnifn/core/adapter';
import {
  type ApiGatewayV2Event,
  type ApiGatewayV2Result,
  isApiGatewayV2Event,
  v2ToEvent,
  v2ToResult,
} from './api-gateway-v2';

/**
 * Lambda Function URLs send the HTTP API 2.0 payload; only the domain tells them apart.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads
 */
const FUNCTION_URL_DOMAIN = /\.lambda-url\.[a-z0-9-]+\.on\.aws$/;

export function isFunctionUrlEvent(raw: unknown): raw is ApiGatewayV2Event {
  return isApiGatewayV2Event(raw) && FUNCTION_URL_DOMAIN.test(raw.requestContext.domainName ?? '');
}

export const functionUrl: Source<ApiGatewayV2Event, HttpEvent, ApiGatewayV2Result> = {
  name: 'aws:function-url',
  kind: 'http',
  matches: isFunctionUrlEvent,
  toEvent: (raw, options) => v2ToEvent(raw, 'aws:function-url', options.bodyLimit),
  toResult: v2ToResult,
};
