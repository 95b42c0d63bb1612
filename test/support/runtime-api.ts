/**
 * A minimal AWS Lambda Runtime API server, enough to drive AWS's own Node runtime client
 * (`aws-lambda-ric`) in a child process. No package on npm provides the Runtime Interface
 * Emulator or a Runtime API server, so this is the stand-in (REAL-PARTS §6c).
 *
 * Implements what the client calls:
 * - `GET  /2018-06-01/runtime/invocation/next` — long-polls until an event is queued, then answers
 *   it with the `lambda-runtime-*` headers;
 * - `POST /2018-06-01/runtime/invocation/{id}/response` and `/error` — settle that invocation;
 * - `POST /2018-06-01/runtime/init/error` — the handler failed to load: every pending and later
 *   invocation rejects with it.
 *
 * Binds to 127.0.0.1 on a free port. `fail()` lets the caller reject every pending invocation,
 * e.g. when the runtime process exits, so a crashed runtime fails a test instead of hanging it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

const PREFIX = '/2018-06-01/runtime';

/** What the runtime posted back for one invocation. */
export interface InvocationOutcome {
  readonly requestId: string;
  /** `response` for `/response`, `error` for `/error`. */
  readonly kind: 'response' | 'error';
  /** The posted body, JSON-parsed (the runtime always posts JSON). */
  readonly body: unknown;
  /** The posted body as text. */
  readonly rawBody: string;
  /** Request headers of the post, lower-case keys. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** What the runtime posted to `/init/error`. */
export interface InitError {
  readonly body: unknown;
  readonly errorType: string | undefined;
}

export interface InvokeOptions {
  /** Defaults to a random UUID. */
  readonly requestId?: string;
  /** Absolute epoch milliseconds. Defaults to 60 s from when the event is handed out. */
  readonly deadlineMs?: number;
  readonly functionArn?: string;
  readonly traceId?: string;
}

export interface RuntimeApiServer {
  /** `host:port`, the value for `AWS_LAMBDA_RUNTIME_API`. */
  readonly address: string;
  /** Queues an event; resolves with what the runtime posted back for it. */
  invoke(event: unknown, options?: InvokeOptions): Promise<InvocationOutcome>;
  /** Resolves when the runtime posts `/init/error`. */
  readonly initError: Promise<InitError>;
  /** Rejects every pending and later invocation with `error`. */
  fail(error: Error): void;
  close(): Promise<void>;
}

interface Pending {
  readonly requestId: string;
  readonly event: unknown;
  readonly options: InvokeOptions;
  resolve(outcome: InvocationOutcome): void;
  reject(error: Error): void;
}

const DEFAULT_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:omnifn-e2e';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startRuntimeApi(): Promise<RuntimeApiServer> {
  /** Events not yet handed to the runtime. */
  const queue: Pending[] = [];
  /** Events handed out, waiting for `/response` or `/error`. */
  const inFlight = new Map<string, Pending>();
  /** `GET /next` requests waiting for an event. */
  const waiting: ServerResponse[] = [];
  let failure: Error | undefined;

  let resolveInitError: (value: InitError) => void = () => {};
  const initError = new Promise<InitError>((resolve) => {
    resolveInitError = resolve;
  });

  const handOut = (res: ServerResponse, pending: Pending): void => {
    inFlight.set(pending.requestId, pending);
    const text = JSON.stringify(pending.event);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'lambda-runtime-aws-request-id': pending.requestId,
      'lambda-runtime-deadline-ms': String(pending.options.deadlineMs ?? Date.now() + 60_000),
      'lambda-runtime-invoked-function-arn': pending.options.functionArn ?? DEFAULT_ARN,
      'lambda-runtime-trace-id':
        pending.options.traceId ??
        `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`,
    });
    res.end(text);
  };

  const dispatch = (): void => {
    while (queue.length > 0 && waiting.length > 0) {
      const res = waiting.shift();
      const pending = queue.shift();
      if (res && pending) handOut(res, pending);
    }
  };

  const fail = (error: Error): void => {
    failure ??= error;
    for (const pending of [...queue, ...inFlight.values()]) pending.reject(error);
    queue.length = 0;
    inFlight.clear();
  };

  const settle = async (
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    kind: 'response' | 'error',
  ) => {
    const rawBody = await readBody(req);
    const pending = inFlight.get(id);
    if (!pending) {
      reply(res, 400, { errorMessage: `unknown request id ${id}`, errorType: 'InvalidRequestID' });
      return;
    }
    inFlight.delete(id);
    reply(res, 202, { status: 'OK' });
    pending.resolve({ requestId: id, kind, body: parseJson(rawBody), rawBody, headers: req.headers });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://runtime.local');
    const path = url.pathname;
    if (req.method === 'GET' && path === `${PREFIX}/invocation/next`) {
      waiting.push(res);
      res.on('close', () => {
        const index = waiting.indexOf(res);
        if (index !== -1) waiting.splice(index, 1);
      });
      dispatch();
      return;
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (req.method === 'POST' && match?.[1] && (match[2] === 'response' || match[2] === 'error')) {
      void settle(req, res, decodeURIComponent(match[1]), match[2]);
      return;
    }
    if (req.method === 'POST' && path === `${PREFIX}/init/error`) {
      void readBody(req).then((rawBody) => {
        reply(res, 202, { status: 'OK' });
        const header = req.headers['lambda-runtime-function-error-type'];
        const errorType = Array.isArray(header) ? header[0] : header;
        resolveInitError({ body: parseJson(rawBody), errorType });
        fail(new Error(`the runtime reported an init error: ${rawBody}`));
      });
      return;
    }
    reply(res, 404, { errorMessage: `no route for ${req.method} ${path}`, errorType: 'NotFound' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string')
    throw new Error('the Runtime API server is not bound to a TCP port');
  const { port } = bound;

  return {
    address: `127.0.0.1:${port}`,
    initError,
    fail,
    invoke(event, options = {}) {
      return new Promise<InvocationOutcome>((resolve, reject) => {
        if (failure) {
          reject(failure);
          return;
        }
        queue.push({ requestId: options.requestId ?? randomUUID(), event, options, resolve, reject });
        dispatch();
      });
    },
    close() {
      fail(new Error('the Runtime API server was closed'));
      for (const res of waiting.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
