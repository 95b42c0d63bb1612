import { defineHandler } from '@omnifn/core';
import { events, lambdaContext } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { echo, jsonBody } from '../test-support';
import { toAws } from '../to-aws';
import type { ApiGatewayV2Result } from './api-gateway-v2';

const call = async (event: object, handler = echo) =>
  (await toAws(handler, { sink: () => {} })(event, lambdaContext())) as ApiGatewayV2Result;

describe('aws:apigw-v2 (HTTP API payload 2.0)', () => {
  it('maps method, decoded path, query, headers, cookies, params, JSON body and ip', async () => {
    const event = events.aws.httpApiV2({
      method: 'post',
      path: '/orders/a%20b?tag=x',
      headers: { 'X-Trace': 'abc' },
      cookies: ['session=s1', 'theme=dark'],
      pathParameters: { id: '42' },
      body: { n: 1 },
      ip: '198.51.100.9',
    });
    const body = jsonBody(await call(event));
    expect(body).toMatchObject({
      trigger: 'aws:apigw-v2',
      method: 'POST',
      path: '/orders/a b',
      query: { tag: 'x' },
      params: { id: '42' },
      cookies: { session: 's1', theme: 'dark' },
      body: { n: 1 },
      ip: '198.51.100.9',
    });
    expect((body.headers as Record<string, string>)['x-trace']).toBe('abc');
  });

  it('47: the query comes from rawQueryString, repeats kept, never split on commas', async () => {
    const event = {
      ...events.aws.httpApiV2({ path: '/q' }),
      rawQueryString: 'a=1&a=2&b=x%2Cy',
      queryStringParameters: { a: '1,2', b: 'x,y' },
    };
    expect(jsonBody(await call(event)).query).toEqual({ a: ['1', '2'], b: 'x,y' });
  });

  it('46: a comma-joined v2 header stays one value', async () => {
    const event = { ...events.aws.httpApiV2(), headers: { 'x-a': '1,2' } };
    expect((jsonBody(await call(event)).headers as Record<string, string>)['x-a']).toBe('1,2');
  });

  it('48: cookies parse with "=" in values; two Set-Cookie values go to the cookies array intact', async () => {
    const expires = 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Path=/';
    const handler = defineHandler({
      name: 'c',
      kind: 'http',
      handle: (event) => ({ cookies: [expires, 'b=2; HttpOnly'], body: event.cookies }),
    });
    const result = await call(events.aws.httpApiV2({ cookies: ['a=1', 'b=c=d'] }), handler);
    expect(jsonBody(result)).toEqual({ a: '1', b: 'c=d' });
    expect(result.cookies).toEqual([expires, 'b=2; HttpOnly']);
    expect(Object.keys(result.headers).map((h) => h.toLowerCase())).not.toContain('set-cookie');
  });

  it('a binary response is base64 with isBase64Encoded', async () => {
    const handler = defineHandler({
      name: 'bin',
      kind: 'http',
      handle: () => ({ body: new Uint8Array([0xff, 0x00, 0x41]) }),
    });
    const result = await call(events.aws.httpApiV2(), handler);
    expect(result).toMatchObject({
      statusCode: 200,
      isBase64Encoded: true,
      body: Buffer.from([0xff, 0x00, 0x41]).toString('base64'),
    });
    expect(result.headers['content-type']).toBe('application/octet-stream');
  });

  it('a base64 request body is decoded before parsing', async () => {
    const event = events.aws.httpApiV2({ method: 'POST', body: { hello: 'world' }, base64: true });
    expect(event.isBase64Encoded).toBe(true);
    expect(jsonBody(await call(event)).body).toEqual({ hello: 'world' });
  });

  it('23: a result without status is sent explicitly as 200 JSON; a string as text', async () => {
    const json = defineHandler({ name: 'j', kind: 'http', handle: () => ({ body: { ok: true } }) });
    const text = defineHandler({ name: 't', kind: 'http', handle: () => ({ body: 'plain' }) });
    expect(await call(events.aws.httpApiV2(), json)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"ok":true}',
      isBase64Encoded: false,
    });
    expect(await call(events.aws.httpApiV2(), text)).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'plain',
    });
  });
});
