/**
 * End to end through AWS's own Node runtime: `aws-lambda-ric` (the Runtime Interface Client that
 * the Lambda Node images run) loads the calculator's BUILT bundle `examples/calculator/dist/aws.mjs`
 * as `aws.handler`, and talks to a Runtime API server of ours on 127.0.0.1
 * (test/support/runtime-api.ts). What the client posts back is what Lambda would hand to API Gateway.
 *
 * Needs `npm run build` first (the root `npm test` does it) and aws-lambda-ric's native addon,
 * which `npm ci` builds because the root package.json approves its install scripts (allowScripts).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildLogs, watchChildLogs } from './support/child-logs';
import { type InvocationOutcome, type RuntimeApiServer, startRuntimeApi } from './support/runtime-api';

const root = fileURLToPath(new URL('..', import.meta.url));
const ric = `${root}node_modules/aws-lambda-ric/index.mjs`;
const ricAddon = `${root}node_modules/aws-lambda-ric/rapid-client.node`;
const taskRoot = `${root}examples/calculator/dist`;
const bundle = `${taskRoot}/aws.mjs`;

const FUNCTION_NAME = 'calculator-add';
const TRACE_ROOT = '1-67891233-abcdef012345678912345678';

/** An API Gateway HTTP API (payload format 2.0) request, as Lambda receives it. */
function httpApiV2Event(body: string, contentType = 'application/json'): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: 'POST /add',
    rawPath: '/add',
    rawQueryString: '',
    headers: {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': `Root=${TRACE_ROOT}`,
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method: 'POST',
        path: '/add',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'curl/8.5.0',
      },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: 'POST /add',
      stage: '$default',
      time: '12/Mar/2025:19:03:58 +0000',
      timeEpoch: 1741806238000,
    },
    body,
    isBase64Encoded: false,
  };
}

/** An SQS batch: not an HTTP request, so the calculator's handler must refuse it. */
function sqsEvent(): Record<string, unknown> {
  return {
    Records: [
      {
        messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
        receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
        body: '{"num1":2,"num2":3}',
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1545082649183',
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: '1545082649185',
        },
        messageAttributes: {},
        md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:calculator',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

/** The API Gateway v2 result the runtime posted, narrowed from `unknown`. */
interface V2Result {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

function asV2Result(outcome: InvocationOutcome): V2Result {
  expect(outcome.kind, `the runtime posted an error: ${outcome.rawBody}`).toBe('response');
  const value = outcome.body;
  if (typeof value !== 'object' || value === null) throw new Error(`not an object: ${outcome.rawBody}`);
  const { statusCode, headers, body } = value as Record<string, unknown>;
  if (typeof statusCode !== 'number') throw new Error(`no numeric statusCode: ${outcome.rawBody}`);
  if (typeof body !== 'string') throw new Error(`no string body: ${outcome.rawBody}`);
  const headerRecord: Record<string, string> = {};
  if (typeof headers === 'object' && headers !== null) {
    for (const [name, v] of Object.entries(headers))
      if (typeof v === 'string') headerRecord[name.toLowerCase()] = v;
  }
  return { statusCode, headers: headerRecord, body };
}

function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not an object: ${text}`);
  return value as Record<string, unknown>;
}

/** The runtime process and everything it wrote. */
type Runtime = ChildLogs;

function startRuntime(api: RuntimeApiServer): Runtime {
  const child = spawn(process.execPath, [ric, 'aws.handler'], {
    cwd: taskRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      AWS_LAMBDA_RUNTIME_API: api.address,
      _HANDLER: 'aws.handler',
      LAMBDA_TASK_ROOT: taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${FUNCTION_NAME}`,
      AWS_LAMBDA_LOG_STREAM_NAME: '2025/03/12/[$LATEST]0123456789abcdef0123456789abcdef',
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'debug',
    },
  });
  return watchChildLogs(child, 'aws-lambda-ric', (error) => api.fail(error));
}

describe('calculator bundle on aws-lambda-ric 4.0.2 (AWS Node runtime client) against a local Runtime API', () => {
  let api: RuntimeApiServer;
  let runtime: Runtime;

  beforeAll(async () => {
    if (!existsSync(bundle)) {
      throw new Error(`${bundle} is missing: build first (npm run build; npm test does it)`);
    }
    if (!existsSync(ricAddon)) {
      throw new Error(
        `${ricAddon} is missing: aws-lambda-ric's install scripts did not run (allowScripts in package.json; npm ci)`,
      );
    }
    api = await startRuntimeApi();
    runtime = startRuntime(api);
  });

  afterAll(async () => {
    if (runtime && !runtime.exit) {
      const exited = new Promise((resolve) => runtime.child.once('exit', resolve));
      runtime.child.kill('SIGKILL');
      await exited;
    }
    await api?.close();
  });

  it('answers a valid HTTP API v2 request with 200 {"result":5}, explicitly serialized as JSON (RELIABILITY 23)', async () => {
    const requestId = randomUUID();
    const outcome = await api.invoke(httpApiV2Event('{"num1":2,"num2":3}'), { requestId });

    expect(outcome.requestId).toBe(requestId);
    const result = asV2Result(outcome);
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(result.body)).toEqual({ result: 5 });
  });

  it('logs JSON lines on stdout that carry the request id the Runtime API sent, the function name and the X-Ray trace', async () => {
    const requestId = randomUUID();
    await api.invoke(httpApiV2Event('{"num1":40,"num2":2}'), {
      requestId,
      traceId: `Root=${TRACE_ROOT};Parent=53995c3f42cd8ad8;Sampled=1`,
    });

    // The handler's own line (ctx.log.info('adding', …)) and the pipeline's per-invocation line.
    const adding = await runtime.waitForLog(
      (line) => line.requestId === requestId && line.message === 'adding',
    );
    expect(adding).toMatchObject({ level: 'info', num1: 40, num2: 2, trigger: 'aws:apigw-v2' });
    expect(adding.function).toBe(FUNCTION_NAME);
    expect(adding.traceId).toBe(TRACE_ROOT);
    expect(typeof adding.time).toBe('string');

    const summary = await runtime.waitForLog((line) => line.requestId === requestId && line.status === 200);
    expect(summary.level).toBe('info');
    // Every JSON line written for this invocation carries its id, never another invocation's.
    const mine = runtime.logs.filter((line) => line.requestId === requestId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
  });

  it('answers a body that fails validation with a 400 problem+json listing the errors, and logs it with the request id (RELIABILITY 56)', async () => {
    const requestId = randomUUID();
    const outcome = await api.invoke(httpApiV2Event('{"num1":"two","num2":3}'), { requestId });

    const result = asV2Result(outcome);
    expect(result.statusCode).toBe(400);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = parseObject(result.body);
    expect(problem).toMatchObject({ status: 400, requestId });
    expect(Array.isArray(problem.errors)).toBe(true);
    const errors = problem.errors as unknown[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual(expect.objectContaining({ path: expect.stringContaining('num1') }));

    const line = await runtime.waitForLog((l) => l.requestId === requestId && l.status === 400);
    expect(line.level).not.toBe('info');
  });

  it('answers malformed JSON with a 400 problem+json, not a 500 and not a runtime error; the handler does not run', async () => {
    const requestId = randomUUID();
    const outcome = await api.invoke(httpApiV2Event('{"num1":2,'), { requestId });

    const result = asV2Result(outcome);
    expect(result.statusCode).toBe(400);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(parseObject(result.body)).toMatchObject({ status: 400, requestId });

    await runtime.waitForLog((l) => l.requestId === requestId && l.status === 400);
    expect(runtime.logs.some((l) => l.requestId === requestId && l.message === 'adding')).toBe(false);
  });

  it('reports an event of another kind as an invocation error naming what came in, never a success', async () => {
    const requestId = randomUUID();
    const outcome = await api.invoke(sqsEvent(), { requestId });

    expect(outcome.kind).toBe('error');
    expect(outcome.requestId).toBe(requestId);
    const error = parseObject(outcome.rawBody);
    expect(typeof error.errorType).toBe('string');
    // Names what was received (the SQS batch, by source or by its `Records` key) and what was expected.
    expect(String(error.errorMessage)).toMatch(/sqs|Records/i);
    expect(String(error.errorMessage)).toMatch(/http/i);
  });

  it('keeps serving after an error: the runtime is still up and answers the next request', async () => {
    const result = asV2Result(await api.invoke(httpApiV2Event('{"num1":-1,"num2":1.5}')));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ result: 0.5 });
    expect(runtime.exit).toBeUndefined();
  });
});
