import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { DEFAULT_BODY_LIMIT, decodeBody, decodeUtf8, parseBody, parseJson } from './body';

/** The HttpError status `fn` throws, or a failed expectation when it throws nothing or something else. */
function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    if (HttpError.isInstance(error)) return error.status;
    throw error;
  }
  throw new Error('expected an HttpError, nothing was thrown');
}

const base64 = (bytes: Uint8Array | number[]) => Buffer.from(Uint8Array.from(bytes)).toString('base64');

describe('decodeBody', () => {
  it('returns empty bytes for no body', () => {
    expect(decodeBody(undefined, false)).toHaveLength(0);
    expect(decodeBody(null, true)).toHaveLength(0);
    expect(decodeBody('', true)).toHaveLength(0);
  });

  it('encodes a text body as UTF-8', () => {
    expect(Array.from(decodeBody('é', false))).toEqual([0xc3, 0xa9]);
  });

  it('decodes strict base64 and passes bytes through', () => {
    expect(Buffer.from(decodeBody('QUJD', true)).toString()).toBe('ABC');
    expect(Buffer.from(decodeBody('QUI=', true)).toString()).toBe('AB');
    const bytes = new Uint8Array([1, 2, 3]);
    expect(decodeBody(bytes, false)).toBe(bytes);
  });

  it('gives plain Uint8Arrays over memory of their own, never a slice of Node’s buffer pool', () => {
    for (const bytes of [
      decodeBody('{"num1":2}', false),
      decodeBody('aGVsbG8=', true),
      decodeBody('x'.repeat(10_000), false),
    ]) {
      expect(bytes.constructor).toBe(Uint8Array);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
  });

  it('parses a string body as given: the same value as from its bytes', () => {
    const text = '{"name":"Zoë","emoji":"🙂"}';
    const bytes = decodeBody(text, false);
    expect(parseBody(bytes, 'application/json', text)).toEqual(parseBody(bytes, 'application/json'));
    expect(parseBody(bytes, 'text/plain', text)).toBe(text);
  });

  it('38: a body at the limit is accepted; limit + 1 byte is 413', () => {
    expect(decodeBody('a'.repeat(100), false, 100)).toHaveLength(100);
    expect(statusOf(() => decodeBody('a'.repeat(101), false, 100))).toBe(413);
    expect(decodeBody(new Uint8Array(100), false, 100)).toHaveLength(100);
    expect(statusOf(() => decodeBody(new Uint8Array(101), false, 100))).toBe(413);
  });

  it('38: the limit is measured after base64 decoding', () => {
    const atLimit = base64(new Uint8Array(100).fill(7));
    expect(atLimit.length).toBeGreaterThan(100);
    expect(decodeBody(atLimit, true, 100)).toHaveLength(100);
    expect(statusOf(() => decodeBody(base64(new Uint8Array(101)), true, 100))).toBe(413);
    expect(statusOf(() => decodeBody(base64(new Uint8Array(1000)), true, 100))).toBe(413);
  });

  it('38: the limit counts UTF-8 bytes, not characters', () => {
    expect(decodeBody('é'.repeat(50), false, 100)).toHaveLength(100);
    expect(statusOf(() => decodeBody('é'.repeat(51), false, 100))).toBe(413);
  });

  it('38: the default limit is 6 MB', () => {
    expect(DEFAULT_BODY_LIMIT).toBe(6 * 1024 * 1024);
    expect(statusOf(() => decodeBody(new Uint8Array(DEFAULT_BODY_LIMIT + 1), false))).toBe(413);
  });

  it.each([
    ['not base64 at all', '%%%'],
    ['missing padding', 'QUI'],
    ['bad padding', 'QQ='],
    ['too much padding', 'QUJD===='],
    ['embedded newline', 'QUJD\nREVG'],
    ['embedded space', 'QUJD REVG'],
    ['trailing newline', 'QUJD\n'],
    ['base64url alphabet', 'a-_b'],
  ])('42: %s is 400 (strict base64)', (_label, body) => {
    expect(statusOf(() => decodeBody(body, true))).toBe(400);
  });
});

describe('decodeUtf8', () => {
  it('43: invalid UTF-8 is 400, not replacement characters', () => {
    expect(statusOf(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x41])))).toBe(400);
    expect(decodeUtf8(new Uint8Array([0xc3, 0xa9]))).toBe('é');
  });
});

describe('parseBody', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('parses JSON, +json types, forms and text by content type', () => {
    expect(parseBody(bytes('{"a":1}'), 'application/json')).toEqual({ a: 1 });
    expect(parseBody(bytes('{"a":1}'), 'Application/JSON; charset=UTF-8')).toEqual({ a: 1 });
    expect(parseBody(bytes('{"data":[]}'), 'application/vnd.api+json')).toEqual({ data: [] });
    expect(parseBody(bytes('a=1&b=x+y'), 'application/x-www-form-urlencoded')).toEqual({ a: '1', b: 'x y' });
    expect(parseBody(bytes('hello'), 'text/plain; charset=utf-8')).toBe('hello');
  });

  it('44: text/plain is not JSON-parsed', () => {
    expect(parseBody(bytes('{"a":1}'), 'text/plain')).toBe('{"a":1}');
  });

  it('44: a body without a content type, or of another type, stays bytes', () => {
    const raw = bytes('{"a":1}');
    expect(parseBody(raw, undefined)).toBe(raw);
    expect(parseBody(raw, 'application/octet-stream')).toBe(raw);
  });

  it('44: a charset other than UTF-8 is 415', () => {
    expect(statusOf(() => parseBody(bytes('{}'), 'application/json; charset=latin1'))).toBe(415);
    expect(statusOf(() => parseBody(bytes('x'), 'text/plain; charset=iso-8859-1'))).toBe(415);
  });

  it('43: invalid UTF-8 is 400 for JSON and text; octet-stream gets the exact bytes', () => {
    const raw = new Uint8Array([0xff, 0xfe, 0x41]);
    expect(statusOf(() => parseBody(raw, 'application/json'))).toBe(400);
    expect(statusOf(() => parseBody(raw, 'text/plain'))).toBe(400);
    expect(Array.from(parseBody(raw, 'application/octet-stream') as Uint8Array)).toEqual([0xff, 0xfe, 0x41]);
  });

  it('returns undefined for an empty body', () => {
    expect(parseBody(new Uint8Array(0), 'application/json')).toBeUndefined();
  });

  it('41: a form body is a null-prototype record and pollutes nothing', () => {
    const form = parseBody(
      bytes('__proto__[x]=1&constructor[prototype][y]=2&__proto__=3'),
      'application/x-www-form-urlencoded',
    );
    expect(Object.getPrototypeOf(form)).toBeNull();
    expect(form).toEqual({ '__proto__[x]': '1', 'constructor[prototype][y]': '2', ['__proto__']: '3' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });
});

describe('parseJson', () => {
  it('parses JSON values', () => {
    expect(parseJson('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] });
    expect(parseJson('"text"')).toBe('text');
    expect(parseJson('true')).toBe(true);
  });

  it('malformed JSON is 400', () => {
    expect(statusOf(() => parseJson('{"a":'))).toBe(400);
    expect(statusOf(() => parseJson(''))).toBe(400);
  });

  it.each([
    ['top-level __proto__', '{"__proto__":{"x":1}}'],
    ['nested __proto__', '{"a":{"b":{"__proto__":{"x":1}}}}'],
    ['__proto__ inside an array', '[1,{"__proto__":{"x":1}}]'],
    ['constructor.prototype', '{"constructor":{"prototype":{"x":1}}}'],
    ['nested constructor.prototype', '{"a":[{"constructor":{"prototype":{"x":1}}}]}'],
  ])('39: %s is 400 and pollutes nothing', (_label, text) => {
    expect(statusOf(() => parseJson(text))).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('40: a unicode-escaped __proto__ key is 400', () => {
    const text = String.raw`{"\u005f\u005fproto\u005f\u005f":{"x":1}}`;
    expect(statusOf(() => parseJson(text))).toBe(400);
    expect(statusOf(() => parseJson(String.raw`{"a":{"\u0063onstructor":{"prototype":{"x":1}}}}`))).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('39: {"constructor":"x"} and a prototype key elsewhere are accepted', () => {
    expect(parseJson('{"constructor":"x"}')).toEqual({ constructor: 'x' });
    expect(parseJson('{"constructor":{"name":"x"}}')).toEqual({ constructor: { name: 'x' } });
    expect(parseJson('{"prototype":{"x":1},"proto":1}')).toEqual({ prototype: { x: 1 }, proto: 1 });
  });
});
