import type { MessageEvent, StorageAction, StorageObjectEvent } from '@omnifn/core';
import { UnsupportedEventError } from '@omnifn/core';
import { parseMessageBody } from '@omnifn/core/adapter';
import type { AzureSource } from '../azure-source';
import { dateOf, isObject, numberOf, stringOf } from '../is-object';
import { unquote } from './blob';

/**
 * An event in the Event Grid schema.
 * @see https://learn.microsoft.com/azure/event-grid/event-schema
 */
export interface EventGridSchemaEvent {
  readonly id: string;
  readonly topic?: string;
  readonly subject: string;
  readonly eventType: string;
  readonly eventTime: string;
  readonly data?: unknown;
  readonly dataVersion?: string;
  readonly metadataVersion?: string;
}

/**
 * An event in the CloudEvents 1.0 schema (Azure's own examples spell `specVersion`).
 * @see https://learn.microsoft.com/azure/event-grid/cloud-event-schema
 */
export interface CloudEventSchemaEvent {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string;
  readonly time?: string;
  readonly data?: unknown;
  readonly specversion?: string;
  readonly specVersion?: string;
}

/** The fields both schemas share, read once. */
interface GridEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly topic: string | undefined;
  readonly time: Date;
  readonly data: unknown;
}

export function isEventGridSchemaEvent(input: unknown): input is EventGridSchemaEvent {
  return (
    isObject(input) &&
    typeof input.id === 'string' &&
    typeof input.eventType === 'string' &&
    typeof input.subject === 'string'
  );
}

export function isCloudEventSchemaEvent(input: unknown): input is CloudEventSchemaEvent {
  return (
    isObject(input) &&
    typeof input.id === 'string' &&
    typeof input.type === 'string' &&
    typeof input.source === 'string'
  );
}

function readGridEvent(input: unknown): GridEvent | undefined {
  if (isEventGridSchemaEvent(input)) {
    return {
      id: input.id,
      type: input.eventType,
      subject: input.subject,
      topic: input.topic,
      time: dateOf(input.eventTime) ?? new Date(),
      data: input.data,
    };
  }
  if (isCloudEventSchemaEvent(input)) {
    return {
      id: input.id,
      type: input.type,
      subject: input.subject ?? '',
      topic: input.source,
      time: dateOf(input.time) ?? new Date(),
      data: input.data,
    };
  }
  return undefined;
}

/**
 * Event Grid's own handshake events. With the `eventGrid` trigger the host answers the
 * validation itself; one that still reaches the function is acknowledged without running it.
 * @see https://learn.microsoft.com/azure/event-grid/webhook-event-delivery
 */
export const SYSTEM_EVENTS: ReadonlySet<string> = new Set([
  'Microsoft.EventGrid.SubscriptionValidationEvent',
  'Microsoft.EventGrid.SubscriptionDeletedEvent',
]);

const BLOB_ACTIONS: Readonly<Record<string, StorageAction>> = {
  'Microsoft.Storage.BlobCreated': 'created',
  'Microsoft.Storage.BlobDeleted': 'deleted',
  'Microsoft.Storage.BlobTierChanged': 'metadataUpdated',
};

/** `/blobServices/default/containers/<c>/blobs/<path>` → container and blob path. */
const BLOB_SUBJECT = /^\/blobServices\/default\/containers\/([^/]+)\/blobs\/(.+)$/;

function toStorageEvent(event: GridEvent, raw: unknown): StorageObjectEvent | undefined {
  const base = BLOB_ACTIONS[event.type];
  const match = BLOB_SUBJECT.exec(event.subject);
  if (base === undefined || match === null) return undefined;
  const data = isObject(event.data) ? event.data : {};
  const action = event.type.endsWith('TierChanged') && data.accessTier === 'Archive' ? 'archived' : base;
  return {
    kind: 'storage',
    id: event.id,
    time: event.time,
    provider: 'azure',
    trigger: 'azure:eventgrid',
    raw,
    action,
    bucket: match[1] as string,
    key: match[2] as string,
    size: numberOf(data.contentLength),
    etag: unquote(stringOf(data.eTag)),
    contentType: stringOf(data.contentType),
  };
}

function toMessageEvent(event: GridEvent, raw: unknown): MessageEvent {
  const attributes: Record<string, string> = Object.create(null);
  attributes.type = event.type;
  attributes.subject = event.subject;
  return {
    kind: 'message',
    id: event.id,
    time: event.time,
    provider: 'azure',
    trigger: 'azure:eventgrid',
    raw,
    messageId: event.id,
    body: typeof event.data === 'string' ? parseMessageBody(event.data) : event.data,
    attributes,
    publishedAt: event.time,
    channel: event.topic,
  };
}

/**
 * `app.eventGrid`, in either schema: blob events become storage events for a storage handler;
 * every event, blob events included, becomes a generic message for a message handler
 * (`messageId` = event id, `body` = data, `channel` = topic or source).
 */
export const eventGrid: AzureSource = {
  type: 'eventGridTrigger',
  name: 'azure:eventgrid',
  kinds: ['storage', 'message'],
  toEvents(input, { kind }) {
    const event = readGridEvent(input);
    if (event === undefined) {
      throw new UnsupportedEventError(
        'an Event Grid trigger input in neither the Event Grid nor the CloudEvents schema',
        'an Event Grid event',
      );
    }
    if (SYSTEM_EVENTS.has(event.type)) return [];
    if (kind === 'message') return [toMessageEvent(event, input)];
    const storage = toStorageEvent(event, input);
    if (storage === undefined) {
      throw new UnsupportedEventError(
        `an Event Grid ${JSON.stringify(event.type)} event`,
        'a Microsoft.Storage.BlobCreated, BlobDeleted or BlobTierChanged event for a storage handler',
      );
    }
    return [storage];
  },
};
