import { defineConfig } from 'tsup';

// One self-contained ES module, as the Lambda Node runtime loads it: dist/aws.mjs.
export default defineConfig({
  entry: { aws: 'src/aws.ts' },
  format: ['esm'],
  outExtension: () => ({ js: '.mjs' }),
  noExternal: [/.*/],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
