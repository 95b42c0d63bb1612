import type { MessageEvent, OmniEvent } from '@omnifn/core';
import { parseMessageBody } from '@omnifn/core/adapter';
import type { BatchSource } from '../batch/batch-source';
import { isObject } from '../is-object';
import { parseOrUndefined, storageEventsInBody } from './s3-notification';

/**
 * One SQS message as Lambda's event source mapping delivers it, copied in.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event
 */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: {
    readonly ApproximateReceiveCount: string;
    readonly SentTimestamp: string;
    readonly SenderId?: string;
    readonly ApproximateFirstReceiveTimestamp?: string;
    /** FIFO queues only. */
    readonly MessageGroupId?: string;
    readonly MessageDeduplicationId?: string;
    readonly SequenceNumber?: string;
    readonly DeadLetterQueueSourceArn?: string;
    readonly AWSTraceHeader?: string;
  };
  readonly messageAttributes: Readonly<Record<string, SqsMessageAttribute>>;
  readonly md5OfBody: string;
  readonly md5OfMessageAttributes?: string | null;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

export interface SqsMessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  /** Base64. */
  readonly binaryValue?: string;
  readonly stringListValues?: readonly string[];
  readonly binaryListValues?: readonly string[];
}

export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/** The itemIdentifier list of a partial batch response. */
export interface BatchItemFailures {
  readonly batchItemFailures: { readonly itemIdentifier: string }[];
}

function isSqsRecord(value: unknown): value is SqsRecord {
  return isObject(value) && value.eventSource === 'aws:sqs' && typeof value.eventSourceARN === 'string';
}

export function isSqsEvent(raw: unknown): raw is SqsEvent {
  return (
    isObject(raw) && Array.isArray(raw.Records) && raw.Records.length > 0 && raw.Records.every(isSqsRecord)
  );
}

/** The queue name is the last part of its ARN (`arn:aws:sqs:region:account:name`). */
export function lastArnPart(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

/** Message attributes as strings: the string value, else the (base64) binary value. */
function attributesOf(record: SqsRecord): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const attributes = record.messageAttributes;
  if (!isObject(attributes)) return out;
  for (const name in attributes) {
    if (!Object.hasOwn(attributes, name)) continue;
    const attribute = attributes[name];
    const value = attribute?.stringValue ?? attribute?.binaryValue;
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

function epochMs(text: string | undefined): Date | undefined {
  const ms = Number(text);
  return text === undefined || !Number.isFinite(ms) ? undefined : new Date(ms);
}

export function sqsRecordToEvent(record: SqsRecord, raw: unknown): MessageEvent {
  if (typeof record.messageId !== 'string' || record.messageId === '')
    throw new Error('SQS record has no messageId');
  const sent = epochMs(record.attributes?.SentTimestamp);
  const attempt = Number(record.attributes?.ApproximateReceiveCount);
  return {
    kind: 'message',
    id: record.messageId,
    // DESIGN: SQS `time` and `publishedAt` are SentTimestamp.
    time: sent ?? new Date(),
    provider: 'aws',
    trigger: 'aws:sqs',
    raw,
    messageId: record.messageId,
    body: parseMessageBody(typeof record.body === 'string' ? record.body : ''),
    attributes: attributesOf(record),
    attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : undefined,
    publishedAt: sent,
    channel: lastArnPart(record.eventSourceARN),
    groupId: record.attributes?.MessageGroupId,
  };
}

/**
 * SQS, standard and FIFO. FIFO batches (a `.fifo` queue, or records carrying a
 * `MessageGroupId`) run in order and stop at the first failure: SQS must not deliver a
 * group's later messages before an earlier one succeeded.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 */
export const sqs: BatchSource<SqsEvent, SqsRecord> = {
  name: 'aws:sqs',
  kinds: ['message', 'storage'],
  delivery: 'items',
  matches: isSqsEvent,
  records: (raw) => raw.Records,
  recordId: (record) =>
    typeof record.messageId === 'string' && record.messageId !== '' ? record.messageId : undefined,
  attemptOf: (record) => Number(record.attributes?.ApproximateReceiveCount) || undefined,
  groupOf: (record) => record.attributes?.MessageGroupId,
  isOrdered: (raw) =>
    raw.Records.some((r) => r.eventSourceARN.endsWith('.fifo') || r.attributes?.MessageGroupId !== undefined),
  toEvents(record, kind): readonly OmniEvent[] {
    if (kind === 'storage') return storageEventsInBody(parseOrUndefined(record.body), 'aws:sqs', record);
    return [sqsRecordToEvent(record, record)];
  },
};
