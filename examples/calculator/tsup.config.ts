import { defineConfig } from 'tsup';

// One self-contained ES module per cloud entry, as the function runtimes load them.
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
