// `node bench/sqs.mjs`: an SQS batch of 10 through a hand-written Lambda loop (same zod
// validation, one log line a record, batchItemFailures) and through omnifn's
// `toAws(orders, { reportBatchItemFailures: true })`, side by side in one process (mitata).
// Both are bundled the same way by esbuild (workspace packages from source), so neither pays
// for module resolution the other skips. Stdout is swapped for a line counter while timing.
//
//   node bench/sqs.mjs [--quick] [--clock=wall]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { measure } from 'mitata';
import { benchDir } from './bundle.mjs';
import { lambdaContext } from './lambda-context.mjs';
import { muted, stdoutLines } from './support/count-stdout.mjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 5;
const TARGET = 1.25;
const variants = ['sqs-raw', 'sqs-omnifn'];

function record(i, body) {
  return {
    messageId: `059f36b4-87a3-44ab-83d2-66197583${String(i).padStart(4, '0')}`,
    receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${i}`,
    body: JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1545082649183',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1545082649185',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
    awsRegion: 'us-east-1',
  };
}

const cases = {
  'all valid': {
    Records: Array.from({ length: 10 }, (_, i) => record(i, { orderId: `o-${i}`, amount: i + 1 })),
  },
  '2 of 10 fail': {
    Records: Array.from({ length: 10 }, (_, i) =>
      record(
        i,
        i === 2
          ? { orderId: 'o-2', amount: 'x' }
          : { orderId: i === 6 ? 'reject-6' : `o-${i}`, amount: i + 1 },
      ),
    ),
  },
};

const dir = await mkdtemp(join(tmpdir(), 'omnifn-bench-sqs-'));
const handlers = {};
try {
  for (const name of variants) {
    const outfile = join(dir, `${name}.mjs`);
    await build({
      entryPoints: [join(benchDir, 'variants', `${name}.mjs`)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@omnifn/source'],
      outfile,
      logLevel: 'error',
    });
    handlers[name] = (await import(pathToFileURL(outfile).href)).handler;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

const context = lambdaContext({ functionName: 'orders' });
// Same answers, same number of log lines, before anything is timed.
for (const [c, event] of Object.entries(cases)) {
  const answers = [];
  for (const name of variants) {
    stdoutLines.count = 0;
    const result = await muted(() => handlers[name](event, context));
    answers.push(JSON.stringify(result));
    console.log(
      `${c.padEnd(13)} ${name.padEnd(11)} ${stdoutLines.count} log lines → ${JSON.stringify(result).slice(0, 90)}`,
    );
  }
  if (answers[0] !== answers[1]) throw new Error(`variants disagree on "${c}": ${answers.join(' vs ')}`);
}

await muted(async () => {
  for (let i = 0; i < (quick ? 1_000 : 10_000); i++)
    for (const event of Object.values(cases))
      for (const name of variants) await handlers[name](event, context);
});

// As bench/run.mjs: this process's CPU time (so other processes on a shared machine do not
// inflate it), 256 calls a sample so the clock's microsecond steps do not matter.
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
};
const measureOptions = {
  batch_threshold: Number.POSITIVE_INFINITY,
  warmup_threshold: Number.POSITIVE_INFINITY,
  batch_samples: 256,
  ...(process.argv.includes('--clock=wall') ? {} : { now: cpuNow }),
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const [c, event] of Object.entries(cases)) {
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    for (const name of order) {
      const stats = await muted(() => measure(() => handlers[name](event, context), measureOptions));
      results[c] ??= {};
      results[c][name] ??= [];
      results[c][name].push(stats);
    }
  }
}

console.log(
  `\nSQS batch of 10, median of ${ROUNDS} rounds of mitata (µs per invocation), target omnifn ≤ ${TARGET}× raw:\n`,
);
console.log('| case | raw avg | omnifn avg | raw p99 | omnifn p99 | omnifn / raw |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
let ok = true;
for (const [c, byName] of Object.entries(results)) {
  const avg = (name) => median(byName[name].map((s) => s.avg)) / 1000;
  const p99 = (name) => median(byName[name].map((s) => s.p99)) / 1000;
  const ratio = avg('sqs-omnifn') / avg('sqs-raw');
  if (ratio > TARGET) ok = false;
  console.log(
    `| ${c} | ${avg('sqs-raw').toFixed(1)} | ${avg('sqs-omnifn').toFixed(1)} | ${p99('sqs-raw').toFixed(1)} | ${p99('sqs-omnifn').toFixed(1)} | ${ratio.toFixed(2)}× |`,
  );
}
console.log(ok ? `\nwithin the ${TARGET}× target` : `\n!! above the ${TARGET}× target`);
