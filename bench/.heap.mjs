import { toAws } from '@omnifn/aws';
import { createHeaders, createHttpEvent, parseQuery, run, toHttpResponse } from '@omnifn/core/adapter';
import { handler } from '../examples/calculator/dist/aws.mjs';
import { cases } from './events.mjs';
import { lambdaContext } from './lambda-context.mjs';

const ev = cases.valid.event;
const ctx = lambdaContext();
const w = process.stdout.write;
process.stdout.write = () => true;
const EmptyObject = (() => {
  const C = () => {};
  C.prototype = Object.create(null);
  return C;
})();
const names = Object.keys(ev.headers);
const pieces = {
  whole: () => handler({ ...ev }, ctx),
  'event copy': () => ({ ...ev }),
  createHeaders: () => createHeaders(ev.headers),
  'Object.create(null)': () => Object.create(null),
  EmptyObject: () => new EmptyObject(),
  'create(null)+9': () => {
    const o = Object.create(null);
    for (const n of names) o[n] = 'v';
    return o;
  },
  'EmptyObject+9': () => {
    const o = new EmptyObject();
    for (const n of names) o[n] = 'v';
    return o;
  },
  'parseQuery("")': () => parseQuery(''),
  toHttpResponse: () => toHttpResponse({ status: 200, body: { result: 5 } }),
  'new Promise+then': () => new Promise((r) => r(1)).then(() => 1),
  'setTimeout+clear': () => clearTimeout(setTimeout(() => {}, 899500)),
  'new Date().toISOString()': () => new Date().toISOString(),
  'AbortController-less ctx literal': () => {
    let c;
    return {
      a: 1,
      get signal() {
        c ??= 1;
        return c;
      },
      r: () => 1,
    };
  },
};
const keep = [];
for (const [name, fn] of Object.entries(pieces)) {
  for (let i = 0; i < 3000; i++) {
    const v = fn();
    if (v?.then) await v;
  }
  const bytes = [];
  for (let r = 0; r < 5; r++) {
    await new Promise((res) => setImmediate(res));
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 1000; i++) {
      const v = fn();
      keep.length = 0;
      if (v?.then) await v;
    }
    bytes.push((process.memoryUsage().heapUsed - before) / 1000);
  }
  bytes.sort((a, b) => a - b);
  process.stderr.write(`${String(Math.round(bytes[2])).padStart(7)} B  ${name}\n`);
}
process.stdout.write = w;
