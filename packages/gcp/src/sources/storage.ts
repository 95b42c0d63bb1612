import { HttpError, type StorageAction, type StorageObjectEvent } from '@omnifn/core';
import { decodeBase64, type HttpResponse, parseMessageBody, type Source } from '@omnifn/core/adapter';
import type { CloudEvent } from '../envelopes/cloud-event';
import type { GcpInput } from '../envelopes/read-input';
import { isObject, text } from '../is-object';
import { acknowledged } from './acknowledged';
import { isPubsubEvent, readPubsub } from './pubsub';

/**
 * Cloud Storage object data (`google.events.cloud.storage.v1.StorageObjectData`). int64
 * fields (`size`, `generation`, `metageneration`) are strings in real payloads and numbers in
 * some of Google's examples: both are read.
 * @see https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/storage/v1/data.proto
 */
export interface StorageObjectData {
  readonly bucket?: string;
  readonly name?: string;
  readonly generation?: string | number;
  readonly metageneration?: string | number;
  readonly size?: string | number;
  readonly etag?: string;
  readonly contentType?: string;
  readonly [field: string]: unknown;
}

const BY_TYPE: Readonly<Record<string, StorageAction>> = {
  'google.cloud.storage.object.v1.finalized': 'created',
  'google.cloud.storage.object.v1.deleted': 'deleted',
  'google.cloud.storage.object.v1.archived': 'archived',
  'google.cloud.storage.object.v1.metadataUpdated': 'metadataUpdated',
};

/**
 * Pub/Sub notifications for Cloud Storage: the action is the `eventType` attribute and the
 * data is the object resource (payload format `JSON_API_V1`).
 * @see https://cloud.google.com/storage/docs/pubsub-notifications#events
 */
const BY_NOTIFICATION: Readonly<Record<string, StorageAction>> = {
  OBJECT_FINALIZE: 'created',
  OBJECT_DELETE: 'deleted',
  OBJECT_ARCHIVE: 'archived',
  OBJECT_METADATA_UPDATE: 'metadataUpdated',
};

function notificationAction(event: CloudEvent | undefined): StorageAction | undefined {
  if (!isPubsubEvent(event)) return undefined;
  const type = event.data.message.attributes?.eventType;
  return type === undefined ? undefined : BY_NOTIFICATION[type];
}

function isStorageInput(raw: unknown): raw is GcpInput {
  const event = (raw as GcpInput).cloudEvent;
  return (
    (event !== undefined && Object.hasOwn(BY_TYPE, event.type)) || notificationAction(event) !== undefined
  );
}

/** An int64 as a number, whether it came as a string or a number. */
function int64(value: unknown): number | undefined {
  const n = typeof value === 'string' && value !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function toEvent(input: GcpInput): StorageObjectEvent {
  const event = input.cloudEvent as CloudEvent;
  let action = BY_TYPE[event.type];
  let data: unknown = event.data;
  let time = event.time ? new Date(event.time) : new Date();
  let id = event.id;
  if (action === undefined && isPubsubEvent(event)) {
    const { message, messageId, publishedAt } = readPubsub(event);
    action = notificationAction(event);
    data =
      message.data === undefined
        ? undefined
        : parseMessageBody(decodeBase64(message.data, 'Pub/Sub message data'));
    time = publishedAt ?? time;
    id = messageId;
  }
  if (!isObject(data)) throw new HttpError(400, 'Cloud Storage event without object data');
  const object = data as StorageObjectData;
  // The subject (`objects/<name>`) and source (`…/buckets/<bucket>`) say the same when data lacks them.
  const key =
    text(object.name) ?? (event.subject?.startsWith('objects/') ? event.subject.slice(8) : undefined);
  const bucket = text(object.bucket) ?? /\/buckets\/([^/]+)$/.exec(event.source)?.[1];
  if (key === undefined || bucket === undefined || action === undefined) {
    throw new HttpError(400, 'Cloud Storage event without bucket or object name');
  }
  const generation = object.generation;
  return {
    kind: 'storage',
    id,
    time,
    provider: 'gcp',
    trigger: 'gcp:storage',
    raw: event,
    action,
    bucket,
    key,
    size: int64(object.size),
    etag: text(object.etag),
    contentType: text(object.contentType),
    version: generation === undefined || generation === '' ? undefined : String(generation),
  };
}

export const storage: Source<GcpInput, StorageObjectEvent, HttpResponse> = {
  name: 'gcp:storage',
  kind: 'storage',
  matches: isStorageInput,
  toEvent,
  toResult: acknowledged,
};
