// `node bench/azure.mjs [--quick]`: the calculator on Azure Functions (Node.js v4 model), side by
// side in one process: a plain v4 `app.http`-style handler doing the same work (read the JSON
// body, zod-validate it, log one line through the InvocationContext, answer JSON) and omnifn's
// `toAzure(add)`. Both get the library's real HttpRequest and InvocationContext, built the same
// way for every call (a request body can be read once). Needs the built packages: run
// `npx tsup` in packages/core and packages/azure first (or `npm run build`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { measure } from 'mitata';
import { z } from 'zod';

const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 5;
// As bench/run.mjs: this process's CPU time, batched 256 calls a sample, so that other processes
// on a shared machine do not inflate the figures.
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
};
const measureOptions = {
  batch_threshold: Number.POSITIVE_INFINITY,
  warmup_threshold: Number.POSITIVE_INFINITY,
  batch_samples: 256,
  now: cpuNow,
};
const TARGET = 1.25;

for (const dist of ['../packages/core/dist/index.js', '../packages/azure/dist/index.js']) {
  if (!existsSync(new URL(dist, import.meta.url))) {
    console.error(`${dist} is missing: build packages/core and packages/azure first (npx tsup in each).`);
    process.exit(1);
  }
}
const { HttpRequest, InvocationContext } = require('@azure/functions');
const { defineHandler } = await import('../packages/core/dist/index.js');
const { toAzure } = await import('../packages/azure/dist/index.js');

const Body = z.object({ num1: z.number(), num2: z.number() });

// ---------------------------------------------------------------------------------------------
// The plain v4 handler, as the Azure docs write one (jsonBody answers, context logging).
function line(level, message, context, fields) {
  return JSON.stringify({
    level,
    message,
    time: new Date().toISOString(),
    invocationId: context.invocationId,
    ...fields,
  });
}
function plain(handle) {
  return async (request, context) => {
    try {
      let body;
      try {
        body = await request.json();
      } catch {
        context.warn(line('warn', 'malformed JSON body', context));
        return { status: 400, jsonBody: { title: 'Bad Request', status: 400, detail: 'Malformed JSON' } };
      }
      const parsed = Body.safeParse(body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({
          path: ['body', ...i.path].join('.'),
          message: i.message,
        }));
        context.warn(line('warn', 'invalid request body', context, { status: 400 }));
        return { status: 400, jsonBody: { title: 'Bad Request', status: 400, errors } };
      }
      return await handle(parsed.data, context);
    } catch (error) {
      context.error(
        line('error', 'invocation failed', context, {
          status: 500,
          error: { name: error.name, message: error.message, stack: error.stack },
        }),
      );
      return {
        status: 500,
        jsonBody: { title: 'Internal Server Error', status: 500, requestId: context.invocationId },
      };
    }
  };
}
const plainAdd = plain(async (body, context) => {
  context.info(line('info', 'adding', context, { num1: body.num1, num2: body.num2 }));
  return { status: 200, jsonBody: { result: body.num1 + body.num2 } };
});
const plainThrows = plain(async () => {
  throw new Error('boom');
});

// ---------------------------------------------------------------------------------------------
// omnifn: the calculator's handler, and one that throws.
const add = defineHandler({
  name: 'add',
  kind: 'http',
  validate: { body: Body },
  async handle(event, ctx) {
    ctx.log.info('adding', { num1: event.body.num1, num2: event.body.num2 });
    return { status: 200, body: { result: event.body.num1 + event.body.num2 } };
  },
});
const boom = defineHandler({
  name: 'add',
  kind: 'http',
  validate: { body: Body },
  async handle() {
    throw new Error('boom');
  },
});
const variants = {
  plain: { valid: plainAdd, invalid: plainAdd, throws: plainThrows },
  omnifn: {
    valid: toAzure(add, { logLevel: 'info' }),
    invalid: toAzure(add, { logLevel: 'info' }),
    throws: toAzure(boom, { logLevel: 'info' }),
  },
};

// ---------------------------------------------------------------------------------------------
const bodies = {
  valid: '{"num1":2,"num2":3}',
  invalid: '{"num1":2,"num2":"three"}',
  throws: '{"num1":2,"num2":3}',
};
const status = { valid: 200, invalid: 400, throws: 500 };
const headers = {
  accept: 'application/json',
  'content-type': 'application/json',
  host: 'calc.azurewebsites.net',
  'user-agent': 'curl/8.5.0',
  'x-forwarded-for': '203.0.113.7:52311',
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
};
let lines = 0;
const context = new InvocationContext({
  invocationId: 'd2b2f4a0-0000-4000-8000-000000000001',
  functionName: 'add',
  // Where the worker would forward the line to the host; here it is only counted.
  logHandler: () => {
    lines++;
  },
  traceContext: { traceParent: headers.traceparent },
  options: {
    trigger: { type: 'httpTrigger', name: 'httpTrigger1', methods: ['POST'], authLevel: 'anonymous' },
  },
});
const request = (c) =>
  new HttpRequest({
    method: 'POST',
    url: 'https://calc.azurewebsites.net/api/add',
    headers,
    body: { string: bodies[c] },
  });
const invoke = (name, c) => variants[name][c](request(c), context);

// 1. Each variant does the work: status, JSON body, log lines.
const checks = [];
for (const c of Object.keys(bodies)) {
  for (const name of Object.keys(variants)) {
    lines = 0;
    const res = await invoke(name, c);
    const text = res.jsonBody === undefined ? String(res.body) : JSON.stringify(res.jsonBody);
    const parsed = JSON.parse(text);
    if ((res.status ?? 200) !== status[c]) throw new Error(`${name}/${c}: status ${res.status}: ${text}`);
    if (c === 'valid' && parsed.result !== 5) throw new Error(`${name}/valid: ${text}`);
    checks.push([c, name, res.status, lines, text.length]);
  }
}
const table = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const fmt = (cells) => `| ${cells.map((x, i) => String(x).padEnd(widths[i])).join(' | ')} |`;
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
};
console.log('Each variant once per case:\n');
console.log(table(['case', 'variant', 'status', 'log lines', 'body bytes'], checks));

// 2. Warm both on every case, then 3. time them, rounds rotated, median of mitata's means.
for (let i = 0; i < (quick ? 2_000 : 20_000); i++) {
  for (const c of Object.keys(bodies)) for (const name of Object.keys(variants)) await invoke(name, c);
}
const results = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const c of Object.keys(bodies)) {
    const names = Object.keys(variants);
    const order = names.map((_, k) => names[(k + r) % names.length]);
    for (const name of order) {
      const stats = await measure(() => invoke(name, c), { ...measureOptions });
      results[c] ??= {};
      results[c][name] ??= [];
      results[c][name].push(stats.avg);
    }
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rows = Object.keys(results).map((c) => {
  const p = median(results[c].plain);
  const o = median(results[c].omnifn);
  const ratio = o / p;
  return [
    c,
    `${Math.round(p).toLocaleString('en-US')} ns`,
    `${Math.round(o).toLocaleString('en-US')} ns`,
    `${ratio.toFixed(2)}×`,
    ratio <= TARGET ? 'yes' : 'no',
  ];
});
console.log(`\nPer invocation (CPU time, mean, median of ${ROUNDS} round(s); node ${process.version}):\n`);
console.log(table(['case', 'plain v4 handler', 'toAzure(add)', 'omnifn ÷ plain', `≤ ${TARGET}×`], rows));
