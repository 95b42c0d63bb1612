// `node bench/pieces.mjs`: a diagnostic, not part of `npm run bench`. Times the pieces an omnifn
// invocation is made of, through the public @omnifn/core and @omnifn/core/adapter APIs (built
// dist), next to what the raw handler does for the same step, and runs whole-handler
// ablations through `toAws` options. Used to write "Where omnifn's time goes" in README.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { toAws } from '@omnifn/aws';
import { compose, createLogger, defineHandler, HttpError, ValidationError } from '@omnifn/core';
import {
  createHeaders,
  createHttpEvent,
  decodeBody,
  parseBody,
  parseQuery,
  problemResponse,
  run,
  toHttpResponse,
  traceFromHeaders,
} from '@omnifn/core/adapter';
import { do_not_optimize, measure } from 'mitata';
import { z } from 'zod';
import { cases } from './events.mjs';
import { lambdaContext } from './lambda-context.mjs';

const realWrite = process.stdout.write;
const noop = () => true;
const event = cases.valid.event;
const invalidEvent = cases.invalid.event;
const context = lambdaContext();
const Body = z.object({ num1: z.number(), num2: z.number() });
const bindings = { requestId: context.awsRequestId, function: 'add', trigger: 'aws:apigw-v2' };

const add = defineHandler({
  name: 'add',
  kind: 'http',
  validate: { body: Body },
  async handle(e, ctx) {
    ctx.log.info('adding', { num1: e.body.num1, num2: e.body.num2 });
    return { status: 200, body: { result: e.body.num1 + e.body.num2 } };
  },
});
const quiet = toAws(add, { logLevel: 'error' });
const plain = defineHandler({
  name: 'add',
  kind: 'http',
  handle: async () => ({ status: 200, body: { result: 5 } }),
});
const full = toAws(add);
const throwing = toAws(defineHandler({ ...add, handle: () => Promise.reject(new Error('boom')) }));
const quietThrowing = toAws(defineHandler({ ...add, handle: () => Promise.reject(new Error('boom')) }), {
  sink: () => {},
});
const quietInvalid = toAws(add, { sink: () => {} });

const toEvent = (raw) =>
  createHttpEvent({
    provider: 'aws',
    trigger: 'aws:apigw-v2',
    id: raw.requestContext.requestId,
    time: new Date(raw.requestContext.timeEpoch),
    raw,
    method: raw.requestContext.http.method,
    rawPath: raw.rawPath,
    rawQuery: raw.rawQueryString,
    query: parseQuery(raw.rawQueryString),
    headers: createHeaders(raw.headers),
    params: raw.pathParameters,
    cookies: raw.cookies,
    body: raw.body,
    isBase64Encoded: raw.isBase64Encoded,
    ip: raw.requestContext.http.sourceIp,
  });
const built = toEvent(event);
const invocation = (e) => ({
  provider: 'aws',
  trigger: 'aws:apigw-v2',
  requestId: context.awsRequestId,
  functionName: 'add',
  deadline: Date.now() + 900_000,
  native: context,
  toEvent: () => e,
});
const log = createLogger({ bindings });
const childLog = log.child({ traceId: '1-67891233-abcdef012345678912345678' });
const composed = compose([async (e, _ctx, next) => next(e)], async () => ({ status: 200 }));
const boom = new Error('boom');
// The variables omnifn reads on every invocation (levelFromEnv, xrayTraceId).
const envKeys = ['LOG_LEVEL', '_X_AMZN_TRACE_ID'];

const list = [];
let isolated = false;
// A whole invocation is timed in a process of its own (`--one=N`), since several handlers
// through the same `run` make its call sites polymorphic and the heap busier than in a Lambda.
const group = (name, fn) => {
  isolated = name.startsWith('whole');
  fn();
};
const bench = (name, fn) => list.push([name, fn, isolated]);
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
};

group('whole invocation, valid', () => {
  bench('toAws(add) — as shipped', () => full({ ...event }, context));
  bench("toAws(add, { logLevel: 'error' }) — no log lines", () => quiet({ ...event }, context));
  bench('run(add) with a prebuilt event (no event mapping, no result mapping)', () =>
    run(add, invocation(built)),
  );
  bench("run(add) with a prebuilt event, logLevel 'error'", () =>
    run(add, invocation(built), { logLevel: 'error' }),
  );
  bench("run(handler without validate) with a prebuilt event, logLevel 'error'", () =>
    run(plain, invocation(built), { logLevel: 'error' }),
  );
});
group('whole invocation, failures', () => {
  bench('toAws invalid — as shipped', () => full({ ...invalidEvent }, context));
  bench('toAws invalid — sink: () => {} (no JSON.stringify of log lines)', () =>
    quietInvalid({ ...invalidEvent }, context),
  );
  bench('toAws throws — as shipped', () => throwing({ ...event }, context));
  bench('toAws throws — sink: () => {}', () => quietThrowing({ ...event }, context));
});
group('event mapping (toEvent)', () => {
  bench('createHttpEvent + createHeaders + parseQuery (v2ToEvent)', () => do_not_optimize(toEvent(event)));
  bench('createHeaders (9 headers)', () => do_not_optimize(createHeaders(event.headers)));
  bench('decodeBody + parseBody (Buffer.from for rawBody, JSON.parse of the string as given)', () =>
    do_not_optimize(parseBody(decodeBody(event.body, false), 'application/json', event.body)),
  );
  bench('raw: JSON.parse(body)', () => do_not_optimize(JSON.parse(event.body)));
  bench('traceFromHeaders', () => do_not_optimize(traceFromHeaders(built.headers)));
  bench('new Date(timeEpoch)', () => do_not_optimize(new Date(event.requestContext.timeEpoch)));
});
group('validation', () => {
  bench("zod ['~standard'].validate (omnifn)", () => do_not_optimize(Body['~standard'].validate(built.body)));
  bench('zod safeParse (raw, middy)', () => do_not_optimize(Body.safeParse(built.body)));
  bench('{ ...event } (validateEvent copies the event)', () => do_not_optimize({ ...built }));
  bench('new ValidationError([issue])', () =>
    do_not_optimize(new ValidationError([{ path: 'body.num2', message: 'Invalid input' }])),
  );
  bench('new Error() (stack capture; raw pays none on 400)', () => do_not_optimize(new Error('x')));
});
group('logging', () => {
  bench('createLogger({ bindings }) (run builds one the same way, without redacting its own bindings)', () =>
    do_not_optimize(createLogger({ bindings })),
  );
  bench('process.env.LOG_LEVEL read (levelFromEnv; toAws reads it once)', () =>
    do_not_optimize(process.env[envKeys[0]]),
  );
  bench('process.env._X_AMZN_TRACE_ID read (xrayTraceId, only when no trace header)', () =>
    do_not_optimize(process.env[envKeys[1]]),
  );
  bench("log.info('adding', fields) — one line (redact + stringify)", () =>
    childLog.info('adding', { num1: 2, num2: 3 }),
  );
  bench("log.info('invocation', { status, durationMs }) — the second line", () =>
    childLog.info('invocation', { status: 200, durationMs: 0.123 }),
  );
  bench('log.error(…, { error }) — the 500 line (stack)', () =>
    childLog.error('invocation failed', { status: 500, durationMs: 0.1, error: boom }),
  );
  bench('raw: one JSON line (stringify + toISOString)', () =>
    process.stdout.write(
      `${JSON.stringify({ level: 'info', message: 'adding', time: new Date().toISOString(), ...bindings, num1: 2, num2: 3 })}\n`,
    ),
  );
});
group('pipeline and result', () => {
  bench('setTimeout + clearTimeout (deadline timer)', () => clearTimeout(setTimeout(noop, 899_500)));
  bench('new Promise wrapping the pipeline', () => new Promise((resolve) => resolve(1)));
  bench('compose: one middleware + handle', () => composed(built, {}));
  bench('performance.now() ×2 (durationMs)', () => do_not_optimize(performance.now() + performance.now()));
  bench('toHttpResponse({ status, body })', () =>
    do_not_optimize(toHttpResponse({ status: 200, body: { result: 5 } })),
  );
  bench('problemResponse(ValidationError)', () =>
    do_not_optimize(
      problemResponse(new ValidationError([{ path: 'body.num2', message: 'x' }]), 'id', '/add'),
    ),
  );
  bench('problemResponse(Error) (500)', () => do_not_optimize(problemResponse(boom, 'id', '/add')));
  bench('new HttpError(504) (not built unless late)', () => do_not_optimize(new HttpError(504, 'x')));
});

// Process CPU time, always batched, three rounds; the median of the rounds' means.
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const time = async (fn) => {
  const means = [];
  process.stdout.write = noop;
  try {
    for (let r = 0; r < 3; r++) {
      const stats = await measure(fn, {
        now: cpuNow,
        batch_threshold: Number.POSITIVE_INFINITY,
        warmup_threshold: Number.POSITIVE_INFINITY,
        batch_samples: 256,
      });
      means.push(stats.avg);
    }
  } finally {
    process.stdout.write = realWrite;
  }
  return median(means);
};

const one = process.argv.find((a) => a.startsWith('--one='));
if (one) {
  const fn = list[Number(one.slice(6))][1];
  if (!process.argv.includes('--expose-gc')) process.stderr.write(`${await time(fn)}\n`);
  else {
    // Heap bytes per call: a full GC, then 1,000 calls inside a 64 MB young generation.
    const bytes = [];
    process.stdout.write = noop;
    for (let i = 0; i < 5000; i++) await fn();
    for (let r = 0; r < 5; r++) {
      await new Promise((resolve) => setImmediate(resolve));
      globalThis.gc();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 1000; i++) await fn();
      bytes.push((process.memoryUsage().heapUsed - before) / 1000);
    }
    process.stdout.write = realWrite;
    process.stderr.write(`${median(bytes)}\n`);
  }
} else {
  for (const [i, [name, fn, alone]] of list.entries()) {
    let ns;
    let heap = '';
    if (alone) {
      const child = (flags) =>
        Number(
          spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), `--one=${i}`, ...flags], {
            stdio: ['ignore', 'ignore', 'pipe'],
            encoding: 'utf8',
          })
            .stderr.trim()
            .split('\n')
            .at(-1),
        );
      ns = child([]);
      heap = `, ${Math.round(child(['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64']))} B/op`;
    } else {
      ns = await time(fn);
    }
    console.log(`${ns.toFixed(0).padStart(8)} ns  ${name}${alone ? ` (own process${heap})` : ''}`);
  }
}
