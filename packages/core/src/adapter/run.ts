import { compose } from '../compose';
import type { Context } from '../context';
import { HttpError } from '../errors/http-error';
import { toError } from '../errors/to-error';
import type { EventKind, Provider, Trigger } from '../event/base';
import type { OmniEvent } from '../event/omni-event';
import type { Handler } from '../handler';
import { validateEvent } from '../internal/validate-event';
import { createLogger, type LogLevel, type LogSink } from '../logger';
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
  /** A trace id the platform gives outside the request (Lambda's X-Ray header). */
  readonly traceId?: string | undefined;
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
  readonly logLevel?: LogLevel | undefined;
  /** Where log lines go; each adapter writes the way its cloud reads best. */
  readonly sink?: LogSink | undefined;
}

type Pipeline = (event: OmniEvent, ctx: Context) => Promise<unknown>;
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
  let log = createLogger({
    level: options.logLevel,
    sink: options.sink,
    bindings: bindingsOf(invocation, handler.name),
  });
  let controller: AbortController | undefined;
  const ctx: Context = {
    requestId,
    provider: invocation.provider,
    functionName: invocation.functionName ?? handler.name,
    get log() {
      return log;
    },
    get signal() {
      controller ??= new AbortController();
      return controller.signal;
    },
    deadline,
    remainingMs: () => deadline - Date.now(),
    native: invocation.native,
  };
  let event: OmniEvent | undefined;
  let response: HttpResponse | undefined;
  let failure: Error | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    event = invocation.toEvent();
    log = withEventBindings(log, event);
    const work = pipelineOf(handler)(event, ctx);
    const result = await new Promise<unknown>((resolve, reject) => {
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
            : new Error('Handler did not finish before the deadline');
          // Created here too, so that a handler reading `ctx.signal` only after the deadline sees it aborted.
          controller ??= new AbortController();
          controller.abort(error);
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
    if (isHttp) response = toHttpResponse(result as HttpResult);
  } catch (thrown) {
    failure = toError(thrown);
    if (isHttp)
      response = problemResponse(thrown, requestId, event?.kind === 'http' ? event.path : undefined);
  } finally {
    clearTimeout(timer);
  }
  logInvocation(log, start, response, failure);
  if (failure && !isHttp) throw failure;
  return response;
}

function bindingsOf(invocation: Invocation, name: string): Record<string, unknown> {
  const bindings: Record<string, unknown> = {
    requestId: invocation.requestId,
    function: invocation.functionName ?? name,
    trigger: invocation.trigger,
  };
  if (invocation.traceId !== undefined) bindings.traceId = invocation.traceId;
  return invocation.bindings ? Object.assign(bindings, invocation.bindings) : bindings;
}

function withEventBindings(log: Context['log'], event: OmniEvent): Context['log'] {
  if (event.kind === 'http') {
    const { traceId, correlationId } = traceFromHeaders(event.headers);
    if (traceId === undefined && correlationId === undefined) return log;
    return log.child(
      correlationId === undefined
        ? { traceId }
        : traceId === undefined
          ? { correlationId }
          : { traceId, correlationId },
    );
  }
  return log.child(
    event.kind === 'message' ? { eventId: event.id, attempt: event.attempt } : { eventId: event.id },
  );
}

function logInvocation(
  log: Context['log'],
  start: number,
  response: HttpResponse | undefined,
  failure: Error | undefined,
) {
  const durationMs = Math.round((performance.now() - start) * 1000) / 1000;
  const status = response ? response.status : failure ? 'failed' : 'ok';
  if (failure && (response === undefined || response.status >= 500)) {
    log.error('invocation failed', { status, durationMs, error: failure });
  } else if (failure) {
    log.warn('invocation rejected', {
      status,
      durationMs,
      error: { name: failure.name, message: failure.message },
    });
  } else {
    log.info('invocation', { status, durationMs });
  }
}

function pipelineOf<K extends EventKind, V>(handler: Handler<K, V>): Pipeline {
  let pipeline = pipelines.get(handler);
  if (pipeline) return pipeline;
  const layers: Middleware[] = [];
  const schemas = handler.validate as Readonly<Record<string, never>> | undefined;
  if (schemas && Object.keys(schemas).length > 0) {
    layers.push(async function validation(event, _ctx, next) {
      return next(await validateEvent(event, schemas));
    });
  }
  layers.push(...((handler.use ?? []) as readonly Middleware[]));
  const handle = handler.handle as (event: OmniEvent, ctx: Context) => unknown;
  pipeline = compose(layers, async (event, ctx) => handle.call(handler, event, ctx) as never) as Pipeline;
  pipelines.set(handler, pipeline);
  return pipeline;
}
