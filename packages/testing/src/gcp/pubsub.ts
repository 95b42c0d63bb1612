import { cloudEvent } from './cloud-event';
import { frontEndHeaders, type GcpHttpRequest, gcpRequest } from './gcp-request';

/** One Pub/Sub message, for `events.gcp.pubsub` and `events.gcp.pubsubPush`. */
export interface PubsubInit {
  /** Object → JSON, string → UTF-8, bytes as they are; sent base64 as Pub/Sub does. */
  readonly data?: unknown;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly messageId?: string;
  readonly publishTime?: string;
  readonly orderingKey?: string;
  readonly deliveryAttempt?: number;
  /** Default `projects/my-project/topics/my-topic`. */
  readonly topic?: string;
  /** Default `projects/my-project/subscriptions/my-subscription`. */
  readonly subscription?: string;
  /** For `pubsub`: Eventarc's binary mode (default) or structured mode. */
  readonly mode?: 'binary' | 'structured';
}

function encode(data: unknown): string {
  if (data === undefined) return '';
  if (data instanceof Uint8Array) return Buffer.from(data).toString('base64');
  return Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString('base64');
}

function pushBody(init: PubsubInit) {
  const messageId = init.messageId ?? String(Math.floor(Math.random() * 1e16));
  const publishTime = init.publishTime ?? new Date().toISOString();
  return {
    message: {
      data: encode(init.data),
      ...(init.attributes ? { attributes: { ...init.attributes } } : {}),
      messageId,
      message_id: messageId,
      publishTime,
      publish_time: publishTime,
      ...(init.orderingKey ? { orderingKey: init.orderingKey } : {}),
    },
    subscription: init.subscription ?? 'projects/my-project/subscriptions/my-subscription',
    ...(init.deliveryAttempt === undefined ? {} : { deliveryAttempt: init.deliveryAttempt }),
  };
}

/**
 * A Pub/Sub message as Eventarc delivers it: a `messagePublished` CloudEvent.
 * @example events.gcp.pubsub({ data: { orderId: 1 }, attributes: { kind: 'order' } })
 */
export function pubsub(init: PubsubInit = {}): GcpHttpRequest {
  const body = pushBody(init);
  return cloudEvent({
    type: 'google.cloud.pubsub.topic.v1.messagePublished',
    source: `//pubsub.googleapis.com/${init.topic ?? 'projects/my-project/topics/my-topic'}`,
    id: body.message.messageId,
    time: body.message.publishTime,
    data: body,
    mode: init.mode ?? 'binary',
  });
}

/**
 * A raw push from a Pub/Sub push subscription (no Eventarc, no `ce-*` headers).
 * @see https://cloud.google.com/pubsub/docs/push#receive_push
 */
export function pubsubPush(init: PubsubInit = {}): GcpHttpRequest {
  return gcpRequest({
    method: 'POST',
    path: '/',
    headers: { ...frontEndHeaders({}), 'content-type': 'application/json' },
    body: JSON.stringify(pushBody(init)),
  });
}
