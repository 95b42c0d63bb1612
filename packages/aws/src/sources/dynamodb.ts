import type { MessageEvent, OmniEvent } from '@omnifn/core';
import type { BatchSource } from '../batch/batch-source';
import { isObject } from '../is-object';
import { type AttributeValue, type PlainJson, unmarshallImage } from './unmarshall';

/**
 * One DynamoDB Streams record as Lambda delivers it, copied in.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-ddb-event-example
 */
export interface DynamoDbRecord {
  readonly eventID: string;
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  readonly eventVersion: string;
  readonly eventSource: 'aws:dynamodb';
  readonly awsRegion: string;
  readonly eventSourceARN: string;
  readonly userIdentity?: { readonly type: string; readonly principalId: string };
  readonly dynamodb: {
    /** Epoch seconds. */
    readonly ApproximateCreationDateTime?: number;
    readonly Keys?: Readonly<Record<string, AttributeValue>>;
    readonly NewImage?: Readonly<Record<string, AttributeValue>>;
    readonly OldImage?: Readonly<Record<string, AttributeValue>>;
    readonly SequenceNumber?: string;
    readonly SizeBytes?: number;
    readonly StreamViewType?: string;
  };
}

export interface DynamoDbEvent {
  readonly Records: readonly DynamoDbRecord[];
}

/** The body of a DynamoDB stream message (DESIGN.md). */
export interface DynamoDbChange {
  readonly eventName: string;
  readonly keys: Record<string, PlainJson>;
  readonly newImage?: Record<string, PlainJson>;
  readonly oldImage?: Record<string, PlainJson>;
}

function isDynamoDbRecord(value: unknown): value is DynamoDbRecord {
  return isObject(value) && value.eventSource === 'aws:dynamodb' && isObject(value.dynamodb);
}

export function isDynamoDbEvent(raw: unknown): raw is DynamoDbEvent {
  return (
    isObject(raw) &&
    Array.isArray(raw.Records) &&
    raw.Records.length > 0 &&
    raw.Records.every(isDynamoDbRecord)
  );
}

function sequenceOf(record: DynamoDbRecord): string | undefined {
  const sequence = record.dynamodb.SequenceNumber;
  return typeof sequence === 'string' && sequence !== '' ? sequence : undefined;
}

function toMessage(record: DynamoDbRecord): MessageEvent {
  const sequence = sequenceOf(record);
  if (sequence === undefined) throw new Error('DynamoDB stream record has no SequenceNumber');
  const { dynamodb } = record;
  const body: DynamoDbChange = {
    eventName: record.eventName,
    keys: dynamodb.Keys === undefined ? Object.create(null) : unmarshallImage(dynamodb.Keys),
    ...(dynamodb.NewImage === undefined ? {} : { newImage: unmarshallImage(dynamodb.NewImage) }),
    ...(dynamodb.OldImage === undefined ? {} : { oldImage: unmarshallImage(dynamodb.OldImage) }),
  };
  const created =
    typeof dynamodb.ApproximateCreationDateTime === 'number'
      ? new Date(Math.round(dynamodb.ApproximateCreationDateTime * 1000))
      : undefined;
  const arn = typeof record.eventSourceARN === 'string' ? record.eventSourceARN : '';
  // `arn:aws:dynamodb:region:account:table/<name>/stream/<label>`: the table's name.
  const table = /:table\/([^/]+)/.exec(arn)?.[1];
  return {
    kind: 'message',
    id: sequence,
    time: created ?? new Date(),
    provider: 'aws',
    trigger: 'aws:dynamodb',
    raw: record,
    messageId: sequence,
    body,
    attributes: Object.assign(Object.create(null) as Record<string, string>, { eventName: record.eventName }),
    attempt: undefined,
    publishedAt: created,
    channel: table,
    groupId: undefined,
  };
}

/**
 * DynamoDB Streams: ordered per shard like Kinesis. A failed record without a sequence
 * number cannot be reported, so the whole invocation rejects (RELIABILITY 17).
 * @see https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
export const dynamodb: BatchSource<DynamoDbEvent, DynamoDbRecord> = {
  name: 'aws:dynamodb',
  kinds: ['message'],
  delivery: 'items',
  matches: isDynamoDbEvent,
  records: (raw) => raw.Records,
  recordId: sequenceOf,
  isOrdered: () => true,
  toEvents: (record): readonly OmniEvent[] => [toMessage(record)],
};
