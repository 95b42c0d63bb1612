import type { MessageEvent } from '@omnifn/core';
import type { AzureSource } from '../azure-source';
import { dateOf, isObject, numberOf, stringOf, stringRecord } from '../is-object';
import { toMessageBody } from '../message-body';

/**
 * `context.triggerMetadata` of a Service Bus trigger (camelCased by the Node v4 library). With
 * `cardinality: 'many'` each field comes as a `<name>Array`. Extension 5.x sends
 * `applicationProperties`, older ones `userProperties`.
 * @see https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus-trigger#message-metadata
 */
export interface ServiceBusTriggerMetadata {
  readonly messageId?: string;
  readonly deliveryCount?: number;
  readonly sessionId?: string;
  readonly enqueuedTimeUtc?: string;
  readonly sequenceNumber?: number;
  readonly correlationId?: string;
  readonly contentType?: string;
  readonly applicationProperties?: Readonly<Record<string, unknown>>;
  readonly userProperties?: Readonly<Record<string, unknown>>;
  readonly messageIdArray?: readonly string[];
  readonly deliveryCountArray?: readonly number[];
  readonly sessionIdArray?: readonly string[];
  readonly enqueuedTimeUtcArray?: readonly string[];
  readonly applicationPropertiesArray?: readonly Readonly<Record<string, unknown>>[];
  readonly userPropertiesArray?: readonly Readonly<Record<string, unknown>>[];
}

/**
 * The `index`th entry of a batch metadata array, only when the array is as long as the batch:
 * the host drops empty entries, so a shorter array cannot be paired up by index.
 */
function entry(list: unknown, index: number, size: number): unknown {
  return Array.isArray(list) && list.length === size ? list[index] : undefined;
}

function toEvent(
  body: unknown,
  meta: {
    messageId: unknown;
    deliveryCount: unknown;
    sessionId: unknown;
    enqueued: unknown;
    properties: unknown;
  },
  fallbackId: string,
  channel: string | undefined,
): MessageEvent {
  const messageId = stringOf(meta.messageId) ?? fallbackId;
  const enqueued = dateOf(meta.enqueued);
  return {
    kind: 'message',
    id: messageId,
    time: enqueued ?? new Date(),
    provider: 'azure',
    trigger: 'azure:servicebus',
    raw: body,
    messageId,
    body: toMessageBody(body),
    attributes: stringRecord(meta.properties),
    attempt: numberOf(meta.deliveryCount),
    publishedAt: enqueued,
    channel,
    groupId: stringOf(meta.sessionId),
  };
}

/**
 * `app.serviceBusQueue` and `app.serviceBusTopic` (both register `serviceBusTrigger`), with
 * cardinality one or many: one event per message, `deliveryCount` → `attempt`, `sessionId` →
 * `groupId`, application properties → `attributes`, `channel` = the topic or queue name.
 */
export const serviceBus: AzureSource = {
  type: 'serviceBusTrigger',
  name: 'azure:servicebus',
  kinds: ['message'],
  toEvents(input, { context }) {
    const trigger = context.options.trigger;
    const channel = stringOf(trigger.topicName) ?? stringOf(trigger.queueName);
    const meta: ServiceBusTriggerMetadata = isObject(context.triggerMetadata) ? context.triggerMetadata : {};
    if (trigger.cardinality !== 'many') {
      return [
        toEvent(
          input,
          {
            messageId: meta.messageId,
            deliveryCount: meta.deliveryCount,
            sessionId: meta.sessionId,
            enqueued: meta.enqueuedTimeUtc,
            properties: meta.applicationProperties ?? meta.userProperties,
          },
          context.invocationId,
          channel,
        ),
      ];
    }
    if (!Array.isArray(input)) {
      throw new Error('omnifn: a Service Bus trigger with cardinality "many" received no array of messages');
    }
    const size = input.length;
    const properties = meta.applicationPropertiesArray ?? meta.userPropertiesArray;
    return input.map((body, i) =>
      toEvent(
        body,
        {
          messageId: entry(meta.messageIdArray, i, size),
          deliveryCount: entry(meta.deliveryCountArray, i, size),
          sessionId: entry(meta.sessionIdArray, i, size),
          enqueued: entry(meta.enqueuedTimeUtcArray, i, size),
          properties: entry(properties, i, size),
        },
        `${context.invocationId}:${i}`,
        channel,
      ),
    );
  },
};
