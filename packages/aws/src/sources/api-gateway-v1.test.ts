import { defineHandler } from '@omnifn/core';
import { events, lambdaContext } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { echo, jsonBody } from '../test-support';
import { toAws } from '../to-aws';
import type { ApiGatewayV1Result } from './api-gateway-v1';

const call = async (event: object, handler = echo) =>
  (await toAws(handler, { sink: () => {} })(event, lambdaContext())) as ApiGatewayV1Result &
    Record<string, unknown>;

describe('aws:apigw-v1 (REST API and HTTP API payload 1.0)', () => {
  it.each([
    ['REST API', events.aws.restApi],
    ['HTTP API payload 1.0', events.aws.httpApiV1],
  ])('%s: maps the request', async (_name, build) => {
    const event = build({
      method: 'PUT',
      path: '/items/7',
      query: { q: 'a b' },
      headers: { 'Content-Type': 'application/json' },
      body: { x: 1 },
      cookies: ['s=1'],
    });
    expect(jsonBody(await call(event))).toMatchObject({
      trigger: 'aws:apigw-v1',
      method: 'PUT',
      path: '/items/7',
      query: { q: 'a b' },
      cookies: { s: '1' },
      body: { x: 1 },
    });
  });

  it('47: prefers multiValueQueryStringParameters; values are already decoded', async () => {
    const event = {
      ...events.aws.restApi(),
      queryStringParameters: { a: '2' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x,y'] },
    };
    expect(jsonBody(await call(event)).query).toEqual({ a: ['1', '2'], b: 'x,y' });
  });

  it('45/46: header names are case-insensitive; multiValueHeaders repeats are kept in order', async () => {
    const event = {
      ...events.aws.restApi(),
      headers: { 'X-A': '2', 'Content-Type': 'text/plain' },
      multiValueHeaders: { 'X-A': ['1', '2'], 'x-a': ['3'], 'Content-Type': ['text/plain'] },
    };
    expect(jsonBody(await call(event)).headers).toMatchObject({
      'x-a': '1, 2, 3',
      'content-type': 'text/plain',
    });
  });

  it('46: two different content-length values are refused with 400', async () => {
    const event = {
      ...events.aws.restApi(),
      headers: null,
      multiValueHeaders: { 'Content-Length': ['1', '2'] },
    };
    expect((await call(event)).statusCode).toBe(400);
  });

  it('null headers and maps (console test events) work', async () => {
    const event = {
      ...events.aws.restApi(),
      headers: null,
      multiValueHeaders: null,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
    };
    expect(jsonBody(await call(event))).toMatchObject({ headers: {}, query: {}, params: {} });
  });

  it('23/48: Set-Cookie goes through multiValueHeaders, one entry each; never a cookies field', async () => {
    const expires = 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT';
    const handler = defineHandler({
      name: 'c',
      kind: 'http',
      handle: () => ({ cookies: [expires, 'b=2'], body: 'ok' }),
    });
    const result = await call(events.aws.restApi(), handler);
    expect(result.multiValueHeaders).toEqual({ 'set-cookie': [expires, 'b=2'] });
    expect(result).not.toHaveProperty('cookies');
    expect(result.headers).not.toHaveProperty('set-cookie');
  });
});
