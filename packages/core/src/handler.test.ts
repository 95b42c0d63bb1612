import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineHandler, isHandler } from './handler';

describe('defineHandler', () => {
  it('returns the config as a plain, marked object with no cloud code', () => {
    const validate = { body: z.object({ n: z.number() }) };
    const handle = () => ({ status: 204 });
    const handler = defineHandler({ name: 'h', kind: 'http', validate, handle });
    expect(handler).toEqual({ name: 'h', kind: 'http', validate, handle, '~omnifn': 'handler' });
    expect(Object.getPrototypeOf(handler)).toBe(Object.prototype);
  });
});

describe('isHandler', () => {
  it('recognises handlers made by defineHandler and nothing else', () => {
    expect(isHandler(defineHandler({ name: 'h', kind: 'schedule', handle: () => {} }))).toBe(true);
    expect(isHandler({ name: 'h', kind: 'http', handle: () => ({}) })).toBe(false);
    expect(isHandler(null)).toBe(false);
    expect(isHandler('handler')).toBe(false);
  });
});
