import { createRequire } from 'node:module';
import type * as Azure from '@azure/functions';
import { defineHandler } from '@omnifn/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseSetCookie } from './sources/http';
import { registerOnHost } from './test-support/host';
import { captureLogs, httpReturn, recorder, rpcHttp } from './test-support/record';
import { DEFAULT_TIMEOUT_MS, toAzure } from './to-azure';

// The real classes, loaded with Node's require as the worker loads the library.
const { HttpRequest, InvocationContext } = createRequire(import.meta.url)('@azure/functions') as typeof Azure;
const quiet = { sink: () => {} };

const echo = defineHandler({
  name: 'echo',
  kind: 'http',
  handle: (event) => ({
    body: {
      id: event.id,
      trigger: event.trigger,
      method: event.method,
      path: event.path,
      url: event.url,
      query: { ...event.query },
      params: { ...event.params },
      headers: { ...event.headers },
      body: event.body instanceof Uint8Array ? { bytes: [...event.body] } : event.body,
      ip: event.ip,
    },
  }),
});

const invokeEcho = async (init: Parameters<typeof rpcHttp>[0], params?: Record<string, string>) => {
  const out = await registerOnHost(echo, { trigger: 'http', route: 'items/{id}' }, quiet).invoke({
    data: rpcHttp({ ...init, params: params ?? {} }),
    invocationId: 'inv-echo',
  });
  const res = httpReturn(out.response);
  return { ...res, json: JSON.parse(res.text) as Record<string, unknown> };
};

describe('toAzure: http trigger', () => {
  it('maps method, path, url, repeated query keys from the url, route params, lower-case headers and the id', async () => {
    const res = await invokeEcho(
      {
        method: 'PUT',
        url: 'https://app.azurewebsites.net/api/items/42?tag=a&tag=b&q=x%2Cy',
        headers: { 'X-Custom': 'v', 'content-type': 'application/json' },
        body: '{"n":1}',
      },
      { id: '42' },
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: 'inv-echo',
      trigger: 'azure:http',
      method: 'PUT',
      path: '/api/items/42',
      url: 'https://app.azurewebsites.net/api/items/42?tag=a&tag=b&q=x%2Cy',
      query: { tag: ['a', 'b'], q: 'x,y' },
      params: { id: '42' },
      headers: { 'x-custom': 'v' },
      body: { n: 1 },
    });
  });

  it('takes the client ip from the first x-forwarded-for address, without its port', async () => {
    const v4 = await invokeEcho({
      method: 'GET',
      url: 'https://a/api/x',
      headers: { 'x-forwarded-for': '203.0.113.7:52311, 10.0.0.1' },
    });
    expect(v4.json.ip).toBe('203.0.113.7');
    const v6 = await invokeEcho({
      method: 'GET',
      url: 'https://a/api/x',
      headers: { 'x-forwarded-for': '[2001:db8::1]:443' },
    });
    expect(v6.json.ip).toBe('2001:db8::1');
  });

  it('parses text and form bodies, and gives other content types as bytes', async () => {
    const text = await invokeEcho({
      url: 'https://a/api/x',
      headers: { 'content-type': 'text/plain' },
      body: 'hi',
    });
    expect(text.json.body).toBe('hi');
    const form = await invokeEcho({
      url: 'https://a/api/x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&a=2',
    });
    expect(form.json.body).toEqual({ a: ['1', '2'] });
    const bin = await invokeEcho({
      url: 'https://a/api/x',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255, 7]),
    });
    expect(bin.json.body).toEqual({ bytes: [0, 255, 7] });
  });

  it('answers malformed JSON with 400, an oversized body with 413, a bad path with 400, and never runs the handler', async () => {
    const bad = await invokeEcho({
      url: 'https://a/api/x',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect(bad.json).toMatchObject({
      status: 400,
      detail: 'Request body is not valid JSON',
      requestId: 'inv-echo',
    });
    const fn = registerOnHost(echo, { trigger: 'http' }, { ...quiet, bodyLimit: 4 });
    const big = httpReturn(
      (
        await fn.invoke({
          data: rpcHttp({ url: 'https://a/api/x', headers: { 'content-type': 'text/plain' }, body: '12345' }),
        })
      ).response,
    );
    expect(big.status).toBe(413);
    const path = await invokeEcho({ method: 'GET', url: 'https://a/api/%ZZ' });
    expect(path.status).toBe(400);
  });

  it('validates with the schema: 400 problem+json naming the field', async () => {
    const add = defineHandler({
      name: 'addAzure',
      kind: 'http',
      validate: { body: z.object({ num1: z.number(), num2: z.number() }) },
      handle: (event) => ({ body: { result: event.body.num1 + event.body.num2 } }),
    });
    const fn = registerOnHost(add, { trigger: 'http', methods: ['POST'] }, quiet);
    const send = async (body: string) =>
      httpReturn(
        (
          await fn.invoke({
            data: rpcHttp({
              url: 'https://a/api/add',
              headers: { 'content-type': 'application/json' },
              body,
            }),
          })
        ).response,
      );
    expect((await send('{"num1":2,"num2":3}')).text).toBe('{"result":5}');
    const invalid = await send('{"num1":"two","num2":3}');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.text)).toMatchObject({ errors: [{ path: 'body.num1' }] });
  });

  it('returns text, JSON and binary bodies with their content types', async () => {
    const binary = defineHandler({
      name: 'bin',
      kind: 'http',
      handle: () => ({ body: new Uint8Array([1, 2, 3]) }),
    });
    const res = httpReturn(
      (
        await registerOnHost(binary, { trigger: 'http' }, quiet).invoke({
          data: rpcHttp({ method: 'GET', url: 'https://a/api/bin' }),
        })
      ).response,
    );
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect([...(res.bytes ?? [])]).toEqual([1, 2, 3]);
    const none = defineHandler({ name: 'none', kind: 'http', handle: () => ({ headers: { 'x-a': '1' } }) });
    const empty = httpReturn(
      (
        await registerOnHost(none, { trigger: 'http' }, quiet).invoke({
          data: rpcHttp({ method: 'GET', url: 'https://a/api/none' }),
        })
      ).response,
    );
    expect(empty.status).toBe(204);
    expect(empty.headers['x-a']).toBe('1');
  });

  it('logs through the InvocationContext methods with the invocation id and the traceparent', async () => {
    const logged = defineHandler({
      name: 'logged',
      kind: 'http',
      handle: (_event, ctx) => {
        ctx.log.info('hello', { n: 1 });
        return { body: 'ok' };
      },
    });
    const traceParent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const out = await registerOnHost(logged, { trigger: 'http' }, { logLevel: 'info' }).invoke({
      data: rpcHttp({ method: 'GET', url: 'https://a/api/logged' }),
      invocationId: 'inv-log',
      traceParent,
    });
    const lines = out.logs.map(([level, message]) => [level, JSON.parse(message)] as const);
    expect(lines[0]).toEqual([
      'information',
      expect.objectContaining({
        message: 'hello',
        n: 1,
        requestId: 'inv-log',
        traceId: '0af7651916cd43dd8448eb211c80319c',
        traceParent,
      }),
    ]);
    expect(lines.at(-1)?.[1]).toMatchObject({
      message: 'invocation',
      status: 200,
      function: 'logged',
      trigger: 'azure:http',
    });
  });
});

describe('toAzure: dispatch and contract', () => {
  it('is called with the real HttpRequest and InvocationContext classes, without registering', async () => {
    const request = new HttpRequest({ method: 'GET', url: 'https://a/api/plain?x=1' });
    const context = new InvocationContext({
      invocationId: 'inv-plain',
      functionName: 'plain',
      options: { trigger: { type: 'httpTrigger', name: 'req' } },
    });
    const res = await toAzure(echo, quiet)(request, context);
    expect(res.status).toBe(200);
    expect(JSON.parse(String(res.body))).toMatchObject({ query: { x: '1' }, path: '/api/plain' });
  });

  it('refuses a trigger of another kind than the handler, naming both, and never resolves it', async () => {
    const context = new InvocationContext({
      options: { trigger: { type: 'queueTrigger', name: 'q' } },
      triggerMetadata: { id: '1' },
    });
    await expect(toAzure(echo, quiet)('x', context)).rejects.toThrow(
      'omnifn: received an Azure queueTrigger invocation, expected an Azure httpTrigger invocation for a http handler',
    );
    const { handler } = recorder('unknownTrigger', 'message');
    const other = new InvocationContext({ options: { trigger: { type: 'cosmosDBTrigger', name: 'c' } } });
    await expect(toAzure(handler, quiet)([], other)).rejects.toThrow(
      'received an Azure cosmosDBTrigger invocation',
    );
  });

  it('rejects a blob trigger without its metadata, logged, rather than guessing', async () => {
    const { handler, events } = recorder('blobNoMeta', 'storage');
    const logs = captureLogs();
    const context = new InvocationContext({
      options: { trigger: { type: 'blobTrigger', name: 'b' } },
      triggerMetadata: {},
    });
    await expect(toAzure(handler, { sink: logs.sink })(Buffer.from('x'), context)).rejects.toThrow(
      'blobTrigger',
    );
    expect(events).toHaveLength(0);
    expect(logs.records.find((r) => r.message === 'invocation failed')).toBeDefined();
  });

  it('fires ctx.signal timeoutMarginMs before timeoutMs (default 5 min) and rejects a non-http handler still running', async () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(300_000);
    const slow = defineHandler({
      name: 'slow',
      kind: 'message',
      handle: (_event, ctx) =>
        new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve())),
    });
    const fn = registerOnHost(
      slow,
      { trigger: 'storageQueue', queueName: 'q', connection: 'S' },
      { ...quiet, timeoutMs: 50, timeoutMarginMs: 10 },
    );
    const out = await fn.invoke({ data: { string: 'x' }, triggerMetadata: { Id: { string: 'slow-1' } } });
    expect((out.error as Error).name).toBe('TimeoutError');
  });

  it('parses every Set-Cookie attribute into the Azure Cookie shape', () => {
    expect(
      parseSetCookie('n=v=w; Path=/p; Domain=d.example; Max-Age=-1; Secure; HttpOnly; SameSite=None'),
    ).toEqual({
      name: 'n',
      value: 'v=w',
      path: '/p',
      domain: 'd.example',
      maxAge: -1,
      secure: true,
      httpOnly: true,
      sameSite: 'None',
    });
  });
});
