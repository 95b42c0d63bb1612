import { HttpError, type MessageEvent } from '@omnifn/core';
import { decodeBase64, type HttpResponse, parseMessageBody, type Source } from '@omnifn/core/adapter';
import type { CloudEvent } from '../envelopes/cloud-event';
import { type GcpInput, shortName } from '../envelopes/read-input';
import { isObject, text } from '../is-object';
import { acknowledged } from './acknowledged';

/**
 * `google.cloud.pubsub.topic.v1.messagePublished` data, and the raw push body (same shape).
 * Real deliveries carry camelCase and snake_case twins (`messageId` + `message_id`).
 * @see https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/pubsub/v1/data.proto
 * @see https://cloud.google.com/pubsub/docs/push#receive_push
 */
export interface PubsubMessage {
  readonly data?: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly messageId?: string;
  readonly message_id?: string;
  readonly publishTime?: string;
  readonly publish_time?: string;
  readonly orderingKey?: string;
  readonly deliveryAttempt?: number;
}

export interface MessagePublishedData {
  readonly message: PubsubMessage;
  readonly subscription?: string;
  /** Set when the subscription has a dead-letter policy. */
  readonly deliveryAttempt?: number;
}

export const MESSAGE_PUBLISHED = 'google.cloud.pubsub.topic.v1.messagePublished';

/** A Pub/Sub CloudEvent with a message object in its data. */
export function isPubsubEvent(
  event: CloudEvent | undefined,
): event is CloudEvent & { data: MessagePublishedData } {
  return event?.type === MESSAGE_PUBLISHED && isObject(event.data) && isObject(event.data.message);
}

/** The fields every Pub/Sub-delivered event shares (message, schedule and storage handlers). */
export function readPubsub(event: CloudEvent & { data: MessagePublishedData }) {
  const { message } = event.data;
  const published = text(message.publishTime) ?? text(message.publish_time);
  const publishedAt = published === undefined ? undefined : new Date(published);
  if (publishedAt !== undefined && Number.isNaN(publishedAt.getTime())) {
    throw new HttpError(400, 'Pub/Sub publishTime is not a timestamp');
  }
  const messageId = text(message.messageId) ?? text(message.message_id) ?? event.id;
  // The topic is in a CloudEvent's source; a raw push names only the subscription.
  const source = event.source.startsWith('//pubsub.googleapis.com/') ? event.source.slice(24) : '';
  const channel = source.includes('/topics/') ? shortName(source) : shortName(text(event.data.subscription));
  return { message, messageId, publishedAt, channel };
}

function toEvent(input: GcpInput): MessageEvent {
  const event = input.cloudEvent as CloudEvent & { data: MessagePublishedData };
  const { message, messageId, publishedAt, channel } = readPubsub(event);
  const data = message.data;
  if (data !== undefined && typeof data !== 'string')
    throw new HttpError(400, 'Pub/Sub message data is not a string');
  const attributes: Record<string, string> = Object.create(null);
  if (isObject(message.attributes)) {
    for (const key in message.attributes) attributes[key] = String(message.attributes[key]);
  }
  const attempt = event.data.deliveryAttempt ?? message.deliveryAttempt;
  const orderingKey = text(message.orderingKey);
  return {
    kind: 'message',
    id: messageId,
    time: publishedAt ?? (event.time ? new Date(event.time) : new Date()),
    provider: 'gcp',
    trigger: 'gcp:pubsub',
    raw: event,
    messageId,
    body: parseMessageBody(data === undefined ? '' : decodeBase64(data, 'Pub/Sub message data')),
    attributes,
    attempt: typeof attempt === 'number' && attempt > 0 ? attempt : undefined,
    publishedAt,
    channel,
    groupId: orderingKey,
  };
}

export const pubsub: Source<GcpInput, MessageEvent, HttpResponse> = {
  name: 'gcp:pubsub',
  kind: 'message',
  matches: (raw): raw is GcpInput => isPubsubEvent((raw as GcpInput).cloudEvent),
  toEvent,
  toResult: acknowledged,
};
