import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type LineSink, type LogLevel, type LogSink } from './logger';

/**
 * Lines of one ms share their time; two loggers may straddle a ms, so the line's own ISO time
 * is compared apart. Only an ISO timestamp is masked: a field or binding named `time` (which may
 * come first, under a digit key) keeps its value and is compared.
 */
const untimed = (line: string) =>
  line.replace(/"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g, '"time":"T"');

/** A sink that takes lines, and what it received by either path. */
function lineSink(accept = true) {
  const got: { via: 'line' | 'record'; text: string }[] = [];
  const line: LineSink = (_level, text) => {
    if (accept) got.push({ via: 'line', text });
    return accept;
  };
  const sink: LogSink = Object.assign(
    (_level: LogLevel, record: Readonly<Record<string, unknown>>) => {
      got.push({ via: 'record', text: JSON.stringify(record) });
    },
    { line },
  );
  return { sink, got };
}

/** A sink that takes records only: what every sink got before sinks could take lines. */
function recordSink() {
  const got: string[] = [];
  const sink: LogSink = (_level, record) => {
    got.push(JSON.stringify(record));
  };
  return { sink, got };
}

const key = fc.constantFrom(
  'a',
  'orderId',
  'attempt',
  'requestId',
  'level',
  'message',
  'time',
  'Authorization',
  'cookie',
  'x-api-key',
  '0',
  '12',
  'toString',
  'status',
  'url',
);
const value = fc.oneof(
  fc.string(),
  fc.constantFrom('https://x.test/?code=s3cret&a=1', 'sig=abc', 'plain', 'v-1'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(3),
  fc.dictionary(key, fc.oneof(fc.string(), fc.constant('code=1'), fc.integer()), { maxKeys: 3 }),
);
const object = fc.dictionary(key, value, { maxKeys: 5 });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('logger: sinks that take serialized lines', () => {
  it('55: a line sink receives, line for line, the JSON a record sink serializes (secrets redacted alike)', () => {
    fc.assert(
      fc.property(
        object,
        fc.array(fc.tuple(fc.string(), fc.option(object, { nil: undefined })), { maxLength: 4 }),
        (bindings, calls) => {
          const lines = lineSink();
          const records = recordSink();
          const a = createLogger({ level: 'debug', bindings, sink: lines.sink });
          const b = createLogger({ level: 'debug', bindings, sink: records.sink });
          for (const [message, fields] of calls) {
            a.info(message, fields);
            b.info(message, fields);
          }
          expect(lines.got.map((g) => untimed(g.text))).toEqual(records.got.map(untimed));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('55: no secret reaches a line sink, whatever the depth or the path', () => {
    const lines = lineSink();
    const log = createLogger({ level: 'info', bindings: { requestId: 'r-1' }, sink: lines.sink });
    log.info('plain', { n: 1, ok: true });
    log.info('url https://x.test/?code=s3cret', { url: 'https://x.test/?sig=s3cret' });
    log.info('nested', { request: { headers: { Authorization: 'Bearer s3cret' } } });
    log.info('key', { 'X-Api-Key': 's3cret' });
    log.child({ cookie: 's3cret' }).info('child');
    expect(lines.got).toHaveLength(5);
    for (const { text } of lines.got) expect(text).not.toContain('s3cret');
    // Plain fields come serialized; what needs redaction comes as a record.
    expect(lines.got.map((g) => g.via)).toEqual(['line', 'record', 'record', 'record', 'line']);
  });

  it('a line sink that refuses a line gets the record instead', () => {
    const lines = lineSink(false);
    createLogger({ level: 'info', sink: lines.sink }).info('x', { n: 1 });
    expect(lines.got).toEqual([{ via: 'record', text: expect.stringContaining('"message":"x"') }]);
  });

  it('passes the bindings and fields a line stands for, so the sink can look keys up', () => {
    const seen: unknown[] = [];
    const sink: LogSink = Object.assign(() => {}, {
      line: ((_level, _text, bindings, fields) => {
        seen.push({ bindings, fields });
        return true;
      }) satisfies LineSink,
    });
    createLogger({ level: 'info', bindings: { requestId: 'r-1' }, sink }).info('x', { n: 1 });
    expect(seen).toEqual([{ bindings: { requestId: 'r-1' }, fields: { n: 1 } }]);
  });

  it('writes on stdout the JSON of the record, also when a field repeats a binding with its value', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    fc.assert(
      fc.property(object, fc.option(object, { nil: undefined }), fc.string(), (bindings, fields, message) => {
        written.length = 0;
        const records = recordSink();
        createLogger({ level: 'info', bindings, sink: records.sink }).info(message, fields);
        createLogger({ level: 'info', bindings }).info(message, fields);
        const [line] = written;
        // Index-like keys: the stdout path has always written them in place, not first.
        const indexLike = [...Object.keys(bindings), ...Object.keys(fields ?? {})].some((k) => /^\d/.test(k));
        if (!indexLike) expect(untimed(String(line))).toBe(`${untimed(String(records.got[0]))}\n`);
        expect(line).not.toContain('s3cret');
      }),
      { numRuns: 500 },
    );
    written.length = 0;
    createLogger({ level: 'info', bindings: { attempt: 3, eventId: 'm-1' } }).info('order', {
      orderId: 'o-1',
      attempt: 3,
    });
    expect(untimed(written[0] ?? '')).toBe(
      '{"level":"info","message":"order","time":"T","attempt":3,"eventId":"m-1","orderId":"o-1"}\n',
    );
  });
});
