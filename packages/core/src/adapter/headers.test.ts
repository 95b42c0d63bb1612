import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { createHeaders, isSafeHeader, isSafeValue } from './headers';

function statusOf(fn: () => unknown): number {
  try {
    fn();
  } catch (error) {
    if (HttpError.isInstance(error)) return error.status;
    throw error;
  }
  throw new Error('expected an HttpError, nothing was thrown');
}

describe('createHeaders', () => {
  it('45: lower-cases names, so Content-Type and content-type give the same model', () => {
    const upper = createHeaders({ 'Content-Type': 'application/json', Host: 'h' });
    const lower = createHeaders({ 'content-type': 'application/json', host: 'h' });
    expect(upper).toEqual(lower);
    expect(upper['content-type']).toBe('application/json');
    expect(Object.getPrototypeOf(upper)).toBeNull();
  });

  it('45: keeps both X-A and x-a, joined in the order given', () => {
    expect(createHeaders({ 'X-A': '1', 'x-a': '2' })['x-a']).toBe('1, 2');
    expect(createHeaders({ 'x-a': '2', 'X-A': '1' })['x-a']).toBe('2, 1');
  });

  it('46: joins multi-value repeats with ", " and keeps a single "1,2" value as it is', () => {
    expect(createHeaders(null, { 'x-a': ['1', '2'] })['x-a']).toBe('1, 2');
    expect(createHeaders({ 'x-a': '1,2' })['x-a']).toBe('1,2');
  });

  it('46: prefers the multi-value map when both are given', () => {
    expect(createHeaders({ 'x-a': '2' }, { 'x-a': ['1', '2'] })['x-a']).toBe('1, 2');
  });

  it.each(['content-length', 'Authorization', 'content-type', 'host'])(
    '46: two differing %s values are 400',
    (name) => {
      expect(statusOf(() => createHeaders(null, { [name]: ['1', '2'] }))).toBe(400);
      expect(statusOf(() => createHeaders({ [name]: '1', [name.toUpperCase()]: '2' }))).toBe(400);
    },
  );

  it('46: an identical repeat of a singleton header is kept once', () => {
    expect(createHeaders(null, { 'content-length': ['5', '5'] })['content-length']).toBe('5');
  });

  it('skips undefined values', () => {
    expect(createHeaders({ a: undefined, b: '1' })).toEqual({ b: '1' });
    expect(createHeaders(undefined)).toEqual({});
  });

  it('50: a value of 8 KiB is accepted; 8 KiB + 1 is 431', () => {
    expect(createHeaders({ 'x-big': 'a'.repeat(8 * 1024) })['x-big']).toHaveLength(8 * 1024);
    expect(statusOf(() => createHeaders({ 'x-big': 'a'.repeat(8 * 1024 + 1) }))).toBe(431);
  });

  it('50: headers over 16 KiB in all are 431', () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 3; i++) many[`x-h${i}`] = 'a'.repeat(6 * 1024);
    expect(statusOf(() => createHeaders(many))).toBe(431);
    delete many['x-h2'];
    expect(Object.keys(createHeaders(many))).toHaveLength(2);
  });

  it.each(['a"a', 'a a', 'a:b', '', 'a\r\nb', 'é'])('50: header name %j is 400', (name) => {
    expect(statusOf(() => createHeaders({ [name]: 'v' }))).toBe(400);
  });

  it('a header named __proto__ is an own key and pollutes nothing', () => {
    const headers = createHeaders(JSON.parse('{"__proto__":"x","a":"1"}'));
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(headers)).toBeNull();
  });
});

describe('isSafeHeader / isSafeValue', () => {
  it('51: refuses CR, LF and NUL in values and non-token names', () => {
    expect(isSafeHeader('x-a', 'ok')).toBe(true);
    expect(isSafeHeader('x-a', 'ok\r\nSet-Cookie: evil=1')).toBe(false);
    expect(isSafeHeader('x-a', 'ok\nx')).toBe(false);
    expect(isSafeHeader('x-a', 'ok\0')).toBe(false);
    expect(isSafeHeader('x a', 'ok')).toBe(false);
    expect(isSafeValue('a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT')).toBe(true);
    expect(isSafeValue('a=1\r\nx')).toBe(false);
  });
});
