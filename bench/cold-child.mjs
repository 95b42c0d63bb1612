// One cold-start sample, run in a fresh node process: import the bundle, invoke it once with the
// valid calculator event, and report on stderr how long each step took since the process began
// (performance.timeOrigin). stdout carries the handler's log lines, as on Lambda.
const [, , bundle] = process.argv;
const booted = performance.now();
const { httpApiV2Event } = await import('./events.mjs');
const { lambdaContext } = await import('./lambda-context.mjs');
const event = httpApiV2Event({ body: { num1: 2, num2: 3 } });
const context = lambdaContext();
const start = performance.now();
const mod = await import(bundle);
const imported = performance.now();
const result = await mod.handler(event, context);
const done = performance.now();
process.stderr.write(
  `${JSON.stringify({
    status: result.statusCode,
    boot: booted,
    import: imported - start,
    invoke: done - imported,
    total: booted + (done - start),
  })}\n`,
);
