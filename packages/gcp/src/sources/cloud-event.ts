import type { MessageEvent } from '@omnifn/core';
import type { HttpResponse, Source } from '@omnifn/core/adapter';
import { type CloudEvent, extensionsOf, timeOf } from '../envelopes/cloud-event';
import type { GcpInput } from '../envelopes/read-input';
import { acknowledged } from './acknowledged';

/**
 * Any other CloudEvent (Eventarc: Firestore, Firebase, Audit Logs…) given to a message
 * handler: `messageId` = id, `body` = data, `attributes` = extension attributes as strings,
 * `channel` = source. The type and subject stay on `raw`, the CloudEvent.
 */
function toEvent(input: GcpInput): MessageEvent {
  const event = input.cloudEvent as CloudEvent;
  return {
    kind: 'message',
    id: event.id,
    time: timeOf(event),
    provider: 'gcp',
    trigger: 'gcp:cloudevent',
    raw: event,
    messageId: event.id,
    body: event.data,
    attributes: extensionsOf(event),
    publishedAt: event.time === undefined ? undefined : timeOf(event),
    channel: event.source,
  };
}

export const cloudEvent: Source<GcpInput, MessageEvent, HttpResponse> = {
  name: 'gcp:cloudevent',
  kind: 'message',
  matches: (raw): raw is GcpInput => (raw as GcpInput).cloudEvent !== undefined,
  toEvent,
  toResult: acknowledged,
};
