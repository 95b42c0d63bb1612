/**
 * Anything thrown as an `Error`, the original kept as `cause`: a record that throws
 * `undefined`, `null`, a string or a plain object still counts as failed (RELIABILITY 4).
 * `run()` already normalizes what a handler throws; this covers the batch runner's own faults.
 * @internal
 */
export function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  let text: string;
  try {
    text = typeof thrown === 'string' ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  } catch {
    text = Object.prototype.toString.call(thrown);
  }
  return new Error(`Non-Error thrown: ${text}`, { cause: thrown });
}
