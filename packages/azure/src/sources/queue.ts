import type { MessageEvent } from '@omnifn/core';
import { decodeBase64, parseMessageBody } from '@omnifn/core/adapter';
import type { AzureSource } from '../azure-source';
import { dateOf, isObject, numberOf, stringOf } from '../is-object';
import { toMessageBody } from '../message-body';

/**
 * `context.triggerMetadata` of a storage queue trigger (camelCased by the Node v4 library).
 * @see https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#message-metadata
 */
export interface QueueTriggerMetadata {
  readonly id: string;
  readonly dequeueCount?: number;
  readonly insertionTime?: string;
  readonly expirationTime?: string;
  readonly nextVisibleTime?: string;
  readonly popReceipt?: string;
}

export function isQueueTriggerMetadata(value: unknown): value is QueueTriggerMetadata {
  return isObject(value) && typeof value.id === 'string';
}

/**
 * The payload's text when the adapter decodes base64 itself. Base64 text only JSON-parses
 * (as the library tries) to a number, `true`, `false` or `null`, whose text is their string.
 */
function payloadText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return Buffer.from(input).toString('latin1');
  return String(input);
}

/**
 * `app.storageQueue`. The host base64-decodes messages itself by default (host.json
 * `extensions.queues.messageEncoding`); with `"none"` there and `queueMessageEncoding: 'base64'`
 * on the adapter, omnifn decodes them, and a message that is not base64 fails (the host then
 * retries it and moves it to `<queue>-poison` after `maxDequeueCount`).
 * @see https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json
 */
export const queue: AzureSource = {
  type: 'queueTrigger',
  name: 'azure:queue',
  kinds: ['message'],
  toEvents(input, { context, queueMessageEncoding }) {
    const metadata = context.triggerMetadata;
    if (!isQueueTriggerMetadata(metadata)) {
      throw new Error('omnifn: storage queue trigger metadata has no message "id"');
    }
    const body =
      queueMessageEncoding === 'base64'
        ? parseMessageBody(
            decodeBase64(payloadText(input), 'Storage queue message (queueMessageEncoding: base64)'),
          )
        : toMessageBody(input);
    const inserted = dateOf(metadata.insertionTime);
    const event: MessageEvent = {
      kind: 'message',
      id: metadata.id,
      time: inserted ?? new Date(),
      provider: 'azure',
      trigger: 'azure:queue',
      raw: input,
      messageId: metadata.id,
      body,
      attributes: Object.create(null),
      attempt: numberOf(metadata.dequeueCount),
      publishedAt: inserted,
      channel: stringOf(context.options.trigger.queueName),
    };
    return [event];
  },
};
