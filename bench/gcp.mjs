// `node bench/gcp.mjs [--quick]`: the calculator on Google Cloud, side by side in one process:
// a plain functions-framework HTTP function doing the same work (req.body from the framework's
// parser, zod validation, one JSON log line, a JSON answer; errors as JSON with a log line)
// vs `toGcp(add)`. Both are registered with the framework's own `http()` and served by its own
// server (`getTestServer`: express, body parsers, execution id) on 127.0.0.1, and both get the
// same requests over one keep-alive connection.
//
// Two figures per case:
//  - in-function: from the framework calling the function to the response's `finish`, timed by
//    the same wrapper around both (what the adapter adds to a request);
//  - round trip: request sent → response read over loopback, with mitata (what a client sees).
// Needs the built packages (`npx tsup` in packages/core and packages/gcp).
import { Agent, request } from 'node:http';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { defineHandler } from '@omnifn/core';
import { toGcp } from '@omnifn/gcp';
import { measure } from 'mitata';
import { z } from 'zod';
import { muted, stdoutLines } from './support/count-stdout.mjs';

const quick = process.argv.includes('--quick');
const TARGET = 1.25;

// --- the two functions ------------------------------------------------------------------------
const Body = z.object({ num1: z.number(), num2: z.number() });
function log(severity, message, req, fields) {
  process.stdout.write(
    `${JSON.stringify({ severity, message, time: new Date().toISOString(), executionId: req.executionId, function: 'add', ...fields })}\n`,
  );
}
function plainFunction(work) {
  return async (req, res) => {
    try {
      const parsed = Body.safeParse(req.body);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({
          path: ['body', ...i.path].join('.'),
          message: i.message,
        }));
        log('WARNING', 'invalid request body', req, { status: 400 });
        res.status(400).json({ title: 'Bad Request', status: 400, detail: 'Validation failed', errors });
        return;
      }
      res.status(200).json(await work(parsed.data, req));
    } catch (error) {
      log('ERROR', 'invocation failed', req, {
        status: 500,
        error: { name: error.name, message: error.message, stack: error.stack },
      });
      res.status(500).json({ title: 'Internal Server Error', status: 500 });
    }
  };
}
const plain = {
  valid: plainFunction(async (body, req) => {
    log('INFO', 'adding', req, { num1: body.num1, num2: body.num2 });
    return { result: body.num1 + body.num2 };
  }),
  throws: plainFunction(async () => {
    throw new Error('boom');
  }),
};

// The calculator's handler (examples/calculator/src/add.ts), written here because node runs .mjs.
const add = defineHandler({
  name: 'add',
  kind: 'http',
  validate: { body: Body },
  async handle(event, ctx) {
    ctx.log.info('adding', { num1: event.body.num1, num2: event.body.num2 });
    return { status: 200, body: { result: event.body.num1 + event.body.num2 } };
  },
});
const throwing = defineHandler({
  ...add,
  handle: () => {
    throw new Error('boom');
  },
});
const omnifn = { valid: toGcp(add), throws: toGcp(throwing) };

// --- the same timer around both ----------------------------------------------------------------
const samples = new Map();
function timed(name, fn) {
  const list = [];
  samples.set(name, list);
  return (req, res) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => list.push(Number(process.hrtime.bigint() - start) / 1e3));
    return fn(req, res);
  };
}

const variants = { plain, omnifn };
const cases = {
  valid: { fn: 'valid', body: '{"num1":2,"num2":3}', status: 200 },
  invalid: { fn: 'valid', body: '{"num1":"two","num2":3}', status: 400 },
  throws: { fn: 'throws', body: '{"num1":2,"num2":3}', status: 500 },
};
const servers = {};
for (const [variant, fns] of Object.entries(variants)) {
  for (const [caseName, c] of Object.entries(cases)) {
    const name = `${variant}_${caseName}`;
    http(name, timed(name, fns[c.fn]));
    const server = getTestServer(name);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers[name] = { server, port: server.address().port };
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const headers = (body) => ({
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
  'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/1;o=1',
  'x-forwarded-for': '203.0.113.7',
});
function send(port, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/add', agent, headers: headers(body) },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// 1. Each variant does the work.
for (const [caseName, c] of Object.entries(cases)) {
  for (const variant of Object.keys(variants)) {
    const res = await muted(() => send(servers[`${variant}_${caseName}`].port, c.body));
    if (res.status !== c.status) throw new Error(`${variant}/${caseName}: ${res.status} ${res.body}`);
    if (caseName === 'valid' && JSON.parse(res.body).result !== 5) throw new Error(`${variant}: ${res.body}`);
  }
}

// 2. Warm up, interleaved, then time.
const N = quick ? 2_000 : 20_000;
await muted(async () => {
  for (let i = 0; i < N / 4; i++) {
    for (const caseName of Object.keys(cases))
      for (const variant of Object.keys(variants))
        await send(servers[`${variant}_${caseName}`].port, cases[caseName].body);
  }
});
for (const list of samples.values()) list.length = 0;

const rows = [];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
// Rounds alternate which variant goes first, so that a burst of load from elsewhere on the
// machine lands on both alike; each figure is the median over the rounds.
const ROUNDS = quick ? 3 : 7;
const roundTrips = { plain: {}, omnifn: {} };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['plain', 'omnifn'] : ['omnifn', 'plain'];
  for (const [caseName, c] of Object.entries(cases)) {
    for (const variant of order) {
      const { port } = servers[`${variant}_${caseName}`];
      const stats = await muted(() => measure(() => send(port, c.body), { min_cpu_time: quick ? 1e8 : 3e8 }));
      roundTrips[variant][caseName] ??= [];
      roundTrips[variant][caseName].push(stats.p50 / 1e3);
    }
  }
}
const median = (xs) => pct(xs, 0.5);
for (const caseName of Object.keys(cases)) {
  const inP = samples.get(`plain_${caseName}`);
  const inO = samples.get(`omnifn_${caseName}`);
  const rtP = median(roundTrips.plain[caseName]);
  const rtO = median(roundTrips.omnifn[caseName]);
  rows.push([
    caseName,
    pct(inP, 0.5).toFixed(1),
    pct(inO, 0.5).toFixed(1),
    `${(pct(inO, 0.5) / pct(inP, 0.5)).toFixed(2)}×`,
    pct(inP, 0.99).toFixed(1),
    pct(inO, 0.99).toFixed(1),
    rtP.toFixed(1),
    rtO.toFixed(1),
    `${(rtO / rtP).toFixed(2)}×`,
    rtO / rtP <= TARGET ? 'yes' : 'NO',
  ]);
}
for (const { server } of Object.values(servers)) {
  server.closeAllConnections();
  server.close();
}
agent.destroy();

const header = [
  'case',
  'in-fn p50 plain µs',
  'in-fn p50 omnifn µs',
  'in-fn ×',
  'in-fn p99 plain µs',
  'in-fn p99 omnifn µs',
  'round trip p50 plain µs',
  'round trip p50 omnifn µs',
  'round trip ×',
  `≤ ${TARGET}×`,
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
console.log(
  `node ${process.version}; functions-framework 5.0.5; ${stdoutLines.count} log lines written while timing\n`,
);
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
