import { defineHandler, HttpError } from '@omnifn/core';
import { events, invoke, lambdaContext } from '@omnifn/testing';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureLogs, echo, jsonBody } from './test-support';
import { toAws } from './to-aws';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('toAws', () => {
  it('an event no source recognises is an Error naming what came in and what was expected', async () => {
    const handler = toAws(echo, { sink: () => {} });
    await expect(handler({ foo: 1 }, lambdaContext())).rejects.toThrow(
      /received an object with keys "foo", expected an AWS event for a http handler \(aws:alb/,
    );
    await expect(handler('text', lambdaContext())).rejects.toThrow(/received a string/);
    await expect(handler(null, lambdaContext())).rejects.toThrow(/received null/);
  });

  it('an HTTP event given to a non-http handler fails with one Error naming both', async () => {
    const job = defineHandler({ name: 'job', kind: 'schedule', handle: () => {} });
    await expect(toAws(job)(events.aws.httpApiV2(), lambdaContext())).rejects.toThrow(
      /received a aws:apigw-v2 event, expected an AWS event for a schedule handler/,
    );
  });

  it('logs JSON lines with requestId = awsRequestId, the function name and the X-Ray trace id', async () => {
    vi.stubEnv(
      '_X_AMZN_TRACE_ID',
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    );
    const logs = captureLogs();
    await toAws(echo, { sink: logs.sink })(
      events.aws.httpApiV2(),
      lambdaContext({ awsRequestId: 'r-1', functionName: 'fn' }),
    );
    expect(logs.records).toHaveLength(1);
    expect(logs.records[0]).toMatchObject({
      level: 'info',
      message: 'invocation',
      requestId: 'r-1',
      function: 'fn',
      trigger: 'aws:apigw-v2',
      traceId: '1-5759e988-bd862e3fe1be46a994272793',
      status: 200,
    });
    expect(typeof logs.records[0]?.durationMs).toBe('number');
  });

  it('prefers the trace id of the request’s x-amzn-trace-id header over the X-Ray variable', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-00000000-000000000000000000000000;Sampled=1');
    const logs = captureLogs();
    await toAws(echo, { sink: logs.sink })(
      events.aws.httpApiV2({ headers: { 'x-amzn-trace-id': 'Root=1-5759e988-bd862e3fe1be46a994272793' } }),
      lambdaContext(),
    );
    expect(logs.records[0]).toMatchObject({ traceId: '1-5759e988-bd862e3fe1be46a994272793' });
  });

  it('reads LOG_LEVEL once, when it wraps the handler (the Lambda environment is fixed)', async () => {
    vi.stubEnv('LOG_LEVEL', 'warn');
    const logs = captureLogs();
    const handler = toAws(echo, { sink: logs.sink });
    vi.stubEnv('LOG_LEVEL', 'debug');
    await handler(events.aws.httpApiV2(), lambdaContext());
    expect(logs.records).toHaveLength(0);
    await toAws(echo, { sink: logs.sink })(events.aws.httpApiV2(), lambdaContext());
    expect(logs.records).toHaveLength(1);
  });

  it('writes to stdout by default, one JSON object a line', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    await toAws(echo)(events.aws.httpApiV2(), lambdaContext({ awsRequestId: 'r-2' }));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ requestId: 'r-2', message: 'invocation' });
  });

  it('22/54: a thrown error is a generic 500 problem that leaks nothing, and the invocation does not reject', async () => {
    const boom = defineHandler({
      name: 'boom',
      kind: 'http',
      handle: () => {
        throw new TypeError('password=hunter2');
      },
    });
    const logs = captureLogs();
    for (const build of [events.aws.httpApiV2, events.aws.restApi, events.aws.alb, events.aws.functionUrl]) {
      const result = (await toAws(boom, { sink: logs.sink })(
        build({ path: '/x' }),
        lambdaContext({ awsRequestId: 'r-500' }),
      )) as {
        statusCode: number;
        body: string;
        isBase64Encoded: boolean;
        headers?: Record<string, string>;
        multiValueHeaders?: Record<string, string[]>;
      };
      expect(result.statusCode).toBe(500);
      expect(jsonBody(result)).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        requestId: 'r-500',
      });
      expect(result.body).not.toMatch(/hunter2|TypeError|at /);
    }
    const failure = logs.records.find((r) => r.level === 'error');
    expect(failure).toMatchObject({ message: 'invocation failed', status: 500, requestId: 'r-500' });
    expect(JSON.stringify(failure)).toContain('password=hunter2');
  });

  it('52: HttpError below 500 shows its message', async () => {
    const missing = defineHandler({
      name: 'm',
      kind: 'http',
      handle: () => {
        throw new HttpError(404, 'Order not found');
      },
    });
    const result = await invoke(missing, events.aws.httpApiV2({ path: '/orders/1' }));
    expect(result.statusCode).toBe(404);
    expect(jsonBody(result)).toMatchObject({
      title: 'Not Found',
      detail: 'Order not found',
      instance: '/orders/1',
    });
  });

  it('57: ctx.signal fires at remaining time minus the margin; one 504; the late result is dropped and logged', async () => {
    let aborted = false;
    let finish: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const slow = defineHandler({
      name: 'slow',
      kind: 'http',
      async handle(_event, ctx) {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 150));
        setTimeout(finish, 0);
        return { body: 'late' };
      },
    });
    const logs = captureLogs();
    const result = await toAws(slow, { sink: logs.sink, timeoutMarginMs: 50 })(
      events.aws.httpApiV2(),
      lambdaContext({ remainingMs: 80, awsRequestId: 'r-504' }),
    );
    expect(aborted).toBe(true);
    expect(result.statusCode).toBe(504);
    expect(jsonBody(result)).toEqual({
      type: 'about:blank',
      title: 'Gateway Timeout',
      status: 504,
      requestId: 'r-504',
    });
    await finished;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(logs.records.map((r) => r.message)).toEqual([
      'invocation failed',
      'late result dropped: the deadline had passed',
    ]);
  });

  it('38: the body limit option is measured after base64 decoding', async () => {
    const handler = toAws(echo, { sink: () => {}, bodyLimit: 4 });
    const atLimit = events.aws.httpApiV2({ method: 'POST', body: new Uint8Array([1, 2, 3, 4]) });
    const over = events.aws.httpApiV2({ method: 'POST', body: new Uint8Array([1, 2, 3, 4, 5]) });
    expect((await handler(atLimit, lambdaContext())).statusCode).toBe(200);
    expect((await handler(over, lambdaContext())).statusCode).toBe(413);
  });

  it('42: a malformed base64 body is 400 and the handler does not run', async () => {
    const run = vi.fn(() => ({ body: 'ran' }));
    const handler = toAws(defineHandler({ name: 'b', kind: 'http', handle: run }), { sink: () => {} });
    for (const body of ['%%%', 'QQ=', 'QU JD']) {
      const event = { ...events.aws.httpApiV2({ method: 'POST' }), body, isBase64Encoded: true };
      expect((await handler(event, lambdaContext())).statusCode).toBe(400);
    }
    expect(run).not.toHaveBeenCalled();
  });

  it('51: a response header with CR/LF is a logged 500 and nothing is injected', async () => {
    const evil = defineHandler({
      name: 'e',
      kind: 'http',
      handle: () => ({ headers: { 'x-ok': 'ok\r\nSet-Cookie: evil=1' }, body: 'x' }),
    });
    const logs = captureLogs();
    const result = await toAws(evil, { sink: logs.sink })(events.aws.httpApiV2(), lambdaContext());
    expect(result.statusCode).toBe(500);
    expect(JSON.stringify(result)).not.toContain('evil=1');
    expect(logs.records[0]).toMatchObject({ level: 'error', status: 500 });
  });

  it('58: 64 concurrent invocations each answer with their own ids', async () => {
    const handler = toAws(echo, { sink: () => {} });
    const ids = Array.from({ length: 64 }, (_, i) => `req-${i}`);
    const results = await Promise.all(
      ids.map((id) =>
        handler(
          events.aws.httpApiV2({ requestId: id, path: `/p/${id}` }),
          lambdaContext({ awsRequestId: id }),
        ),
      ),
    );
    results.forEach((result, i) => {
      expect(jsonBody(result)).toMatchObject({ id: ids[i], path: `/p/${ids[i]}` });
    });
  });

  it('59: random HTTP events never crash, never throw a non-Error, always answer a well-formed response', async () => {
    const handler = toAws(echo, { sink: () => {} });
    const header = fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(events.aws.httpApiV2, events.aws.restApi, events.aws.alb, events.aws.functionUrl),
        fc.record({
          path: fc.string({ maxLength: 40 }).map((s) => `/${s}`),
          headers: fc.array(header, { maxLength: 6 }),
          cookies: fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
          body: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 60 }), fc.json()),
          base64: fc.boolean(),
        }),
        fc.boolean(),
        async (build, init, corruptBase64) => {
          let event: Record<string, unknown>;
          try {
            event = build({ ...init, headers: Object.fromEntries(init.headers) }) as unknown as Record<
              string,
              unknown
            >;
          } catch {
            return; // the builder itself refused the input (a bad escape); nothing reached the adapter
          }
          if (corruptBase64) event = { ...event, isBase64Encoded: true };
          let result: { statusCode: number; body: string };
          try {
            result = (await handler(event, lambdaContext())) as { statusCode: number; body: string };
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            return;
          }
          expect(Number.isInteger(result.statusCode)).toBe(true);
          expect(result.statusCode === 200 || (result.statusCode >= 400 && result.statusCode < 500)).toBe(
            true,
          );
          expect(typeof result.body).toBe('string');
          expect(({} as Record<string, unknown>).x).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
