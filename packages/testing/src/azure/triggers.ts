import { tagCloud } from '../cloud-tag';
import type { AzureInvocation } from './azure-invocation';

interface Common {
  readonly invocationId?: string;
  readonly functionName?: string;
}

const common = (init: Common) => ({
  invocationId: init.invocationId ?? crypto.randomUUID(),
  functionName: init.functionName ?? 'omnifn-test',
});

/** A blob trigger invocation (`app.storageBlob`): the content as a Buffer, the blob in the metadata. */
export function blob(
  init: Common & {
    container?: string;
    name?: string;
    content?: string | Uint8Array;
    contentType?: string;
    etag?: string;
  } = {},
): AzureInvocation {
  const container = init.container ?? 'uploads';
  const name = init.name ?? 'file.txt';
  const content = Buffer.from(init.content ?? 'hello');
  return tagCloud(
    {
      trigger: {
        type: 'blobTrigger',
        name: 'storageBlobTrigger1',
        path: `${container}/{name}`,
        connection: 'AzureWebJobsStorage',
      },
      input: content,
      triggerMetadata: {
        blobTrigger: `${container}/${name}`,
        uri: `https://omnifntest.blob.core.windows.net/${container}/${encodeURI(name)}`,
        name,
        properties: {
          length: content.length,
          contentType: init.contentType ?? 'application/octet-stream',
          eTag: `"${init.etag ?? '0x8DA0000000000001'}"`,
          lastModified: new Date().toISOString(),
        },
        metadata: {},
      },
      ...common(init),
    },
    'azure',
  );
}

/** A storage queue invocation (`app.storageQueue`), the payload already decoded by the host. */
export function storageQueue(
  init: Common & { body?: unknown; id?: string; dequeueCount?: number; queueName?: string } = {},
): AzureInvocation {
  const now = new Date();
  return tagCloud(
    {
      trigger: {
        type: 'queueTrigger',
        name: 'storageQueueTrigger1',
        queueName: init.queueName ?? 'orders',
        connection: 'AzureWebJobsStorage',
      },
      input: init.body ?? {},
      triggerMetadata: {
        id: init.id ?? crypto.randomUUID(),
        dequeueCount: init.dequeueCount ?? 1,
        insertionTime: now.toISOString(),
        expirationTime: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
        nextVisibleTime: new Date(now.getTime() + 600_000).toISOString(),
        popReceipt: 'AgAAAAMAAAAAAAAA',
      },
      ...common(init),
    },
    'azure',
  );
}

interface ServiceBusMessageInit {
  readonly body: unknown;
  readonly messageId?: string;
  readonly deliveryCount?: number;
  readonly sessionId?: string;
  readonly applicationProperties?: Readonly<Record<string, unknown>>;
}

/**
 * A Service Bus invocation: one message (`cardinality: 'one'`, the default) or a batch
 * (`cardinality: 'many'`, the metadata as `<name>Array` fields). `topicName` makes it a topic
 * subscription trigger, else a queue trigger.
 */
export function serviceBus(
  init: Common & {
    messages: readonly ServiceBusMessageInit[];
    cardinality?: 'one' | 'many';
    queueName?: string;
    topicName?: string;
  },
): AzureInvocation {
  const many = init.cardinality === 'many';
  const messages = init.messages.map((m) => ({ ...m, messageId: m.messageId ?? crypto.randomUUID() }));
  const enqueued = new Date().toISOString();
  const target = init.topicName
    ? { topicName: init.topicName, subscriptionName: 'omnifn' }
    : { queueName: init.queueName ?? 'orders' };
  const first = messages[0];
  const triggerMetadata = many
    ? {
        messageIdArray: messages.map((m) => m.messageId),
        deliveryCountArray: messages.map((m) => m.deliveryCount ?? 1),
        enqueuedTimeUtcArray: messages.map(() => enqueued),
        applicationPropertiesArray: messages.map((m) => m.applicationProperties ?? {}),
        // The host leaves out empty entries, as it does on Azure.
        sessionIdArray: messages.flatMap((m) => (m.sessionId === undefined ? [] : [m.sessionId])),
      }
    : {
        messageId: first?.messageId,
        deliveryCount: first?.deliveryCount ?? 1,
        enqueuedTimeUtc: enqueued,
        applicationProperties: first?.applicationProperties ?? {},
        ...(first?.sessionId === undefined ? {} : { sessionId: first.sessionId }),
      };
  return tagCloud(
    {
      trigger: {
        type: 'serviceBusTrigger',
        name: 'serviceBusTrigger1',
        connection: 'ServiceBus',
        cardinality: many ? 'many' : 'one',
        ...target,
      },
      input: many ? messages.map((m) => m.body) : first?.body,
      triggerMetadata,
      ...common(init),
    },
    'azure',
  );
}

/** An Event Grid trigger invocation, in the Event Grid (default) or the CloudEvents schema. */
export function eventGrid(
  init: Common & {
    type?: string;
    subject?: string;
    data?: unknown;
    topic?: string;
    id?: string;
    schema?: 'eventgrid' | 'cloudevents';
  } = {},
): AzureInvocation {
  const id = init.id ?? crypto.randomUUID();
  const time = new Date().toISOString();
  const topic =
    init.topic ??
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/omnifn/providers/Microsoft.EventGrid/topics/omnifn';
  const type = init.type ?? 'Omnifn.Test.Event';
  const subject = init.subject ?? 'test';
  const input =
    init.schema === 'cloudevents'
      ? { specversion: '1.0', id, source: topic, type, subject, time, data: init.data ?? {} }
      : {
          id,
          topic,
          subject,
          eventType: type,
          eventTime: time,
          data: init.data ?? {},
          dataVersion: '1',
          metadataVersion: '1',
        };
  return tagCloud(
    { trigger: { type: 'eventGridTrigger', name: 'eventGridTrigger1' }, input, ...common(init) },
    'azure',
  );
}

/** A `Microsoft.Storage.BlobCreated` / `BlobDeleted` Event Grid invocation for a blob. */
export function eventGridBlob(
  init: Common & {
    action?: 'created' | 'deleted';
    container?: string;
    name?: string;
    size?: number;
    contentType?: string;
    schema?: 'eventgrid' | 'cloudevents';
  } = {},
): AzureInvocation {
  const container = init.container ?? 'uploads';
  const name = init.name ?? 'file.txt';
  const deleted = init.action === 'deleted';
  return eventGrid({
    ...init,
    type: deleted ? 'Microsoft.Storage.BlobDeleted' : 'Microsoft.Storage.BlobCreated',
    subject: `/blobServices/default/containers/${container}/blobs/${name}`,
    topic:
      '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/omnifn/providers/Microsoft.Storage/storageAccounts/omnifntest',
    data: {
      api: deleted ? 'DeleteBlob' : 'PutBlob',
      eTag: '0x8DA0000000000001',
      contentType: init.contentType ?? 'application/octet-stream',
      contentLength: init.size ?? 5,
      blobType: 'BlockBlob',
      url: `https://omnifntest.blob.core.windows.net/${container}/${encodeURI(name)}`,
    },
  });
}

/** A timer invocation, the timer object camelCased as the library gives it. */
export function timer(init: Common & { isPastDue?: boolean; schedule?: string } = {}): AzureInvocation {
  const now = new Date();
  return tagCloud(
    {
      trigger: { type: 'timerTrigger', name: 'timerTrigger1', schedule: init.schedule ?? '0 */5 * * * *' },
      input: {
        isPastDue: init.isPastDue ?? false,
        schedule: { adjustForDST: true },
        scheduleStatus: {
          last: new Date(now.getTime() - 300_000).toISOString(),
          next: new Date(now.getTime() + 300_000).toISOString(),
          lastUpdated: now.toISOString(),
        },
      },
      ...common(init),
    },
    'azure',
  );
}
