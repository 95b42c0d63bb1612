import type { StorageAction, StorageObjectEvent, Trigger } from '@omnifn/core';
import { isObject } from '../is-object';

/**
 * One record of an S3 event notification, copied in.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export interface S3EventRecord {
  readonly eventVersion: string;
  readonly eventSource: 'aws:s3';
  readonly awsRegion: string;
  readonly eventTime: string;
  readonly eventName: string;
  readonly userIdentity?: { readonly principalId: string };
  readonly requestParameters?: { readonly sourceIPAddress: string };
  readonly responseElements?: Readonly<Record<string, string>>;
  readonly s3: {
    readonly s3SchemaVersion: string;
    readonly configurationId?: string;
    readonly bucket: { readonly name: string; readonly arn?: string; readonly ownerIdentity?: object };
    readonly object: {
      /** Form-encoded: `+` is a space, `%xx` an escaped byte. */
      readonly key: string;
      readonly size?: number;
      readonly eTag?: string;
      readonly versionId?: string;
      readonly sequencer?: string;
    };
  };
  readonly glacierEventData?: object;
}

/** The notification S3 sends (to Lambda, or as an SQS/SNS message body). */
export interface S3Notification {
  readonly Records: readonly S3EventRecord[];
}

/**
 * Sent once when a notification configuration is saved; it carries no object.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export interface S3TestEvent {
  readonly Service: 'Amazon S3';
  readonly Event: 's3:TestEvent';
  readonly Time: string;
  readonly Bucket: string;
  readonly RequestId?: string;
  readonly HostId?: string;
}

export function isS3Record(value: unknown): value is S3EventRecord {
  return (
    isObject(value) &&
    value.eventSource === 'aws:s3' &&
    typeof value.eventName === 'string' &&
    isObject(value.s3) &&
    isObject(value.s3.bucket) &&
    isObject(value.s3.object)
  );
}

export function isS3Notification(value: unknown): value is S3Notification {
  return (
    isObject(value) &&
    Array.isArray(value.Records) &&
    value.Records.length > 0 &&
    value.Records.every(isS3Record)
  );
}

export function isS3TestEvent(value: unknown): value is S3TestEvent {
  return isObject(value) && value.Event === 's3:TestEvent' && value.Service === 'Amazon S3';
}

/**
 * DESIGN.md's storage actions for S3 event names.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html
 */
export function s3Action(eventName: string): StorageAction {
  if (eventName.startsWith('ObjectCreated:')) return 'created';
  // Includes `ObjectRemoved:DeleteMarkerCreated`: the object is gone for readers.
  if (eventName.startsWith('ObjectRemoved:') || eventName.startsWith('LifecycleExpiration:'))
    return 'deleted';
  if (eventName.startsWith('LifecycleTransition') || eventName.startsWith('IntelligentTiering'))
    return 'archived';
  // Restore, tagging, ACL, replication, and any event name S3 adds later.
  return 'metadataUpdated';
}

/**
 * S3 form-encodes keys in notifications: `+` is a space, `%xx` a byte of UTF-8.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    throw new Error('S3 object key is not valid form encoding');
  }
}

/** One storage event for one S3 notification record; `trigger` names the source that delivered it. */
export function s3RecordToEvent(record: S3EventRecord, trigger: Trigger, raw: unknown): StorageObjectEvent {
  const { bucket, object } = record.s3;
  return {
    kind: 'storage',
    // S3 records carry no event id: the request id (stable across redeliveries), else the sequencer.
    id: record.responseElements?.['x-amz-request-id'] ?? object.sequencer ?? `${bucket.name}/${object.key}`,
    time: new Date(record.eventTime),
    provider: 'aws',
    trigger,
    raw,
    action: s3Action(record.eventName),
    bucket: bucket.name,
    key: decodeS3Key(object.key),
    size: object.size,
    etag: object.eTag,
    contentType: undefined,
    version: object.versionId,
  };
}

/**
 * The storage events inside a message body (S3 → SQS, S3 → SNS, S3 → SNS → SQS): none for
 * `s3:TestEvent`. Anything else is an Error: a storage handler cannot take it.
 */
export function storageEventsInBody(body: unknown, trigger: Trigger, raw: unknown): StorageObjectEvent[] {
  let value = body;
  // S3 → SNS → SQS: the SQS body is the SNS envelope, whose Message is the notification.
  if (isObject(value) && value.Type === 'Notification' && typeof value.Message === 'string') {
    value = parseOrUndefined(value.Message);
  }
  if (isS3TestEvent(value)) return [];
  if (!isS3Notification(value)) {
    throw new Error(`omnifn: a ${trigger} message that is not an S3 notification reached a storage handler`);
  }
  return value.Records.map((record) => s3RecordToEvent(record, trigger, raw));
}

/** Parses a message body for the S3 check; not JSON is simply not a notification. */
export function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
