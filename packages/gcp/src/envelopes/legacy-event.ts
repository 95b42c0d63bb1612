import { HttpError } from '@omnifn/core';
import { isObject, text } from '../is-object';
import { type CloudEvent, checkCloudEvent } from './cloud-event';

/**
 * Legacy (1st gen "background") events, nested `{ context, data }` or flat
 * `{ eventId, timestamp, eventType, resource, data }`. The framework converts them only for
 * `cloudEvent()` functions, so omnifn converts them itself, following the Functions
 * Frameworks' normative mapping.
 * @see https://github.com/GoogleCloudPlatform/functions-framework-conformance/blob/main/docs/mapping.md
 */
export function isLegacyEvent(body: Record<string, unknown>): boolean {
  const context = isObject(body.context) ? body.context : body;
  return typeof context.eventType === 'string' && 'eventId' in context;
}

const SERVICE_BY_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['providers/cloud.firestore/', 'firestore.googleapis.com'],
  ['providers/google.firebase.analytics/', 'firebaseanalytics.googleapis.com'],
  ['providers/firebase.auth/', 'firebaseauth.googleapis.com'],
  ['providers/google.firebase.database/', 'firebasedatabase.googleapis.com'],
  ['providers/cloud.pubsub/', 'pubsub.googleapis.com'],
  ['providers/cloud.storage/', 'storage.googleapis.com'],
  // New-style types normally carry `resource.service`; these cover a string `resource`.
  ['google.pubsub.', 'pubsub.googleapis.com'],
  ['google.storage.', 'storage.googleapis.com'],
];

const CE_TYPE: Readonly<Record<string, string>> = {
  'google.pubsub.topic.publish': 'google.cloud.pubsub.topic.v1.messagePublished',
  'providers/cloud.pubsub/eventTypes/topic.publish': 'google.cloud.pubsub.topic.v1.messagePublished',
  'google.storage.object.finalize': 'google.cloud.storage.object.v1.finalized',
  'google.storage.object.delete': 'google.cloud.storage.object.v1.deleted',
  'google.storage.object.archive': 'google.cloud.storage.object.v1.archived',
  'google.storage.object.metadataUpdate': 'google.cloud.storage.object.v1.metadataUpdated',
  'providers/cloud.firestore/eventTypes/document.write': 'google.cloud.firestore.document.v1.written',
  'providers/cloud.firestore/eventTypes/document.create': 'google.cloud.firestore.document.v1.created',
  'providers/cloud.firestore/eventTypes/document.update': 'google.cloud.firestore.document.v1.updated',
  'providers/cloud.firestore/eventTypes/document.delete': 'google.cloud.firestore.document.v1.deleted',
  'providers/firebase.auth/eventTypes/user.create': 'google.firebase.auth.user.v1.created',
  'providers/firebase.auth/eventTypes/user.delete': 'google.firebase.auth.user.v1.deleted',
  'providers/firebase.remoteConfig/remoteconfig.update':
    'google.firebase.remoteconfig.remoteConfig.v1.updated',
  'providers/google.firebase.analytics/eventTypes/event.log': 'google.firebase.analytics.log.v1.written',
  'providers/google.firebase.database/eventTypes/ref.create': 'google.firebase.database.ref.v1.created',
  'providers/google.firebase.database/eventTypes/ref.write': 'google.firebase.database.ref.v1.written',
  'providers/google.firebase.database/eventTypes/ref.update': 'google.firebase.database.ref.v1.updated',
  'providers/google.firebase.database/eventTypes/ref.delete': 'google.firebase.database.ref.v1.deleted',
};

/** The oldest storage type; `resourceState: "not_exists"` in its data means a delete. */
const OBJECT_CHANGE = 'providers/cloud.storage/eventTypes/object.change';

export function fromLegacyEvent(body: Record<string, unknown>): CloudEvent {
  const context = isObject(body.context) ? body.context : body;
  const eventType = String(context.eventType);
  const resource = context.resource;
  const name = isObject(resource) ? text(resource.name) : text(resource);
  const service =
    (isObject(resource) ? text(resource.service) : undefined) ??
    SERVICE_BY_PREFIX.find(([prefix]) => eventType.startsWith(prefix))?.[1];
  const data = body.data;
  const type = eventType === OBJECT_CHANGE ? objectChangeType(data) : CE_TYPE[eventType];
  if (type === undefined || service === undefined || name === undefined) {
    throw new HttpError(400, `Legacy event of an unsupported type or without a resource: ${eventType}`);
  }
  const { source, subject } = addressOf(service, name, body, data);
  const event: Record<string, unknown> = {
    specversion: '1.0',
    id: String(context.eventId),
    source,
    type,
    time: text(context.timestamp),
    datacontenttype: 'application/json',
    data: convertData(service, data, context),
  };
  if (subject !== undefined) event.subject = subject;
  return checkCloudEvent(event, 'legacy');
}

function objectChangeType(data: unknown): string {
  return isObject(data) && data.resourceState === 'not_exists'
    ? 'google.cloud.storage.object.v1.deleted'
    : 'google.cloud.storage.object.v1.finalized';
}

/** `source` and `subject` per service (mapping.md, "Event-specific requirements"). */
function addressOf(
  service: string,
  name: string,
  body: Record<string, unknown>,
  data: unknown,
): { source: string; subject?: string | undefined } {
  const split = (marker: string) => {
    const at = name.indexOf(marker);
    return at === -1 ? undefined : { head: name.slice(0, at), tail: name.slice(at + 1) };
  };
  switch (service) {
    case 'storage.googleapis.com': {
      const parts = split('/objects/');
      if (parts === undefined) break;
      // `resource` of `object.change` ends in `#<generation>`, which is not part of the name.
      const hash = parts.tail.lastIndexOf('#');
      return {
        source: `//${service}/${parts.head}`,
        subject: hash === -1 ? parts.tail : parts.tail.slice(0, hash),
      };
    }
    case 'firestore.googleapis.com': {
      const parts = split('/documents/');
      return parts
        ? { source: `//${service}/${parts.head}`, subject: parts.tail }
        : { source: `//${service}/${name}` };
    }
    case 'firebasedatabase.googleapis.com': {
      const domain = text(body.domain);
      const match = /^projects\/_\/instances\/([^/]+)\/(refs\/.+)$/.exec(name);
      if (domain === undefined || match === null)
        throw new HttpError(400, 'Firebase RTDB event without domain');
      const location = domain === 'firebaseio.com' ? 'us-central1' : domain.split('.')[0];
      return {
        source: `//${service}/projects/_/locations/${location}/instances/${match[1]}`,
        subject: match[2],
      };
    }
    case 'firebaseauth.googleapis.com': {
      const uid = isObject(data) ? text(data.uid) : undefined;
      return { source: `//${service}/${name}`, subject: uid === undefined ? undefined : `users/${uid}` };
    }
    case 'firebaseanalytics.googleapis.com': {
      const match = /^(projects\/[^/]+)\/(events\/.+)$/.exec(name);
      const userDim = isObject(data) && isObject(data.userDim) ? data.userDim : undefined;
      const appId = userDim && isObject(userDim.appInfo) ? text(userDim.appInfo.appId) : undefined;
      if (match && appId) return { source: `//${service}/${match[1]}/apps/${appId}`, subject: match[2] };
      break;
    }
  }
  return { source: `//${service}/${name}` };
}

function convertData(service: string, data: unknown, context: Record<string, unknown>): unknown {
  if (service === 'pubsub.googleapis.com') {
    // The message id and publish time live in the context; `subscription` is not known.
    return {
      message: {
        ...(isObject(data) ? data : {}),
        messageId: context.eventId,
        publishTime: context.timestamp,
      },
    };
  }
  if (service === 'firebaseauth.googleapis.com' && isObject(data) && isObject(data.metadata)) {
    const { createdAt, lastSignedInAt, ...rest } = data.metadata;
    const metadata: Record<string, unknown> = { ...rest };
    if (createdAt !== undefined) metadata.createTime = createdAt;
    if (lastSignedInAt !== undefined) metadata.lastSignInTime = lastSignedInAt;
    return { ...data, metadata };
  }
  return data;
}
