import { defineHandler } from '@omnifn/core';
import { events, lambdaContext } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { echo, jsonBody } from '../test-support';
import { toAws } from '../to-aws';
import type { AlbResult } from './alb';

const call = async (event: object, handler = echo) =>
  (await toAws(handler, { sink: () => {} })(event, lambdaContext())) as AlbResult;

const cookieHandler = defineHandler({
  name: 'c',
  kind: 'http',
  handle: () => ({
    status: 201,
    headers: { 'x-a': '1' },
    cookies: ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'b=2'],
    body: 'ok',
  }),
});

describe('aws:alb', () => {
  it('percent-decodes query values and reads the client ip from x-forwarded-for', async () => {
    const event = events.aws.alb({ path: '/p?d=2019-03-12T16%3A06%3A06%2B00%3A00&s=a+b', ip: '192.0.2.1' });
    expect(jsonBody(await call(event))).toMatchObject({
      trigger: 'aws:alb',
      query: { d: '2019-03-12T16:06:06+00:00', s: 'a b' },
      ip: '192.0.2.1',
    });
  });

  it('single-value mode: statusDescription, headers, and one intact Set-Cookie (never comma-joined)', async () => {
    const result = await call(events.aws.alb(), cookieHandler);
    expect(result).toMatchObject({
      statusCode: 201,
      statusDescription: '201 Created',
      headers: { 'x-a': '1', 'set-cookie': 'a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT' },
    });
    expect(result).not.toHaveProperty('multiValueHeaders');
  });

  it('multi-value mode is mirrored: multiValueHeaders with every Set-Cookie', async () => {
    const event = events.aws.alb({ multiValueHeaders: true, path: '/m?k=1&k=2' });
    expect(jsonBody(await call(event)).query).toEqual({ k: ['1', '2'] });
    const result = await call(events.aws.alb({ multiValueHeaders: true }), cookieHandler);
    expect(result.multiValueHeaders).toMatchObject({
      'x-a': ['1'],
      'set-cookie': ['a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT', 'b=2'],
    });
    expect(result).not.toHaveProperty('headers');
  });

  it('a binary body arrives and leaves as base64', async () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const handler = defineHandler({ name: 'b', kind: 'http', handle: (event) => ({ body: event.rawBody }) });
    const result = await call(events.aws.alb({ method: 'PUT', body: bytes }), handler);
    expect(result).toMatchObject({ isBase64Encoded: true, body: Buffer.from(bytes).toString('base64') });
  });
});
