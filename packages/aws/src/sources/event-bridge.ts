import type { MessageEvent, OmniEvent } from '@omnifn/core';
import type { BatchSource } from '../batch/batch-source';
import { type EventBridgeEvent, isEventBridgeEvent, isScheduledEnvelope } from './event-bridge-envelope';

export type { EventBridgeEvent } from './event-bridge-envelope';

function toMessage(raw: EventBridgeEvent): MessageEvent {
  return {
    kind: 'message',
    id: raw.id,
    time: new Date(raw.time),
    provider: 'aws',
    trigger: 'aws:eventbridge',
    raw,
    messageId: raw.id,
    // EventBridge delivers `detail` as JSON already.
    body: raw.detail,
    attributes: Object.assign(Object.create(null) as Record<string, string>, {
      'detail-type': raw['detail-type'],
      source: raw.source,
      ...(typeof raw.account === 'string' ? { account: raw.account } : {}),
      ...(typeof raw.region === 'string' ? { region: raw.region } : {}),
      ...(typeof raw['replay-name'] === 'string' ? { 'replay-name': raw['replay-name'] } : {}),
    }),
    attempt: undefined,
    publishedAt: new Date(raw.time),
    // The event's `source` is what a rule matches on: the closest thing to a channel.
    channel: raw.source,
    groupId: undefined,
  };
}

/**
 * Any other EventBridge event (custom `PutEvents`, AWS service events, S3 events on a message
 * handler) as a message whose body is `detail`. Asynchronous: a failure rejects, so Lambda
 * retries and then uses the DLQ or destination.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
 */
export const eventBridge: BatchSource<EventBridgeEvent, EventBridgeEvent> = {
  name: 'aws:eventbridge',
  kinds: ['message'],
  delivery: 'async',
  matches: (raw): raw is EventBridgeEvent => isEventBridgeEvent(raw) && !isScheduledEnvelope(raw),
  records: (raw) => [raw],
  recordId: (raw) => raw.id,
  isOrdered: () => true,
  toEvents: (raw): readonly OmniEvent[] => [toMessage(raw)],
};
