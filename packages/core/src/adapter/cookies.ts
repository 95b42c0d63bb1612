/**
 * Parses `Cookie` header values (or API Gateway v2's `cookies` array) into a null-prototype
 * record; the first `=` splits name and value, so `b=c=d` is `{ b: 'c=d' }`. First one wins.
 * @example parseCookies(['a=1', 'b=c=d']) // { a: '1', b: 'c=d' }
 */
export function parseCookies(input: string | readonly string[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (!input) return out;
  const parts = typeof input === 'string' ? input.split(';') : input.flatMap((item) => item.split(';'));
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || name in out) continue;
    out[name] = decodeValue(part.slice(eq + 1).trim());
  }
  return out;
}

function decodeValue(value: string): string {
  const unquoted =
    value.length > 1 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  if (!unquoted.includes('%')) return unquoted;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}
