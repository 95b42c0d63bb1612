import { isSecretKey, redact } from './internal/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Receives each log record; adapters route it to where their cloud reads logs best. A sink may
 * also have a `line` method: the logger then hands it most lines already serialized.
 */
export type LogSink = ((level: LogLevel, record: Readonly<Record<string, unknown>>) => void) & {
  readonly line?: LineSink | undefined;
};

/**
 * Takes one line as the JSON the record would serialize to (`{"level":…}`, no newline), built
 * without copying the record; `bindings` and `fields` are what the record was made of, to look
 * keys up. Returns false to be called with the record instead. Lines that need redaction
 * always come as records.
 */
export type LineSink = (
  level: LogLevel,
  line: string,
  bindings: Readonly<Record<string, unknown>>,
  fields: object | undefined,
) => boolean;

/** The logger on `ctx.log`: one JSON object a line. */
export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: object): void;
  info(message: string, fields?: object): void;
  warn(message: string, fields?: object): void;
  error(message: string, fields?: object): void;
  /** A logger that adds `bindings` to every line. */
  child(bindings: object): Logger;
}

export interface LoggerOptions {
  /** Defaults to `LOG_LEVEL`, else `info`. */
  readonly level?: LogLevel | undefined;
  readonly bindings?: object | undefined;
  /** Defaults to JSON lines on stdout. */
  readonly sink?: LogSink | undefined;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes each record as one JSON line on stdout. */
export const stdoutSink: LogSink = (_level, record) => {
  process.stdout.write(`${JSON.stringify(record)}\n`);
};

/** Reads `LOG_LEVEL` (case-insensitive); unknown values fall back to `info`. */
export function levelFromEnv(): LogLevel {
  const value = globalThis.process?.env?.LOG_LEVEL?.toLowerCase();
  // `hasOwn`, not `in`: `LOG_LEVEL=constructor` must not pick `Object.prototype.constructor`.
  return value !== undefined && Object.hasOwn(RANK, value) ? (value as LogLevel) : 'info';
}

/**
 * Creates a JSON logger. Secrets in fields and bindings are redacted whatever their case.
 * @example const log = createLogger({ bindings: { service: 'orders' } }); log.info('started');
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const bindings = options.bindings ? (redact(options.bindings) as Record<string, unknown>) : {};
  return jsonLogger(options.level ?? levelFromEnv(), options.sink ?? stdoutSink, bindings).log;
}

/**
 * Writes one line. `json` is `fields` already serialized without its braces (`"a":1,"b":2`),
 * for callers that know their fields need no redaction and share no key with the bindings.
 * @internal
 */
export type LineWriter = (level: LogLevel, message: string, fields?: object, json?: string) => void;

/**
 * A logger over bindings that are already safe to print (no redaction), and its line writer.
 * Internal: `run()` builds its bindings from the invocation and writes its own line.
 * @internal
 */
export function jsonLogger(
  level: LogLevel,
  sink: LogSink,
  bindings: Record<string, unknown>,
): { readonly log: Logger; readonly write: LineWriter } {
  const min = RANK[level];
  // Sinks other than stdout get the serialized line only if they take one.
  const line = sink === stdoutSink ? undefined : sink.line;
  const fast = sink === stdoutSink || line !== undefined;
  // The JSON of the bindings, as `,"key":value…`, serialized at the first line that needs it.
  let tail: string | undefined;
  // Whether no binding key is an array index (see `plainJson`), checked at the first line.
  let noIndexKey: boolean | undefined;
  const write: LineWriter = (lvl, message, fields, json) => {
    if (RANK[lvl] < min) return;
    const text = message.includes('=') ? (redact(message) as string) : message;
    const time = isoNow();
    if (fast) {
      // The hot path: the same line `JSON.stringify(record)` gives, without building the record
      // or copying fields that need no redaction. Only the stdout sink had it before sinks
      // could take lines: for the others, it is taken only where the two lines are identical
      // to the byte, key order included.
      noIndexKey ??= !hasIndexKey(bindings);
      const more =
        json ?? (fields === undefined ? '' : plainJson(fields, bindings, line !== undefined, noIndexKey));
      if (more !== undefined && (line === undefined || noIndexKey)) {
        tail ??= bindingsTail(bindings);
        const head = `{"level":"${lvl}","message":${JSON.stringify(text)},"time":"${time}"${tail}`;
        if (line === undefined) {
          process.stdout.write(`${head}${more ? `,${more}` : ''}}\n`);
          return;
        }
        if (line(lvl, `${head}${more ? `,${more}` : ''}}`, bindings, fields)) return;
      }
    }
    // One literal with one spread: V8 clones it fast, where `{ ...a, ...b }` is ~40× slower.
    const record: Record<string, unknown> = { level: lvl, message: text, time, ...bindings };
    if (fields !== undefined) Object.assign(record, redact(fields));
    // The line's own keys come first and win over bindings and fields: a logged Error's
    // `message`, or a binding named `level`, must not replace the line's.
    record.level = lvl;
    record.message = text;
    record.time = time;
    sink(lvl, record);
  };
  const log: Logger = {
    level,
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (more) => jsonLogger(level, sink, Object.assign({ ...bindings }, redact(more))).log,
  };
  return { log, write };
}

let lastMs = Number.NaN;
let lastIso = '';

/** The current time as ISO 8601, formatted once per millisecond: lines of one ms share it. */
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** Keys a log line writes itself, ahead of and over bindings and fields. */
const LINE_KEYS = new Set(['level', 'message', 'time']);

/**
 * `fields` serialized without braces, if they can be written as they are: a plain object of
 * numbers, booleans, nulls and strings with no `=`, whose keys are neither secrets nor the
 * line's own keys, and share no key with the bindings unless with the very same value (the
 * record would hold it once, where the binding is: the field is left out). Else `undefined`.
 * `JSON.stringify(record)` writes array-index keys first (`{"0":…,"level":…}`): `strict` (or
 * leaving a field out) refuses them, where the stdout path has always written them in place.
 */
function plainJson(
  fields: object,
  bindings: Record<string, unknown>,
  strict: boolean,
  bindingsIndexFree: boolean,
): string | undefined {
  if (Object.getPrototypeOf(fields) !== Object.prototype) return undefined;
  let same = false;
  let index = false;
  for (const key in fields) {
    const value = (fields as Record<string, unknown>)[key];
    const type = typeof value;
    if (type === 'string') {
      if ((value as string).includes('=')) return undefined;
    } else if (type !== 'number' && type !== 'boolean' && value !== null && value !== undefined)
      return undefined;
    if (LINE_KEYS.has(key) || isSecretKey(key)) return undefined;
    if (key in bindings) {
      // NaN is never the same: such a field takes the record's path.
      if (bindings[key] !== value) return undefined;
      same = true;
    }
    if (isIndexLike(key)) index = true;
  }
  if (index && (strict || same)) return undefined;
  if (!same) return JSON.stringify(fields).slice(1, -1);
  if (!bindingsIndexFree) return undefined;
  let json = '';
  for (const key in fields) {
    const value = (fields as Record<string, unknown>)[key];
    // Primitives serialize alike alone and in an object; `undefined` is left out in both.
    if (key in bindings || value === undefined) continue;
    json += `${json ? ',' : ''}${JSON.stringify(key)}:${JSON.stringify(value)}`;
  }
  return json;
}

/** Whether a key may be an array index, which `JSON.stringify` writes ahead of other keys. */
function isIndexLike(key: string): boolean {
  const code = key.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function hasIndexKey(bindings: Record<string, unknown>): boolean {
  for (const key in bindings) if (isIndexLike(key)) return true;
  return false;
}

/** `,"a":1,"b":2` for `{ a: 1, b: 2 }`, leaving out keys the line writes itself. */
function bindingsTail(bindings: Record<string, unknown>): string {
  let own = bindings;
  for (const key of LINE_KEYS) {
    if (key in bindings) {
      own = {};
      for (const name in bindings) if (!LINE_KEYS.has(name)) own[name] = bindings[name];
      break;
    }
  }
  const json = JSON.stringify(own);
  return json.length > 2 ? `,${json.slice(1, -1)}` : '';
}
