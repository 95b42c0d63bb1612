import { lambdaContext } from '@omnifn/testing';
import { describe, expect } from 'vitest';
import { itFixture } from '../../../test/support/fixtures';
import { captureLogs, echo, jsonBody } from './test-support';
import { type AwsHttpResult, toAws } from './to-aws';

/**
 * Every AWS HTTP fixture in ../shared/fixtures/aws (events captured or published by AWS's
 * own teams) through `toAws`, checked against what each source must produce.
 */
type Expected = {
  trigger: string;
  status?: number;
  event?: Record<string, unknown>;
  result?: Record<string, unknown>;
};

const cases: Record<string, Expected> = {
  'aws/apigw-rest-v1-proxy.json': {
    trigger: 'aws:apigw-v1',
    event: {
      id: 'f88e38e3-2060-4a56-93c0-9efbc6a659a0',
      method: 'POST',
      path: '/no-auth',
      url: 'https://puhdx84jy9.execute-api.eu-west-1.amazonaws.com/no-auth',
      query: {},
      ip: '15.248.3.126',
      rawBodyLength: 0,
    },
  },
  'aws/apigw-rest-v1-proxy-path-query-stagevars.json': {
    trigger: 'aws:apigw-v1',
    event: {
      method: 'POST',
      path: '/hello/world',
      query: { name: 'me' },
      params: { proxy: 'hello/world' },
      body: { a: 1 },
      ip: '192.168.196.186',
    },
  },
  'aws/apigw-rest-v1-console-test.json': {
    trigger: 'aws:apigw-v1',
    event: {
      method: 'POST',
      path: '/no-auth',
      headers: {},
      query: {},
      cookies: {},
      ip: 'test-invoke-source-ip',
    },
  },
  'aws/apigw-rest-v1-query-decoded.json': {
    trigger: 'aws:apigw-v1',
    event: {
      method: 'GET',
      query: { url: 'http://www.gooogle.com', testDateTimeOffset: '2019-03-12T16:06:06.549817+00:00' },
      params: { proxy: 'api/rawquerystring/json' },
    },
  },
  'aws/apigw-http-payload-v1.0-multivalue.json': {
    trigger: 'aws:apigw-v1',
    event: {
      method: 'GET',
      path: '/my/path',
      // The multi-value maps win: the single maps keep only one of the repeats.
      query: { parameter1: ['value1', 'value2'], parameter2: 'value' },
      headers: { header1: 'value1', header2: 'value1, value2', origin: 'https://aws.amazon.com' },
      // No content type: the handler gets the bytes.
      body: { bytes: [...new TextEncoder().encode('Hello from Lambda!')] },
    },
  },
  // isBase64Encoded is true but the body is not base64: strict decoding answers 400 (item 42).
  'aws/apigw-http-payload-v1.0-base64-flag.json': { trigger: 'aws:apigw-v1', status: 400 },
  'aws/apigw-http-v2.json': {
    trigger: 'aws:apigw-v2',
    event: {
      id: 'ZhNHJhhLjoEEPiw=',
      method: 'POST',
      path: '/lambda',
      url: 'https://lsw1ro4ipb.execute-api.eu-west-1.amazonaws.com/lambda',
      query: {},
      ip: '15.248.3.126',
      rawBodyLength: 0,
    },
  },
  'aws/apigw-http-v2-iam-auth.json': {
    trigger: 'aws:apigw-v2',
    event: {
      method: 'GET',
      path: '/my/path',
      // From rawQueryString: repeats stay separate, never split or joined on commas.
      query: { parameter1: ['value1', 'value2'], parameter2: 'value' },
      params: { proxy: 'hello/world' },
      cookies: {},
      ip: 'IP',
    },
  },
  // Another non-base64 body flagged as base64 (AWS .NET's sample): 400, handler not run.
  'aws/apigw-http-v2-cookies-jwt.json': { trigger: 'aws:apigw-v2', status: 400 },
  'aws/lambda-function-url.json': {
    trigger: 'aws:function-url',
    event: {
      method: 'POST',
      path: '/hello',
      query: { hello: 'world', foo: 'bar' },
      cookies: { foo: 'bar', hello: 'hello' },
      body: { hello: 'world' },
      ip: '127.0.0.1',
      url: 'https://lambda-url-id.lambda-url.us-west-2.on.aws/hello?hello=world&foo=bar',
    },
  },
  'aws/lambda-function-url-base64-body.json': {
    trigger: 'aws:function-url',
    // content-type "idk" is not text: the handler gets the exact bytes of "<idk/>".
    event: { method: 'POST', body: { bytes: [...new TextEncoder().encode('<idk/>')] }, rawBodyLength: 6 },
  },
  'aws/lambda-function-url-get-no-body.json': {
    trigger: 'aws:function-url',
    event: { method: 'GET', path: '/', rawBodyLength: 0 },
  },
  'aws/alb-single-value-headers.json': {
    trigger: 'aws:alb',
    event: {
      method: 'GET',
      path: '/',
      query: { key: 'hello' },
      ip: '25.12.198.67',
      url: 'http://lambda-test-alb-1334523864.us-east-1.elb.amazonaws.com/?key=hello',
    },
    result: { statusDescription: '200 OK' },
  },
  'aws/alb-multi-value-headers.json': {
    trigger: 'aws:alb',
    event: { method: 'GET', path: '/', query: { key: 'hello' }, ip: '72.21.198.67' },
    result: { statusDescription: '200 OK' },
  },
  'aws/alb-multi-value-headers-empty-query.json': {
    trigger: 'aws:alb',
    event: { method: 'GET', path: '/lambda', query: {}, ip: '123.123.123.123' },
  },
  'aws/alb-query-not-decoded.json': {
    trigger: 'aws:alb',
    // ALB leaves query values percent-encoded; the event has them decoded, as API Gateway does.
    event: {
      query: { url: 'http://www.gooogle.com', testDateTimeOffset: '2019-03-12T16:06:06.5498170+00:00' },
    },
  },
  'aws/alb-base64-body.json': {
    trigger: 'aws:alb',
    event: { method: 'PUT', path: '/api/binary', body: 'Greetings, programs!', ip: '72.21.198.66' },
  },
};

describe('toAws with the clouds’ own HTTP fixtures', () => {
  itFixture(Object.keys(cases), async (fixture, path) => {
    const expected = cases[path] as Expected;
    const before = structuredClone(fixture);
    const logs = captureLogs();
    const result = (await toAws(echo, { sink: logs.sink })(
      fixture,
      lambdaContext({ awsRequestId: 'req-fixture' }),
    )) as AwsHttpResult & Record<string, unknown>;
    expect(fixture, 'the native event is never mutated').toEqual(before);
    expect(result.statusCode).toBe(expected.status ?? 200);
    const invocation = logs.records.find((r) => String(r.message).startsWith('invocation'));
    expect(invocation).toMatchObject({
      requestId: 'req-fixture',
      trigger: expected.trigger,
      status: expected.status ?? 200,
    });
    if (expected.result) expect(result).toMatchObject(expected.result);
    const body = jsonBody(result);
    if (expected.status !== undefined && expected.status >= 400) {
      expect(result.headers?.['content-type']).toBe('application/problem+json');
      expect(body).toMatchObject({ status: expected.status, requestId: 'req-fixture' });
      return;
    }
    expect(body).toMatchObject({ provider: 'aws', trigger: expected.trigger, ...expected.event });
  });
});
