// One cold-start sample, run in a fresh node process: import the bundle, invoke it once with the
// valid calculator event, and report on stderr how long each step took since the process began
// (performance.timeOrigin), and the CPU time spent. stdout carries the handler's log lines, as on Lambda.
const [, , bundle, mode] = process.argv;
const booted = performance.now();
const { httpApiV2Event } = await import('./events.mjs');
const { lambdaContext } = await import('./lambda-context.mjs');
const event = httpApiV2Event({ body: { num1: 2, num2: 3 } });
const context = lambdaContext();
// In `own` mode zod is loaded before the clock starts, so the sample is the variant's own cost:
// its bundle's import and its first invocation, without zod's ~150 ms of noise on top.
if (mode === 'own') await import('zod');
const start = performance.now();
const cpuStart = process.cpuUsage();
const mod = await import(bundle);
const imported = performance.now();
const result = await mod.handler(event, context);
const done = performance.now();
const cpu = process.cpuUsage();
process.stderr.write(
  `${JSON.stringify({
    status: result.statusCode,
    boot: booted,
    import: imported - start,
    invoke: done - imported,
    total: booted + (done - start),
    // CPU time of the whole process (all threads) up to the first result: what a busy machine
    // does not inflate. It includes the harness's few lines above, the same for every variant.
    cpu: (cpu.user + cpu.system) / 1000,
    own: done - start,
    ownCpu: (cpu.user + cpu.system - cpuStart.user - cpuStart.system) / 1000,
  })}\n`,
);
