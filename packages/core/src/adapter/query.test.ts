import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery, queryFromMaps } from './query';

describe('parseQuery', () => {
  it('47: repeated keys become arrays; values are percent-decoded and never split on commas', () => {
    expect(parseQuery('a=1&a=2&b=x%2Cy')).toEqual({ a: ['1', '2'], b: 'x,y' });
    expect(parseQuery('a=1,2')).toEqual({ a: '1,2' });
    expect(parseQuery('a=1&a=2&a=3')).toEqual({ a: ['1', '2', '3'] });
  });

  it('decodes + as a space, keeps a key without =, and skips empty pairs', () => {
    expect(parseQuery('q=a+b&flag&&x=')).toEqual({ q: 'a b', flag: '', x: '' });
    expect(parseQuery('')).toEqual({});
    expect(parseQuery(undefined)).toEqual({});
  });

  it('keeps a malformed escape as written instead of failing', () => {
    expect(parseQuery('a=%ZZ&b=100%')).toEqual({ a: '%ZZ', b: '100%' });
  });

  it('41: __proto__ and constructor keys land in a null-prototype record and pollute nothing', () => {
    const query = parseQuery('__proto__[x]=1&constructor[prototype][y]=2&__proto__=3&toString=4');
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(query['__proto__[x]']).toBe('1');
    expect(query['constructor[prototype][y]']).toBe('2');
    expect(Object.hasOwn(query, '__proto__')).toBe(true);
    expect(query.toString).toBe('4');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).y).toBeUndefined();
  });

  it('41: a repeated __proto__ key makes an own array, not a prototype', () => {
    const query = parseQuery('__proto__=1&__proto__=2');
    expect(Object.getOwnPropertyDescriptor(query, '__proto__')?.value).toEqual(['1', '2']);
    expect(Object.getPrototypeOf(query)).toBeNull();
  });
});

describe('queryFromMaps', () => {
  it('47: prefers the multi-value map and keeps repeats as arrays', () => {
    expect(queryFromMaps({ a: '2' }, { a: ['1', '2'], b: ['x,y'] })).toEqual({ a: ['1', '2'], b: 'x,y' });
    expect(queryFromMaps({ a: '1', b: undefined }, null)).toEqual({ a: '1' });
    expect(queryFromMaps(null, undefined)).toEqual({});
  });

  it('47: decodes still-encoded values only when asked (ALB)', () => {
    expect(queryFromMaps({ b: 'x%2Cy' }, null)).toEqual({ b: 'x%2Cy' });
    expect(queryFromMaps({ b: 'x%2Cy', 'k%20': 'a+b' }, null, true)).toEqual({ b: 'x,y', 'k ': 'a b' });
  });

  it('41: builds a null-prototype record from a map with a __proto__ key', () => {
    const query = queryFromMaps(JSON.parse('{"__proto__":["1"]}'), null);
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(Object.hasOwn(query, '__proto__')).toBe(true);
  });
});

describe('formatQuery', () => {
  it('serializes a record back to a query string that parses to the same record', () => {
    const query = { a: ['1', '2'], b: 'x,y', 'c d': 'é&=' };
    const text = formatQuery(query);
    expect(text).toBe('a=1&a=2&b=x%2Cy&c%20d=%C3%A9%26%3D');
    expect(parseQuery(text)).toEqual(query);
  });
});
