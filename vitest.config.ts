import { existsSync, readdirSync } from 'node:fs';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/** Tests run against each package's `src` through the `@omnifn/source` export condition, without a build. */
const source = '@omnifn/source';

/**
 * One project per package, so that each package's type tests (`*.test-d.ts`) are checked
 * with that package's own tsconfig (vitest runs `tsc -p` on the whole tsconfig project).
 */
const packages = readdirSync(new URL('./packages', import.meta.url), { withFileTypes: true })
  .filter(
    (entry) =>
      entry.isDirectory() && existsSync(new URL(`./packages/${entry.name}/tsconfig.json`, import.meta.url)),
  )
  .map((entry) => entry.name);

const packageProjects = packages.map(
  (name): TestProjectInlineConfiguration => ({
    extends: true,
    test: {
      name,
      include: [`packages/${name}/src/**/*.test.ts`],
      typecheck: {
        enabled: true,
        include: [`packages/${name}/src/**/*.test-d.ts`],
        tsconfig: `packages/${name}/tsconfig.json`,
      },
    },
  }),
);

export default defineConfig({
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [source, ...defaultServerConditions], externalConditions: [source] } },
  test: {
    environment: 'node',
    restoreMocks: true,
    unstubEnvs: true,
    projects: [
      ...packageProjects,
      {
        extends: true,
        test: {
          name: 'cross-package',
          include: ['test/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
        },
      },
    ],
  },
});
