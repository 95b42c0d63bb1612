import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type LogLevel, stdoutSink } from './logger';

type Line = Record<string, unknown>;

function capture(level?: LogLevel) {
  const lines: Line[] = [];
  const log = createLogger({ level, sink: (_lvl, record) => lines.push(JSON.parse(JSON.stringify(record))) });
  return { log, lines };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createLogger', () => {
  it("a binding named level, message or time never replaces the line's own", () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({
      level: 'info',
      bindings: { level: 'x', message: 'y', time: 'z' },
      sink: (_l, r) => lines.push(r),
    });
    log.info('real');
    expect(lines[0]).toMatchObject({ level: 'info', message: 'real' });
    expect(lines[0]?.time).not.toBe('z');
  });

  it('writes one object a line with level, message, ISO time, bindings and fields', () => {
    const lines: Line[] = [];
    const log = createLogger({
      level: 'debug',
      bindings: { requestId: 'req-1', function: 'add' },
      sink: (lvl, record) => lines.push({ lvl, ...record }),
    });
    log.info('hello', { n: 1 });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toEqual({
      lvl: 'info',
      level: 'info',
      message: 'hello',
      time: expect.any(String),
      requestId: 'req-1',
      function: 'add',
      n: 1,
    });
    expect(new Date(String(line?.time)).toISOString()).toBe(line?.time);
  });

  it('writes JSON lines on stdout by default', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stdoutSink('info', { level: 'info', message: 'x' });
    expect(write).toHaveBeenCalledWith('{"level":"info","message":"x"}\n');
  });

  it('keeps the line its own level, message and time even when fields or an Error carry those keys', () => {
    const { log, lines } = capture();
    log.error('db call failed', new Error('connection refused'));
    log.info('shadow', { level: 'debug', message: 'forged', time: 'yesterday' });
    expect(lines[0]).toMatchObject({ level: 'error', message: 'db call failed', name: 'Error' });
    expect(lines[1]).toMatchObject({ level: 'info', message: 'shadow' });
    expect(lines[1]?.time).not.toBe('yesterday');
  });

  it('drops lines under the level and keeps the others', () => {
    const { log, lines } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines.map((l) => l.message)).toEqual(['w', 'e']);
    expect(log.level).toBe('warn');
  });

  it('reads LOG_LEVEL, whatever its case, when no level is given', () => {
    vi.stubEnv('LOG_LEVEL', 'DEBUG');
    const { log, lines } = capture();
    log.debug('d');
    expect(log.level).toBe('debug');
    expect(lines).toHaveLength(1);
  });

  it('prefers the level option over LOG_LEVEL', () => {
    vi.stubEnv('LOG_LEVEL', 'debug');
    expect(capture('error').log.level).toBe('error');
  });

  it.each(['verbose', '', 'constructor', 'toString', '__proto__'])(
    'falls back to info for LOG_LEVEL=%j',
    (value) => {
      vi.stubEnv('LOG_LEVEL', value);
      const { log, lines } = capture();
      log.debug('d');
      log.info('i');
      expect(log.level).toBe('info');
      expect(lines.map((l) => l.message)).toEqual(['i']);
    },
  );

  it('child() adds bindings to every line of the child and leaves the parent as it was', () => {
    const { log, lines } = capture();
    const child = log.child({ eventId: 'm-1' }).child({ attempt: 2 });
    child.info('in child');
    log.info('in parent');
    expect(lines[0]).toMatchObject({ eventId: 'm-1', attempt: 2, message: 'in child' });
    expect(lines[1]).not.toHaveProperty('eventId');
    expect(child.level).toBe(log.level);
  });
});

describe('redaction', () => {
  const secretKeys = [
    'Authorization',
    'authorization',
    'AUTHORIZATION',
    'Cookie',
    'cookie',
    'set-cookie',
    'Set-Cookie',
    'x-api-key',
    'X-Api-Key',
    'x-functions-key',
    'X-FUNCTIONS-KEY',
  ];

  it.each(secretKeys)('55: redacts %s at any depth', (key) => {
    const { log, lines } = capture();
    const secret = `secret-${key}`;
    log.info('event', {
      event: { raw: { requestContext: { headers: { [key]: secret } } } },
      list: [{ [key]: secret }],
    });
    log.child({ [key]: secret }).info('child');
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      event: { raw: { requestContext: { headers: { [key]: '[REDACTED]' } } } },
      list: [{ [key]: '[REDACTED]' }],
    });
    expect(lines[1]).toMatchObject({ [key]: '[REDACTED]' });
  });

  it('55: redacts ?code= and &sig= in URLs, in fields, messages and error messages', () => {
    const { log, lines } = capture();
    const url = 'https://fn.example.net/api/add?code=fkey123&x=1&sig=sas456#frag';
    log.info(`calling ${url}`, { url, nested: { urls: [url] } });
    log.error('failed', { error: new Error(`GET ${url} failed`) });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('fkey123');
    expect(text).not.toContain('sas456');
    expect(lines[0]?.url).toBe('https://fn.example.net/api/add?code=[REDACTED]&x=1&sig=[REDACTED]#frag');
  });

  it('55: redacts code and sig in a raw query string that does not start with ?', () => {
    const { log, lines } = capture();
    log.info('raw', { rawQueryString: 'code=fkey123&x=1', other: 'x=1&SIG=sas456' });
    expect(lines[0]).toMatchObject({ rawQueryString: 'code=[REDACTED]&x=1', other: 'x=1&SIG=[REDACTED]' });
  });

  it('55: redacts code and sig keys under query, queryStringParameters and multiValueQueryStringParameters', () => {
    const { log, lines } = capture();
    log.info('event', {
      query: { code: 'k1', Sig: 'k2', page: '2' },
      queryStringParameters: { CODE: 'k3' },
      multiValueQueryStringParameters: { code: ['k4', 'k5'] },
    });
    expect(JSON.stringify(lines)).not.toMatch(/"k[1-5]"/);
    expect(lines[0]).toMatchObject({
      query: { code: '[REDACTED]', Sig: '[REDACTED]', page: '2' },
      queryStringParameters: { CODE: '[REDACTED]' },
      multiValueQueryStringParameters: { code: '[REDACTED]' },
    });
  });

  it('keeps a code field that is not a query parameter (an error code is not a secret)', () => {
    const { log, lines } = capture();
    log.warn('rejected', { code: 'E_LIMIT' });
    expect(lines[0]).toMatchObject({ code: 'E_LIMIT' });
  });

  it('55: does not mutate the logged objects', () => {
    const { log } = capture();
    const fields = {
      headers: { Authorization: 'Bearer t', cookie: 'a=1' },
      url: '/x?code=1',
      deep: { list: [{ 'x-api-key': 'k' }] },
    };
    const before = structuredClone(fields);
    log.info('event', fields);
    log.child(fields).info('child');
    expect(fields).toEqual(before);
  });

  it('logs an Error as name, message, stack and cause, redacting secrets in the cause', () => {
    const { log, lines } = capture();
    const error = new TypeError('bad', { cause: { authorization: 'Bearer t', url: '/x?sig=s1' } });
    log.error('failed', { error });
    expect(lines[0]?.error).toEqual({
      name: 'TypeError',
      message: 'bad',
      stack: expect.stringContaining('TypeError: bad'),
      cause: { authorization: '[REDACTED]', url: '/x?sig=[REDACTED]' },
    });
  });

  it('survives circular references, bigints and bytes', () => {
    const { log, lines } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(() => log.info('odd', { loop, big: 10n, bytes: new Uint8Array(3) })).not.toThrow();
    expect(lines[0]).toMatchObject({ big: '10', bytes: '[3 bytes]', loop: { name: 'loop' } });
  });
});
