import { defineConfig } from 'tsup';

// One self-contained ES module per cloud entry, as the function runtimes load them.
export default defineConfig({
  entry: { aws: 'src/aws.ts', azure: 'src/azure.ts' },
  format: ['esm'],
  // No shared chunk between the entries: each file is deployed on its own.
  splitting: false,
  outExtension: () => ({ js: '.mjs' }),
  // Everything is bundled but @azure/functions: it require()s the worker-provided
  // @azure/functions-core, so it must be the app's own node_modules copy (a dependency).
  noExternal: [/^(?!@azure\/functions$)/],
  external: ['@azure/functions'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
