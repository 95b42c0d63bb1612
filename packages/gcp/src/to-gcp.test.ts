import { defineHandler, HttpError } from '@omnifn/core';
import { events, invoke, serveGcp } from '@omnifn/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeoutFromEnv } from './default-timeout';
import { captureLogs, echo, quiet, recorder } from './test-support';
import { toGcp } from './to-gcp';

afterEach(() => {
  vi.unstubAllEnvs();
});

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('toGcp: http handlers through the real functions-framework', () => {
  it('maps method, path, repeated query, headers, cookies, client ip and the raw JSON body', async () => {
    const res = await invoke(
      echo,
      events.gcp.http({
        method: 'POST',
        path: '/orders/%61b?a=1&a=2&b=x%2Cy',
        body: { n: 1 },
        cookies: ['a=1', 'b=c=d'],
        ip: '198.51.100.4',
      }),
      { gcp: quiet },
    );
    expect(res.status).toBe(200);
    expect(json(res.body)).toMatchObject({
      trigger: 'gcp:http',
      provider: 'gcp',
      method: 'POST',
      path: '/orders/ab',
      url: 'https://add-abc123-uc.a.run.app/orders/%61b?a=1&a=2&b=x%2Cy',
      query: { a: ['1', '2'], b: 'x,y' },
      cookies: { a: '1', b: 'c=d' },
      body: { n: 1 },
      rawBodyLength: 7,
      ip: '198.51.100.4',
    });
  });

  it('event.id and ctx.requestId are the function-execution-id header', async () => {
    const seen: string[] = [];
    const h = defineHandler({
      name: 'ids',
      kind: 'http',
      handle: (event, ctx) => {
        seen.push(event.id, ctx.requestId);
        return { body: 'ok' };
      },
    });
    const request = events.gcp.http({ path: '/' });
    await invoke(
      h,
      events.gcp.request({ ...request, headers: { ...request.headers, 'function-execution-id': 'exec-7' } }),
      {
        gcp: quiet,
      },
    );
    expect(seen).toEqual(['exec-7', 'exec-7']);
  });

  it('a body without Content-Type (no framework parser runs) still reaches the handler as bytes', async () => {
    const res = await invoke(
      echo,
      events.gcp.request({ ...events.gcp.http({ method: 'PUT' }), body: 'abc' }),
      { gcp: quiet },
    );
    expect(json(res.body)).toMatchObject({ body: { bytes: [97, 98, 99] }, rawBodyLength: 3 });
  });

  it('binary and text results keep their bytes and content types', async () => {
    const h = defineHandler({
      name: 'bin',
      kind: 'http',
      handle: (event) =>
        event.path === '/bin'
          ? { body: new Uint8Array([0, 255, 1]) }
          : { body: 'héllo', headers: { 'x-a': '1' } },
    });
    const bin = await invoke(h, events.gcp.http({ path: '/bin' }), { gcp: quiet });
    expect(bin.headers['content-type']).toBe('application/octet-stream');
    expect([...bin.rawBody]).toEqual([0, 255, 1]);
    const text = await invoke(h, events.gcp.http({ path: '/text' }), { gcp: quiet });
    expect(text.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-a': '1' });
    expect(text.body).toBe('héllo');
  });

  it('48: two Set-Cookie values with Expires dates are two Set-Cookie lines, never comma-joined', async () => {
    const cookies = [
      'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/',
      'b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
    ];
    const h = defineHandler({ name: 'c', kind: 'http', handle: () => ({ status: 201, cookies }) });
    const res = await invoke(h, events.gcp.http(), { gcp: quiet });
    expect(res.status).toBe(201);
    expect(res.cookies).toEqual(cookies);
  });

  it('a throw is a generic 500 problem that echoes nothing; the error goes to the log', async () => {
    const boom = defineHandler({
      name: 'boom',
      kind: 'http',
      handle: () => {
        throw new TypeError('password=hunter2');
      },
    });
    const logs = captureLogs();
    const res = await invoke(boom, events.gcp.http({ path: '/x' }), { gcp: { sink: logs.sink } });
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(json(res.body)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      requestId: expect.any(String),
    });
    expect(res.body).not.toMatch(/hunter2|TypeError/);
    expect(logs.records.find((r) => r.level === 'error')).toMatchObject({
      message: 'invocation failed',
      status: 500,
    });
  });

  it('HttpError below 500 shows its message', async () => {
    const h = defineHandler({
      name: 'nf',
      kind: 'http',
      handle: () => {
        throw new HttpError(404, 'Order not found');
      },
    });
    const res = await invoke(h, events.gcp.http({ path: '/orders/1' }), { gcp: quiet });
    expect(res.status).toBe(404);
    expect(json(res.body)).toMatchObject({ detail: 'Order not found', instance: '/orders/1' });
  });

  it('malformed JSON is answered 400 by the framework itself; the handler does not run', async () => {
    const spy = vi.fn(() => ({ body: 'ran' }));
    const h = defineHandler({ name: 'j', kind: 'http', handle: spy });
    const res = await invoke(
      h,
      events.gcp.http({
        method: 'POST',
        body: '{"num1": 2,',
        headers: { 'content-type': 'application/json' },
      }),
      { gcp: quiet },
    );
    expect(res.status).toBe(400);
    expect(spy).not.toHaveBeenCalled();
  });

  it('two differing Authorization headers are 400 (Node would keep only one)', async () => {
    const res = await invoke(
      echo,
      events.gcp.http({ headers: { authorization: ['Bearer a', 'Bearer b'] } }),
      {
        gcp: quiet,
      },
    );
    expect(res.status).toBe(400);
  });

  it('a body over bodyLimit is 413', async () => {
    const res = await invoke(echo, events.gcp.http({ method: 'POST', body: 'x'.repeat(11) }), {
      gcp: { ...quiet, bodyLimit: 10 },
    });
    expect(res.status).toBe(413);
  });

  it('57: a handler past the deadline gets one 503 at timeoutMs − margin; its late result is dropped and logged', async () => {
    let aborted = false;
    let lateDone: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      lateDone = resolve;
    });
    const slow = defineHandler({
      name: 'slow',
      kind: 'http',
      async handle(_event, ctx) {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        setTimeout(lateDone, 0);
        return { body: 'late' };
      },
    });
    const logs = captureLogs();
    const server = await serveGcp(toGcp(slow, { timeoutMs: 150, timeoutMarginMs: 50, sink: logs.sink }));
    try {
      const res = await server.send(events.gcp.http());
      expect(res.status).toBe(503);
      expect(json(res.body)).toMatchObject({ status: 503, title: 'Service Unavailable' });
      expect(res.body).not.toContain('late');
      expect(aborted).toBe(true);
      await done;
      await new Promise((resolve) => setImmediate(resolve));
      expect(logs.records.map((r) => r.message)).toContain('late result dropped: the deadline had passed');
      // The server is still answering normally afterwards.
      expect((await server.send(events.gcp.http())).status).toBe(503);
    } finally {
      await server.close();
    }
  });

  it('the timeout defaults to CLOUD_RUN_TIMEOUT_SECONDS, else FUNCTION_TIMEOUT_SEC, else 60 s', () => {
    vi.stubEnv('CLOUD_RUN_TIMEOUT_SECONDS', '');
    vi.stubEnv('FUNCTION_TIMEOUT_SEC', '');
    expect(timeoutFromEnv()).toBe(60_000);
    vi.stubEnv('FUNCTION_TIMEOUT_SEC', '540');
    expect(timeoutFromEnv()).toBe(540_000);
    vi.stubEnv('CLOUD_RUN_TIMEOUT_SECONDS', '30');
    expect(timeoutFromEnv()).toBe(30_000);
  });
});

describe('toGcp: RELIABILITY D (Google Cloud)', () => {
  it('24: a Pub/Sub push is answered 204 only after the handler and what it awaited settled', async () => {
    let finished = false;
    const h = defineHandler({
      name: 'p24',
      kind: 'message',
      async handle() {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await Promise.resolve();
        finished = true;
      },
    });
    const res = await invoke(h, events.gcp.pubsubPush({ data: { a: 1 } }), { gcp: quiet });
    expect(res.status).toBe(204);
    expect(finished).toBe(true);
  });

  it('25: a Pub/Sub handler that throws gets 500 with a generic body, never a 2xx', async () => {
    const h = defineHandler({
      name: 'p25',
      kind: 'message',
      handle: () => {
        throw new Error('db password=x');
      },
    });
    for (const request of [events.gcp.pubsubPush({ data: 'x' }), events.gcp.pubsub({ data: 'x' })]) {
      const res = await invoke(h, request, { gcp: quiet });
      expect(res.status).toBe(500);
      expect(json(res.body)).toMatchObject({ title: 'Internal Server Error', status: 500 });
      expect(res.body).not.toContain('password');
    }
  });

  it('26: a malformed push (no message, invalid base64 data) is 400, logged with the messageId; handler not run', async () => {
    const { handler, seen } = recorder('message');
    const noMessage = await invoke(
      handler,
      events.gcp.request({
        ...events.gcp.pubsubPush(),
        body: JSON.stringify({ subscription: 'projects/p/subscriptions/s' }),
      }),
      { gcp: quiet },
    );
    expect(noMessage.status).toBe(400);
    const logs = captureLogs();
    const bad = await invoke(
      handler,
      events.gcp.request({
        ...events.gcp.pubsubPush(),
        body: JSON.stringify({
          message: { data: '%%%', messageId: 'm-26' },
          subscription: 'projects/p/subscriptions/s',
        }),
      }),
      { gcp: { sink: logs.sink } },
    );
    expect(bad.status).toBe(400);
    expect(json(bad.body)).toMatchObject({ detail: 'Pub/Sub message data is not valid base64' });
    // Every failed delivery is an error line (run() logs non-http failures so), with the message id.
    expect(logs.records[0]).toMatchObject({
      level: 'error',
      messageId: 'm-26',
      error: { message: 'Pub/Sub message data is not valid base64' },
    });
    expect(seen).toHaveLength(0);
  });

  it('27: past timeoutMs − margin the signal fires and one 503 goes out; the late completion writes nothing', async () => {
    let aborted = false;
    let lateDone: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      lateDone = resolve;
    });
    const h = defineHandler({
      name: 'p27',
      kind: 'message',
      async handle(_event, ctx) {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        setTimeout(lateDone, 0);
      },
    });
    const logs = captureLogs();
    const server = await serveGcp(toGcp(h, { timeoutMs: 150, timeoutMarginMs: 50, sink: logs.sink }));
    try {
      const res = await server.send(events.gcp.pubsubPush({ data: 'x' }));
      expect(res.status).toBe(503);
      expect(aborted).toBe(true);
      await done;
      await new Promise((resolve) => setImmediate(resolve));
      expect(logs.records.map((r) => r.message)).toContain('late result dropped: the deadline had passed');
      expect(logs.records.filter((r) => r.message === 'invocation failed')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('28: the same event in binary and structured mode normalizes identically', async () => {
    const { handler, seen } = recorder('message');
    const init = {
      data: { hello: 'world' },
      attributes: { a: '1' },
      messageId: 'm-28',
      publishTime: '2024-01-01T00:00:00.000Z',
      orderingKey: 'k',
    };
    for (const mode of ['binary', 'structured'] as const) {
      expect((await invoke(handler, events.gcp.pubsub({ ...init, mode }), { gcp: quiet })).status).toBe(204);
    }
    const generic = recorder('message');
    for (const mode of ['binary', 'structured'] as const) {
      await invoke(
        generic.handler,
        events.gcp.cloudEvent({
          type: 'com.example.thing',
          source: '//example/s',
          id: 'ce-28',
          subject: 'things/1',
          time: '2024-01-01T00:00:00.000Z',
          data: { a: [1, 2] },
          extensions: { myext: 'v' },
          mode,
        }),
        { gcp: quiet },
      );
    }
    for (const [first, second] of [seen, generic.seen]) {
      const { raw: rawA, ...a } = first as unknown as Record<string, unknown>;
      const { raw: rawB, ...b } = second as unknown as Record<string, unknown>;
      // Each builder call carries its own random `traceparent`, which a generic event keeps as an extension.
      const untraced = (attributes: unknown) => {
        const { traceparent: _, ...rest } = attributes as Record<string, string>;
        return rest;
      };
      expect({ ...a, attributes: untraced(a.attributes) }).toEqual({
        ...b,
        attributes: untraced(b.attributes),
      });
      const pick = (raw: unknown) => {
        const { id, source, type, subject, time, datacontenttype, data } = raw as Record<string, unknown>;
        return { id, source, type, subject, time, datacontenttype, data };
      };
      expect(pick(rawA)).toEqual(pick(rawB));
    }
    expect(seen[0]).toMatchObject({
      messageId: 'm-28',
      body: { hello: 'world' },
      groupId: 'k',
      channel: 'my-topic',
    });
    expect(generic.seen[0]).toMatchObject({
      trigger: 'gcp:cloudevent',
      attributes: { myext: 'v' },
      channel: '//example/s',
    });
  });

  it('29: a fire-and-forget promise that rejects fails the invocation (500), not 204', async () => {
    {
      const h = defineHandler({
        name: 'p29',
        kind: 'message',
        handle: () => {
          void Promise.reject(new Error('forgotten'));
        },
      });
      const logs = captureLogs();
      const res = await invoke(h, events.gcp.pubsub({ data: 'x' }), { gcp: { sink: logs.sink } });
      // omnifn's own answer (not the framework's crash page, which echoes the message).
      expect(res.status).toBe(500);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).not.toContain('forgotten');
      expect(logs.records.find((r) => r.message === 'invocation failed')).toBeDefined();
      // An http handler whose forgotten promise rejects while it is still working gets
      // omnifn's generic 500 (through the framework's request domain), not the framework's page.
      const web = defineHandler({
        name: 'w29',
        kind: 'http',
        handle: async () => {
          void (async () => {
            throw new Error('forgotten');
          })();
          await new Promise((resolve) => setTimeout(resolve, 20));
          return { body: 'ok' };
        },
      });
      const webRes = await invoke(web, events.gcp.http(), { gcp: quiet });
      expect(webRes.status).toBe(500);
      expect(webRes.headers['content-type']).toBe('application/problem+json');
      expect(webRes.body).not.toContain('forgotten');
    }
  });

  it('30: the same messageId delivered twice has the same event.id; deliveryAttempt is the attempt', async () => {
    const { handler, seen } = recorder('message');
    await invoke(handler, events.gcp.pubsubPush({ messageId: 'm-30', data: 'x', deliveryAttempt: 1 }), {
      gcp: quiet,
    });
    await invoke(handler, events.gcp.pubsubPush({ messageId: 'm-30', data: 'x', deliveryAttempt: 2 }), {
      gcp: quiet,
    });
    expect(seen.map((e) => e.id)).toEqual(['m-30', 'm-30']);
    expect(seen.map((e) => (e.kind === 'message' ? e.attempt : undefined))).toEqual([1, 2]);
  });

  it('31: a finalize event has bucket, name and generation; an overwrite is a different event.id', async () => {
    const { handler, seen } = recorder('storage');
    await invoke(handler, events.gcp.storage({ bucket: 'b', name: 'x/y.txt', generation: '1', size: '12' }), {
      gcp: quiet,
    });
    await invoke(handler, events.gcp.storage({ bucket: 'b', name: 'x/y.txt', generation: 2, size: 13 }), {
      gcp: quiet,
    });
    expect(seen[0]).toMatchObject({ action: 'created', bucket: 'b', key: 'x/y.txt', version: '1', size: 12 });
    expect(seen[1]).toMatchObject({ version: '2', size: 13 });
    expect(seen[0]?.id).not.toBe(seen[1]?.id);
  });
});

describe('toGcp: event sources', () => {
  it('a binary CloudEvent without ce-id, or a structured one without source, is 400; the handler does not run', async () => {
    const { handler, seen } = recorder('message');
    const ce = events.gcp.cloudEvent({ type: 't', source: '//s', data: {} });
    const { 'ce-id': _, ...noId } = ce.headers;
    const binary = await invoke(handler, events.gcp.request({ ...ce, headers: noId }), { gcp: quiet });
    expect(binary.status).toBe(400);
    expect(json(binary.body).detail).toMatch(/lacks required attribute\(s\): id/);
    const structured = await invoke(
      handler,
      events.gcp.request({
        ...ce,
        headers: { 'content-type': 'application/cloudevents+json' },
        body: '{"specversion":"1.0","id":"1","type":"t"}',
      }),
      { gcp: quiet },
    );
    expect(structured.status).toBe(400);
    expect(seen).toHaveLength(0);
  });

  it('a storage handler given anything but a storage event answers 400 naming both', async () => {
    const { handler, seen } = recorder('storage');
    const res = await invoke(handler, events.gcp.pubsub({ data: 'x' }), { gcp: quiet });
    expect(res.status).toBe(400);
    expect(json(res.body).detail).toMatch(
      /received a CloudEvent of type .*messagePublished.*expected .*storage handler/,
    );
    expect(seen).toHaveLength(0);
  });

  it('Cloud Storage notifications through Pub/Sub become storage events', async () => {
    const { handler, seen } = recorder('storage');
    const res = await invoke(
      handler,
      events.gcp.pubsub({
        data: { bucket: 'b', name: 'n.txt', generation: '5', size: '3', etag: 'e' },
        attributes: {
          eventType: 'OBJECT_DELETE',
          bucketId: 'b',
          objectId: 'n.txt',
          payloadFormat: 'JSON_API_V1',
        },
      }),
      { gcp: quiet },
    );
    expect(res.status).toBe(204);
    expect(seen[0]).toMatchObject({
      action: 'deleted',
      bucket: 'b',
      key: 'n.txt',
      version: '5',
      size: 3,
      etag: 'e',
    });
  });

  it('Cloud Scheduler HTTP targets and Pub/Sub-delivered jobs become schedule events', async () => {
    const { handler, seen } = recorder('schedule');
    const http = await invoke(
      handler,
      events.gcp.scheduler({ jobName: 'nightly', scheduleTime: '2024-05-01T03:00:00Z' }),
      {
        gcp: quiet,
      },
    );
    expect(http.status).toBe(204);
    await invoke(
      handler,
      events.gcp.pubsub({ topic: 'projects/p/topics/cron-topic', publishTime: '2024-05-01T04:00:00.000Z' }),
      { gcp: quiet },
    );
    expect(seen[0]).toMatchObject({
      trigger: 'gcp:scheduler',
      name: 'nightly',
      scheduledTime: new Date('2024-05-01T03:00:00Z'),
    });
    expect(seen[1]).toMatchObject({
      trigger: 'gcp:pubsub',
      name: 'cron-topic',
      scheduledTime: new Date('2024-05-01T04:00:00Z'),
    });
  });

  it('a message that fails validate is not acknowledged (400), and the handler does not run', async () => {
    const spy = vi.fn();
    const { z } = await import('zod');
    const h = defineHandler({
      name: 'v',
      kind: 'message',
      validate: { body: z.object({ id: z.number() }) },
      handle: spy,
    });
    const res = await invoke(h, events.gcp.pubsub({ data: { id: 'one' } }), { gcp: quiet });
    expect(res.status).toBe(400);
    expect(spy).not.toHaveBeenCalled();
  });
});
