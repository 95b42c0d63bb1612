import { isObject, text } from '../is-object';
import { type CloudEvent, checkCloudEvent } from './cloud-event';

/**
 * A raw Pub/Sub push body `{ message, subscription }`, POSTed by a push subscription straight
 * to the function (no Eventarc, no `ce-*` headers), turned into its `messagePublished` form.
 * Emulator pushes have no `publishTime`.
 * @see https://cloud.google.com/pubsub/docs/push#receive_push
 */
export function isPubsubPush(body: Record<string, unknown>): boolean {
  return isObject(body.message) && !('specversion' in body);
}

/** A push endpoint may name the topic in its path, as the framework's own middleware reads it. */
const TOPIC_PATH = /^\/(projects\/[^/]+\/topics\/[^/?]+)/;

export function fromPubsubPush(body: Record<string, unknown>, path = '/'): CloudEvent {
  const message = body.message as Record<string, unknown>;
  const subscription = text(body.subscription);
  const id = text(message.messageId) ?? text(message.message_id);
  const time = text(message.publishTime) ?? text(message.publish_time);
  return checkCloudEvent(
    {
      specversion: '1.0',
      id,
      // The push body names the subscription only; the topic is known when the path names it.
      source: `//pubsub.googleapis.com/${TOPIC_PATH.exec(path)?.[1] ?? subscription ?? ''}`,
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      time,
      datacontenttype: 'application/json',
      data: body,
    },
    'pubsub-push',
  );
}
