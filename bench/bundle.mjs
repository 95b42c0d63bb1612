// Builds every variant with esbuild into a temporary directory whose `node_modules` links to
// the repository's, so that the bundles' external imports (zod; for the in-process run every
// package) resolve to the same installed, built packages.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const rootDir = dirname(benchDir);

/** The variants, in table order; `raw` is the baseline. `node` is the cold-start floor only. */
export const variants = ['raw', 'middy', 'omnifn'];

/** Whether `@omnifn/aws` is built; without it the omnifn variant is skipped, visibly. */
export function omnifnAvailable() {
  return (
    existsSync(join(rootDir, 'packages/aws/dist/index.js')) &&
    existsSync(join(rootDir, 'packages/core/dist/index.js'))
  );
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'error',
  write: true,
};

export async function makeWorkDir() {
  const dir = await mkdtemp(join(tmpdir(), 'omnifn-bench-'));
  await symlink(join(rootDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * In-process bundles: only the variant's own file (and the example's TypeScript handler) is
 * bundled; every package stays an import, so `@omnifn/*` run from their built `dist`.
 */
export async function buildInProcess(dir, names) {
  const out = {};
  await mkdir(join(dir, 'inproc'), { recursive: true });
  for (const name of names) {
    const outfile = join(dir, 'inproc', `${name}.mjs`);
    await build({
      ...common,
      entryPoints: [join(benchDir, 'variants', `${name}.mjs`)],
      packages: 'external',
      outfile,
    });
    out[name] = outfile;
  }
  return out;
}

/**
 * Deployable bundles, as Lambda runs them: everything inlined but zod, minified. Returns each
 * bundle's path, its raw and gzip sizes, and esbuild's per-input byte counts.
 */
export async function buildDeployable(dir, names) {
  const out = {};
  await mkdir(join(dir, 'deploy'), { recursive: true });
  for (const name of names) {
    const outfile = join(dir, 'deploy', `${name}.mjs`);
    const result = await build({
      ...common,
      entryPoints: [join(benchDir, 'variants', `${name}.mjs`)],
      external: ['zod'],
      minify: true,
      metafile: true,
      outfile,
    });
    const code = await readFile(outfile);
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    const byPart = {};
    for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
      const part = partOf(path);
      byPart[part] = (byPart[part] ?? 0) + bytesInOutput;
    }
    out[name] = { file: outfile, bytes: code.length, gzip: gzipSync(code).length, byPart };
  }
  return out;
}

/** Groups a bundled input under the package (or the repository folder) it came from. */
function partOf(path) {
  const abs = path.startsWith('/') ? path : join(process.cwd(), path);
  const rel = relative(rootDir, abs);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(rel);
  if (pkg) return pkg[1];
  const ws = /^packages\/([^/]+)\//.exec(rel);
  if (ws) return `@omnifn/${ws[1]}`;
  if (rel.startsWith('examples/')) return 'handler (examples/calculator)';
  return 'bench variant';
}

/** Gzip size of a standalone esbuild bundle of `contents` (used for the core + aws figure). */
export async function gzipOf(dir, name, contents) {
  const outfile = join(dir, 'deploy', `${name}.mjs`);
  await build({
    ...common,
    stdin: { contents, resolveDir: benchDir, loader: 'js', sourcefile: `${name}.mjs` },
    external: ['zod'],
    minify: true,
    outfile,
  });
  const code = await readFile(outfile);
  return { bytes: code.length, gzip: gzipSync(code).length };
}

/**
 * Minified bytes per source file of a bundle built from the packages' TypeScript sources (the
 * `@omnifn/source` export condition), to show which modules the size comes from.
 */
export async function bytesBySourceFile(dir, entry) {
  const result = await build({
    ...common,
    entryPoints: [entry],
    conditions: ['@omnifn/source'],
    external: ['zod'],
    minify: true,
    metafile: true,
    outfile: join(dir, 'deploy', 'by-source.mjs'),
  });
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  return Object.entries(inputs)
    .map(([path, { bytesInOutput }]) => [
      relative(rootDir, path.startsWith('/') ? path : join(process.cwd(), path)),
      bytesInOutput,
    ])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
}
