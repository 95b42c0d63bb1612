import { clientError } from '../internal/client-error';

/** RFC 9110 token: what a header name may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Field values: no CR, LF or NUL (RFC 9110 §5.5). */
const FIELD_VALUE = /^[^\r\n\0]*$/;
/** Limits taken from Node's and the clouds' front ends: 16 KiB in all, 8 KiB for one value. */
const MAX_HEADERS_BYTES = 16 * 1024;
const MAX_VALUE_BYTES = 8 * 1024;
/** Repeats of these would let two parties read the request differently (smuggling, auth confusion). */
const SINGLETONS = new Set(['content-length', 'authorization', 'content-type', 'host']);

type NativeHeaders = Readonly<Record<string, string | undefined>> | null | undefined;
type NativeMultiHeaders = Readonly<Record<string, readonly string[] | undefined>> | null | undefined;

/**
 * Builds the lower-case, null-prototype header record from a cloud's maps, preferring the
 * multi-value map. Repeats are joined with `, ` in the order given. Refuses invalid names
 * (400), oversized headers (431) and conflicting repeats of a singleton header (400).
 */
export function createHeaders(single: NativeHeaders, multi?: NativeMultiHeaders): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  let total = 0;
  const add = (name: string, value: string) => {
    if (!TOKEN.test(name)) throw clientError(400, 'Invalid header name');
    if (value.length > MAX_VALUE_BYTES) throw clientError(431, 'A request header is too large');
    total += name.length + value.length + 4;
    if (total > MAX_HEADERS_BYTES) throw clientError(431, 'Request headers are too large');
    const key = name.toLowerCase();
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (!SINGLETONS.has(key)) out[key] = `${prev}, ${value}`;
    else if (prev !== value) throw clientError(400, `Conflicting ${key} headers`);
  };
  if (multi) {
    for (const name in multi) for (const value of multi[name] ?? []) add(name, value);
  } else if (single) {
    for (const name in single) {
      const value = single[name];
      if (value !== undefined && value !== null) add(name, value);
    }
  }
  return out;
}

/** Whether a response header name and value can be written without injecting anything. */
export function isSafeHeader(name: string, value: string): boolean {
  return TOKEN.test(name) && FIELD_VALUE.test(value);
}

/** Whether a single header value (cookie, status text) is free of CR, LF and NUL. */
export function isSafeValue(value: string): boolean {
  return FIELD_VALUE.test(value);
}
