import { describe, expect, it } from 'vitest';
import { compose } from './compose';
import type { Context } from './context';
import type { HttpEvent } from './event/http';
import type { OmniEvent } from './event/omni-event';
import type { ScheduleEvent } from './event/schedule';
import { createLogger } from './logger';
import { defineMiddleware, type Middleware } from './middleware';
import type { HttpResult } from './result';

const ctx: Context = {
  requestId: 'req-1',
  provider: 'local',
  functionName: 'test',
  log: createLogger({ sink: () => {} }),
  signal: new AbortController().signal,
  deadline: Number.POSITIVE_INFINITY,
  remainingMs: () => Number.POSITIVE_INFINITY,
  native: undefined,
};

const http: HttpEvent = {
  kind: 'http',
  id: 'e-1',
  time: new Date(0),
  provider: 'local',
  trigger: 'local:http',
  raw: {},
  method: 'GET',
  path: '/',
  url: 'http://localhost/',
  headers: {},
  query: {},
  params: {},
  cookies: {},
  body: undefined,
  rawBody: new Uint8Array(0),
  ip: undefined,
};

const schedule: ScheduleEvent = {
  kind: 'schedule',
  id: 's-1',
  time: new Date(0),
  provider: 'local',
  trigger: 'local:timer',
  raw: {},
  scheduledTime: new Date(0),
  name: 'nightly',
};

describe('compose', () => {
  it('runs middleware as an onion: in order on the way in, reverse order on the way out', async () => {
    const trace: string[] = [];
    const layer =
      (name: string): Middleware<HttpEvent> =>
      async (_event, _ctx, next) => {
        trace.push(`${name}:in`);
        const result = await next();
        trace.push(`${name}:out`);
        return result;
      };
    const run = compose<HttpEvent>([layer('a'), layer('b')], async () => {
      trace.push('handle');
      return { status: 201 };
    });
    await expect(run(http, ctx)).resolves.toEqual({ status: 201 });
    expect(trace).toEqual(['a:in', 'b:in', 'handle', 'b:out', 'a:out']);
  });

  it('returns the downstream result from next(), which a middleware may change', async () => {
    const addHeader: Middleware<HttpEvent> = async (_event, _ctx, next) => {
      const result: HttpResult = await next();
      return { ...result, headers: { ...result.headers, 'x-took': '1' } };
    };
    const run = compose<HttpEvent>([addHeader], async () => ({ status: 200, body: 'hi' }));
    await expect(run(http, ctx)).resolves.toEqual({ status: 200, body: 'hi', headers: { 'x-took': '1' } });
  });

  it('rejects when a middleware calls next() twice, and runs the handler only once', async () => {
    let calls = 0;
    const twice: Middleware<HttpEvent> = async (_event, _ctx, next) => {
      await next();
      return next();
    };
    const run = compose<HttpEvent>([twice], async () => {
      calls += 1;
      return {};
    });
    await expect(run(http, ctx)).rejects.toThrow('next() called multiple times');
    expect(calls).toBe(1);
  });

  it('lets a middleware short-circuit: later middleware and the handler do not run', async () => {
    const trace: string[] = [];
    const deny: Middleware<HttpEvent> = async () => ({ status: 401 });
    const later: Middleware<HttpEvent> = async (_event, _ctx, next) => {
      trace.push('later');
      return next();
    };
    const run = compose<HttpEvent>([deny, later], async () => {
      trace.push('handle');
      return {};
    });
    await expect(run(http, ctx)).resolves.toEqual({ status: 401 });
    expect(trace).toEqual([]);
  });

  it('passes a replaced event given to next(event) downstream, and the original otherwise', async () => {
    const seen: string[] = [];
    const rewrite: Middleware<HttpEvent> = async (event, _ctx, next) =>
      next({ ...event, path: '/rewritten' });
    const observe: Middleware<HttpEvent> = async (event, _ctx, next) => {
      seen.push(event.path);
      return next();
    };
    const run = compose<HttpEvent>([rewrite, observe], async (event) => {
      seen.push(event.path);
      return {};
    });
    await run(http, ctx);
    expect(seen).toEqual(['/rewritten', '/rewritten']);
    expect(http.path).toBe('/');
  });

  it('turns a synchronous throw in a middleware into a rejection', async () => {
    const boom = ((): Promise<HttpResult> => {
      throw new Error('sync boom');
    }) as Middleware<HttpEvent>;
    const run = compose<HttpEvent>([boom], async () => ({}));
    await expect(run(http, ctx)).rejects.toThrow('sync boom');
  });

  it('gives the context to every layer', async () => {
    const seen: Context[] = [];
    const spy: Middleware<HttpEvent> = async (_event, c, next) => {
      seen.push(c);
      return next();
    };
    const run = compose<HttpEvent>([spy], async (_event, c) => {
      seen.push(c);
      return {};
    });
    await run(http, ctx);
    expect(seen).toEqual([ctx, ctx]);
  });

  it('calls the handler directly when there is no middleware', async () => {
    const last = async () => ({ status: 202 });
    expect(compose<HttpEvent>([], last)).toBe(last);
  });
});

describe('defineMiddleware', () => {
  it('runs a kind-specific middleware for events of that kind', async () => {
    const tag = defineMiddleware('http', async (_event, _ctx, next) => {
      const result = await next();
      return { ...result, headers: { 'x-tag': 'http' } };
    });
    const run = compose<OmniEvent>([tag], async () => ({ status: 200 }));
    await expect(run(http, ctx)).resolves.toEqual({ status: 200, headers: { 'x-tag': 'http' } });
  });

  it('passes events of other kinds through untouched, without calling the middleware', async () => {
    let called = false;
    const onlyHttp = defineMiddleware('http', async (_event, _ctx, next) => {
      called = true;
      return next();
    });
    const seen: OmniEvent[] = [];
    const run = compose<OmniEvent>([onlyHttp], async (event) => {
      seen.push(event);
      return undefined;
    });
    await run(schedule, ctx);
    expect(called).toBe(false);
    expect(seen).toEqual([schedule]);
  });

  it('returns a kind-less middleware as it is', () => {
    const any: Middleware = async (_event, _ctx, next) => next();
    expect(defineMiddleware(any)).toBe(any);
  });
});
