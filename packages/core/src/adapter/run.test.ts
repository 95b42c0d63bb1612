import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Context } from '../context';
import { HttpError } from '../errors/http-error';
import { TimeoutError } from '../errors/timeout-error';
import type { HttpEvent } from '../event/http';
import type { MessageEvent } from '../event/message';
import type { OmniEvent } from '../event/omni-event';
import { defineHandler } from '../handler';
import type { LogLevel } from '../logger';
import { defineMiddleware } from '../middleware';
import type { StandardSchemaV1 } from '../standard-schema';
import { createHeaders } from './headers';
import { createHttpEvent, type HttpEventInit } from './http-event';
import type { HttpResponse } from './http-response';
import { parseQuery } from './query';
import { type Invocation, type RunOptions, run } from './run';

type Line = Record<string, unknown> & { level: LogLevel; message: string };

interface RequestInit {
  readonly method?: string;
  readonly path?: string;
  readonly query?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
}

/** An invocation whose `toEvent` builds the http event the way an adapter does (and may throw). */
function httpCall(request: RequestInit = {}, over: Partial<Invocation> = {}): Invocation {
  const init = (): HttpEventInit => ({
    provider: 'local',
    trigger: 'local:http',
    id: 'req-1',
    time: new Date(0),
    raw: request,
    method: request.method ?? 'POST',
    rawPath: request.path ?? '/add',
    rawQuery: request.query ?? '',
    query: parseQuery(request.query),
    headers: createHeaders(request.headers ?? { 'content-type': 'application/json' }),
    body: request.body,
    isBase64Encoded: request.isBase64Encoded,
    ip: undefined,
  });
  return {
    provider: 'local',
    trigger: 'local:http',
    requestId: 'req-1',
    deadline: Date.now() + 60_000,
    toEvent: () => createHttpEvent(init()),
    ...over,
  };
}

function messageEvent(body: unknown, attempt: number | undefined = 3): MessageEvent {
  return {
    kind: 'message',
    id: 'm-1',
    time: new Date(0),
    provider: 'local',
    trigger: 'local:queue',
    raw: { body },
    messageId: 'm-1',
    body,
    attributes: { source: 'test' },
    attempt,
  };
}

function messageCall(event: OmniEvent, over: Partial<Invocation> = {}): Invocation {
  return {
    provider: 'local',
    trigger: event.trigger,
    requestId: 'req-1',
    deadline: Date.now() + 60_000,
    toEvent: () => event,
    ...over,
  };
}

function setup() {
  const lines: Line[] = [];
  const options: RunOptions = {
    logLevel: 'debug',
    sink: (_level, record) => lines.push(JSON.parse(JSON.stringify(record)) as Line),
  };
  return { lines, options };
}

const problem = (response: HttpResponse | undefined) =>
  JSON.parse(String(response?.body)) as Record<string, unknown>;

const addBody = { num1: 1, num2: 2 };

afterEach(() => {
  vi.useRealTimers();
});

describe('run: http', () => {
  it('runs the handler with the event and a context, and serializes its result', async () => {
    const { options } = setup();
    let seen: { event: HttpEvent; ctx: Context } | undefined;
    const handler = defineHandler({
      name: 'add',
      kind: 'http',
      handle(event, ctx) {
        seen = { event, ctx };
        return { status: 201, body: { ok: true } };
      },
    });
    const native = { awsRequestId: 'req-1' };
    const response = await run(handler, httpCall({ body: JSON.stringify(addBody) }, { native }), options);
    expect(response).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: '{"ok":true}',
    });
    expect(seen?.event.body).toEqual(addBody);
    expect(seen?.ctx).toMatchObject({ requestId: 'req-1', provider: 'local', functionName: 'add', native });
    expect(seen?.ctx.remainingMs()).toBeGreaterThan(0);
    expect(seen?.ctx.signal.aborted).toBe(false);
  });

  it('uses the cloud function name when the adapter gives one', async () => {
    const { lines, options } = setup();
    let name: string | undefined;
    const handler = defineHandler({
      name: 'add',
      kind: 'http',
      handle: (_event, ctx) => {
        name = ctx.functionName;
        return {};
      },
    });
    await run(handler, httpCall({}, { functionName: 'prod-add' }), options);
    expect(name).toBe('prod-add');
    expect(lines.at(-1)).toMatchObject({ function: 'prod-add' });
  });

  it('runs the default pipeline in order: logging → error handling → validation → use → handle', async () => {
    const { lines, options } = setup();
    const trace: string[] = [];
    const body: StandardSchemaV1<unknown, { n: number }> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value) => {
          trace.push('validate');
          return { value: { n: (value as { n: number }).n * 10 } };
        },
      },
    };
    const handler = defineHandler({
      name: 'order',
      kind: 'http',
      validate: { body },
      use: [
        async (event, ctx, next) => {
          trace.push(`use:in n=${event.body.n}`);
          ctx.log.info('inside use');
          try {
            return await next();
          } catch (error) {
            // Error handling is outside `use`: a `use` layer still sees the raw error.
            trace.push(`use:caught ${HttpError.isInstance(error) ? error.status : 'other'}`);
            throw error;
          }
        },
      ],
      handle(event) {
        trace.push(`handle n=${event.body.n}`);
        throw new HttpError(409, 'conflict');
      },
    });
    const response = await run(handler, httpCall({ body: '{"n":1}' }), options);
    expect(trace).toEqual(['validate', 'use:in n=10', 'handle n=10', 'use:caught 409']);
    expect(response?.status).toBe(409);
    // Logging is outermost: its line is the last one, and it reports the status error handling produced.
    expect(lines.map((line) => line.message)).toEqual(['inside use', 'invocation rejected']);
    expect(lines.at(-1)).toMatchObject({ status: 409 });
  });

  it('runs http middleware made with defineMiddleware in use', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'tagged',
      kind: 'http',
      use: [
        defineMiddleware('http', async (_event, _ctx, next) => {
          const result = await next();
          return { ...result, headers: { ...result.headers, 'x-tag': '1' } };
        }),
      ],
      handle: () => ({ body: 'ok' }),
    });
    const response = await run(handler, httpCall(), options);
    expect(response?.headers['x-tag']).toBe('1');
  });

  const addSchemas: [string, { body: StandardSchemaV1<unknown, { num1: number; num2: number }> }][] = [
    ['zod', { body: z.object({ num1: z.number(), num2: z.number() }) }],
    ['valibot', { body: v.object({ num1: v.number(), num2: v.number() }) }],
  ];

  describe.each(addSchemas)('validation with %s', (_vendor, validate) => {
    it('passes a valid body to the handler', async () => {
      const { options } = setup();
      const handler = defineHandler({
        name: 'add',
        kind: 'http',
        validate,
        handle: (event) => ({ body: { result: event.body.num1 + event.body.num2 } }),
      });
      const response = await run(handler, httpCall({ body: JSON.stringify(addBody) }), options);
      expect(response?.body).toBe('{"result":3}');
    });

    it('answers an invalid body with 400 problem+json and errors [{ path: "body.num1", message }]', async () => {
      const { lines, options } = setup();
      const handle = vi.fn(() => ({}));
      const handler = defineHandler({ name: 'add', kind: 'http', validate, handle });
      const response = await run(handler, httpCall({ body: '{"num1":"one","num2":2}' }), options);
      expect(handle).not.toHaveBeenCalled();
      expect(response?.status).toBe(400);
      expect(response?.headers['content-type']).toBe('application/problem+json');
      const body = problem(response);
      expect(body).toMatchObject({ status: 400, title: 'Bad Request', requestId: 'req-1', instance: '/add' });
      expect(body.errors).toEqual([{ path: 'body.num1', message: expect.stringMatching(/\S/) }]);
      expect(lines.at(-1)).toMatchObject({ level: 'warn', status: 400 });
    });

    it('44: a body without a content type on a validated JSON route is 415', async () => {
      const { options } = setup();
      const handle = vi.fn(() => ({}));
      const handler = defineHandler({ name: 'add', kind: 'http', validate, handle });
      const response = await run(handler, httpCall({ headers: {}, body: JSON.stringify(addBody) }), options);
      expect(response?.status).toBe(415);
      expect(handle).not.toHaveBeenCalled();
      const asText = await run(
        handler,
        httpCall({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify(addBody) }),
        options,
      );
      expect(asText?.status).toBe(415);
    });
  });

  it('validates query, params and headers, re-rooting issue paths and reporting every failing field', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'list',
      kind: 'http',
      validate: {
        query: z.object({ page: z.coerce.number().int() }),
        headers: v.object({ 'x-tenant': v.string() }),
      },
      handle: (event) => ({ body: { page: event.query.page, tenant: event.headers['x-tenant'] } }),
    });
    const ok = await run(
      handler,
      httpCall({ method: 'GET', query: 'page=2', headers: { 'X-Tenant': 't1' } }),
      options,
    );
    expect(ok?.body).toBe('{"page":2,"tenant":"t1"}');
    const bad = await run(handler, httpCall({ method: 'GET', query: 'page=x', headers: {} }), options);
    expect(bad?.status).toBe(400);
    expect((problem(bad).errors as { path: string }[]).map((issue) => issue.path).sort()).toEqual([
      'headers.x-tenant',
      'query.page',
    ]);
  });

  it('reports a nested issue path joined with dots', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'nested',
      kind: 'http',
      validate: { body: z.object({ items: z.array(z.object({ qty: z.number() })) }) },
      handle: () => ({}),
    });
    const response = await run(handler, httpCall({ body: '{"items":[{"qty":1},{"qty":"2"}]}' }), options);
    expect(problem(response).errors).toEqual([{ path: 'body.items.1.qty', message: expect.any(String) }]);
  });

  it('39: a polluting JSON body is 400 and the handler does not run', async () => {
    const { options } = setup();
    const handle = vi.fn(() => ({}));
    const handler = defineHandler({ name: 'h', kind: 'http', handle });
    const response = await run(handler, httpCall({ body: '{"__proto__":{"x":1}}' }), options);
    expect(response?.status).toBe(400);
    expect(handle).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('42: bad base64 is 400 and the handler does not run', async () => {
    const { options } = setup();
    const handle = vi.fn(() => ({}));
    const handler = defineHandler({ name: 'h', kind: 'http', handle });
    const response = await run(handler, httpCall({ body: 'QUJD REVG', isBase64Encoded: true }), options);
    expect(response?.status).toBe(400);
    expect(problem(response).detail).toBe('Request body is not valid base64');
    expect(handle).not.toHaveBeenCalled();
  });

  it('52: HttpError(404, "Order not found") is a 404 with that message', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'get',
      kind: 'http',
      handle: () => {
        throw new HttpError(404, 'Order not found');
      },
    });
    const response = await run(handler, httpCall({ method: 'GET', path: '/orders/1' }), options);
    expect(response?.status).toBe(404);
    expect(problem(response)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Order not found',
      instance: '/orders/1',
      requestId: 'req-1',
    });
  });

  const generic = { type: 'about:blank', title: 'Internal Server Error', status: 500, requestId: 'req-1' };

  it('52: HttpError(500, "db password …") is a generic 500', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        throw new HttpError(500, 'db password is hunter2');
      },
    });
    const response = await run(handler, httpCall(), options);
    expect(problem(response)).toEqual(generic);
  });

  it('22/54: an unexpected error is a 500 saying only title, status, type and request id; the log has the rest', async () => {
    const { lines, options } = setup();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        throw new TypeError('password=hunter2', { cause: new Error('/srv/app/db.ts secret cause') });
      },
    });
    const response = await run(handler, httpCall(), options);
    expect(response?.status).toBe(500);
    expect(response?.headers['content-type']).toBe('application/problem+json');
    expect(problem(response)).toEqual(generic);
    expect(response?.body).not.toMatch(/hunter2|TypeError|stack|\.ts|cause/);
    const failure = lines.at(-1);
    expect(failure).toMatchObject({
      level: 'error',
      message: 'invocation failed',
      requestId: 'req-1',
      status: 500,
      error: { name: 'TypeError', message: 'password=hunter2', stack: expect.stringContaining('TypeError') },
    });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'str'],
    ['a number', 42],
    ['an empty object', {}],
  ])('4/54: throwing %s is a generic 500, logged as a normalized Error', async (_label, thrown) => {
    const { lines, options } = setup();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        throw thrown;
      },
    });
    const response = await run(handler, httpCall(), options);
    expect(problem(response)).toEqual(generic);
    expect(lines.at(-1)).toMatchObject({
      level: 'error',
      error: { name: 'Error', message: expect.stringMatching(/^Non-Error thrown: /) },
    });
  });

  it('53: a thrown plain object { statusCode: 200, headers, body } is a generic 500; nothing of it is honoured', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        throw {
          statusCode: 200,
          status: 200,
          headers: { 'x-evil': '1' },
          body: 'ok',
          expose: true,
          message: 'm',
        };
      },
    });
    const response = await run(handler, httpCall(), options);
    expect(response?.status).toBe(500);
    expect(response?.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(problem(response)).toEqual(generic);
  });

  it.each([
    ['CRLF in a header value', { headers: { 'x-a': 'ok\r\nSet-Cookie: evil=1' } }],
    ['a header name with a space', { headers: { 'x a': 'ok' } }],
    ['CRLF in a cookie', { cookies: ['a=1\r\nSet-Cookie: evil=1'] }],
    ['an invalid status', { status: 1200 }],
  ])('51: %s in the result is a logged 500 and nothing is injected', async (_label, result) => {
    const { lines, options } = setup();
    const handler = defineHandler({ name: 'h', kind: 'http', handle: () => result });
    const response = await run(handler, httpCall(), options);
    expect(response?.status).toBe(500);
    expect(response?.cookies).toEqual([]);
    expect(response?.headers).toEqual({ 'content-type': 'application/problem+json' });
    expect(JSON.stringify(response)).not.toContain('evil');
    expect(lines.at(-1)).toMatchObject({ level: 'error', message: 'invocation failed', status: 500 });
  });

  it('48: two Set-Cookie values with Expires dates come back as two intact entries', async () => {
    const { options } = setup();
    const cookies = [
      'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
      'b=2; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
    ];
    const handler = defineHandler({ name: 'h', kind: 'http', handle: () => ({ cookies, body: 'ok' }) });
    const response = await run(handler, httpCall(), options);
    expect(response?.cookies).toEqual(cookies);
  });

  it('turns an HttpError thrown while building the event into its problem response', async () => {
    const { options } = setup();
    const handle = vi.fn(() => ({}));
    const handler = defineHandler({ name: 'h', kind: 'http', handle });
    const response = await run(
      handler,
      httpCall(
        {},
        {
          toEvent: () => {
            throw new HttpError(431, 'Request headers are too large');
          },
        },
      ),
      options,
    );
    expect(response?.status).toBe(431);
    expect(problem(response).detail).toBe('Request headers are too large');
    expect(handle).not.toHaveBeenCalled();
  });

  it('writes one log line per invocation with status and durationMs', async () => {
    const { lines, options } = setup();
    const handler = defineHandler({ name: 'add', kind: 'http', handle: () => ({ body: 'ok' }) });
    await run(handler, httpCall({}, { traceId: 'xray-1', bindings: { coldStart: true } }), options);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: 'info',
      message: 'invocation',
      time: expect.any(String),
      requestId: 'req-1',
      function: 'add',
      trigger: 'local:http',
      traceId: 'xray-1',
      coldStart: true,
      status: 200,
      durationMs: expect.any(Number),
    });
  });

  it('puts the trace id and correlation id from the request headers on every line, ctx.log included', async () => {
    const { lines, options } = setup();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: (_event, ctx) => {
        ctx.log.info('from handler');
        return {};
      },
    });
    const headers = {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'x-request-id': 'corr-1',
    };
    await run(handler, httpCall({ method: 'GET', headers }), options);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', correlationId: 'corr-1' });
    }
  });

  it('runs each handler through a cached pipeline, and the same handler twice gives the same answer', async () => {
    const { options } = setup();
    let calls = 0;
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        calls += 1;
        return { body: { calls } };
      },
    });
    expect((await run(handler, httpCall(), options))?.body).toBe('{"calls":1}');
    expect((await run(handler, httpCall(), options))?.body).toBe('{"calls":2}');
  });
});

describe('run: synchronous and thenable results', () => {
  it('answers a synchronous handler, a thenable and an async schema the same way', async () => {
    const { options } = setup();
    const asyncSchema: StandardSchemaV1<unknown, { n: number }> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: async (value) => ({ value: value as { n: number } }),
      },
    };
    const sync = defineHandler({ name: 's', kind: 'http', handle: () => ({ body: 'sync' }) });
    const thenable = defineHandler({
      name: 't',
      kind: 'http',
      // A non-native thenable (another realm's promise, a query builder) is awaited too.
      // biome-ignore lint/suspicious/noThenProperty: the point of the test is a thenable
      handle: () => ({ then: (resolve: (value: unknown) => void) => resolve({ body: 'thenable' }) }) as never,
    });
    const validated = defineHandler({
      name: 'v',
      kind: 'http',
      validate: { body: asyncSchema },
      handle: (event) => ({ body: { n: event.body.n } }),
    });
    expect((await run(sync, httpCall(), options))?.body).toBe('sync');
    expect((await run(thenable, httpCall(), options))?.body).toBe('thenable');
    expect((await run(validated, httpCall({ body: '{"n":1}' }), options))?.body).toBe('{"n":1}');
  });

  it('turns a synchronous throw in handle into the same problem response as a rejection', async () => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        throw new HttpError(409, 'Conflict here');
      },
    });
    const response = await run(handler, httpCall(), options);
    expect(response?.status).toBe(409);
    expect(problem(response)).toMatchObject({ detail: 'Conflict here' });
  });

  it('gives a ctx whose members still work when destructured', async () => {
    const { lines, options } = setup();
    let seen: unknown;
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: ({ path }, { log, remainingMs, signal, requestId, deadline }) => {
        log.info('destructured', { path });
        seen = { remaining: remainingMs() > 0, aborted: signal.aborted, requestId, deadline };
        return {};
      },
    });
    const deadline = Date.now() + 60_000;
    await run(handler, httpCall({}, { deadline }), options);
    expect(seen).toEqual({ remaining: true, aborted: false, requestId: 'req-1', deadline });
    expect(lines[0]).toMatchObject({ message: 'destructured', path: '/add', requestId: 'req-1' });
  });

  it('restores Error.stackTraceLimit after building the stackless 400 for bad input', async () => {
    const { options } = setup();
    const before = Error.stackTraceLimit;
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      validate: { body: z.object({ n: z.number() }) },
      handle: () => ({}),
    });
    expect((await run(handler, httpCall({ body: '{"n":"x"}' }), options))?.status).toBe(400);
    expect((await run(handler, httpCall({ body: '{' }), options))?.status).toBe(400);
    expect(Error.stackTraceLimit).toBe(before);
  });
});

describe('run: the default stdout sink', () => {
  function stdout() {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    return written;
  }

  it('writes each line as one JSON object: the line keys, the bindings, then the fields', async () => {
    const written = stdout();
    const handler = defineHandler({
      name: 'add',
      kind: 'http',
      handle: (_event, ctx) => {
        ctx.log.info('adding', { num1: 1, num2: 2, note: 'a "quoted" \\ text', none: null });
        return { body: 'ok' };
      },
    });
    await run(
      handler,
      httpCall({ headers: { 'content-type': 'application/json', 'x-request-id': 'corr-1' } }),
      { logLevel: 'info' },
    );
    expect(written).toHaveLength(2);
    const [first, second] = written.map((line) => {
      expect(line.endsWith('}\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      return JSON.parse(line) as Record<string, unknown>;
    });
    expect(Object.keys(first ?? {})).toEqual([
      'level',
      'message',
      'time',
      'requestId',
      'function',
      'trigger',
      'correlationId',
      'num1',
      'num2',
      'note',
      'none',
    ]);
    expect(first).toMatchObject({ level: 'info', note: 'a "quoted" \\ text', none: null });
    expect(second).toMatchObject({ message: 'invocation', status: 200, correlationId: 'corr-1' });
    expect(typeof second?.durationMs).toBe('number');
  });

  it('55: redacts on the default sink too: secret keys, ?code= in messages and values, nested objects', async () => {
    const written = stdout();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: (_event, ctx) => {
        ctx.log.info('calling https://x.net/api?code=k1', { Authorization: 'Bearer t1' });
        ctx.log.info('url', { url: '/x?sig=k2', nested: { 'x-api-key': 'k3' } });
        return {};
      },
    });
    await run(handler, httpCall(), { logLevel: 'info' });
    const text = written.join('');
    for (const secret of ['k1', 't1', 'k2', 'k3']) expect(text).not.toContain(secret);
    expect(JSON.parse(written[0] ?? '')).toMatchObject({ Authorization: '[REDACTED]' });
  });

  it('never lets fields replace the line keys or the bindings on the default sink', async () => {
    const written = stdout();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: (_event, ctx) => {
        ctx.log.info('shadow', { level: 'debug', requestId: 'forged', status: 'x' });
        return {};
      },
    });
    await run(handler, httpCall(), { logLevel: 'info' });
    const line = written[0] ?? '';
    // One key each: a duplicate key would let a reader pick either value.
    expect(line.match(/"requestId"/g)).toHaveLength(1);
    expect(line.match(/"level"/g)).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', requestId: 'forged', status: 'x' });
  });

  it('writes the 4xx line with the error name and redacted message', async () => {
    const written = stdout();
    const handler = defineHandler({
      name: 'h',
      kind: 'http',
      handle: () => {
        throw new HttpError(403, 'no access to /a?sig=s3cret');
      },
    });
    await run(handler, httpCall(), { logLevel: 'info' });
    expect(written).toHaveLength(1);
    expect(written[0]).not.toContain('s3cret');
    expect(JSON.parse(written[0] ?? '')).toMatchObject({
      level: 'warn',
      status: 403,
      error: { name: 'HttpError', message: 'no access to /a?sig=[REDACTED]' },
    });
  });
});

describe('run: message and other kinds', () => {
  it('resolves undefined when the handler finished', async () => {
    const { lines, options } = setup();
    const seen: MessageEvent[] = [];
    const handler = defineHandler({
      name: 'consume',
      kind: 'message',
      handle: (event) => {
        seen.push(event);
      },
    });
    const event = messageEvent({ id: 1 });
    await expect(run(handler, messageCall(event), options)).resolves.toBeUndefined();
    expect(seen).toEqual([event]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        message: 'invocation',
        status: 'ok',
        eventId: 'm-1',
        attempt: 3,
      }),
    ]);
  });

  it('flows validated body and attributes (zod and valibot) into the handler', async () => {
    const { options } = setup();
    let seen: unknown;
    const handler = defineHandler({
      name: 'consume',
      kind: 'message',
      validate: { body: z.object({ id: z.number() }), attributes: v.object({ source: v.string() }) },
      handle: (event) => {
        seen = { id: event.body.id, source: event.attributes.source };
      },
    });
    await run(handler, messageCall(messageEvent({ id: 7, extra: true })), options);
    expect(seen).toEqual({ id: 7, source: 'test' });
  });

  it('rejects a message that fails validation, without running the handler', async () => {
    const { lines, options } = setup();
    const handle = vi.fn();
    const handler = defineHandler({
      name: 'consume',
      kind: 'message',
      validate: { body: z.object({ id: z.number() }) },
      handle,
    });
    const failure = run(handler, messageCall(messageEvent({ id: 'x' })), options);
    await expect(failure).rejects.toMatchObject({ status: 400, issues: [{ path: 'body.id' }] });
    expect(handle).not.toHaveBeenCalled();
    expect(lines.at(-1)).toMatchObject({ status: 'failed', eventId: 'm-1', attempt: 3, requestId: 'req-1' });
  });

  it('56: a failure is logged with the request id, the event id and the attempt, and rejects', async () => {
    const { lines, options } = setup();
    const error = new Error('downstream unavailable');
    const handler = defineHandler({
      name: 'consume',
      kind: 'message',
      handle: () => {
        throw error;
      },
    });
    await expect(run(handler, messageCall(messageEvent({}, 4)), options)).rejects.toBe(error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'error',
      message: 'invocation failed',
      requestId: 'req-1',
      eventId: 'm-1',
      attempt: 4,
      status: 'failed',
      error: { message: 'downstream unavailable' },
    });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'str'],
    ['a number', 42],
    ['an empty object', {}],
  ])('4: throwing %s rejects with a normalized Error whose cause is the original', async (_label, thrown) => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'consume',
      kind: 'message',
      handle: () => {
        throw thrown;
      },
    });
    const rejection = await run(handler, messageCall(messageEvent({})), options).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(rejection).toBeInstanceOf(Error);
    expect((rejection as Error).cause).toBe(thrown);
  });

  it('rejects when the adapter cannot build the event', async () => {
    const { options } = setup();
    const handle = vi.fn();
    const handler = defineHandler({ name: 'consume', kind: 'message', handle });
    const call = messageCall(messageEvent({}), {
      toEvent: () => {
        throw new Error('record has no messageId');
      },
    });
    await expect(run(handler, call, options)).rejects.toThrow('record has no messageId');
    expect(handle).not.toHaveBeenCalled();
  });

  it('runs schedule handlers, which get the schedule event', async () => {
    const { options } = setup();
    const names: string[] = [];
    const handler = defineHandler({
      name: 'nightly',
      kind: 'schedule',
      handle: (event) => {
        names.push(event.name);
      },
    });
    const event: OmniEvent = {
      kind: 'schedule',
      id: 's-1',
      time: new Date(0),
      provider: 'local',
      trigger: 'local:timer',
      raw: {},
      scheduledTime: new Date(0),
      name: 'nightly-rule',
    };
    await run(handler, messageCall(event), options);
    expect(names).toEqual(['nightly-rule']);
  });
});

describe('run: deadline', () => {
  it('57: ctx.signal aborts at deadline − margin; http answers one 504; the late result is dropped and logged', async () => {
    vi.useFakeTimers();
    const { lines, options } = setup();
    let signal: AbortSignal | undefined;
    let finished = false;
    const handler = defineHandler({
      name: 'slow',
      kind: 'http',
      async handle(_event, ctx) {
        signal = ctx.signal;
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        finished = true;
        return { body: 'late' };
      },
    });
    const pending = run(handler, httpCall({}, { deadline: Date.now() + 2_000 }), options);
    await vi.advanceTimersByTimeAsync(1_499);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    expect(HttpError.isInstance(signal?.reason) && signal.reason.status).toBe(504);
    const response = await pending;
    expect(response?.status).toBe(504);
    expect(problem(response)).toEqual({
      type: 'about:blank',
      title: 'Gateway Timeout',
      status: 504,
      requestId: 'req-1',
    });
    expect(lines.filter((line) => line.message.startsWith('invocation'))).toEqual([
      expect.objectContaining({ level: 'error', status: 504 }),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(finished).toBe(true);
    expect(lines.at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('late result dropped'),
    });
    expect(lines.filter((line) => line.message.startsWith('invocation'))).toHaveLength(1);
  });

  it('57: answers with the adapter’s timeout status and margin', async () => {
    vi.useFakeTimers();
    const { options } = setup();
    const handler = defineHandler({
      name: 'slow',
      kind: 'http',
      handle: () => new Promise<never>(() => {}),
    });
    const pending = run(handler, httpCall({}, { deadline: Date.now() + 2_000 }), {
      ...options,
      timeoutStatus: 503,
      timeoutMarginMs: 100,
    });
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(1_899);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending)?.status).toBe(503);
  });

  it('57: a late failure is dropped and logged too', async () => {
    vi.useFakeTimers();
    const { lines, options } = setup();
    const handler = defineHandler({
      name: 'slow',
      kind: 'http',
      async handle() {
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        throw new Error('too late to matter');
      },
    });
    const pending = run(handler, httpCall({}, { deadline: Date.now() + 1_000 }), options);
    await vi.advanceTimersByTimeAsync(600);
    expect((await pending)?.status).toBe(504);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', error: { message: 'too late to matter' } });
  });

  it('57: a message handler past its deadline rejects with a TimeoutError and its signal is aborted', async () => {
    vi.useFakeTimers();
    const { lines, options } = setup();
    let signal: AbortSignal | undefined;
    const handler = defineHandler({
      name: 'slow',
      kind: 'message',
      handle: (_event, ctx) => {
        signal = ctx.signal;
        return new Promise<void>(() => {});
      },
    });
    const pending = run(handler, messageCall(messageEvent({}), { deadline: Date.now() + 1_000 }), options);
    const outcome = pending.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(500);
    const error = await outcome;
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/deadline/);
    expect(signal?.aborted).toBe(true);
    expect(lines.at(-1)).toMatchObject({ level: 'error', eventId: 'm-1', attempt: 3 });
  });

  it('57: a handler that first reads ctx.signal after the deadline sees it aborted', async () => {
    vi.useFakeTimers();
    const { options } = setup();
    let abortedWhenRead: boolean | undefined;
    const handler = defineHandler({
      name: 'slow',
      kind: 'http',
      async handle(_event, ctx) {
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        abortedWhenRead = ctx.signal.aborted;
        return {};
      },
    });
    const pending = run(handler, httpCall({}, { deadline: Date.now() + 1_000 }), options);
    await vi.advanceTimersByTimeAsync(5_000);
    await pending;
    expect(abortedWhenRead).toBe(true);
  });

  it('57: the timer is cleared when the handler finishes in time (no leaked handle)', async () => {
    vi.useFakeTimers();
    const { options } = setup();
    let signal: AbortSignal | undefined;
    const handler = defineHandler({
      name: 'fast',
      kind: 'http',
      handle: (_event, ctx) => {
        signal = ctx.signal;
        return { body: 'ok' };
      },
    });
    const response = await run(handler, httpCall({}, { deadline: Date.now() + 60_000 }), options);
    expect(response?.status).toBe(200);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(signal?.aborted).toBe(false);
  });

  it.each([
    ['no deadline (Infinity)', Number.POSITIVE_INFINITY],
    ['an unknown deadline (NaN)', Number.NaN],
    ['a deadline beyond the timer range (30 days)', Date.now() + 30 * 24 * 3600 * 1000],
  ])('does not time out a handler when there is %s', async (_label, deadline) => {
    const { options } = setup();
    const handler = defineHandler({
      name: 'unbounded',
      kind: 'http',
      async handle(_event, ctx) {
        // A real, short wait: long enough for a timer that wrongly fires after 1 ms.
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { body: { aborted: ctx.signal.aborted } };
      },
    });
    const response = await run(handler, httpCall({}, { deadline }), options);
    expect(response?.status).toBe(200);
    expect(response?.body).toBe('{"aborted":false}');
  });
});
