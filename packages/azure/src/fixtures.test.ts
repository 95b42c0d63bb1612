import { defineHandler } from '@omnifn/core';
import { describe, expect } from 'vitest';
import { itFixture, loadFixture } from '../../../test/support/fixtures';
import { registerOnHost } from './test-support/host';
import { captureLogs, httpReturn, recorder, rpcHttp } from './test-support/record';

/**
 * Every Azure fixture in ../shared/fixtures/azure, replayed through the stand-in host: the
 * rpc-trigger-metadata inputs are what the host sends, so the library's own InvocationModel
 * turns them into the context the adapter reads, as on Azure.
 */
type Metadata = Record<string, Record<string, unknown>>;
const quiet = { sink: () => {} };

describe('the Azure fixtures through the library and toAzure', () => {
  itFixture<Metadata>(['azure/rpc-trigger-metadata.httpTrigger.input.json'], async (metadata) => {
    const headers = JSON.parse(String(metadata.Headers?.json)) as Record<string, string>;
    const echo = defineHandler({
      name: 'fixtureHttp',
      kind: 'http',
      handle: (event) => ({
        body: { headers: { ...event.headers }, query: { ...event.query }, url: event.url },
      }),
    });
    const fn = registerOnHost(echo, { trigger: 'http', methods: ['GET'] }, quiet);
    const out = await fn.invoke({
      data: rpcHttp({ method: 'GET', url: 'http://localhost:7071/api/fixtureHttp', headers }),
      triggerMetadata: metadata,
    });
    // The library leaves http trigger metadata out on purpose; the request carries it.
    expect((out.context as { triggerMetadata?: unknown }).triggerMetadata).toBeUndefined();
    const res = httpReturn(out.response);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(body.url).toBe('http://localhost:7071/api/fixtureHttp');
    expect(body.query).toEqual({});
    expect(body.headers).toMatchObject({
      host: 'localhost:7071',
      connection: 'keep-alive',
      'sec-ch-ua': headers['sec-ch-ua'],
      'sec-fetch-user': '?1',
    });
  });

  itFixture<Metadata>(['azure/rpc-trigger-metadata.blobTrigger.input.json'], async (metadata) => {
    const { handler, events } = recorder('fixtureBlob', 'storage');
    const fn = registerOnHost(
      handler,
      { trigger: 'storageBlob', path: 'helloworldcontainer/{name}', connection: 'AzureWebJobsStorage' },
      quiet,
    );
    const content = Buffer.from('hello world 1234');
    const out = await fn.invoke({ data: { bytes: content }, triggerMetadata: metadata });
    expect(out.error).toBeUndefined();
    expect((out.context as { triggerMetadata?: unknown }).triggerMetadata).toEqual(
      loadFixture('azure/rpc-trigger-metadata.blobTrigger.expected.json'),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'storage',
      provider: 'azure',
      trigger: 'azure:blob',
      action: 'created',
      bucket: 'helloworldcontainer',
      key: 'hello-at-2022-08-25T05-06-38Z',
      size: 16,
      etag: '0x8DA8657981E929A',
      contentType: 'application/octet-stream',
      id: 'helloworldcontainer/hello-at-2022-08-25T05-06-38Z@0x8DA8657981E929A',
      time: new Date('2022-08-25T05:06:39+00:00'),
    });
    expect(Buffer.from(events[0]?.raw as Uint8Array).toString()).toBe('hello world 1234');
  });

  itFixture<Metadata>(['azure/rpc-trigger-metadata.queueTrigger.input.json'], async (metadata) => {
    const { handler, events } = recorder('fixtureQueue', 'message');
    const fn = registerOnHost(
      handler,
      { trigger: 'storageQueue', queueName: 'helloworldqueue', connection: 'AzureWebJobsStorage' },
      quiet,
    );
    const out = await fn.invoke({
      data: { string: String(metadata.QueueTrigger?.string) },
      triggerMetadata: metadata,
    });
    expect(out.error).toBeUndefined();
    expect((out.context as { triggerMetadata?: unknown }).triggerMetadata).toEqual(
      loadFixture('azure/rpc-trigger-metadata.queueTrigger.expected.json'),
    );
    expect(events[0]).toMatchObject({
      kind: 'message',
      trigger: 'azure:queue',
      id: '814b3b66-0200-4121-8ef3-405846a124bf',
      messageId: '814b3b66-0200-4121-8ef3-405846a124bf',
      body: { name: 'world' },
      attempt: 1,
      publishedAt: new Date('2022-08-25T05:06:39+00:00'),
      channel: 'helloworldqueue',
    });
  });

  itFixture<Metadata>(['azure/rpc-trigger-metadata.serviceBusTrigger.input.json'], async (metadata) => {
    const { handler, events } = recorder('fixtureServiceBus', 'message');
    const fn = registerOnHost(
      handler,
      {
        trigger: 'serviceBusTopic',
        topicName: 'helloWorldTopic',
        subscriptionName: 'helloWorldSub',
        connection: 'ServiceBus',
      },
      quiet,
    );
    const out = await fn.invoke({ data: { string: 'hello world' }, triggerMetadata: metadata });
    expect(out.error).toBeUndefined();
    expect((out.context as { triggerMetadata?: unknown }).triggerMetadata).toEqual(
      loadFixture('azure/rpc-trigger-metadata.serviceBusTrigger.expected.json'),
    );
    expect(events[0]).toMatchObject({
      kind: 'message',
      trigger: 'azure:servicebus',
      messageId: 'a11f788b439b4c5daa6a9f173bf78d68',
      body: 'hello world',
      attempt: 1,
      publishedAt: new Date('2022-08-25T05:06:39.775Z'),
      channel: 'helloWorldTopic',
      attributes: { $AzureWebJobsParentId: '4cad516d-0081-4fa8-8ddb-2f898c664d2b' },
    });
  });

  itFixture<Metadata>(['azure/rpc-trigger-metadata.timerTrigger.input.json'], async (metadata) => {
    const payload = loadFixture('azure/timer-trigger-payload.host-json.json');
    const { handler, events } = recorder('fixtureTimer', 'schedule');
    const fn = registerOnHost(handler, { trigger: 'timer', schedule: '0 */5 * * * *' }, quiet);
    const out = await fn.invoke({
      data: { json: JSON.stringify(payload) },
      triggerMetadata: metadata,
      invocationId: 'inv-timer',
    });
    expect(out.error).toBeUndefined();
    expect((out.context as { triggerMetadata?: unknown }).triggerMetadata).toBeUndefined();
    expect(events[0]).toMatchObject({
      kind: 'schedule',
      trigger: 'azure:timer',
      id: 'inv-timer',
      name: 'fixtureTimer',
      isPastDue: false,
    });
    expect(events[0]?.kind === 'schedule' && events[0].scheduledTime).toBeInstanceOf(Date);
  });

  itFixture(['azure/timer-trigger-payload.host-json.json'], async (payload) => {
    const { handler, events } = recorder('fixtureTimerPayload', 'schedule');
    const fn = registerOnHost(handler, { trigger: 'timer', schedule: '0 */5 * * * *' }, quiet);
    await fn.invoke({ data: { json: JSON.stringify({ ...payload, IsPastDue: true }) } });
    // The library camelCases the host's PascalCase; the schedule status stays on `raw`.
    expect(events[0]).toMatchObject({ isPastDue: true });
    expect(events[0]?.raw).toEqual({
      schedule: { adjustForDST: true },
      scheduleStatus: {
        last: '2022-03-28T15:40:00.0105419-05:00',
        next: '2022-03-28T15:45:00-05:00',
        lastUpdated: '2022-03-28T15:40:00.0105419-05:00',
      },
      isPastDue: true,
    });
  });

  const blobEvents: Record<string, { action: string; time: string; id: string }> = {
    'azure/eventgrid-schema.blob-created.json': {
      action: 'created',
      time: '2021-08-16T02:51:26.424Z',
      id: 'beb21a5e-401e-002b-3749-928517060431',
    },
    'azure/eventgrid-schema.blob-deleted.json': {
      action: 'deleted',
      time: '2021-08-16T02:58:18.503Z',
      id: '3626e710-c01e-005c-794a-92005606d96d',
    },
    'azure/cloudevents-schema.blob-created.json': {
      action: 'created',
      time: '2021-08-16T02:51:26.424Z',
      id: 'beb21a5e-401e-002b-3749-928517060431',
    },
    'azure/cloudevents-schema.blob-deleted.json': {
      action: 'deleted',
      time: '2021-08-16T02:58:18.503Z',
      id: '3626e710-c01e-005c-794a-92005606d96d',
    },
  };
  itFixture(Object.keys(blobEvents), async (fixture, path) => {
    const expected = blobEvents[path] as (typeof blobEvents)[string];
    const storage = recorder(`grid${expected.action}${path.length}`, 'storage');
    const fn = registerOnHost(storage.handler, { trigger: 'eventGrid' }, quiet);
    const out = await fn.invoke({ data: { json: JSON.stringify(fixture) } });
    expect(out.error).toBeUndefined();
    expect(storage.events[0]).toMatchObject({
      kind: 'storage',
      trigger: 'azure:eventgrid',
      id: expected.id,
      action: expected.action,
      bucket: 'gaocontainer',
      key: 'Template1.xlsx',
      size: 17555,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      time: new Date(expected.time),
    });
    // On a message handler the same event is a generic message.
    const messages = recorder(`gridMessage${expected.action}${path.length}`, 'message');
    await registerOnHost(messages.handler, { trigger: 'eventGrid' }, quiet).invoke({
      data: { json: JSON.stringify(fixture) },
    });
    expect(messages.events[0]).toMatchObject({
      kind: 'message',
      messageId: expected.id,
      attributes: { subject: '/blobServices/default/containers/gaocontainer/blobs/Template1.xlsx' },
      channel: expect.stringContaining('/storageAccounts/jolovstorage'),
      body: expect.objectContaining({ blobType: 'BlockBlob' }),
    });
  });

  itFixture<unknown[]>(['azure/eventgrid-schema.subscription-validation.json'], async (batch) => {
    // With the eventGrid trigger the host does the handshake; a validation event that still
    // reaches the function is acknowledged without running the handler (and logged).
    const { handler, events } = recorder('gridValidation', 'message');
    const logs = captureLogs();
    const fn = registerOnHost(handler, { trigger: 'eventGrid' }, { sink: logs.sink, logLevel: 'info' });
    const out = await fn.invoke({ data: { json: JSON.stringify(batch[0]) } });
    expect(out.error).toBeUndefined();
    expect(events).toHaveLength(0);
    expect(logs.records.map((r) => r.message)).toContain(
      'Event Grid system event acknowledged without running the handler',
    );
  });
});
