import { defineHandler, type MessageEvent, type ScheduleEvent, type StorageObjectEvent } from '@omnifn/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { events } from '../events';
import { invoke } from '../invoke';

const quiet = { azure: { sink: () => {} } };

const add = defineHandler({
  name: 'add',
  kind: 'http',
  validate: { body: z.object({ num1: z.number(), num2: z.number() }) },
  handle: (event) => ({
    body: { result: event.body.num1 + event.body.num2 },
    cookies: ['a=1; Path=/', 'b=2'],
  }),
});

function collect<K extends 'message' | 'storage' | 'schedule'>(kind: K, fail = false) {
  const seen: Array<MessageEvent | StorageObjectEvent | ScheduleEvent> = [];
  const record = (event: MessageEvent | StorageObjectEvent | ScheduleEvent) => {
    seen.push(event);
    if (fail) throw new Error('nope');
  };
  const handler =
    kind === 'message'
      ? defineHandler({ name: 'm', kind: 'message', handle: record })
      : kind === 'storage'
        ? defineHandler({ name: 's', kind: 'storage', handle: record })
        : defineHandler({ name: 't', kind: 'schedule', handle: record });
  return { handler, seen };
}

describe('events.azure builders through invoke (toAzure with the real library classes)', () => {
  it('http: valid, invalid and malformed input; cookies as Azure Cookie objects', async () => {
    const ok = await invoke(
      add,
      events.azure.http({ method: 'POST', path: '/api/add', body: { num1: 2, num2: 3 } }),
      quiet,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('{"result":5}');
    expect(ok.cookies).toEqual([
      { name: 'a', value: '1', path: '/' },
      { name: 'b', value: '2' },
    ]);
    const invalid = await invoke(
      add,
      events.azure.http({ method: 'POST', path: '/api/add', body: { num1: 'x', num2: 3 } }),
      quiet,
    );
    expect(invalid.status).toBe(400);
    const malformed = await invoke(
      add,
      events.azure.http({
        method: 'POST',
        path: '/api/add',
        body: '{"num1":',
        headers: { 'content-type': 'application/json' },
      }),
      quiet,
    );
    expect(malformed.status).toBe(400);
    expect(JSON.parse(String(malformed.body))).toMatchObject({ detail: 'Request body is not valid JSON' });
  });

  it('http: query, cookies, ip and path parameters reach the event', async () => {
    const echo = defineHandler({
      name: 'echo',
      kind: 'http',
      handle: (event) => ({ body: { q: event.query, c: event.cookies, ip: event.ip, p: event.params } }),
    });
    const res = await invoke(
      echo,
      events.azure.http({
        path: '/api/x?a=1&a=2',
        cookies: ['k=v'],
        ip: '198.51.100.4',
        pathParameters: { id: '9' },
      }),
      quiet,
    );
    expect(JSON.parse(String(res.body))).toEqual({
      q: { a: ['1', '2'] },
      c: { k: 'v' },
      ip: '198.51.100.4',
      p: { id: '9' },
    });
  });

  it('blob, Event Grid blob (both schemas), queue, Service Bus (one and many) and timer', async () => {
    const storage = collect('storage');
    await invoke(
      storage.handler,
      events.azure.blob({ container: 'c', name: 'dir/a b.txt', content: 'abc' }),
      quiet,
    );
    await invoke(
      storage.handler,
      events.azure.eventGridBlob({ action: 'deleted', container: 'c', name: 'x.bin' }),
      quiet,
    );
    await invoke(
      storage.handler,
      events.azure.eventGridBlob({ container: 'c', name: 'y.bin', schema: 'cloudevents' }),
      quiet,
    );
    expect(storage.seen.map((e) => e.kind === 'storage' && [e.trigger, e.action, e.bucket, e.key])).toEqual([
      ['azure:blob', 'created', 'c', 'dir/a b.txt'],
      ['azure:eventgrid', 'deleted', 'c', 'x.bin'],
      ['azure:eventgrid', 'created', 'c', 'y.bin'],
    ]);

    const messages = collect('message');
    await invoke(
      messages.handler,
      events.azure.storageQueue({ body: { n: 1 }, id: 'q1', dequeueCount: 2 }),
      quiet,
    );
    await invoke(
      messages.handler,
      events.azure.serviceBus({ messages: [{ body: 'one', messageId: 's1', sessionId: 'g' }] }),
      quiet,
    );
    await invoke(
      messages.handler,
      events.azure.serviceBus({
        cardinality: 'many',
        topicName: 'orders',
        messages: [
          { body: { a: 1 }, messageId: 'm1', applicationProperties: { k: 'v' } },
          { body: { a: 2 }, messageId: 'm2', deliveryCount: 3 },
        ],
      }),
      quiet,
    );
    await invoke(
      messages.handler,
      events.azure.eventGrid({ type: 'Contoso.Event', data: { z: 1 }, id: 'e1' }),
      quiet,
    );
    expect(
      messages.seen.map(
        (e) => e.kind === 'message' && [e.trigger, e.messageId, e.attempt, e.groupId, e.channel],
      ),
    ).toEqual([
      ['azure:queue', 'q1', 2, undefined, 'orders'],
      ['azure:servicebus', 's1', 1, 'g', 'orders'],
      ['azure:servicebus', 'm1', 1, undefined, 'orders'],
      ['azure:servicebus', 'm2', 3, undefined, 'orders'],
      ['azure:eventgrid', 'e1', undefined, undefined, expect.stringContaining('/topics/omnifn')],
    ]);

    const schedule = collect('schedule');
    await invoke(schedule.handler, events.azure.timer({ isPastDue: true }), quiet);
    expect(schedule.seen[0]).toMatchObject({ kind: 'schedule', trigger: 'azure:timer', isPastDue: true });
  });

  it('a failing non-http handler rejects invoke, as the host would see it', async () => {
    const failing = collect('message', true);
    await expect(invoke(failing.handler, events.azure.storageQueue({ body: 'x' }), quiet)).rejects.toThrow(
      'nope',
    );
  });
});
