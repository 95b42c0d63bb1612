const marker = Symbol.for('omnifn.error');

/**
 * Base of omnifn's errors. Identified by a global symbol, not `instanceof`,
 * so that errors survive dual ESM/CJS installs.
 */
export class OmniError extends Error {
  readonly [marker] = true;
  override name = 'OmniError';

  static isInstance(error: unknown): error is OmniError {
    return typeof error === 'object' && error !== null && (error as { [marker]?: unknown })[marker] === true;
  }
}
