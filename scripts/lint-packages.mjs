#!/usr/bin/env node
/**
 * Lints what each publishable package would put on npm: every `packages/*` workspace that has a
 * `dist/` (run `npm run build` first; the root `lint:packages` script does) goes through
 *
 * - publint, strict (warnings become errors), at level `suggestion`: every message it emits,
 *   error, warning or suggestion, is a finding. It lints the file list `npm pack` would publish.
 * - @arethetypeswrong/cli (`attw --pack`), profile `node16`: the packages are dual ESM/CJS with
 *   `"type": "module"` and an `exports` map, for TypeScript users on `moduleResolution`
 *   `node16`/`nodenext` (both the `import` and the `require` side) and `bundler`. The default
 *   `strict` profile also checks `node10` resolution, which ignores `exports`: the `./adapter`
 *   subpath could only pass there through `typesVersions` or stub folders, which DESIGN/STYLE rule
 *   out (one or two entries, no `typesVersions`), and omnifn supports Node >= 20 only.
 *
 * Exits non-zero on any finding, or when no package has a `dist/`.
 * Usage: node scripts/lint-packages.mjs [package-dir ...]   (default: every packages/* directory)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const color = process.stdout.isTTY === true;

/** The attw executable, from its own package.json (no npx: it must be the locked version). */
function attwBin() {
  const manifestPath = require.resolve('@arethetypeswrong/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.attw;
  return join(dirname(manifestPath), bin);
}

function packageDirs() {
  const args = process.argv.slice(2);
  if (args.length > 0) return args.map((dir) => resolve(dir));
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(base, entry.name, 'package.json')))
    .map((entry) => join(base, entry.name))
    .sort();
}

async function lintWithPublint(dir) {
  const { messages, pkg } = await publint({ pkgDir: dir, level: 'suggestion', strict: true, pack: 'npm' });
  for (const message of messages) {
    const text = formatMessage(message, pkg, { color }) ?? message.code;
    console.log(`  publint ${message.type}: ${text} [${message.code}]`);
  }
  return messages.length;
}

function lintWithAttw(dir) {
  const result = spawnSync(process.execPath, [attwBin(), '--pack', dir, '--profile', 'node16'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: color ? '1' : '0' },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd();
  if (output) console.log(output.replace(/^(?=.)/gm, '  '));
  if (result.error) throw result.error;
  return result.status === 0 ? 0 : 1;
}

let linted = 0;
let failed = 0;
for (const dir of packageDirs()) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name ?? relative(root, dir);
  if (!existsSync(join(dir, 'dist'))) {
    console.log(`\n── ${name}: no dist/, skipped (build it first)`);
    continue;
  }
  console.log(`\n── ${name} (${relative(root, dir)})`);
  linted++;
  const publintFindings = await lintWithPublint(dir);
  console.log(publintFindings === 0 ? '  publint: ok' : `  publint: ${publintFindings} finding(s)`);
  const attwFailed = lintWithAttw(dir);
  console.log(attwFailed === 0 ? '  attw (node16): ok' : '  attw (node16): problems found');
  if (publintFindings > 0 || attwFailed > 0) failed++;
}

if (linted === 0) {
  console.error('\nlint-packages: no package under packages/ has a dist/ — run `npm run build` first');
  process.exit(1);
}
console.log(`\nlint-packages: ${linted} package(s) linted, ${failed} with findings`);
process.exit(failed === 0 ? 0 : 1);
