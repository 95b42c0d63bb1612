// `npm run bench`: times the calculator on an HTTP API v2 event, side by side, in one process:
// a hand-written Lambda handler (raw), middy 6, and omnifn's `toAws`. Then cold starts (fresh
// node processes) and bundle sizes. Prints the tables and rewrites the generated part of
// bench/README.md and bench/results/latest.json.
//
//   node bench/run.mjs [--quick] [--only=micro,cold,size] [--clock=cpu|wall]
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measure } from 'mitata';
import {
  variants as allVariants,
  benchDir,
  buildDeployable,
  buildInProcess,
  bytesBySourceFile,
  gzipOf,
  makeWorkDir,
  omnifnAvailable,
  rootDir,
} from './bundle.mjs';
import { cases } from './events.mjs';
import { lambdaContext } from './lambda-context.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',') ?? ['micro', 'cold', 'size'];
const COLD_SAMPLES = quick ? 5 : 30;
const ROUNDS = quick ? 1 : 5;
/**
 * The clock for per-invocation timings. `cpu` (default) is this process's CPU time (all its
 * threads, GC helpers included), so that other processes on a shared machine do not inflate it;
 * `--clock=wall` uses mitata's own high-resolution wall clock.
 */
const CLOCK = argv.find((a) => a.startsWith('--clock='))?.slice(8) ?? 'cpu';
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
};
// Always batch (256 calls a sample), so that the CPU clock's microsecond steps do not matter.
const measureOptions = {
  batch_threshold: Number.POSITIVE_INFINITY,
  warmup_threshold: Number.POSITIVE_INFINITY,
  batch_samples: 256,
  ...(CLOCK === 'wall' ? {} : { now: cpuNow }),
};

/** Targets from the issue: ×raw per case, cold start over raw in ms, core + aws gzip in bytes. */
const TARGETS = { valid: 1.25, invalid: 1.5, throws: 1.25, coldMs: 3, gzipBytes: 3 * 1024 };

const variants = omnifnAvailable() ? allVariants : allVariants.filter((v) => v !== 'omnifn');
if (variants.length < allVariants.length) {
  console.log('!! @omnifn/aws is not built (packages/aws/dist missing): the omnifn variant is skipped.\n');
}

// ---------------------------------------------------------------------------------------------
// The log sink. Every variant writes its log lines with process.stdout.write (omnifn's Lambda
// sink does too); while handlers run, that function is swapped for one that counts lines, so
// that no variant pays for a terminal and all pay the same for the call.
const realWrite = process.stdout.write;
const sink = { lines: 0, captured: undefined };
function countingWrite(chunk) {
  sink.lines++;
  sink.captured?.push(String(chunk));
  return true;
}
const muted = async (fn) => {
  process.stdout.write = countingWrite;
  try {
    return await fn();
  } finally {
    process.stdout.write = realWrite;
  }
};

const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const git = (...args) => spawnSync('git', args, { cwd: rootDir, encoding: 'utf8' }).stdout?.trim() ?? '';
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'packages') ? ' + uncommitted changes in packages/' : ''}`;
const results = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  date: new Date().toISOString(),
  commit,
};
const work = await makeWorkDir();
try {
  if (only.includes('micro')) results.micro = await micro();
  if (only.includes('cold') || only.includes('size')) {
    const deploy = await buildDeployable(work.dir, [...variants, 'node']);
    if (only.includes('size')) results.size = await size(deploy);
    if (only.includes('cold')) results.cold = cold(deploy);
  }
} finally {
  await work.cleanup();
}
await report(results);

// ---------------------------------------------------------------------------------------------
async function micro() {
  const files = await buildInProcess(work.dir, variants);
  const handlers = {};
  for (const name of variants) {
    const mod = await import(pathToFileURL(files[name]).href);
    handlers[name] = { valid: mod.handler, invalid: mod.handler, throws: mod.throwing };
  }
  const context = lambdaContext();
  // Each call gets a shallow copy of the event: middy's body parser replaces `event.body`.
  const invoke = (name, c) => handlers[name][c]({ ...cases[c].event }, context);

  // 1. Check that every variant does the work: status, a JSON body, and its log lines.
  const checks = [];
  for (const c of Object.keys(cases)) {
    for (const name of variants) {
      sink.captured = [];
      sink.lines = 0;
      const res = await muted(() => invoke(name, c));
      const lines = sink.captured;
      sink.captured = undefined;
      const body = JSON.parse(res.body);
      for (const l of lines) JSON.parse(l);
      if (res.statusCode !== cases[c].status) {
        throw new Error(`${name}/${c}: status ${res.statusCode}, expected ${cases[c].status}: ${res.body}`);
      }
      if (c === 'valid' && body.result !== 5) throw new Error(`${name}/valid: wrong body ${res.body}`);
      checks.push([
        c,
        name,
        res.statusCode,
        res.headers['content-type'] ?? res.headers['Content-Type'],
        lines.length,
        res.body.length,
      ]);
    }
  }
  console.log('Each variant, once per case (the log lines are what it wrote to stdout):\n');
  console.log(table(['case', 'variant', 'status', 'content-type', 'log lines', 'body bytes'], checks));
  console.log();

  // 2. Warm every variant on every case before timing any, so that shared code (zod, JSON,
  //    promises) has seen all of them and no variant profits from running first.
  await muted(async () => {
    for (let i = 0; i < (quick ? 2_000 : 20_000); i++) {
      for (const c of Object.keys(cases)) for (const name of variants) await invoke(name, c);
    }
  });

  // 3. Time them with mitata's `measure`, several rounds; in each round every case runs every
  //    variant back to back, in an order rotated each round, so that a burst of load on a shared
  //    machine lands on all of them. ns/op is the median over rounds of mitata's mean.
  const rounds = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of Object.keys(cases)) {
      const order = variants.map((_, k) => variants[(k + r) % variants.length]);
      for (const name of order) {
        const stats = await muted(() => measure(() => invoke(name, c), { ...measureOptions }));
        rounds[c] ??= {};
        rounds[c][name] ??= [];
        rounds[c][name].push(stats);
      }
    }
  }
  const ns = {};
  for (const c of Object.keys(rounds)) {
    ns[c] = {};
    for (const name of variants) {
      const runs = rounds[c][name];
      ns[c][name] = {
        avg: median(runs.map((x) => x.avg)),
        p50: median(runs.map((x) => x.p50)),
        p99: median(runs.map((x) => x.p99)),
        rounds: runs.map((x) => Math.round(x.avg)),
      };
    }
  }
  // 4. Heap bytes allocated per invocation, each in a fresh process with a young generation big
  //    enough that no GC runs while it counts (bench/alloc-child.mjs). Independent of the clock.
  const heap = {};
  for (const c of Object.keys(cases)) {
    heap[c] = {};
    for (const name of variants) {
      const out = spawnSync(
        process.execPath,
        [
          '--expose-gc',
          '--min-semi-space-size=64',
          '--max-semi-space-size=64',
          join(benchDir, 'alloc-child.mjs'),
          pathToFileURL(files[name]).href,
          c,
        ],
        {
          cwd: rootDir,
          env: { ...process.env, NODE_OPTIONS: '' },
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        },
      );
      const last = out.stderr.trim().split('\n').at(-1);
      if (out.status !== 0 || !last?.startsWith('{'))
        throw new Error(`allocation count of ${name}/${c} failed:\n${out.stderr}`);
      heap[c][name] = JSON.parse(last).bytes;
    }
  }
  const linesPer = Object.fromEntries(checks.map(([c, name, , , lines]) => [`${c}/${name}`, lines]));
  return { ns, heap, linesPer, checks };
}

function microRows(m) {
  const rows = [];
  for (const c of Object.keys(cases)) {
    const raw = m.ns[c].raw.avg;
    for (const name of variants) {
      const { avg, p50, p99 } = m.ns[c][name];
      const ratio = avg / raw;
      const target = name === 'raw' ? '' : `≤ ${TARGETS[c]}× ${ratio <= TARGETS[c] ? 'met' : 'MISSED'}`;
      rows.push([
        `${c} (${cases[c].status})`,
        name,
        fmt(avg),
        fmt(p50),
        fmt(p99),
        `${fmt(ratio, 2)}×`,
        fmt(m.heap[c][name]),
        m.linesPer[`${c}/${name}`],
        name === 'omnifn' ? target : '',
      ]);
    }
  }
  return table(
    ['case', 'variant', 'ns/op (avg)', 'p50 ns', 'p99 ns', '×raw', 'heap B/op', 'log lines', 'target'],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------
function cold(deploy) {
  const names = [...variants, 'node'];
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const own = Object.fromEntries(names.map((n) => [n, []]));
  const child = join(benchDir, 'cold-child.mjs');
  for (let i = 0; i < COLD_SAMPLES; i++) {
    // Rotate the order each round so that no variant always follows the same one.
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const [name, mode] of order.flatMap((n) => [
      [n, 'full'],
      [n, 'own'],
    ])) {
      const out = spawnSync(process.execPath, [child, pathToFileURL(deploy[name].file).href, mode], {
        cwd: rootDir,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      const last = out.stderr.trim().split('\n').at(-1);
      if (out.status !== 0 || !last?.startsWith('{'))
        throw new Error(`cold start of ${name} failed:\n${out.stderr}`);
      const sample = JSON.parse(last);
      if (sample.status !== 200) throw new Error(`cold start of ${name} answered ${sample.status}`);
      (mode === 'own' ? own : samples)[name].push(sample);
    }
  }
  const out = {};
  for (const name of names) {
    const s = samples[name];
    out[name] = {
      samples: s.length,
      total: median(s.map((x) => x.total)),
      cpu: median(s.map((x) => x.cpu)),
      boot: median(s.map((x) => x.boot)),
      import: median(own[name].map((x) => x.import)),
      own: median(own[name].map((x) => x.own)),
      ownCpu: median(own[name].map((x) => x.ownCpu)),
      invoke: median(own[name].map((x) => x.invoke)),
    };
  }
  return out;
}

function coldRows(c) {
  const rows = [];
  const verdict = (over) => `${over <= TARGETS.coldMs ? 'met' : 'MISSED'}`;
  const signed = (n) => `${n >= 0 ? '+' : ''}${fmt(n, 2)}`;
  for (const name of [...variants, 'node']) {
    const r = c[name];
    const over = r.total - c.raw.total;
    const overOwn = r.own - c.raw.own;
    rows.push([
      name === 'node' ? 'node (empty handler)' : name,
      fmt(r.total, 1),
      name === 'raw' ? '' : signed(over),
      fmt(r.own, 2),
      name === 'raw' ? '' : signed(overOwn),
      fmt(r.import, 2),
      fmt(r.invoke, 2),
      fmt(r.ownCpu, 2),
      name === 'raw' ? '' : signed(r.ownCpu - c.raw.ownCpu),
      name === 'omnifn'
        ? `≤ raw + ${TARGETS.coldMs} ms: ${verdict(over)} (whole), ${verdict(overOwn)} (own)`
        : '',
    ]);
  }
  return table(
    [
      'variant',
      'start → first result',
      'vs raw',
      'own: import + first invocation, zod preloaded',
      'vs raw',
      'own: import',
      'own: first invocation',
      'own, CPU',
      'vs raw',
      'target',
    ],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------
async function size(deploy) {
  const out = {};
  for (const name of variants)
    out[name] = { bytes: deploy[name].bytes, gzip: deploy[name].gzip, byPart: deploy[name].byPart };
  if (variants.includes('omnifn')) {
    // What the target is about: core + aws as `toAws(add)` uses them, the handler included.
    out['core + aws (toAws(add))'] = await gzipOf(
      work.dir,
      'calculator-aws',
      `export { handler } from ${JSON.stringify(join(rootDir, 'examples/calculator/src/aws.ts'))};`,
    );
    out.bySource = await bytesBySourceFile(work.dir, join(rootDir, 'examples/calculator/src/aws.ts'));
  }
  return out;
}

function sizeRows(s) {
  return table(
    ['bundle (esbuild, minified, zod external)', 'bytes', 'gzip bytes', 'target'],
    Object.entries(s)
      .filter(([name]) => name !== 'bySource')
      .map(([name, r]) => [
        name,
        fmt(r.bytes),
        fmt(r.gzip),
        name.startsWith('core + aws')
          ? `≤ ${fmt(TARGETS.gzipBytes)} ${r.gzip <= TARGETS.gzipBytes ? 'met' : 'MISSED'}`
          : '',
      ]),
  );
}

function partRows(s) {
  const rows = [];
  for (const name of variants) {
    for (const [part, bytes] of Object.entries(s[name].byPart).sort((a, b) => b[1] - a[1])) {
      rows.push([name, part, fmt(bytes)]);
    }
  }
  return table(['bundle', 'from', 'minified bytes'], rows);
}

// ---------------------------------------------------------------------------------------------
async function report(r) {
  const parts = [
    `Node ${r.node} on ${r.cpu}, ${r.date.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit}${quick ? ' (--quick: fewer samples, not for the record)' : ''}.`,
  ];
  if (r.micro) {
    parts.push(
      `### Per invocation (in process, mitata, ${CLOCK === 'wall' ? 'wall clock' : 'process CPU time'}; median of ${ROUNDS} rounds)\n\n${microRows(r.micro)}`,
    );
  }
  if (r.cold) {
    parts.push(
      `### Cold start (fresh node process per sample; ms, median of ${COLD_SAMPLES} each)\n\n${coldRows(r.cold)}`,
    );
  }
  if (r.size) {
    parts.push(
      `### Bundle size\n\n${sizeRows(r.size)}\n\nWhere the minified bytes come from:\n\n${partRows(r.size)}`,
    );
  }
  if (r.size?.bySource) {
    const rows = r.size.bySource.map(([file, bytes]) => [file, fmt(bytes)]);
    parts.push(
      `The omnifn bundle by source file (built from the TypeScript sources):\n\n${table(['source file', 'minified bytes'], rows)}`,
    );
  }
  const text = parts.join('\n\n');
  console.log(text);

  if (quick || only.length < 3 || variants.length < allVariants.length) {
    console.log('\n(bench/README.md is rewritten only by a full run of all variants.)');
    return;
  }
  const readmePath = join(benchDir, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  const start = '<!-- results:start (generated by bench/run.mjs; do not edit) -->';
  const end = '<!-- results:end -->';
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < i) throw new Error('bench/README.md lost its results markers');
  await writeFile(readmePath, `${readme.slice(0, i + start.length)}\n\n${text}\n\n${readme.slice(j)}`);
  await mkdir(join(benchDir, 'results'), { recursive: true });
  await writeFile(join(benchDir, 'results', 'latest.json'), `${JSON.stringify(r, null, 2)}\n`);
  console.log('\nWrote bench/README.md and bench/results/latest.json.');
}
