import { createLogger, type EventKind, type Handler, type OmniEvent } from '@omnifn/core';
import {
  DEFAULT_TIMEOUT_MARGIN_MS,
  type Invocation,
  type RunOptions,
  run,
  toError,
} from '@omnifn/core/adapter';
import type { RecordFailure } from './batch-failure-error';
import type { AnyBatchSource } from './batch-source';

/** What the batch runner needs besides the handler and the raw event. */
export interface BatchRun {
  readonly requestId: string;
  /** The Lambda function's name, else the handler's. */
  readonly functionName: string;
  readonly deadline: number;
  readonly native: unknown;
  readonly traceId: Invocation['traceId'];
  /** Records of a standard queue run at most this many at a time; default 1. */
  readonly concurrency: number;
  /** FIFO: after a failure, skip only the later records of the same group. */
  readonly skipGroupOnError: boolean;
  readonly bodyLimit: number | undefined;
}

/**
 * Runs every record of a batch through core's `run()` (one invocation per event, same
 * request id) and returns the records that did not finish, in record order. A record
 * finishes only when every event it carries resolved. Ordered sources (FIFO, streams) run one
 * record at a time and stop at the first failure, failing every later record; others run
 * with `concurrency`. A record not started before `deadline − margin` is failed unstarted,
 * so the invocation returns before Lambda stops it.
 * @internal
 */
export async function runBatch<K extends EventKind, V>(
  handler: Handler<K, V>,
  source: AnyBatchSource,
  raw: unknown,
  batch: BatchRun,
  options: RunOptions,
): Promise<{ failures: RecordFailure[]; total: number }> {
  const records = source.records(raw);
  const errors: (Error | undefined)[] = new Array(records.length);
  const cutoff = batch.deadline - (options.timeoutMarginMs ?? DEFAULT_TIMEOUT_MARGIN_MS);
  const skipped: { index: number; reason: string }[] = [];
  const skip = (index: number, reason: string) => {
    errors[index] = new Error(`Record not processed: ${reason}`);
    skipped.push({ index, reason });
  };
  // `.then`, not an async wrapper: one promise less per record on the hot path.
  const attempt = (index: number): Promise<void> =>
    runRecord(handler, source, records[index], batch, options).then(undefined, (thrown: unknown) => {
      errors[index] = toError(thrown);
    });

  if (source.isOrdered(raw)) {
    let stopped = false;
    const failedGroups = new Set<string | undefined>();
    for (let i = 0; i < records.length; i++) {
      const group = batch.skipGroupOnError ? source.groupOf?.(records[i]) : undefined;
      if (stopped) skip(i, 'an earlier record of the ordered batch failed');
      else if (batch.skipGroupOnError && failedGroups.has(group))
        skip(i, `an earlier record of group ${group} failed`);
      else if (Date.now() >= cutoff) skip(i, 'the deadline was too close to start it');
      else {
        await attempt(i);
        if (errors[i] === undefined) continue;
        if (batch.skipGroupOnError) failedGroups.add(group);
        else stopped = true;
      }
    }
  } else {
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const i = next++;
        if (Date.now() >= cutoff) skip(i, 'the deadline was too close to start it');
        else await attempt(i);
      }
    };
    const width = Math.max(1, Math.min(Math.floor(batch.concurrency) || 1, records.length));
    await Promise.all(Array.from({ length: width }, worker));
  }

  if (skipped.length > 0) logSkipped(source, records, skipped, batch, options);
  const failures: RecordFailure[] = [];
  for (let i = 0; i < records.length; i++) {
    const error = errors[i];
    if (error !== undefined) failures.push({ id: source.recordId(records[i]), index: i, error });
  }
  return { failures, total: records.length };
}

/** Every event of one record, in order; the first failure fails the record. Never throws synchronously. */
function runRecord<K extends EventKind, V>(
  handler: Handler<K, V>,
  source: AnyBatchSource,
  record: unknown,
  batch: BatchRun,
  options: RunOptions,
): Promise<unknown> {
  let events: readonly OmniEvent[];
  try {
    events = source.toEvents(record, handler.kind, {
      requestId: batch.requestId,
      bodyLimit: batch.bodyLimit,
    });
  } catch (thrown) {
    // Through `run` all the same, so that the failure is logged the way every failure is.
    return run(
      handler,
      invocationOf(source, batch, record, () => {
        throw thrown;
      }),
      options,
    );
  }
  const [first] = events;
  if (first === undefined) {
    try {
      createLogger({
        level: options.logLevel,
        sink: options.sink,
        bindings: bindingsOf(source, batch, record),
      }).info('record acknowledged without running the handler: it carries no event (s3:TestEvent)');
    } catch (thrown) {
      return Promise.reject(thrown);
    }
    return Promise.resolve();
  }
  // A message event binds its own id and attempt; storage events carried by a message (S3 in
  // SQS/SNS) also name the message they came in, so a failure line leads back to it.
  const carrier = first.kind === 'message' ? undefined : record;
  if (events.length === 1)
    return run(
      handler,
      invocationOf(source, batch, carrier, () => first),
      options,
    );
  return runEach(handler, source, events, carrier, batch, options);
}

async function runEach<K extends EventKind, V>(
  handler: Handler<K, V>,
  source: AnyBatchSource,
  events: readonly OmniEvent[],
  carrier: unknown,
  batch: BatchRun,
  options: RunOptions,
): Promise<void> {
  for (const event of events)
    await run(
      handler,
      invocationOf(source, batch, carrier, () => event),
      options,
    );
}

function invocationOf(
  source: AnyBatchSource,
  batch: BatchRun,
  record: unknown,
  toEvent: () => OmniEvent,
): Invocation {
  return {
    provider: 'aws',
    trigger: source.name,
    requestId: batch.requestId,
    functionName: batch.functionName,
    deadline: batch.deadline,
    native: batch.native,
    traceId: batch.traceId,
    // Not for a message event: `run` binds its own id and attempt (and `eventId` below gives way to them).
    bindings: record === undefined ? undefined : recordBindings(source, record),
    toEvent,
  };
}

function recordBindings(source: AnyBatchSource, record: unknown): Record<string, unknown> {
  const id = source.recordId(record);
  return { eventId: id, recordId: id, attempt: source.attemptOf?.(record) };
}

function bindingsOf(source: AnyBatchSource, batch: BatchRun, record: unknown): Record<string, unknown> {
  return {
    requestId: batch.requestId,
    function: batch.functionName,
    trigger: source.name,
    ...recordBindings(source, record),
  };
}

/** One warn line per record failed without being run, with its id and attempt (RELIABILITY 56). */
function logSkipped(
  source: AnyBatchSource,
  records: readonly unknown[],
  skipped: readonly { index: number; reason: string }[],
  batch: BatchRun,
  options: RunOptions,
): void {
  for (const { index, reason } of skipped) {
    createLogger({
      level: options.logLevel,
      sink: options.sink,
      bindings: bindingsOf(source, batch, records[index]),
    }).warn('record failed without running', { reason });
  }
}
