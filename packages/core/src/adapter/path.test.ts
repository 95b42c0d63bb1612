import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { decodePath } from './path';

describe('decodePath', () => {
  it('49: /api/%61dmin is /api/admin', () => {
    expect(decodePath('/api/%61dmin')).toBe('/api/admin');
  });

  it('49: /api/%2561dmin is decoded once and stays distinct from /api/admin', () => {
    expect(decodePath('/api/%2561dmin')).toBe('/api/%61dmin');
    expect(decodePath('/api/%2561dmin')).not.toBe(decodePath('/api/admin'));
  });

  it('49: ..%2F never becomes a separator or a .. segment', () => {
    const path = decodePath('/files/..%2F..%2Fetc%2Fpasswd');
    expect(path).toBe('/files/..%2F..%2Fetc%2Fpasswd');
    expect(path.split('/')).toEqual(['', 'files', '..%2F..%2Fetc%2Fpasswd']);
    expect(decodePath('/files/..%2f..%2fetc')).toBe('/files/..%2F..%2Fetc');
  });

  it('49: dot segments, encoded or not, are resolved and never climb above the root', () => {
    expect(decodePath('/a/b/../c')).toBe('/a/c');
    expect(decodePath('/a/%2e%2e/%2E%2E/%2e%2e/etc/passwd')).toBe('/etc/passwd');
    expect(decodePath('/a/./b/.')).toBe('/a/b/');
    expect(decodePath('/..')).toBe('/');
    expect(decodePath('/.well-known/x')).toBe('/.well-known/x');
    for (const raw of ['/a/../../..', '/%2e%2e/x', '/a/%2e%2E/..']) {
      expect(decodePath(raw).split('/')).not.toContain('..');
    }
  });

  it.each(['/%ZZ', '/a/%', '/a/%E0%A4%A'])('49: malformed escape %s is 400', (raw) => {
    let status: number | undefined;
    try {
      decodePath(raw);
    } catch (error) {
      status = HttpError.isInstance(error) ? error.status : -1;
    }
    expect(status).toBe(400);
  });

  it('adds a leading slash and leaves a plain path alone', () => {
    expect(decodePath('a/b')).toBe('/a/b');
    expect(decodePath('/orders/42')).toBe('/orders/42');
    expect(decodePath('/caf%C3%A9')).toBe('/café');
  });
});
