import type { HttpError } from '../errors/http-error';
import { clientError } from '../internal/client-error';
import { charsetOf, isFormType, isJsonType, isTextType } from '../internal/content-type';
import { parseQuery } from './query';

/** Default request body limit: 6 MB, Lambda's own synchronous payload limit. */
export const DEFAULT_BODY_LIMIT = 6 * 1024 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const EMPTY = new Uint8Array(0);
let utf8: InstanceType<typeof TextDecoder> | undefined;

/**
 * Turns a native body into bytes: strict base64 (no whitespace, correct padding) when
 * `base64` is set, UTF-8 otherwise. Over `limit` bytes after decoding → 413; bad base64 → 400.
 */
export function decodeBody(
  body: string | Uint8Array | null | undefined,
  base64: boolean | undefined,
  limit = DEFAULT_BODY_LIMIT,
): Uint8Array {
  if (body === undefined || body === null || body.length === 0) return EMPTY;
  let bytes: Uint8Array;
  if (typeof body !== 'string') bytes = body;
  else if (base64) {
    // Refuse before decoding when even the decoded size is over the limit.
    if (Math.floor((body.length * 3) / 4) - 2 > limit) throw tooLarge(limit);
    bytes = decodeBase64(body, 'Request body');
  } else {
    if (body.length > limit) throw tooLarge(limit);
    // Buffer.from is ~10× faster than TextEncoder.encode on Node 20 for request-sized strings.
    bytes = ownBytes(Buffer.from(body, 'utf8'));
  }
  if (bytes.length > limit) throw tooLarge(limit);
  return bytes;
}

/**
 * Decodes strict base64 (RFC 4648 alphabet, correct padding, no whitespace). Anything else is
 * the sender's fault: a 400 whose message names `what` was not base64, never garbage bytes.
 * @example decodeBase64(record.kinesis.data, 'Kinesis record data')
 */
export function decodeBase64(text: string, what = 'Data'): Uint8Array {
  if (!BASE64.test(text)) throw clientError(400, `${what} is not valid base64`);
  return ownBytes(Buffer.from(text, 'base64'));
}

/**
 * A plain `Uint8Array` over memory of its own. Node slices small buffers out of a shared
 * 8 KiB pool, so a caller reading `rawBody.buffer` would see other data; those are copied.
 */
function ownBytes(buffer: Buffer): Uint8Array {
  return buffer.byteOffset === 0 && buffer.buffer.byteLength === buffer.length
    ? new Uint8Array(buffer.buffer, 0, buffer.length)
    : new Uint8Array(buffer);
}

function tooLarge(limit: number): HttpError {
  return clientError(413, `Request body is larger than ${limit} bytes`);
}

/** Decodes UTF-8 strictly: invalid bytes are the caller's fault (400). */
export function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes);
  } catch {
    throw clientError(400, 'Request body is not valid UTF-8');
  }
}

/**
 * Parses bytes by content type: JSON → value, form → record, text → string, else the bytes.
 * Malformed JSON and prototype-polluting keys are 400; a charset other than UTF-8 is 415.
 * `text` is the body when the cloud gave it as a string (not base64): it is parsed as is,
 * rather than decoded again from the bytes made of it.
 */
export function parseBody(bytes: Uint8Array, contentType: string | undefined, text?: string): unknown {
  if (bytes.length === 0) return undefined;
  const json = isJsonType(contentType);
  const form = !json && isFormType(contentType);
  if (!json && !form && !isTextType(contentType)) return bytes;
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw clientError(415, `Unsupported charset: ${charset}`);
  }
  const decoded = text ?? decodeUtf8(bytes);
  if (form) return parseQuery(decoded);
  return json ? parseJson(decoded) : decoded;
}

/**
 * `JSON.parse` that refuses `__proto__` keys and `constructor.prototype` (400), so a later
 * merge of the value can never reach `Object.prototype`. The walk runs only when the text
 * could spell one of them (a key, or a `\u` escape).
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw clientError(400, 'Request body is not valid JSON');
  }
  if (isPolluting(text, value)) throw clientError(400, 'Request body contains a forbidden key');
  return value;
}

/**
 * Whether parsed JSON holds a `__proto__` key or `constructor.prototype` at any depth. The walk
 * runs only when the text could spell one of them (a key, or a `\\u` escape). @internal
 */
export function isPolluting(text: string, value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (text.includes('proto') || text.includes('constructor') || text.includes('\\u')) &&
    hasPollutingKey(value)
  );
}

function hasPollutingKey(value: object): boolean {
  const stack: object[] = [value];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Object.hasOwn(node, '__proto__')) return true;
    const ctor = (node as Record<string, unknown>).constructor;
    if (
      Object.hasOwn(node, 'constructor') &&
      typeof ctor === 'object' &&
      ctor !== null &&
      Object.hasOwn(ctor, 'prototype')
    ) {
      return true;
    }
    for (const child of Object.values(node))
      if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}
