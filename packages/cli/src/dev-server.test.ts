import type { Handler } from '@omnifn/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpApiEvent } from './aws-event';
import { type DevServer, type Emulation, startDevServer } from './dev-server';
import { loadHandlers } from './load-handlers';
import { binary, broken, calculatorEntry, echo, nightly, orders, received, repoRoot } from './test-support';

let calculator: Handler[];

beforeAll(async () => {
  calculator = await loadHandlers(calculatorEntry, repoRoot);
});

beforeEach(() => {
  // Handler logs go to stdout; keep the test output to failures. Per test, since the vitest
  // config unstubs the environment before each one.
  vi.stubEnv('LOG_LEVEL', 'error');
});

/** What the echo handler answers (see test-support). */
interface Seen {
  readonly provider: string;
  readonly trigger: string;
  readonly url: string;
  readonly ip: string;
  readonly body: unknown;
  readonly cookieHeader?: string;
  readonly raw: HttpApiEvent;
}

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

function post(url: string, body: string, contentType = 'application/json') {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe.each<{ emulate: Emulation | undefined }>([{ emulate: undefined }, { emulate: 'aws' }])(
  'startDevServer (emulate: $emulate)',
  ({ emulate }) => {
    let server: DevServer;
    const lines: string[] = [];

    beforeAll(async () => {
      server = await startDevServer({
        handlers: [...calculator, echo, binary, broken, nightly],
        port: 0,
        emulate,
        bodyLimit: 1024,
        log: (line) => lines.push(line),
      });
    });

    afterAll(() => server.close());

    it('serves the calculator: a valid body answers 200 {"result":5}', async () => {
      const res = await post(`${server.url}/add`, '{"num1":2,"num2":3}');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe('{"result":5}');
    });

    it('an invalid body is a 400 problem with the failing paths', async () => {
      const res = await post(`${server.url}/add`, '{"num1":"2","num2":3}');
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = await json(res);
      expect(problem).toMatchObject({ status: 400, title: 'Bad Request', errors: [{ path: 'body.num1' }] });
    });

    it('malformed JSON is a 400 problem and the handler does not run', async () => {
      const res = await post(`${server.url}/add`, '{"num1":2');
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ status: 400, detail: 'Request body is not valid JSON' });
    });

    it('GET / lists the routes, the non-http handler marked as not served', async () => {
      const res = await fetch(`${server.url}/`);
      expect(res.status).toBe(200);
      const { routes } = await json(res);
      expect(routes).toEqual([
        { name: 'add', kind: 'http', path: '/add', served: true },
        { name: 'echo', kind: 'http', path: '/echo', served: true },
        { name: 'binary', kind: 'http', path: '/binary', served: true },
        { name: 'broken', kind: 'http', path: '/broken', served: true },
        { name: 'nightly', kind: 'schedule', path: '/nightly', served: emulate === undefined },
      ]);
      expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
    });

    it('an unknown path is a 404, answered as the front door would', async () => {
      const res = await fetch(`${server.url}/nope?x=1`);
      expect(res.status).toBe(404);
      if (emulate === 'aws') expect(await json(res)).toEqual({ message: 'Not Found' });
      else expect(await json(res)).toMatchObject({ status: 404, instance: '/nope' });
    });

    it('passes method, path, query, sub-path, cookies and headers; answers each cookie on its own line', async () => {
      const res = await fetch(`${server.url}/echo/a%20b/c?x=1&x=2&y=a%2Cb`, {
        method: 'PUT',
        headers: { cookie: 'k=v; s=t', 'x-custom': 'one', 'content-type': 'text/plain' },
        body: 'hello',
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-echo')).toBe('yes');
      expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
      const seen = await json<Seen>(res);
      expect(seen).toMatchObject({
        method: 'PUT',
        path: '/echo/a b/c',
        query: { x: ['1', '2'], y: 'a,b' },
        params: { proxy: 'a b/c' },
        cookies: { k: 'v', s: 't' },
        custom: 'one',
        body: 'hello',
        functionName: 'echo',
      });
      expect(seen.ip).toMatch(/127\.0\.0\.1/);
      // API Gateway is https-only; the local server is plain http.
      const origin = server.url.replace('http:', emulate === 'aws' ? 'https:' : 'http:');
      expect(seen.url).toBe(`${origin}/echo/a%20b/c?x=1&x=2&y=a%2Cb`);
    });

    it('a binary request and a binary answer arrive byte for byte', async () => {
      const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80]);
      const res = await fetch(`${server.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      expect((await json<Seen>(res)).body).toBe(Buffer.from(bytes).toString('base64'));
      const out = await fetch(`${server.url}/binary`);
      expect(out.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await out.arrayBuffer())]).toEqual([0x89, 0x50, 0xff, 0x00]);
    });

    it('a body over the limit is a 413 and is not read to the end', async () => {
      const res = await post(`${server.url}/echo`, 'x'.repeat(2048), 'text/plain');
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
    });

    it('a handler failure is a 500 that hides its message', async () => {
      const res = await fetch(`${server.url}/broken`);
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('secret detail');
    });

    it('logs one line per request with method, path, status and duration', () => {
      expect(lines).toContainEqual(expect.stringMatching(/^POST \/add 200 \d+\.\d ms$/));
      expect(lines).toContainEqual(expect.stringMatching(/^GET \/nope\?x=1 404 \d+\.\d ms$/));
    });
  },
);

describe('startDevServer without --emulate', () => {
  let server: DevServer;

  beforeAll(async () => {
    server = await startDevServer({ handlers: [echo, orders, nightly], port: 0, log: () => {} });
  });

  afterAll(() => server.close());

  it('builds a local http event', async () => {
    const seen = await json<Seen>(await fetch(`${server.url}/echo`));
    expect(seen).toMatchObject({ provider: 'local', trigger: 'local:http' });
  });

  it('runs a message handler once per POST of the event fields and answers 204', async () => {
    received.length = 0;
    const res = await post(`${server.url}/orders`, '{"body":{"id":7},"attributes":{"a":"b"},"attempt":2}');
    expect(res.status).toBe(204);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      kind: 'message',
      provider: 'local',
      trigger: 'local:message',
      body: { id: 7 },
      attributes: { a: 'b' },
      attempt: 2,
      channel: 'orders',
    });
    expect(received[0]?.publishedAt).toBeInstanceOf(Date);
    expect((await post(`${server.url}/nightly`, '')).status).toBe(204);
  });

  it('a failing message handler is a 500; bad fields are a 400; GET is a 405', async () => {
    expect((await post(`${server.url}/orders`, '{"body":{"fail":true}}')).status).toBe(500);
    const bad = await post(`${server.url}/orders`, '{"attempt":"two"}');
    expect(bad.status).toBe(400);
    expect((await json(bad)).detail).toBe("Event field 'attempt' must be a number");
    expect((await post(`${server.url}/orders`, '[1]')).status).toBe(400);
    const get = await fetch(`${server.url}/orders`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('startDevServer --emulate aws', () => {
  let server: DevServer;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startDevServer({
      handlers: [echo, nightly],
      port: 0,
      emulate: 'aws',
      log: (l) => lines.push(l),
    });
  });

  afterAll(() => server.close());

  it('sends the HTTP API 2.0 event API Gateway would, through toAws', async () => {
    const res = await fetch(`${server.url}/echo/x?q=1&q=2`, {
      method: 'POST',
      headers: { cookie: 'k=v; s=t', 'content-type': 'application/octet-stream', 'user-agent': 'test' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(res.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    const seen = await json<Seen>(res);
    expect(seen).toMatchObject({ provider: 'aws', trigger: 'aws:apigw-v2', functionName: 'echo' });
    expect(seen.cookieHeader).toBeUndefined();
    const raw = seen.raw;
    expect(raw).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /echo/{proxy+}',
      rawPath: '/echo/x',
      rawQueryString: 'q=1&q=2',
      cookies: ['k=v', 's=t'],
      queryStringParameters: { q: '1,2' },
      pathParameters: { proxy: 'x' },
      body: 'AQID',
      isBase64Encoded: true,
      requestContext: {
        accountId: '123456789012',
        routeKey: 'ANY /echo/{proxy+}',
        stage: '$default',
        http: { method: 'POST', path: '/echo/x', protocol: 'HTTP/1.1', userAgent: 'test' },
      },
    });
    expect(raw.headers.cookie).toBeUndefined();
    expect(raw.headers['content-length']).toBe('3');
    expect(raw.requestContext.time).toMatch(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  });

  it('a JSON body is sent as text, not base64', async () => {
    const seen = await json<Seen>(await post(`${server.url}/echo`, '{"a":1}'));
    expect(seen.raw).toMatchObject({ routeKey: 'ANY /echo', body: '{"a":1}', isBase64Encoded: false });
    expect(seen.body).toEqual({ a: 1 });
  });

  it('when the Lambda function rejects the event, answers 502 as API Gateway does and logs why', async () => {
    const res = await fetch(`${server.url}/nightly`, { method: 'POST' });
    expect(res.status).toBe(502);
    expect(await json(res)).toEqual({ message: 'Internal Server Error' });
    expect(lines).toContainEqual(
      expect.stringMatching(/'nightly' failed, API Gateway answers 502: .*schedule handler/),
    );
  });
});
