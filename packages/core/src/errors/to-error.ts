/**
 * Normalizes anything thrown into an `Error`, keeping the original as `cause`.
 * @internal
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  let text: string;
  try {
    text = typeof thrown === 'string' ? thrown : (JSON.stringify(thrown) ?? String(thrown));
  } catch {
    text = Object.prototype.toString.call(thrown);
  }
  return new Error(`Non-Error thrown: ${text}`, { cause: thrown });
}
