import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every package follows the same publishing rules, and every adapter the same skeleton
 * (the konsistent idea): a consistency failure here is a design drift, not a style nit.
 */
const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'package.json')),
);
const ADAPTERS: Record<string, string> = { aws: 'toAws', gcp: 'toGcp', azure: 'toAzure' };

type Manifest = {
  name: string;
  type?: string;
  sideEffects?: boolean;
  files?: string[];
  engines?: { node?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  exports: Record<string, string | Record<string, unknown>>;
};

const manifest = (name: string) =>
  JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.includes('.test'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('every package', () => {
  it.each(packages)('%s: ESM+CJS exports with types first, no side effects, dist only, Node ≥ 20', (name) => {
    const pkg = manifest(name);
    expect(pkg.name).toBe(`@omnifn/${name}`);
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.files).toContain('dist');
    expect(pkg.engines?.node).toBe('>=20');
    expect(pkg.scripts).toMatchObject({ build: 'tsup', typecheck: expect.stringContaining('tsc --noEmit') });
    expect(pkg.exports['./package.json']).toBe('./package.json');
    for (const [subpath, entry] of Object.entries(pkg.exports)) {
      if (subpath === './package.json') continue;
      expect(typeof entry).toBe('object');
      const conditions = entry as Record<string, Record<string, string>>;
      expect(Object.keys(conditions)).toEqual(['@omnifn/source', 'import', 'require']);
      expect(Object.keys(conditions.import ?? {})[0]).toBe('types');
      expect(Object.keys(conditions.require ?? {})[0]).toBe('types');
    }
    expect(Object.keys(pkg.exports).length, 'at most one extra subpath').toBeLessThanOrEqual(3);
  });

  it.each(packages)('%s: named exports only, no default export, no `any`', (name) => {
    for (const file of sourceFiles(join(packagesDir, name, 'src'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/export default/);
      expect(text, file).not.toMatch(/:\s*any\b|as any\b|<any>/);
      expect(text, file).not.toMatch(/@ts-ignore/);
    }
  });
});

describe('core', () => {
  it('has no runtime dependency and imports no cloud', () => {
    const pkg = manifest('core');
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const file of sourceFiles(join(packagesDir, 'core', 'src'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(
        /from '(@omnifn\/(aws|gcp|azure)|@aws-sdk|@google-cloud|@azure)/,
      );
    }
  });
});

describe('every adapter', () => {
  const adapters = packages.filter((name) => name in ADAPTERS);

  it.each(adapters)(
    '%s: the same skeleton — index, to-<cloud>, sources/index, one file per source',
    (name) => {
      const src = join(packagesDir, name, 'src');
      expect(existsSync(join(src, 'index.ts'))).toBe(true);
      expect(existsSync(join(src, `to-${name}.ts`))).toBe(true);
      expect(existsSync(join(src, 'sources', 'index.ts'))).toBe(true);
      expect(readFileSync(join(src, 'index.ts'), 'utf8')).toContain(ADAPTERS[name]);
    },
  );

  it.each(adapters)('%s: depends on core only, as a peer, and imports no other adapter', (name) => {
    const pkg = manifest(name);
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.peerDependencies ?? {})).toContain('@omnifn/core');
    const others = Object.keys(ADAPTERS).filter((other) => other !== name);
    for (const file of sourceFiles(join(packagesDir, name, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const other of others) expect(text, file).not.toContain(`@omnifn/${other}`);
      // Cloud SDKs stay out of adapters; their shapes are copied in as types.
      expect(text, file).not.toMatch(
        /from '(@aws-sdk|@types\/aws-lambda|@google-cloud\/storage|@azure\/storage)/,
      );
    }
  });
});
