import { handler } from '../examples/calculator/dist/aws.mjs';
import { httpApiV2Event } from './events.mjs';
import { lambdaContext } from './lambda-context.mjs';

const ev = httpApiV2Event({ body: { num1: 2, num2: 3 } });
const ctx = lambdaContext();
const w = process.stdout.write;
let n = 0;
process.stdout.write = () => {
  n++;
  return true;
};
const N = +process.argv[2] || 200000;
for (let i = 0; i < 20000; i++) await handler({ ...ev }, ctx);
const t0 = process.cpuUsage();
const h0 = performance.now();
for (let i = 0; i < N; i++) await handler({ ...ev }, ctx);
const cpu = process.cpuUsage(t0);
const wall = performance.now() - h0;
process.stdout.write = w;
console.log(
  `ns/op cpu ${(((cpu.user + cpu.system) * 1000) / N).toFixed(0)} wall ${((wall * 1e6) / N).toFixed(0)} lines ${n}`,
);
