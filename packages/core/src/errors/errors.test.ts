import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error';
import { OmniError } from './omni-error';
import { TimeoutError } from './timeout-error';
import { toError } from './to-error';
import { UnsupportedEventError } from './unsupported-event-error';
import { ValidationError } from './validation-error';

describe('HttpError', () => {
  it('52: carries its status and exposes its message below 500', () => {
    const error = new HttpError(404, 'Order not found');
    expect(error).toMatchObject({ status: 404, message: 'Order not found', expose: true, name: 'HttpError' });
    expect(error).toBeInstanceOf(Error);
  });

  it('52: does not expose its message at 500 and above unless told to', () => {
    expect(new HttpError(500, 'db password').expose).toBe(false);
    expect(new HttpError(503, 'x').expose).toBe(false);
    expect(new HttpError(500, 'safe', { expose: true }).expose).toBe(true);
    expect(new HttpError(400, 'hidden', { expose: false }).expose).toBe(false);
  });

  it.each([200, 302, 399, 600, 404.5, Number.NaN])(
    'treats status %s, which is not an error status, as 500',
    (status) => {
      const error = new HttpError(status, 'x');
      expect(error.status).toBe(500);
      expect(error.expose).toBe(false);
    },
  );

  it('keeps headers, type and cause', () => {
    const cause = new Error('root');
    const error = new HttpError(405, 'no', { headers: { allow: 'GET' }, type: 'https://e/x', cause });
    expect(error).toMatchObject({ headers: { allow: 'GET' }, type: 'https://e/x', cause });
  });

  it('defaults the message to the status', () => {
    expect(new HttpError(418).message).toBe('418');
  });

  it('is recognised by its global symbol marker, not by instanceof (dual installs)', () => {
    const foreign = Object.assign(new Error('other copy'), {
      [Symbol.for('omnifn.error')]: true,
      [Symbol.for('omnifn.error.http')]: true,
      status: 404,
    });
    expect(foreign instanceof HttpError).toBe(false);
    expect(HttpError.isInstance(foreign)).toBe(true);
    expect(HttpError.isInstance(new OmniError('x'))).toBe(false);
    expect(HttpError.isInstance({ status: 404, message: 'plain object' })).toBe(false);
    expect(OmniError.isInstance(new HttpError(400))).toBe(true);
    expect(OmniError.isInstance(null)).toBe(false);
  });
});

describe('ValidationError', () => {
  it('is a 400 HttpError carrying issues', () => {
    const issues = [{ path: 'body.num1', message: 'Expected number' }];
    const error = new ValidationError(issues);
    expect(error).toMatchObject({ status: 400, expose: true, issues, name: 'ValidationError' });
    expect(HttpError.isInstance(error)).toBe(true);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(ValidationError.isInstance(new HttpError(400))).toBe(false);
  });
});

describe('UnsupportedEventError', () => {
  it('names what was received and what was expected', () => {
    const error = new UnsupportedEventError('an SQS batch', 'an http event');
    expect(error.message).toContain('an SQS batch');
    expect(error.message).toContain('an http event');
    expect(OmniError.isInstance(error)).toBe(true);
  });
});

describe('toError', () => {
  it('returns an Error as it is', () => {
    const error = new RangeError('r');
    expect(toError(error)).toBe(error);
  });

  const circular: Record<string, unknown> = {};
  circular.self = circular;

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'str'],
    ['a number', 42],
    ['an empty object', {}],
    ['a bigint', 10n],
    ['a circular object', circular],
  ])('4: normalizes %s into an Error whose cause is the original', (_label, thrown) => {
    const error = toError(thrown);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^Non-Error thrown: /);
    expect(error.cause).toBe(thrown);
  });
});

describe('TimeoutError', () => {
  it('is an OmniError recognised by its own marker', () => {
    const error = new TimeoutError();
    expect(error.message).toBe('Handler did not finish before the deadline');
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(OmniError.isInstance(error)).toBe(true);
    expect(TimeoutError.isInstance(new OmniError('x'))).toBe(false);
    expect(HttpError.isInstance(error)).toBe(false);
  });
});
