import { compose } from '../compose';
import type { Context } from '../context';
import { HttpError } from '../errors/http-error';
import { TimeoutError } from '../errors/timeout-error';
import { toError } from '../errors/to-error';
import type { EventKind, Provider, Trigger } from '../event/base';
import type { OmniEvent } from '../event/omni-event';
import type { Handler } from '../handler';
import { redact } from '../internal/redact';
import { validateEvent } from '../internal/validate-event';
import {
  jsonLogger,
  type LineWriter,
  type Logger,
  type LogLevel,
  type LogSink,
  levelFromEnv,
  stdoutSink,
} from '../logger';
import type { Middleware } from '../middleware';
import type { HttpResult } from '../result';
import { type HttpResponse, toHttpResponse } from './http-response';
import { problemResponse } from './problem';
import { traceFromHeaders } from './trace';

/** Default margin between `ctx.signal` and the cloud's deadline. */
export const DEFAULT_TIMEOUT_MARGIN_MS = 500;
/** `setTimeout` fires after 1 ms for any delay above this (Node's TimeoutOverflowWarning). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One invocation as an adapter sees it. `toEvent` may throw `HttpError` for bad input. */
export interface Invocation<E extends OmniEvent = OmniEvent> {
  readonly provider: Provider;
  readonly trigger: Trigger;
  readonly requestId: string;
  /** The cloud's function name; defaults to the handler's name. */
  readonly functionName?: string | undefined;
  /** Epoch ms at which the cloud stops the invocation. */
  readonly deadline: number;
  readonly native?: unknown;
  /**
   * A trace id the platform gives outside the request (Lambda's X-Ray header), or a function
   * that reads it: it is only needed when the request carries no trace header of its own.
   */
  readonly traceId?: string | (() => string | undefined) | undefined;
  /** Extra fields on every log line (a record's attempt, the GCP execution id…). */
  readonly bindings?: Readonly<Record<string, unknown>> | undefined;
  toEvent(): E;
}

/** Options every adapter accepts and passes to `run`. */
export interface RunOptions {
  /** How long before the deadline `ctx.signal` fires (default 500 ms). */
  readonly timeoutMarginMs?: number | undefined;
  /** The status a timed-out http handler answers: 504 on AWS, 503 on GCP. */
  readonly timeoutStatus?: number | undefined;
  /** Defaults to `LOG_LEVEL`; adapters read it once, when they wrap the handler. */
  readonly logLevel?: LogLevel | undefined;
  /** Where log lines go; each adapter writes the way its cloud reads best. */
  readonly sink?: LogSink | undefined;
}

/** A handler's pipeline: the result, or a promise of it when anything in it is async. */
type Pipeline = (event: OmniEvent, ctx: Context) => unknown;
const pipelines = new WeakMap<object, Pipeline>();

/**
 * Runs one event through the default pipeline (logging → error handling → validation →
 * `use` → `handle`). An http handler always resolves an `HttpResponse` (problem+json on
 * failure); any other kind resolves when done and rejects otherwise, so the cloud retries.
 */
// Generic so that any `defineHandler` result is accepted: `Handler<'http', V>` is not assignable to `Handler`.
export async function run<K extends EventKind, V>(
  handler: Handler<K, V>,
  invocation: Invocation,
  options: RunOptions = {},
): Promise<HttpResponse | undefined> {
  const start = performance.now();
  const isHttp = handler.kind === 'http';
  const { requestId, deadline } = invocation;
  // Built once and completed from the event before the first line: no child logger per invocation.
  const bindings: Record<string, unknown> = {
    requestId,
    function: invocation.functionName ?? handler.name,
    trigger: invocation.trigger,
  };
  if (invocation.bindings) Object.assign(bindings, redact(invocation.bindings));
  let event: OmniEvent | undefined;
  let response: HttpResponse | undefined;
  let failure: Error | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let logger: ReturnType<typeof jsonLogger> | undefined;
  try {
    event = invocation.toEvent();
    logger = openLogger(bindings, event, invocation.traceId, options);
    const log = logger.log;
    const ctx = new RunContext(
      requestId,
      invocation.provider,
      bindings.function as string,
      log,
      deadline,
      invocation.native,
    );
    let result = pipelineOf(handler)(event, ctx);
    if (isThenable(result)) {
      const work = Promise.resolve(result);
      result = await new Promise<unknown>((resolve, reject) => {
        const wait = deadline - (options.timeoutMarginMs ?? DEFAULT_TIMEOUT_MARGIN_MS) - Date.now();
        work.then(resolve, reject);
        // No deadline (Infinity, NaN) or one beyond the timer range: no timer, rather than one that fires at once.
        if (!(wait <= MAX_TIMER_MS)) return;
        timer = setTimeout(
          () => {
            const error = isHttp
              ? new HttpError(options.timeoutStatus ?? 504, 'Handler did not finish before the deadline', {
                  expose: false,
                })
              : new TimeoutError();
            ctx.abort(error);
            reject(error);
            work.then(
              () => log.warn('late result dropped: the deadline had passed'),
              (late: unknown) =>
                log.warn('late failure dropped: the deadline had passed', { error: toError(late) }),
            );
          },
          Math.max(0, wait),
        );
      });
    }
    if (isHttp) response = toHttpResponse(result as HttpResult);
  } catch (thrown) {
    failure = toError(thrown);
    if (isHttp)
      response = problemResponse(thrown, requestId, event?.kind === 'http' ? event.path : undefined);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  // When `toEvent` refused the input, the line still names the platform's trace.
  logger ??= openLogger(bindings, undefined, invocation.traceId, options);
  logInvocation(logger.write, bindings, start, response, failure);
  if (failure && !isHttp) throw failure;
  return response;
}

/**
 * `ctx` as a class: an object literal with a getter costs ~0.5 KB and a slow define per
 * invocation. `remainingMs` is an own arrow so that `const { remainingMs } = ctx` works.
 */
class RunContext implements Context {
  #controller: AbortController | undefined;
  readonly remainingMs: () => number;

  constructor(
    readonly requestId: string,
    readonly provider: Provider,
    readonly functionName: string,
    readonly log: Logger,
    readonly deadline: number,
    readonly native: unknown,
  ) {
    this.remainingMs = () => deadline - Date.now();
  }

  /** Created on first read: most handlers never look at it. */
  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  /** Aborts `signal`, creating it if needed, so that a handler reading it late sees it aborted. */
  abort(reason: Error): void {
    this.#controller ??= new AbortController();
    this.#controller.abort(reason);
  }
}

/**
 * The invocation's logger, once `bindings` hold what the event says about itself: its trace
 * and correlation ids, or its id and attempt.
 */
function openLogger(
  bindings: Record<string, unknown>,
  event: OmniEvent | undefined,
  platformTrace: Invocation['traceId'],
  options: RunOptions,
): ReturnType<typeof jsonLogger> {
  if (event !== undefined && event.kind !== 'http') {
    bindings.eventId = event.id;
    if (event.kind === 'message') bindings.attempt = event.attempt;
  }
  const fromHeaders = event?.kind === 'http' ? traceFromHeaders(event.headers) : undefined;
  const traceId =
    fromHeaders?.traceId ?? (typeof platformTrace === 'function' ? platformTrace() : platformTrace);
  if (traceId !== undefined) bindings.traceId = traceId;
  if (fromHeaders?.correlationId !== undefined) bindings.correlationId = fromHeaders.correlationId;
  return jsonLogger(options.logLevel ?? levelFromEnv(), options.sink ?? stdoutSink, bindings);
}

function logInvocation(
  write: LineWriter,
  bindings: Record<string, unknown>,
  start: number,
  response: HttpResponse | undefined,
  failure: Error | undefined,
) {
  const durationMs = Math.round((performance.now() - start) * 1000) / 1000;
  const status = response ? response.status : failure ? 'failed' : 'ok';
  // The line's fields are ours and safe, so they are serialized here, unless a binding shares a key.
  const own = !('status' in bindings || 'durationMs' in bindings || 'error' in bindings);
  const head = own
    ? `"status":${typeof status === 'number' ? status : `"${status}"`},"durationMs":${durationMs}`
    : undefined;
  if (failure && (response === undefined || response.status >= 500)) {
    write('error', 'invocation failed', { status, durationMs, error: failure });
  } else if (failure) {
    const error = { name: failure.name, message: redact(failure.message) as string };
    write(
      'warn',
      'invocation rejected',
      { status, durationMs, error },
      head &&
        `${head},"error":{"name":${JSON.stringify(error.name)},"message":${JSON.stringify(error.message)}}`,
    );
  } else {
    write('info', 'invocation', { status, durationMs }, head);
  }
}

function pipelineOf<K extends EventKind, V>(handler: Handler<K, V>): Pipeline {
  let pipeline = pipelines.get(handler);
  if (pipeline) return pipeline;
  const handle = handler.handle as (event: OmniEvent, ctx: Context) => unknown;
  const use = (handler.use ?? []) as readonly Middleware[];
  // Without middleware, `handle` is called directly, so a synchronous handler stays synchronous.
  const inner: Pipeline =
    use.length === 0
      ? (event, ctx) => handle.call(handler, event, ctx)
      : compose(use, async (event, ctx) => handle.call(handler, event, ctx) as never);
  const schemas = handler.validate as Readonly<Record<string, never>> | undefined;
  pipeline =
    schemas && Object.keys(schemas).length > 0
      ? (event, ctx) => {
          const validated = validateEvent(event, schemas);
          return isThenable(validated) ? validated.then((valid) => inner(valid, ctx)) : inner(validated, ctx);
        }
      : inner;
  pipelines.set(handler, pipeline);
  return pipeline;
}

/** A promise, or any thenable a handler returns: awaited the same way. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function'
  );
}
