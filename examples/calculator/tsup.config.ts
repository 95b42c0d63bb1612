import { defineConfig } from 'tsup';

// One self-contained ES module per cloud entry, as the function runtimes load them.
export default defineConfig({
  entry: { aws: 'src/aws.ts', gcp: 'src/gcp.ts', azure: 'src/azure.ts' },
  format: ['esm'],
  // No shared chunk between the entries: each file is deployed on its own.
  splitting: false,
  outExtension: () => ({ js: '.mjs' }),
  // Everything is bundled but @azure/functions: it require()s the worker-provided
  // @azure/functions-core, so it must be the app's own node_modules copy (a dependency).
  // The functions-framework is the GCP runtime itself (it loads the bundle): registerGcp
  // require()s it at registration, from the deployed node_modules, so it is never bundled.
  noExternal: [/^(?!@azure\/functions$|@google-cloud\/functions-framework$)/],
  external: ['@azure/functions', '@google-cloud/functions-framework'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
});
