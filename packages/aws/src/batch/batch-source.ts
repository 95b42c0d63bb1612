import type { EventKind, OmniEvent, Trigger } from '@omnifn/core';
import type { SourceOptions } from '@omnifn/core/adapter';

/**
 * How a source's failures reach AWS.
 * - `items`: a poll-based event source mapping (SQS, Kinesis, DynamoDB) that accepts
 *   `{ batchItemFailures }` when `ReportBatchItemFailures` is on, and otherwise retries the
 *   whole batch when the invocation rejects.
 * - `async`: an asynchronous invocation (SNS, S3, EventBridge): a rejection makes Lambda retry,
 *   then hand the event to the DLQ or on-failure destination.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export type Delivery = 'items' | 'async';

/**
 * A native source whose raw event holds records (or is one record): the core `Source`
 * contract maps one raw event to one core event, so batches get their own, in this package.
 * Each record is run through core's `run()` on its own; the batch runner maps the outcomes
 * back. One file per source, listed in `sources/index.ts`.
 */
export interface BatchSource<TRaw, TRecord> {
  readonly name: Trigger;
  /** The handler kinds this source can feed: SQS and SNS also carry S3 notifications. */
  readonly kinds: readonly EventKind[];
  readonly delivery: Delivery;
  /** A precise guard; sources are tried in order, most specific first. */
  matches(raw: unknown): raw is TRaw;
  records(raw: TRaw): readonly TRecord[];
  /** The record's `itemIdentifier` (message id, sequence number); undefined when it has none. */
  recordId(record: TRecord): string | undefined;
  /** The delivery count, for failure logs. */
  attemptOf?(record: TRecord): number | undefined;
  /** FIFO group, for `skipGroupOnError`. */
  groupOf?(record: TRecord): string | undefined;
  /** True when records must run one at a time, in order, stopping at the first failure (FIFO, streams). */
  isOrdered(raw: TRaw): boolean;
  /**
   * The core events a record carries for a handler of `kind`: usually one; several for an S3
   * notification with several records inside a message; none for `s3:TestEvent`, which is
   * acknowledged without running the handler. Throws when the record cannot be decoded.
   */
  toEvents(record: TRecord, kind: EventKind, options: SourceOptions): readonly OmniEvent[];
}

/**
 * Any batch source, for lists and dispatch. Its members are methods, so a source of specific
 * record types is assignable to it; each source only ever sees its own records.
 */
export type AnyBatchSource = BatchSource<unknown, unknown>;
