import { type EventKind, type Handler, UnsupportedEventError } from '@omnifn/core';
import { describeInput, levelFromEnv, pickSource, type RunOptions, run } from '@omnifn/core/adapter';
import { deadlineOf, type LambdaContext, xrayTraceId } from './lambda-context';
import type { AlbResult } from './sources/alb';
import type { ApiGatewayV1Result } from './sources/api-gateway-v1';
import type { ApiGatewayV2Result } from './sources/api-gateway-v2';
import { sources } from './sources/index';

/** Options of `toAws`. */
export interface AwsOptions extends Pick<RunOptions, 'logLevel' | 'sink'> {
  /** How long before Lambda's deadline `ctx.signal` fires; default 500 ms. */
  readonly timeoutMarginMs?: number;
  /** Largest request body in bytes after base64 decoding; default 6 MB. */
  readonly bodyLimit?: number;
}

/** What an http handler's Lambda function returns, shaped for the source that called it. */
export type AwsHttpResult = ApiGatewayV2Result | ApiGatewayV1Result | AlbResult;

/** The Lambda result for a handler kind. */
export type AwsResultOf<K extends EventKind> = K extends 'http' ? AwsHttpResult : undefined;

/** A Lambda handler: async, two parameters (the Node 24 runtime refuses callback handlers). */
export type LambdaHandler<K extends EventKind> = (
  event: unknown,
  context: LambdaContext,
) => Promise<AwsResultOf<K>>;

/**
 * Turns a portable handler into a Lambda handler that recognises every supported source of
 * the handler's kind. Anything else is an `Error` naming what came in, never a success.
 * @example export const handler = toAws(add);
 */
export function toAws<K extends EventKind, V>(
  handler: Handler<K, V>,
  options: AwsOptions = {},
): LambdaHandler<K> {
  // LOG_LEVEL is read once, here: Lambda's environment does not change during the process.
  const runOptions: RunOptions = {
    ...options,
    logLevel: options.logLevel ?? levelFromEnv(),
    timeoutStatus: 504,
  };
  const expected = `an AWS event for a ${handler.kind} handler (${sources
    .filter((s) => s.kind === handler.kind)
    .map((s) => s.name)
    .join(', ')})`;
  return async function omnifnAws(event, context) {
    const source = pickSource(sources, event);
    if (source === undefined) throw new UnsupportedEventError(describeInput(event), expected);
    if (source.kind !== handler.kind) throw new UnsupportedEventError(`a ${source.name} event`, expected);
    const requestId = context?.awsRequestId ?? crypto.randomUUID();
    const response = await run(
      handler,
      {
        provider: 'aws',
        trigger: source.name,
        requestId,
        functionName: context?.functionName,
        deadline: deadlineOf(context),
        native: context,
        traceId: xrayTraceId,
        toEvent: () => source.toEvent(event as never, { requestId, bodyLimit: options.bodyLimit }),
      },
      runOptions,
    );
    // `run` always answers an http handler; the guard keeps the types honest.
    if (response === undefined) throw new Error('omnifn: no response from an http handler');
    return source.toResult(response, event as never) as AwsResultOf<K>;
  };
}
