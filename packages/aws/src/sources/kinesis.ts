import type { MessageEvent, OmniEvent } from '@omnifn/core';
import { decodeBase64, parseMessageBody } from '@omnifn/core/adapter';
import type { BatchSource } from '../batch/batch-source';
import { isObject } from '../is-object';

/**
 * One Kinesis Data Streams record as Lambda delivers it, copied in.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html#services-kinesis-event-example
 */
export interface KinesisRecord {
  readonly kinesis: {
    readonly kinesisSchemaVersion: string;
    readonly partitionKey: string;
    /** A huge decimal string: never parse it as a number. */
    readonly sequenceNumber: string;
    /** Base64. */
    readonly data: string;
    /** Epoch seconds, with a fraction. */
    readonly approximateArrivalTimestamp: number;
  };
  readonly eventSource: 'aws:kinesis';
  readonly eventVersion: string;
  readonly eventID: string;
  readonly eventName: string;
  readonly invokeIdentityArn: string;
  readonly awsRegion: string;
  readonly eventSourceARN: string;
}

export interface KinesisEvent {
  readonly Records: readonly KinesisRecord[];
}

function isKinesisRecord(value: unknown): value is KinesisRecord {
  return isObject(value) && value.eventSource === 'aws:kinesis' && isObject(value.kinesis);
}

export function isKinesisEvent(raw: unknown): raw is KinesisEvent {
  return (
    isObject(raw) &&
    Array.isArray(raw.Records) &&
    raw.Records.length > 0 &&
    raw.Records.every(isKinesisRecord)
  );
}

function sequenceOf(record: KinesisRecord): string | undefined {
  const sequence = record.kinesis.sequenceNumber;
  return typeof sequence === 'string' && sequence !== '' ? sequence : undefined;
}

function toMessage(record: KinesisRecord): MessageEvent {
  const { kinesis } = record;
  const sequence = sequenceOf(record);
  if (sequence === undefined) throw new Error('Kinesis record has no sequenceNumber');
  if (typeof kinesis.data !== 'string') throw new Error('Kinesis record has no data');
  // Strict: invalid base64 fails this record; no garbage reaches the handler (RELIABILITY 18).
  const data = decodeBase64(kinesis.data, 'Kinesis record data');
  const arrived =
    typeof kinesis.approximateArrivalTimestamp === 'number'
      ? new Date(Math.round(kinesis.approximateArrivalTimestamp * 1000))
      : undefined;
  const stream = typeof record.eventSourceARN === 'string' ? record.eventSourceARN : '';
  return {
    kind: 'message',
    id: sequence,
    time: arrived ?? new Date(),
    provider: 'aws',
    trigger: 'aws:kinesis',
    raw: record,
    messageId: sequence,
    body: parseMessageBody(data),
    attributes: Object.create(null) as Record<string, string>,
    attempt: undefined,
    publishedAt: arrived,
    channel: stream.slice(stream.lastIndexOf('/') + 1) || undefined,
    groupId: kinesis.partitionKey,
  };
}

/**
 * Kinesis Data Streams: ordered per shard, so records run one at a time and the first failure
 * stops the batch; with `reportBatchItemFailures` its sequence number is reported (Lambda
 * restarts from the lowest one), followed by the records never attempted.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-kinesis-batchfailurereporting.html
 */
export const kinesis: BatchSource<KinesisEvent, KinesisRecord> = {
  name: 'aws:kinesis',
  kinds: ['message'],
  delivery: 'items',
  matches: isKinesisEvent,
  records: (raw) => raw.Records,
  recordId: sequenceOf,
  isOrdered: () => true,
  toEvents: (record): readonly OmniEvent[] => [toMessage(record)],
};
