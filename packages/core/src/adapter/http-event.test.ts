import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { createHeaders } from './headers';
import { createHttpEvent, type HttpEventInit } from './http-event';
import { parseQuery } from './query';

function init(over: Partial<HttpEventInit> = {}): HttpEventInit {
  return {
    provider: 'local',
    trigger: 'local:http',
    id: 'req-1',
    time: new Date(0),
    raw: { native: true },
    method: 'post',
    rawPath: '/orders',
    rawQuery: '',
    query: parseQuery(''),
    headers: createHeaders({ host: 'api.example.com' }),
    body: undefined,
    ip: '203.0.113.1',
    ...over,
  };
}

function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    if (HttpError.isInstance(error)) return error.status;
    throw error;
  }
  throw new Error('expected an HttpError, nothing was thrown');
}

const json = (body: string, extra: Record<string, string> = {}) =>
  init({ body, headers: createHeaders({ host: 'h', 'content-type': 'application/json', ...extra }) });

describe('createHttpEvent', () => {
  it('38: a content-length that is not a number is 400', () => {
    for (const value of ['abc', '-1', '1.5', ''])
      expect(statusOf(() => createHttpEvent(json('{}', { 'content-length': value })))).toBe(400);
    expect(createHttpEvent(json('{}', { 'content-length': '2' })).body).toEqual({});
  });

  it('builds the http event: upper-case method, decoded path, full url, headers, query, params, cookies, body', () => {
    const raw = { native: true };
    const event = createHttpEvent(
      init({
        raw,
        rawPath: '/orders/%61bc',
        rawQuery: 'a=1&a=2',
        query: parseQuery('a=1&a=2'),
        headers: createHeaders({
          Host: 'api.example.com',
          'Content-Type': 'application/json',
          Cookie: 'sid=1; b=c=d',
        }),
        params: { id: 'abc', missing: undefined },
        body: '{"n":1}',
      }),
    );
    expect(event).toMatchObject({
      kind: 'http',
      id: 'req-1',
      provider: 'local',
      trigger: 'local:http',
      method: 'POST',
      path: '/orders/abc',
      url: 'https://api.example.com/orders/%61bc?a=1&a=2',
      query: { a: ['1', '2'] },
      params: { id: 'abc', missing: '' },
      cookies: { sid: '1', b: 'c=d' },
      body: { n: 1 },
      ip: '203.0.113.1',
    });
    expect(event.raw).toBe(raw);
    expect(new TextDecoder().decode(event.rawBody)).toBe('{"n":1}');
    expect(Object.getPrototypeOf(event.params)).toBeNull();
  });

  it('takes the origin when given, and defaults to https://localhost without a host', () => {
    expect(createHttpEvent(init({ origin: 'http://127.0.0.1:3000' })).url).toBe(
      'http://127.0.0.1:3000/orders',
    );
    expect(createHttpEvent(init({ headers: createHeaders({}) })).url).toBe('https://localhost/orders');
  });

  it('48: reads a cookie list (API Gateway v2) before the cookie header', () => {
    const event = createHttpEvent(
      init({ cookies: ['a=1', 'b=c=d'], headers: createHeaders({ cookie: 'z=9' }) }),
    );
    expect(event.cookies).toEqual({ a: '1', b: 'c=d' });
  });

  it('38: a body at the limit is accepted; limit + 1 byte is 413, measured after base64 decoding', () => {
    const limit = { bodyLimit: 64 };
    const atLimit = Buffer.alloc(64, 1).toString('base64');
    const over = Buffer.alloc(65, 1).toString('base64');
    const octet = createHeaders({ 'content-type': 'application/octet-stream' });
    expect(
      createHttpEvent(init({ body: atLimit, isBase64Encoded: true, headers: octet }), limit).rawBody,
    ).toHaveLength(64);
    expect(
      statusOf(() => createHttpEvent(init({ body: over, isBase64Encoded: true, headers: octet }), limit)),
    ).toBe(413);
    expect(statusOf(() => createHttpEvent(init({ body: 'x'.repeat(65) }), limit))).toBe(413);
  });

  it('38: a body longer than its content-length is 413 (content-length: 1 with a 10 KB body)', () => {
    const lie = init({ body: 'x'.repeat(10_000), headers: createHeaders({ 'content-length': '1' }) });
    expect(statusOf(() => createHttpEvent(lie))).toBe(413);
    const honest = init({ body: 'x'.repeat(10), headers: createHeaders({ 'content-length': '10' }) });
    expect(createHttpEvent(honest).rawBody).toHaveLength(10);
  });

  it('42: bad base64 is 400', () => {
    expect(statusOf(() => createHttpEvent(init({ body: '%%%', isBase64Encoded: true })))).toBe(400);
    expect(statusOf(() => createHttpEvent(init({ body: 'QUJD\nREVG', isBase64Encoded: true })))).toBe(400);
  });

  it('43: bytes FF FE 41 are 400 as JSON or text, and arrive exactly as octet-stream', () => {
    const body = Buffer.from([0xff, 0xfe, 0x41]).toString('base64');
    const as = (type: string) =>
      init({ body, isBase64Encoded: true, headers: createHeaders({ 'content-type': type }) });
    expect(statusOf(() => createHttpEvent(as('application/json')))).toBe(400);
    expect(statusOf(() => createHttpEvent(as('text/plain')))).toBe(400);
    const event = createHttpEvent(as('application/octet-stream'));
    expect(Array.from(event.body as Uint8Array)).toEqual([0xff, 0xfe, 0x41]);
    expect(Array.from(event.rawBody)).toEqual([0xff, 0xfe, 0x41]);
  });

  it('44: vnd.api+json is parsed, text/plain is not, and charset=latin1 is 415', () => {
    const as = (type: string) => init({ body: '{"a":1}', headers: createHeaders({ 'content-type': type }) });
    expect(createHttpEvent(as('application/vnd.api+json')).body).toEqual({ a: 1 });
    expect(createHttpEvent(as('text/plain')).body).toBe('{"a":1}');
    expect(statusOf(() => createHttpEvent(as('application/json; charset=latin1')))).toBe(415);
  });

  it('39: __proto__ and constructor.prototype in a JSON body are 400; {"constructor":"x"} is accepted', () => {
    expect(statusOf(() => createHttpEvent(json('{"__proto__":{"x":1}}')))).toBe(400);
    expect(statusOf(() => createHttpEvent(json('{"a":{"__proto__":{"x":1}}}')))).toBe(400);
    expect(statusOf(() => createHttpEvent(json('{"constructor":{"prototype":{"x":1}}}')))).toBe(400);
    expect(statusOf(() => createHttpEvent(json(String.raw`{"\u005f\u005fproto\u005f\u005f":{"x":1}}`)))).toBe(
      400,
    );
    expect(createHttpEvent(json('{"constructor":"x"}')).body).toEqual({ constructor: 'x' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('41: a form body is parsed into a null-prototype record without pollution', () => {
    const event = createHttpEvent(
      init({
        body: '__proto__[x]=1&constructor[prototype][y]=2',
        headers: createHeaders({ 'content-type': 'application/x-www-form-urlencoded' }),
      }),
    );
    expect(Object.getPrototypeOf(event.body)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });

  it('49: decodes the path once: /api/%61dmin is /api/admin, /api/%2561dmin is not, /%ZZ is 400', () => {
    expect(createHttpEvent(init({ rawPath: '/api/%61dmin' })).path).toBe('/api/admin');
    expect(createHttpEvent(init({ rawPath: '/api/%2561dmin' })).path).not.toBe('/api/admin');
    expect(createHttpEvent(init({ rawPath: '/files/..%2F..%2Fetc%2Fpasswd' })).path.split('/')).not.toContain(
      '..',
    );
    expect(statusOf(() => createHttpEvent(init({ rawPath: '/%ZZ' })))).toBe(400);
  });

  it('50: a URL of 8 KiB is accepted; over 8 KiB is 414', () => {
    const path = `/${'a'.repeat(4 * 1024 - 1)}`;
    expect(createHttpEvent(init({ rawPath: path, rawQuery: 'q'.repeat(4 * 1024) })).path).toBe(path);
    expect(statusOf(() => createHttpEvent(init({ rawPath: path, rawQuery: 'q'.repeat(4 * 1024 + 1) })))).toBe(
      414,
    );
    expect(statusOf(() => createHttpEvent(init({ rawPath: `/${'a'.repeat(8 * 1024)}` })))).toBe(414);
  });
});
