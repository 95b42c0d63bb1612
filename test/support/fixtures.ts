import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

/**
 * The clouds' own captured events live in `../shared/fixtures` beside the repository (see
 * its README). They are not part of the repository, so every fixture test goes through
 * this helper, which skips visibly, with the reason, where the folder is absent; the
 * project's own builders in `@omnifn/testing` keep the suite whole without it.
 */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures');

export const hasFixtures = existsSync(FIXTURES_DIR);

/** Reads one fixture as a fresh object (never shared between tests). */
export function loadFixture<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, path), 'utf8')) as T;
}

/**
 * Declares one test per fixture path. Where the folder is absent, each test is skipped
 * with a message naming the folder, so the run shows what it did not check.
 */
export function itFixture<T = Record<string, unknown>>(
  paths: readonly string[],
  test: (fixture: T, path: string) => void | Promise<void>,
): void {
  for (const path of paths) {
    it(`fixture ${path}`, async (ctx) => {
      if (!hasFixtures) {
        ctx.skip(`../shared/fixtures not found at ${FIXTURES_DIR}; fixture ${path} not checked`);
        return;
      }
      await test(loadFixture<T>(path), path);
    });
  }
}
