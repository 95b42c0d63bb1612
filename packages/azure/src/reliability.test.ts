import { defineHandler } from '@omnifn/core';
import { describe, expect, it } from 'vitest';
import { registerOnHost } from './test-support/host';
import { captureLogs, httpReturn, recorder, rpcHttp } from './test-support/record';

/** RELIABILITY.md E (Azure v4): one test per item, each through the library and the stand-in host. */
const quiet = { sink: () => {} };
const queueMeta = (id: string, dequeueCount: number) => ({
  Id: { string: id },
  DequeueCount: { json: String(dequeueCount) },
  InsertionTime: { json: '"2026-01-01T00:00:00+00:00"' },
});

describe('RELIABILITY E: Azure', () => {
  it('32: a storage queue handler that throws rejects (no catch); dequeueCount is the attempt', async () => {
    const { handler, events } = recorder('rel32', 'message', 'all');
    const logs = captureLogs();
    const fn = registerOnHost(
      handler,
      { trigger: 'storageQueue', queueName: 'orders', connection: 'S' },
      { sink: logs.sink },
    );
    const out = await fn.invoke({ data: { string: '{"order":1}' }, triggerMetadata: queueMeta('m-32', 3) });
    expect(out.error).toBeInstanceOf(Error);
    expect((out.error as Error).message).toBe('failed m-32');
    expect(out.response).toBeUndefined();
    expect(events[0]).toMatchObject({ attempt: 3, body: { order: 1 } });
    expect(logs.records.find((r) => r.message === 'invocation failed')).toMatchObject({
      eventId: 'm-32',
      attempt: 3,
      status: 'failed',
    });
  });

  it('33: a queue message that is not base64 under base64 encoding rejects with an error naming the encoding', async () => {
    const { handler, events } = recorder('rel33', 'message');
    const fn = registerOnHost(
      handler,
      { trigger: 'storageQueue', queueName: 'raw', connection: 'S' },
      { ...quiet, queueMessageEncoding: 'base64' },
    );
    const bad = await fn.invoke({ data: { string: 'not base64!' }, triggerMetadata: queueMeta('m-33', 1) });
    expect(bad.error).toBeInstanceOf(Error);
    expect((bad.error as Error).message).toBe(
      'Storage queue message (queueMessageEncoding: base64) is not valid base64',
    );
    expect(events).toHaveLength(0);
    // A valid one is decoded and parsed.
    const good = await fn.invoke({
      data: { string: Buffer.from('{"a":1}').toString('base64') },
      triggerMetadata: queueMeta('m-33b', 1),
    });
    expect(good.error).toBeUndefined();
    expect(events[0]).toMatchObject({ messageId: 'm-33b', body: { a: 1 } });
  });

  it('34: a Service Bus handler that throws rejects (the host abandons; DLQ after MaxDeliveryCount); deliveryCount is the attempt', async () => {
    const { handler, events } = recorder('rel34', 'message', 'all');
    const fn = registerOnHost(
      handler,
      { trigger: 'serviceBusQueue', queueName: 'jobs', connection: 'SB' },
      quiet,
    );
    const out = await fn.invoke({
      data: { string: 'job' },
      triggerMetadata: {
        MessageId: { string: 'sb-34' },
        DeliveryCount: { json: '4' },
        SessionId: { string: 's1' },
      },
    });
    expect(out.error).toBeInstanceOf(Error);
    expect(events[0]).toMatchObject({ messageId: 'sb-34', attempt: 4, groupId: 's1', channel: 'jobs' });
  });

  it('34: a Service Bus batch (cardinality many) is one event per message, and one failure rejects the whole batch', async () => {
    const { handler, events } = recorder('rel34many', 'message', ['b2']);
    const fn = registerOnHost(
      handler,
      {
        trigger: 'serviceBusTopic',
        topicName: 'orders',
        subscriptionName: 'all',
        connection: 'SB',
        cardinality: 'many',
      },
      quiet,
    );
    const meta = {
      MessageIdArray: { json: '["b1","b2","b3"]' },
      DeliveryCountArray: { json: '[1,2,1]' },
      // The host drops empty entries: two session ids for three messages cannot be paired.
      SessionIdArray: { json: '["s1","s3"]' },
      ApplicationPropertiesArray: { json: '[{"n":1},{"n":2},{"n":3}]' },
    };
    const out = await fn.invoke({ data: { json: '[{"a":1},"two",{"a":3}]' }, triggerMetadata: meta });
    expect(out.error).toBeInstanceOf(Error);
    expect((out.error as Error).message).toBe('failed b2');
    expect(
      events.map((e) => e.kind === 'message' && [e.messageId, e.attempt, e.groupId, e.attributes.n]),
    ).toEqual([
      ['b1', 1, undefined, '1'],
      ['b2', 2, undefined, '2'],
    ]);
    const ok = recorder('rel34manyOk', 'message');
    const all = await registerOnHost(
      ok.handler,
      {
        trigger: 'serviceBusTopic',
        topicName: 'orders',
        subscriptionName: 'all',
        connection: 'SB',
        cardinality: 'many',
      },
      quiet,
    ).invoke({ data: { json: '[{"a":1},"two",{"a":3}]' }, triggerMetadata: meta });
    expect(all.error).toBeUndefined();
    expect(ok.events.map((e) => e.kind === 'message' && [e.messageId, e.body, e.channel])).toEqual([
      ['b1', { a: 1 }, 'orders'],
      ['b2', 'two', 'orders'],
      ['b3', { a: 3 }, 'orders'],
    ]);
  });

  it('35: an Event Grid trigger handler that throws rejects (Event Grid retries, then dead-letters)', async () => {
    const { handler, events } = recorder('rel35', 'message', 'all');
    const fn = registerOnHost(handler, { trigger: 'eventGrid' }, quiet);
    const event = {
      id: 'eg-35',
      topic: '/subscriptions/x/resourceGroups/r/providers/Microsoft.EventGrid/topics/orders',
      subject: 'orders/1',
      eventType: 'Contoso.Orders.Created',
      eventTime: '2026-01-01T00:00:00.0000000Z',
      data: { order: 1 },
      dataVersion: '1',
      metadataVersion: '1',
    };
    const out = await fn.invoke({ data: { json: JSON.stringify(event) } });
    expect(out.error).toBeInstanceOf(Error);
    expect(events[0]).toMatchObject({
      messageId: 'eg-35',
      body: { order: 1 },
      channel: event.topic,
      attributes: { type: 'Contoso.Orders.Created', subject: 'orders/1' },
    });
    // A storage handler given a custom event refuses it, naming what came in (never a success).
    const storage = recorder('rel35storage', 'storage');
    const refused = await registerOnHost(storage.handler, { trigger: 'eventGrid' }, quiet).invoke({
      data: { json: JSON.stringify(event) },
    });
    expect((refused.error as Error).message).toContain('"Contoso.Orders.Created"');
    expect(storage.events).toHaveLength(0);
  });

  it('36: a timer with isPastDue true is surfaced; a failure rejects; the schedule status passes through', async () => {
    const { handler, events } = recorder('rel36', 'schedule', 'all');
    const fn = registerOnHost(handler, { trigger: 'timer', schedule: '0 0 * * * *' }, quiet);
    const status = {
      Last: '2026-01-01T00:00:00+00:00',
      Next: '2026-01-01T01:00:00+00:00',
      LastUpdated: '2026-01-01T00:00:00+00:00',
    };
    const out = await fn.invoke({
      data: {
        json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: status, IsPastDue: true }),
      },
    });
    expect(out.error).toBeInstanceOf(Error);
    expect(events[0]).toMatchObject({ kind: 'schedule', isPastDue: true, name: 'rel36' });
    expect(events[0]?.raw).toMatchObject({ scheduleStatus: { last: status.Last, next: status.Next } });
  });

  it('37: an http handler that throws answers a generic 500 problem+json; two Set-Cookie values stay two cookies', async () => {
    const boom = defineHandler({
      name: 'rel37',
      kind: 'http',
      handle: () => {
        throw new TypeError('password=hunter2');
      },
    });
    const logs = captureLogs();
    const out = await registerOnHost(boom, { trigger: 'http' }, { sink: logs.sink }).invoke({
      data: rpcHttp({
        url: 'https://app.azurewebsites.net/api/rel37',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      }),
      invocationId: 'inv-37',
    });
    expect(out.error).toBeUndefined();
    const res = httpReturn(out.response);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      requestId: 'inv-37',
    });
    expect(res.text).not.toContain('hunter2');
    expect(logs.records.find((r) => r.level === 'error')).toMatchObject({ requestId: 'inv-37' });

    const cookies = defineHandler({
      name: 'rel37cookies',
      kind: 'http',
      handle: () => ({
        status: 200,
        cookies: [
          'a=1; Path=/; HttpOnly',
          'b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Secure; SameSite=Lax',
        ],
        body: 'ok',
      }),
    });
    const two = httpReturn(
      (
        await registerOnHost(cookies, { trigger: 'http' }, quiet).invoke({
          data: rpcHttp({ method: 'GET', url: 'https://app.azurewebsites.net/api/rel37cookies' }),
        })
      ).response,
    );
    expect(two.cookies).toHaveLength(2);
    expect(two.cookies[0]).toMatchObject({
      name: 'a',
      value: '1',
      path: { value: '/' },
      httpOnly: { value: true },
    });
    expect(two.cookies[1]).toMatchObject({ name: 'b', value: '2', secure: { value: true }, sameSite: 'lax' });
    expect(Object.keys(two.headers).map((h) => h.toLowerCase())).not.toContain('set-cookie');
  });

  it('48: request cookies are parsed (b=c=d keeps its =); response cookies keep Expires with its comma intact', async () => {
    const seen: Record<string, string>[] = [];
    const handler = defineHandler({
      name: 'rel48',
      kind: 'http',
      handle: (event) => {
        seen.push({ ...event.cookies });
        return {
          cookies: [
            'sid=x; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=60; Domain=example.com',
            'theme=dark',
          ],
        };
      },
    });
    const out = await registerOnHost(handler, { trigger: 'http' }, quiet).invoke({
      data: rpcHttp({
        method: 'GET',
        url: 'https://app.azurewebsites.net/api/rel48',
        headers: { cookie: 'a=1; b=c=d' },
      }),
    });
    expect(seen[0]).toEqual({ a: '1', b: 'c=d' });
    const res = httpReturn(out.response);
    expect(res.cookies.map((c) => [c.name, c.value])).toEqual([
      ['sid', 'x'],
      ['theme', 'dark'],
    ]);
    expect(res.cookies[0]).toMatchObject({ domain: { value: 'example.com' }, maxAge: { value: 60 } });
    const expires = res.cookies[0]?.expires as { value?: { seconds?: unknown } };
    expect(Number(expires.value?.seconds)).toBe(Date.UTC(2015, 9, 21, 7, 28, 0) / 1000);
  });
});
