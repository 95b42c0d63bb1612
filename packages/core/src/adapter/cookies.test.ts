import { describe, expect, it } from 'vitest';
import { parseCookies } from './cookies';

describe('parseCookies', () => {
  it('48: splits name and value on the first =, from a list or a header', () => {
    expect(parseCookies(['a=1', 'b=c=d'])).toEqual({ a: '1', b: 'c=d' });
    expect(parseCookies('a=1; b=c=d')).toEqual({ a: '1', b: 'c=d' });
    expect(parseCookies(['a=1; b=2', 'c=3'])).toEqual({ a: '1', b: '2', c: '3' });
  });

  it('keeps the first of two cookies with the same name', () => {
    expect(parseCookies('a=1; a=2')).toEqual({ a: '1' });
  });

  it('unquotes and percent-decodes values, keeping a malformed escape as written', () => {
    expect(parseCookies('a="x y"; b=%C3%A9; c=%ZZ')).toEqual({ a: 'x y', b: 'é', c: '%ZZ' });
  });

  it('skips parts without a name and returns a null-prototype record', () => {
    const cookies = parseCookies('=x; novalue; __proto__=1; ; ok=1');
    expect(cookies).toEqual({ ['__proto__']: '1', ok: '1' });
    expect(Object.getPrototypeOf(cookies)).toBeNull();
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies([])).toEqual({});
  });
});
