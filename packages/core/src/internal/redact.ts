/** Keys whose values never reach a log line, compared in lower case. */
const SECRET_KEYS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'cookies',
  'set-cookie',
  'x-api-key',
  'x-functions-key',
]);
/** Query parameters that carry secrets (Azure function keys, SAS signatures). */
const SECRET_QUERY = new Set(['code', 'sig']);
const QUERY_PARENTS = new Set(['query', 'querystringparameters', 'multivaluequerystringparameters']);
/** `?code=` / `&sig=` in a URL, or at the start of a raw query string (`code=…&x=1`). */
const SECRET_IN_URL = /((?:^|[?&])(?:code|sig)=)[^&#\s"]*/gi;
const REDACTED = '[REDACTED]';
const MAX_DEPTH = 8;

/**
 * Returns a copy of `value` with secrets replaced, whatever the key's case, at any
 * depth; the input is never mutated. Errors become `{ name, message, stack, cause }`.
 * @internal
 */
export function redact(value: unknown, parentKey = '', depth = 0): unknown {
  if (typeof value === 'string') {
    return value.includes('=') ? value.replace(SECRET_IN_URL, `$1${REDACTED}`) : value;
  }
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? String(value) : value;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (value instanceof Error) return redactError(value, depth);
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redact(item, parentKey, depth + 1));
  const inQuery = QUERY_PARENTS.has(parentKey);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const lower = key.toLowerCase();
    out[key] =
      SECRET_KEYS.has(lower) || (inQuery && SECRET_QUERY.has(lower))
        ? REDACTED
        : redact((value as Record<string, unknown>)[key], lower, depth + 1);
  }
  return out;
}

function redactError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: error.name,
    message: redact(error.message),
    stack: redact(error.stack),
  };
  if (error.cause !== undefined) out.cause = redact(error.cause, '', depth + 1);
  return out;
}

/** Whether a key's value never reaches a log line, whatever the key's case. @internal */
export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}
