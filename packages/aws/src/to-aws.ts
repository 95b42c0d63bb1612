import { type EventKind, type Handler, UnsupportedEventError } from '@omnifn/core';
import { describeInput, levelFromEnv, pickSource, type RunOptions, run } from '@omnifn/core/adapter';
import { BatchFailureError, type RecordFailure } from './batch/batch-failure-error';
import type { AnyBatchSource } from './batch/batch-source';
import { runBatch } from './batch/run-batch';
import { isObject } from './is-object';
import { deadlineOf, type LambdaContext, xrayTraceId } from './lambda-context';
import type { AlbResult } from './sources/alb';
import type { ApiGatewayV1Result } from './sources/api-gateway-v1';
import type { ApiGatewayV2Result } from './sources/api-gateway-v2';
import { batchSources, sources } from './sources/index';
import type { BatchItemFailures } from './sources/sqs';

/** Options of `toAws`. */
export interface AwsOptions extends Pick<RunOptions, 'logLevel' | 'sink'> {
  /** How long before Lambda's deadline `ctx.signal` fires and unstarted records are failed; default 500 ms. */
  readonly timeoutMarginMs?: number;
  /** Largest request body in bytes after base64 decoding; default 6 MB. */
  readonly bodyLimit?: number;
  /**
   * Resolve SQS, Kinesis and DynamoDB batches with `{ batchItemFailures }` listing exactly the
   * records that did not finish. Turn it on only together with `ReportBatchItemFailures` on the
   * event source mapping: without that flag, AWS ignores the list and deletes the whole batch.
   * By default (false) a failed record rejects the invocation, and the whole batch is retried.
   */
  readonly reportBatchItemFailures?: boolean;
  /** How many records of a standard SQS batch run at once; default 1. FIFO and streams always run one at a time. */
  readonly concurrency?: number;
  /**
   * FIFO SQS: after a failure, fail only the later records of the same `MessageGroupId` and go on
   * with the other groups. Default false: stop at the first failure and fail every later record.
   */
  readonly skipGroupOnError?: boolean;
}

/** What an http handler's Lambda function returns, shaped for the source that called it. */
export type AwsHttpResult = ApiGatewayV2Result | ApiGatewayV1Result | AlbResult;

/**
 * The Lambda result for a handler kind: the HTTP response, or for the others `undefined`, or
 * `{ batchItemFailures }` for SQS, Kinesis and DynamoDB with `reportBatchItemFailures`.
 */
export type AwsResultOf<K extends EventKind> = K extends 'http'
  ? AwsHttpResult
  : BatchItemFailures | undefined;

/** A Lambda handler: async, two parameters (the Node 24 runtime refuses callback handlers). */
export type LambdaHandler<K extends EventKind> = (
  event: unknown,
  context: LambdaContext,
) => Promise<AwsResultOf<K>>;

/**
 * Turns a portable handler into a Lambda handler that recognises every supported source of
 * the handler's kind. Anything else is an `Error` naming what came in, never a success.
 * @example export const handler = toAws(add);
 * @example export const handler = toAws(orders, { reportBatchItemFailures: true });
 */
export function toAws<K extends EventKind, V>(
  handler: Handler<K, V>,
  options: AwsOptions = {},
): LambdaHandler<K> {
  // LOG_LEVEL is read once, here: Lambda's environment does not change during the process.
  const runOptions: RunOptions = {
    timeoutMarginMs: options.timeoutMarginMs,
    sink: options.sink,
    logLevel: options.logLevel ?? levelFromEnv(),
    timeoutStatus: 504,
  };
  const names = [...sources, ...batchSources]
    .filter((s) => kindsOf(s).includes(handler.kind))
    .map((s) => s.name);
  const expected = `an AWS event for a ${handler.kind} handler (${[...new Set(names)].join(', ')})`;
  const mine = batchSources.filter((s) => s.kinds.includes(handler.kind));
  const refuse = (event: unknown): never => {
    const other = pickSource(sources, event) ?? pickSource(batchSources, event);
    throw new UnsupportedEventError(other ? `a ${other.name} event` : describeInput(event), expected);
  };

  if (handler.kind !== 'http') {
    return async function omnifnAws(event, context) {
      // An empty batch names no source: nothing to run, nothing failed (RELIABILITY 7).
      if (isObject(event) && Array.isArray(event.Records) && event.Records.length === 0) {
        return (options.reportBatchItemFailures ? { batchItemFailures: [] } : undefined) as AwsResultOf<K>;
      }
      const source = pickSource(mine, event) ?? refuse(event);
      const { failures, total } = await runBatch(
        handler,
        source,
        event,
        {
          requestId: context?.awsRequestId ?? crypto.randomUUID(),
          functionName: context?.functionName ?? handler.name,
          deadline: deadlineOf(context),
          native: context,
          // Read once per invocation, not once per record: `process.env` is slow to read.
          traceId: xrayTraceId(),
          concurrency: options.concurrency ?? 1,
          skipGroupOnError: options.skipGroupOnError ?? false,
          bodyLimit: options.bodyLimit,
        },
        runOptions,
      );
      return settle(source, failures, total, options.reportBatchItemFailures === true) as AwsResultOf<K>;
    };
  }

  return async function omnifnAws(event, context) {
    const source = pickSource(sources, event) ?? refuse(event);
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

function kindsOf(source: { kind: EventKind } | { kinds: readonly EventKind[] }): readonly EventKind[] {
  return 'kinds' in source ? source.kinds : [source.kind];
}

/**
 * The invocation's answer once every record settled. Partial reporting lists each failed
 * record's id once; a failed record without an id cannot be reported, so the whole batch
 * is retried instead (RELIABILITY 6, 17). Without partial reporting, or for an async source,
 * any failure rejects.
 */
function settle(
  source: AnyBatchSource,
  failures: readonly RecordFailure[],
  total: number,
  reportBatchItemFailures: boolean,
): BatchItemFailures | undefined {
  const partial = reportBatchItemFailures && source.delivery === 'items';
  if (failures.length === 0) return partial ? { batchItemFailures: [] } : undefined;
  if (partial) {
    const ids = new Set<string>();
    for (const failure of failures) {
      if (failure.id === undefined) {
        throw new BatchFailureError(
          `omnifn: a failed ${source.name} record has no id to report; the whole batch is retried`,
          failures,
        );
      }
      ids.add(failure.id);
    }
    return { batchItemFailures: [...ids].map((itemIdentifier) => ({ itemIdentifier })) };
  }
  const only = failures[0];
  if (total === 1 && only !== undefined) throw only.error;
  throw new BatchFailureError(
    `omnifn: ${failures.length} of ${total} ${source.name} records failed`,
    failures,
  );
}
