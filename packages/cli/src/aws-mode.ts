import { type LambdaHandler, toAws } from '@omnifn/aws';
import type { EventKind, Handler } from '@omnifn/core';
import type { HttpResponse } from '@omnifn/core/adapter';
import { createLambdaContext, gatewayRequestId, toHttpApiEvent } from './aws-event';
import type { DevRequest, Mode, ModeOptions } from './dev-request';

/**
 * Answers as API Gateway (HTTP API, payload 2.0) in front of Lambda would: each request
 * becomes the event API Gateway sends, runs through `toAws(handler)`, and the Lambda result
 * is turned back into HTTP the way API Gateway does.
 */
export function createAwsMode(options: ModeOptions): Mode {
  // One Lambda handler per omnifn handler, built once as the module scope of a function is.
  const lambdas = new WeakMap<Handler, LambdaHandler<EventKind>>();
  const lambdaOf = (handler: Handler) => {
    let lambda = lambdas.get(handler);
    if (lambda === undefined) {
      lambda = toAws(handler, { bodyLimit: options.bodyLimit });
      lambdas.set(handler, lambda);
    }
    return lambda;
  };
  return {
    async respond(request: DevRequest) {
      const { handler } = request.route;
      const event = toHttpApiEvent({ ...request, requestId: gatewayRequestId() });
      const context = createLambdaContext(handler.name, options.timeoutMs);
      const headers = { 'apigw-requestid': event.requestContext.requestId };
      let result: unknown;
      try {
        result = await lambdaOf(handler)(event, context);
      } catch (error) {
        options.log(
          `omnifn dev: the Lambda function '${handler.name}' failed, API Gateway answers 502: ${messageOf(error)}`,
        );
        return gatewayResponse(502, 'Internal Server Error', headers);
      }
      const response = fromHttpApiResult(result, headers);
      if (response !== undefined) return response;
      options.log(
        `omnifn dev: '${handler.name}' returned a malformed Lambda proxy response, API Gateway answers 502`,
      );
      return gatewayResponse(502, 'Internal Server Error', headers);
    },
    reject: (status) => gatewayResponse(status, status === 404 ? 'Not Found' : 'Request Entity Too Large'),
  };
}

/**
 * A payload 2.0 result as API Gateway turns it into HTTP: `cookies` become Set-Cookie lines,
 * a base64 body is decoded. `undefined` when it is not a proxy response.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */
export function fromHttpApiResult(
  result: unknown,
  extra: Record<string, string> = {},
): HttpResponse | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const { statusCode, headers, cookies, body, isBase64Encoded } = result as Record<string, unknown>;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return undefined;
  }
  const out: Record<string, string> = Object.create(null);
  if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  }
  Object.assign(out, extra);
  const text =
    typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
  return {
    status: statusCode,
    headers: out,
    cookies: Array.isArray(cookies) ? cookies.map(String) : [],
    body: isBase64Encoded === true ? new Uint8Array(Buffer.from(text, 'base64')) : text,
  };
}

function gatewayResponse(status: number, message: string, extra: Record<string, string> = {}): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...extra },
    cookies: [],
    body: JSON.stringify({ message }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
