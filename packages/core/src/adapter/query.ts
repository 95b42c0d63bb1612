type MutableQuery = Record<string, string | string[]>;

/**
 * Parses a raw query string (no leading `?`) into a null-prototype record. Repeated keys
 * become arrays; values are never split on commas; `+` is a space.
 * @example parseQuery('a=1&a=2&b=x%2Cy') // { a: ['1', '2'], b: 'x,y' }
 */
export function parseQuery(raw: string | null | undefined): Record<string, string | string[]> {
  const out: MutableQuery = Object.create(null);
  if (!raw) return out;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    addValue(out, key, eq === -1 ? '' : decodeComponent(pair.slice(eq + 1)));
  }
  return out;
}

/**
 * Builds a query record from already-split maps (API Gateway REST, ALB), preferring the
 * multi-value map. `decode` percent-decodes values that arrive still encoded (ALB).
 */
export function queryFromMaps(
  single: Readonly<Record<string, string | undefined>> | null | undefined,
  multi: Readonly<Record<string, readonly string[] | undefined>> | null | undefined,
  decode = false,
): Record<string, string | string[]> {
  const out: MutableQuery = Object.create(null);
  const map = decode ? decodeComponent : (text: string) => text;
  if (multi) {
    for (const key in multi) {
      for (const value of multi[key] ?? []) addValue(out, map(key), map(value));
    }
  } else if (single) {
    for (const key in single) {
      const value = single[key];
      if (value !== undefined) addValue(out, map(key), map(value));
    }
  }
  return out;
}

/** Serializes a query record back to a raw query string (for `event.url`). */
export function formatQuery(query: Readonly<Record<string, string | readonly string[]>>): string {
  const parts: string[] = [];
  for (const key in query) {
    const value = query[key];
    for (const item of typeof value === 'string' ? [value] : (value ?? [])) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
    }
  }
  return parts.join('&');
}

function addValue(out: MutableQuery, key: string, value: string): void {
  const prev = out[key];
  if (prev === undefined) out[key] = value;
  else if (typeof prev === 'string') out[key] = [prev, value];
  else prev.push(value);
}

/** Percent-decodes, `+` as space; a malformed escape is kept as written rather than failing. */
function decodeComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
