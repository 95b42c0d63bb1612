import { events, lambdaContext } from '@omnifn/testing';
import { describe, expect, it } from 'vitest';
import { echo, jsonBody } from '../test-support';
import { toAws } from '../to-aws';
import type { ApiGatewayV2Result } from './api-gateway-v2';
import { isFunctionUrlEvent } from './function-url';

describe('aws:function-url', () => {
  it('is told apart from an HTTP API event by its lambda-url domain only', () => {
    expect(isFunctionUrlEvent(events.aws.functionUrl())).toBe(true);
    expect(isFunctionUrlEvent(events.aws.httpApiV2())).toBe(false);
  });

  it('uses the cookies array when the cookie header is also present', async () => {
    const event = { ...events.aws.functionUrl({ cookies: ['a=1'] }), headers: { cookie: 'stale=1' } };
    const result = (await toAws(echo, { sink: () => {} })(event, lambdaContext())) as ApiGatewayV2Result;
    expect(jsonBody(result)).toMatchObject({ trigger: 'aws:function-url', cookies: { a: '1' } });
  });
});
