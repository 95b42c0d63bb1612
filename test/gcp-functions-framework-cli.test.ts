/**
 * End to end through Google's own server: the real functions-framework CLI
 * (`@google-cloud/functions-framework` 5.0.5, what Cloud Run functions run) loads the calculator's
 * BUILT bundle `examples/calculator/dist/gcp.mjs` with `--target=add`, exactly as
 * `npx functions-framework --target=add --source=dist/gcp.mjs` does locally.
 *
 * The CLI has no `--host` option and would bind every interface, so PORT is a unix socket in a
 * temporary folder (REAL-PARTS.md §1.1) and requests go through node:http's `socketPath`.
 *
 * Needs `npm run build` first (the root `npm test` does it).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildLogs, watchChildLogs } from './support/child-logs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = `${root}node_modules/.bin/functions-framework`;
const bundle = `${root}examples/calculator/dist/gcp.mjs`;
const PROJECT = 'omnifn-cli-test';
/** How long the framework may take to load the bundle and listen (a loaded machine is slow). */
const STARTUP_LIMIT_MS = 20_000;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`not an object: ${text}`);
  return value as Record<string, unknown>;
}

/** POSTs `body` to the framework over its unix socket. */
function post(socketPath: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        path: '/',
        method: 'POST',
        headers: {
          host: 'localhost',
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** True once something accepts connections on the socket. */
function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The framework process and everything it wrote. */
interface Server extends ChildLogs {
  readonly socketPath: string;
}

function startServer(dir: string): Server {
  const socketPath = join(dir, 'ff.sock');
  const child = spawn(process.execPath, [cli, '--target=add', `--source=${bundle}`], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A clean environment: no NODE_ENV from vitest, no project from the developer's shell.
    env: { PATH: process.env.PATH, PORT: socketPath, GOOGLE_CLOUD_PROJECT: PROJECT },
  });
  // The same object, not a copy: the watcher keeps updating its output and exit fields.
  return Object.assign(watchChildLogs(child, 'functions-framework'), { socketPath });
}

/** Polls the socket until the framework listens, the process exits, or the limit passes. */
async function waitUntilListening(server: Server): Promise<void> {
  const giveUpAt = Date.now() + STARTUP_LIMIT_MS;
  while (Date.now() < giveUpAt) {
    if (server.exit) throw new Error(`functions-framework exited before listening\n${server.stderr}`);
    if (existsSync(server.socketPath) && (await canConnect(server.socketPath))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `functions-framework did not listen on ${server.socketPath} within ${STARTUP_LIMIT_MS} ms\n` +
      `stderr:\n${server.stderr}\nstdout:\n${server.stdout}`,
  );
}

describe('calculator bundle served by the functions-framework 5.0.5 CLI (--target=add) on a unix socket', () => {
  let dir: string;
  let server: Server;

  beforeAll(async () => {
    if (!existsSync(bundle)) {
      throw new Error(`${bundle} is missing: build first (npm run build; npm test does it)`);
    }
    if (!existsSync(cli))
      throw new Error(`${cli} is missing: @google-cloud/functions-framework is not installed`);
    dir = mkdtempSync(join(tmpdir(), 'omnifn-ff-'));
    server = startServer(dir);
    await waitUntilListening(server);
  }, STARTUP_LIMIT_MS + 10_000);

  afterAll(async () => {
    if (server && !server.exit) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGKILL');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers a valid request with 200 {"result":5} as JSON', async () => {
    const reply = await post(server.socketPath, '{"num1":2,"num2":3}');

    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toEqual({ result: 5 });
  });

  it("writes the handler's log line on stdout as Cloud Logging JSON: severity, the execution id (field and label), the trace", async () => {
    const executionId = `exec-${randomUUID()}`;
    const traceId = randomUUID().replaceAll('-', '');
    const reply = await post(server.socketPath, '{"num1":40,"num2":2}', {
      'function-execution-id': executionId,
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    expect(reply.status).toBe(200);

    // The handler's own ctx.log.info('adding', …) line.
    const adding = await server.waitForLog(
      (line) => line.executionId === executionId && line.message === 'adding',
    );
    expect(adding).toMatchObject({
      severity: 'INFO',
      requestId: executionId,
      function: 'add',
      trigger: 'gcp:http',
      num1: 40,
      num2: 2,
      'logging.googleapis.com/labels': { execution_id: executionId },
      'logging.googleapis.com/trace': `projects/${PROJECT}/traces/${traceId}`,
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
    });
    // Cloud Logging reads `severity`: the core's `level` is renamed, not duplicated.
    expect(adding).not.toHaveProperty('level');
    expect(typeof adding.time).toBe('string');
  });

  it('uses the id the framework generates when the request carries no function-execution-id', async () => {
    const before = server.logs.length;
    const reply = await post(server.socketPath, '{"num1":1,"num2":1}');
    expect(reply.status).toBe(200);

    const adding = await server.waitForLog(
      (line) => server.logs.indexOf(line) >= before && line.message === 'adding' && line.num1 === 1,
    );
    expect(typeof adding.executionId).toBe('string');
    expect(adding.executionId).not.toBe('');
    expect(adding.requestId).toBe(adding.executionId);
    expect(adding['logging.googleapis.com/labels']).toEqual({ execution_id: adding.executionId });
  });

  it('answers a body that fails validation with a 400 problem+json naming body.num1, logged with the execution id (RELIABILITY 56)', async () => {
    const executionId = `exec-${randomUUID()}`;
    const reply = await post(server.socketPath, '{"num1":"two","num2":3}', {
      'function-execution-id': executionId,
    });

    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = parseObject(reply.body);
    expect(problem).toMatchObject({ status: 400, requestId: executionId });
    expect(Array.isArray(problem.errors)).toBe(true);
    const errors = problem.errors as unknown[];
    expect(errors[0]).toMatchObject({ path: 'body.num1' });

    const line = await server.waitForLog((l) => l.executionId === executionId && l.status === 400);
    expect(line.severity).toBe('WARNING');
    expect(server.logs.some((l) => l.executionId === executionId && l.message === 'adding')).toBe(false);
  });

  it('answers malformed JSON with a 400 (the framework body-parser), not a 500; the handler does not run; the server keeps serving', async () => {
    const executionId = `exec-${randomUUID()}`;
    const reply = await post(server.socketPath, '{"num1":2,', { 'function-execution-id': executionId });
    expect(reply.status).toBe(400);

    // A later request's log line proves the server went on, and that stdout got past the bad one.
    const nextId = `exec-${randomUUID()}`;
    const next = await post(server.socketPath, '{"num1":-1,"num2":1.5}', { 'function-execution-id': nextId });
    expect(next.status).toBe(200);
    expect(JSON.parse(next.body)).toEqual({ result: 0.5 });
    await server.waitForLog((l) => l.executionId === nextId && l.status === 200);
    expect(server.logs.some((l) => l.executionId === executionId)).toBe(false);
    expect(server.exit).toBeUndefined();
  });
});
