/**
 * End to end through AWS's own Node runtime client (`aws-lambda-ric`): the orders-queue
 * example's BUILT bundle (tsup, the example's own config, into a temporary folder, so the test
 * never runs a stale dist) is loaded as `aws.handler` and fed an SQS batch by our Runtime API
 * server on 127.0.0.1 (test/support/runtime-api.ts). Two records fail (one invalid, one thrown
 * by the handler); what the client posts back is what Lambda hands to the SQS event source
 * mapping: `{ batchItemFailures }` with exactly those two ids.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeApiServer, startRuntimeApi } from './support/runtime-api';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = `${root}examples/orders-queue`;
const ric = `${root}node_modules/aws-lambda-ric/index.mjs`;
const ricAddon = `${root}node_modules/aws-lambda-ric/rapid-client.node`;

/** One SQS record as the event source mapping sends it. */
function record(messageId: string, body: string): Record<string, unknown> {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1767225600000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1767225600001',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
    awsRegion: 'us-east-1',
  };
}

describe('orders-queue bundle on aws-lambda-ric against a local Runtime API', () => {
  let taskRoot: string;
  let api: RuntimeApiServer;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    if (!existsSync(ricAddon))
      throw new Error(`${ricAddon} is missing: aws-lambda-ric's install scripts did not run`);
    taskRoot = mkdtempSync(join(tmpdir(), 'omnifn-orders-'));
    await build({
      config: `${example}/tsup.config.ts`,
      entry: { aws: `${example}/src/aws.ts` },
      outDir: taskRoot,
      silent: true,
      // The workspace packages from source, so the bundle does not depend on a prior `npm run build`.
      esbuildOptions(options) {
        options.conditions = ['@omnifn/source', 'import', 'node'];
      },
    });
    api = await startRuntimeApi();
    child = spawn(process.execPath, [ric, 'aws.handler'], {
      cwd: taskRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        AWS_LAMBDA_RUNTIME_API: api.address,
        _HANDLER: 'aws.handler',
        LAMBDA_TASK_ROOT: taskRoot,
        AWS_LAMBDA_FUNCTION_NAME: 'orders',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
        AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
        AWS_REGION: 'us-east-1',
      },
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('exit', (code) => api.fail(new Error(`aws-lambda-ric exited (${code})\n${stderr}\n${stdout}`)));
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await api?.close();
    if (taskRoot) rmSync(taskRoot, { recursive: true, force: true });
  });

  it('answers an SQS batch where two records fail with exactly their ids in batchItemFailures', async () => {
    const requestId = randomUUID();
    const outcome = await api.invoke(
      {
        Records: [
          record('m-1', '{"orderId":"o-1","amount":12.5}'),
          record('m-2', '{"orderId":"o-2","amount":"twelve"}'),
          record('m-3', '{"orderId":"o-3","amount":1}'),
          record('m-4', '{"orderId":"reject-4","amount":3}'),
          record('m-5', '{"orderId":"o-5","amount":7}'),
        ],
      },
      { requestId },
    );
    expect(outcome.kind, outcome.rawBody).toBe('response');
    expect(outcome.requestId).toBe(requestId);
    expect(outcome.body).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-4' }],
    });
    const lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const received = lines.filter((l) => l.message === 'order received' && l.requestId === requestId);
    expect(received.map((l) => l.orderId)).toEqual(['o-1', 'o-3', 'reject-4', 'o-5']);
    const failed = lines.filter((l) => l.requestId === requestId && l.status === 'failed');
    expect(failed.map((l) => l.eventId).sort()).toEqual(['m-2', 'm-4']);
  });

  it('answers a batch where all succeed with an empty list', async () => {
    const outcome = await api.invoke({ Records: [record('m-6', '{"orderId":"o-6","amount":1}')] });
    expect(outcome.body).toEqual({ batchItemFailures: [] });
  });
});
