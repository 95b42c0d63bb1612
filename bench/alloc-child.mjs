// Heap bytes allocated per invocation, for one variant and case, in a process whose young
// generation is large enough that no garbage collection runs while it counts. Prints JSON.
//   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 bench/alloc-child.mjs <bundle> <case>
const [, , bundle, name] = process.argv;
const { cases } = await import('./events.mjs');
const { lambdaContext } = await import('./lambda-context.mjs');
const mod = await import(bundle);
const handler = name === 'throws' ? mod.throwing : mod.handler;
const context = lambdaContext();
const event = cases[name].event;
const realWrite = process.stdout.write;
process.stdout.write = () => true;
for (let i = 0; i < 20_000; i++) await handler({ ...event }, context);
const N = 1_000;
const deltas = [];
for (let round = 0; round < 7; round++) {
  // A full GC first, so the young generation (64 MB) has room for the whole round.
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < N; i++) await handler({ ...event }, context);
  deltas.push((process.memoryUsage().heapUsed - before) / N);
}
deltas.sort((a, b) => a - b);
process.stdout.write = realWrite;
process.stderr.write(
  `${JSON.stringify({ bytes: deltas[deltas.length >> 1], min: deltas[0], max: deltas.at(-1) })}\n`,
);
