import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { ValidationError } from '../errors/validation-error';
import { toHttpResponse } from './http-response';
import { problemResponse } from './problem';

const expires = 'Expires=Wed, 21 Oct 2015 07:28:00 GMT';

describe('toHttpResponse', () => {
  it('skips a header whose value is undefined', () => {
    const response = toHttpResponse({
      status: 200,
      headers: { 'x-a': undefined as unknown as string, 'x-b': '1' },
      body: 'ok',
    });
    expect(Object.keys(response.headers)).not.toContain('x-a');
    expect(response.headers['x-b']).toBe('1');
  });

  it('serializes an object body as JSON, a string as text and bytes as binary', () => {
    expect(toHttpResponse({ body: { a: [1] } })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      cookies: [],
      body: '{"a":[1]}',
    });
    expect(toHttpResponse({ status: 201, body: 'hi' })).toMatchObject({
      status: 201,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'hi',
    });
    const bytes = new Uint8Array([1, 2]);
    expect(toHttpResponse({ body: bytes })).toMatchObject({
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(toHttpResponse({ body: new Uint8Array([3]).buffer })).toMatchObject({ body: new Uint8Array([3]) });
    expect(toHttpResponse({ body: [] }).body).toBe('[]');
  });

  it('keeps a content type the handler set, lower-cases header names', () => {
    const response = toHttpResponse({
      headers: { 'Content-Type': 'application/xml', 'X-Trace': 't' },
      body: '<a/>',
    });
    expect(response.headers).toEqual({ 'content-type': 'application/xml', 'x-trace': 't' });
  });

  it('defaults the status to 200 with a body and 204 without one, as HttpResult documents', () => {
    expect(toHttpResponse({ body: 'x' }).status).toBe(200);
    expect(toHttpResponse({}).status).toBe(204);
    expect(toHttpResponse(undefined)).toEqual({ status: 204, headers: {}, cookies: [], body: undefined });
    expect(toHttpResponse({ status: 200 }).status).toBe(200);
  });

  it('48: two Set-Cookie values with Expires dates stay two intact entries, never comma-joined', () => {
    const a = `a=1; ${expires}; Path=/`;
    const b = `b=2; ${expires}; HttpOnly`;
    const response = toHttpResponse({ cookies: [a, b] });
    expect(response.cookies).toEqual([a, b]);
    expect(response.headers).not.toHaveProperty('set-cookie');
  });

  it('48: a Set-Cookie header joins the cookies list instead of the headers', () => {
    const response = toHttpResponse({
      headers: { 'Set-Cookie': `a=1; ${expires}` },
      cookies: [`b=2; ${expires}`],
    });
    expect(response.cookies).toEqual([`a=1; ${expires}`, `b=2; ${expires}`]);
    expect(Object.keys(response.headers)).toEqual([]);
  });

  it.each([
    ['CRLF in a header value', { headers: { 'x-a': 'ok\r\nSet-Cookie: evil=1' } }],
    ['LF in a header value', { headers: { 'x-a': 'ok\nSet-Cookie: evil=1' } }],
    ['a header name with a space', { headers: { 'x a': 'ok' } }],
    ['CRLF in a header name', { headers: { 'x-a\r\nSet-Cookie: evil': '1' } }],
    ['CRLF in a cookie', { cookies: ['a=1\r\nSet-Cookie: evil=1'] }],
  ])('51: %s throws instead of serializing', (_label, result) => {
    expect(() => toHttpResponse(result)).toThrow(/Unsafe/);
  });

  it.each([99, 600, 200.5, Number.NaN])('refuses status %s', (status) => {
    expect(() => toHttpResponse({ status })).toThrow(/Invalid HTTP status/);
  });
});

describe('problemResponse', () => {
  const parse = (body: unknown) => JSON.parse(String(body)) as Record<string, unknown>;

  it("keeps an HttpError's headers even when its message is hidden (a 503 keeps Retry-After)", () => {
    const response = problemResponse(
      new HttpError(503, 'db down', { headers: { 'Retry-After': '5', 'x-bad': 'a\r\nb' } }),
      'r',
    );
    expect(response.headers['retry-after']).toBe('5');
    expect(response.headers['x-bad']).toBeUndefined();
    expect(parse(response.body)).not.toHaveProperty('detail');
  });

  it('52: an HttpError below 500 shows its message as the detail', () => {
    const response = problemResponse(new HttpError(404, 'Order not found'), 'req-1', '/orders/1');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(parse(response.body)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Order not found',
      instance: '/orders/1',
      requestId: 'req-1',
    });
  });

  it('52/54: HttpError(500, "db password") and any other error say only the title, status, type and request id', () => {
    for (const error of [
      new HttpError(500, 'db password'),
      new TypeError('password=hunter2'),
      'str',
      undefined,
    ]) {
      const response = problemResponse(error, 'req-1', '/x');
      expect(response.status).toBe(500);
      expect(parse(response.body)).toEqual({
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        requestId: 'req-1',
      });
    }
  });

  it('53: a thrown plain object with statusCode, headers and body is a generic 500', () => {
    const response = problemResponse({ statusCode: 200, headers: { 'x-evil': '1' }, body: 'ok' }, 'req-1');
    expect(response.status).toBe(500);
    expect(response.headers).not.toHaveProperty('x-evil');
    expect(parse(response.body)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      requestId: 'req-1',
    });
  });

  it('adds the issues of a validation error', () => {
    const issues = [{ path: 'body.num1', message: 'Expected number' }];
    expect(parse(problemResponse(new ValidationError(issues), 'r').body)).toMatchObject({
      status: 400,
      detail: 'Validation failed',
      errors: issues,
    });
  });

  it('keeps safe headers and the type of an exposed HttpError, and drops unsafe ones', () => {
    const error = new HttpError(405, 'no', {
      type: 'https://errors.example/method',
      headers: { Allow: 'GET', 'x-bad': 'a\r\nb', 'Content-Type': 'text/html' },
    });
    const response = problemResponse(error, 'r');
    expect(response.headers).toEqual({ allow: 'GET', 'content-type': 'application/problem+json' });
    expect(parse(response.body).type).toBe('https://errors.example/method');
  });
});
