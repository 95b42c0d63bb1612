import type { MessageEvent, OmniEvent } from '@omnifn/core';
import { parseMessageBody } from '@omnifn/core/adapter';
import type { BatchSource } from '../batch/batch-source';
import { isObject } from '../is-object';
import { parseOrUndefined, storageEventsInBody } from './s3-notification';
import { lastArnPart } from './sqs';

/**
 * An SNS notification as Lambda receives it (asynchronous invocation), copied in.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
export interface SnsRecord {
  readonly EventVersion: string;
  readonly EventSubscriptionArn: string;
  readonly EventSource: 'aws:sns';
  readonly Sns: {
    readonly Type: string;
    readonly MessageId: string;
    readonly TopicArn: string;
    readonly Subject?: string | null;
    readonly Message: string;
    readonly Timestamp: string;
    readonly SignatureVersion?: string;
    readonly Signature?: string;
    readonly SigningCertUrl?: string;
    readonly UnsubscribeUrl?: string;
    readonly MessageAttributes?: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
  };
}

export interface SnsEvent {
  readonly Records: readonly SnsRecord[];
}

function isSnsRecord(value: unknown): value is SnsRecord {
  return isObject(value) && value.EventSource === 'aws:sns' && isObject(value.Sns);
}

export function isSnsEvent(raw: unknown): raw is SnsEvent {
  return (
    isObject(raw) && Array.isArray(raw.Records) && raw.Records.length > 0 && raw.Records.every(isSnsRecord)
  );
}

function attributesOf(sns: SnsRecord['Sns']): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!isObject(sns.MessageAttributes)) return out;
  for (const [name, attribute] of Object.entries(sns.MessageAttributes)) {
    if (typeof attribute?.Value === 'string') out[name] = attribute.Value;
  }
  return out;
}

function snsRecordToEvent(record: SnsRecord): MessageEvent {
  const sns = record.Sns;
  if (typeof sns.MessageId !== 'string' || sns.MessageId === '')
    throw new Error('SNS record has no MessageId');
  const published = new Date(sns.Timestamp);
  return {
    kind: 'message',
    id: sns.MessageId,
    time: published,
    provider: 'aws',
    trigger: 'aws:sns',
    raw: record,
    messageId: sns.MessageId,
    body: parseMessageBody(typeof sns.Message === 'string' ? sns.Message : ''),
    attributes: attributesOf(sns),
    // SNS does not tell Lambda how many times it retried.
    attempt: undefined,
    publishedAt: published,
    channel: typeof sns.TopicArn === 'string' ? lastArnPart(sns.TopicArn) : undefined,
    groupId: undefined,
  };
}

/**
 * SNS: an asynchronous invocation, so any failure rejects and Lambda retries, then uses the
 * DLQ or on-failure destination.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
export const sns: BatchSource<SnsEvent, SnsRecord> = {
  name: 'aws:sns',
  kinds: ['message', 'storage'],
  delivery: 'async',
  matches: isSnsEvent,
  records: (raw) => raw.Records,
  recordId: (record) => record.Sns.MessageId,
  isOrdered: () => true,
  toEvents(record, kind): readonly OmniEvent[] {
    if (kind === 'storage')
      return storageEventsInBody(parseOrUndefined(record.Sns.Message), 'aws:sns', record);
    return [snsRecordToEvent(record)];
  },
};
