import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is the library (startDevServer, loadHandlers); `cli` is what bin/omnifn.js runs.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  treeshake: true,
});
