import type { OmniEvent, StorageAction, StorageObjectEvent } from '@omnifn/core';
import type { BatchSource } from '../batch/batch-source';
import { isObject } from '../is-object';
import { type EventBridgeEvent, isEventBridgeEvent } from './event-bridge-envelope';

/**
 * The `detail` of an S3 event delivered through EventBridge (kebab-case keys, `etag` in lower case).
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 */
export interface S3EventBridgeDetail {
  readonly version: string;
  readonly bucket: { readonly name: string };
  readonly object: {
    readonly key: string;
    readonly size?: number;
    readonly etag?: string;
    readonly 'version-id'?: string;
    readonly sequencer?: string;
  };
  readonly 'request-id'?: string;
  readonly requester?: string;
  readonly 'source-ip-address'?: string;
  readonly reason?: string;
  readonly 'deletion-type'?: string;
}

export type S3EventBridgeEvent = EventBridgeEvent<S3EventBridgeDetail>;

/**
 * DESIGN.md's storage actions for the S3 detail types.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventBridge.html
 */
const ACTIONS: Readonly<Record<string, StorageAction>> = {
  'Object Created': 'created',
  'Object Deleted': 'deleted',
  'Object Storage Class Changed': 'archived',
  'Object Access Tier Changed': 'archived',
  'Object Restore Initiated': 'metadataUpdated',
  'Object Restore Completed': 'metadataUpdated',
  'Object Restore Expired': 'metadataUpdated',
  'Object Tags Added': 'metadataUpdated',
  'Object Tags Deleted': 'metadataUpdated',
  'Object ACL Updated': 'metadataUpdated',
};

export function isS3EventBridgeEvent(raw: unknown): raw is S3EventBridgeEvent {
  return (
    isEventBridgeEvent(raw) &&
    raw.source === 'aws.s3' &&
    Object.hasOwn(ACTIONS, raw['detail-type']) &&
    isObject(raw.detail) &&
    isObject(raw.detail.bucket) &&
    isObject(raw.detail.object) &&
    typeof raw.detail.object.key === 'string'
  );
}

function toStorage(raw: S3EventBridgeEvent): StorageObjectEvent {
  const { bucket, object } = raw.detail;
  return {
    kind: 'storage',
    id: raw.id,
    time: new Date(raw.time),
    provider: 'aws',
    trigger: 'aws:eventbridge',
    raw,
    action: ACTIONS[raw['detail-type']] ?? 'metadataUpdated',
    bucket: bucket.name,
    // EventBridge delivers the key as stored (AWS's samples show `:` unescaped), unlike notifications.
    key: object.key,
    size: object.size,
    etag: object.etag,
    contentType: undefined,
    version: object['version-id'],
  };
}

/**
 * S3 events through EventBridge (`Object Created`, `Object Deleted` …) for storage handlers.
 * Asynchronous: a failure rejects.
 */
export const s3EventBridge: BatchSource<S3EventBridgeEvent, S3EventBridgeEvent> = {
  name: 'aws:eventbridge',
  kinds: ['storage'],
  delivery: 'async',
  matches: isS3EventBridgeEvent,
  records: (raw) => [raw],
  recordId: (raw) => raw.id,
  isOrdered: () => true,
  toEvents: (raw): readonly OmniEvent[] => [toStorage(raw)],
};
