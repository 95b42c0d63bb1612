import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Handler, isHandler } from '@omnifn/core';
import { tsImport } from 'tsx/esm/api';
import { CliError } from './cli-error';

/**
 * Imports an entry module (TypeScript or JavaScript, no build needed) and returns the omnifn
 * handlers it exports, in export order, each once.
 * @example const handlers = await loadHandlers('examples/calculator/src/add.ts');
 */
export async function loadHandlers(entry: string, cwd: string = process.cwd()): Promise<Handler[]> {
  const file = resolve(cwd, entry);
  await assertFile(file, entry);
  let namespace: unknown;
  try {
    // tsx's scoped import compiles the entry and its TypeScript imports without touching the
    // process-wide loader, so the CLI's own modules load exactly as they would without it.
    namespace = await tsImport(pathToFileURL(file).href, pathToFileURL(`${cwd}/`).href);
  } catch (error) {
    throw new CliError(`cannot load ${entry}: ${firstLine(error)}`, { cause: error });
  }
  const handlers = findHandlers(namespace);
  if (handlers.length === 0) {
    throw new CliError(`${entry} exports no omnifn handlers (export one made with defineHandler)`);
  }
  assertUniqueNames(handlers, entry);
  return handlers;
}

async function assertFile(file: string, entry: string): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new CliError(`${entry} is not a file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot find ${entry}`, { cause: error });
  }
}

/** Named exports first; a CommonJS module's `module.exports` object arrives as `default`. */
function findHandlers(namespace: unknown): Handler[] {
  const found = new Set<Handler>();
  const scan = (values: unknown[]) => {
    for (const value of values) if (isHandler(value)) found.add(value);
  };
  if (typeof namespace !== 'object' || namespace === null) return [];
  scan(Object.values(namespace));
  const fallback: unknown = (namespace as { default?: unknown }).default;
  if (found.size === 0 && typeof fallback === 'object' && fallback !== null) scan(Object.values(fallback));
  return [...found];
}

function assertUniqueNames(handlers: readonly Handler[], entry: string): void {
  const seen = new Set<string>();
  for (const { name } of handlers) {
    if (typeof name !== 'string' || name === '')
      throw new CliError(`${entry} exports a handler without a name`);
    if (seen.has(name))
      throw new CliError(`${entry} exports two handlers named '${name}'; each name is a route`);
    seen.add(name);
  }
}

/** The line that says what went wrong; esbuild puts it after a `Transform failed…` header. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^Transform failed with/.test(line));
  return lines[0]?.trim() ?? message;
}
