import type { EventEmitter } from 'node:events';
import { type EventKind, type Handler, HttpError, TimeoutError } from '@omnifn/core';
import {
  DEFAULT_BODY_LIMIT,
  describeInput,
  type HttpResponse,
  levelFromEnv,
  pickSource,
  problemResponse,
  type RunOptions,
  run,
} from '@omnifn/core/adapter';
import { DEFAULT_TIMEOUT_MS, timeoutFromEnv } from './default-timeout';
import { type GcpInput, readInput } from './envelopes/read-input';
import type { GcpNative, GcpRequest, GcpResponse } from './gcp-request';
import { cloudLoggingFields, gcpSink, projectFromEnv } from './gcp-sink';
import { requestBody } from './request-body';
import { requestHeaders } from './request-headers';
import { requestIds } from './request-ids';
import { http } from './sources/http';
import { eventSources } from './sources/index';
import { bindFlight, endFlight, startFlight, trackRejections } from './track-rejections';
import { writeResponse } from './write-response';

/** Options of `toGcp` and `registerGcp`. */
export interface GcpOptions extends Pick<RunOptions, 'logLevel'> {
  /**
   * The function's timeout in ms: `ctx.signal` fires `timeoutMarginMs` before it, and a
   * handler still running then answers one 503. Default: `CLOUD_RUN_TIMEOUT_SECONDS`, else
   * `FUNCTION_TIMEOUT_SEC`, else 60 s (the platform's default).
   */
  readonly timeoutMs?: number;
  /** Default 500 ms. */
  readonly timeoutMarginMs?: number;
  /** Largest request body in bytes; default 6 MB. */
  readonly bodyLimit?: number;
  /** The project in `logging.googleapis.com/trace`, when no `GOOGLE_CLOUD_PROJECT` says it. */
  readonly projectId?: string;
  /** Where log lines go; default Cloud Logging JSON lines on stdout (`gcpSink`). */
  readonly sink?: RunOptions['sink'];
}

/** A functions-framework HTTP function. Resolves once the response is written. */
export type GcpHttpFunction = (req: GcpRequest, res: GcpResponse) => Promise<void>;

/**
 * Turns a portable handler into a functions-framework HTTP function, whatever its kind: an
 * http handler takes any request; a message, storage or schedule handler reads CloudEvents
 * (binary and structured), legacy events, raw Pub/Sub pushes and Cloud Scheduler requests,
 * and answers 204 only after it finished, 400 for malformed input, 5xx for failure.
 * @example http('add', toGcp(add));
 */
export function toGcp<K extends EventKind, V>(
  handler: Handler<K, V>,
  options: GcpOptions = {},
): GcpHttpFunction {
  // Read once: the environment of a function instance does not change.
  const timeoutMs = options.timeoutMs ?? timeoutFromEnv() ?? DEFAULT_TIMEOUT_MS;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const project = projectFromEnv(options.projectId);
  const runOptions: RunOptions = {
    timeoutMarginMs: options.timeoutMarginMs,
    timeoutStatus: 503,
    logLevel: options.logLevel ?? levelFromEnv(),
    sink: options.sink ?? gcpSink(project),
  };
  const isHttp = handler.kind === 'http';
  // Non-http handlers wait one macrotask turn after `handle` so that a forgotten promise that
  // rejects fails the delivery instead of acknowledging it (RELIABILITY 29). An http handler
  // skips the turn (~35 µs a request): a stray error while it runs still gets omnifn's 500 via
  // the framework's domain below; one after it answered can only be logged.
  const tracked = isHttp ? handler : trackRejections(handler);
  const sources = isHttp ? [] : eventSources[handler.kind as Exclude<EventKind, 'http'>];
  const expected = `a Google Cloud event for a ${handler.kind} handler (${sources.map((s) => s.name).join(', ')})`;

  return async function omnifnGcp(req, res) {
    const deadline = Date.now() + timeoutMs;
    const native: GcpNative = { request: req, response: res };
    const flight = isHttp ? undefined : startFlight();
    if (flight) bindFlight(native, flight);
    const ids = requestIds(req);
    // The framework runs each request in a domain that answers a stray error with its own 500
    // echoing the message; omnifn answers first, generically, and the invocation fails.
    const domain = activeDomain();
    const onStray = (error: unknown) => {
      if (flight) {
        flight.rejected = true;
        flight.stray = error;
      }
      writeResponse(res, problemResponse(error, requestId || crypto.randomUUID()));
    };
    domain?.prependListener('error', onStray);
    // Cloud Logging's fields, once per invocation, bound to every line (see gcpSink).
    const bindings = cloudLoggingFields(project, ids);
    let response: HttpResponse;
    let requestId = ids.executionId ?? ids.traceId ?? '';
    try {
      const body = requestBody(req, bodyLimit);
      const bytes = body instanceof Uint8Array ? body : await body;
      const { headers, cookies } = requestHeaders(req);
      if (isHttp) {
        requestId ||= crypto.randomUUID();
        const input = { request: req, headers, cookies, bytes };
        response = (await run(
          tracked,
          {
            provider: 'gcp',
            trigger: 'gcp:http',
            requestId,
            deadline,
            native,
            traceId: ids.traceId,
            bindings,
            toEvent: () => http.toEvent(input, { requestId, bodyLimit }),
          },
          runOptions,
        )) as HttpResponse;
      } else {
        response = await runEvent(readInput(req, headers, bytes));
      }
    } catch (thrown) {
      // Input refused before `run` (unreadable body, bad headers): 4xx, logged by `run` below.
      response = await refuse(thrown);
    } finally {
      if (flight) endFlight(flight);
      domain?.off('error', onStray);
    }
    writeResponse(res, response);

    async function runEvent(input: GcpInput): Promise<HttpResponse> {
      const source = pickSource(sources, input);
      const messageId = (input.cloudEvent?.data as { message?: { messageId?: unknown } } | undefined)?.message
        ?.messageId;
      if (typeof messageId === 'string') bindings.messageId = messageId;
      requestId ||= input.cloudEvent?.id ?? crypto.randomUUID();
      const received = input.cloudEvent
        ? `a CloudEvent of type ${JSON.stringify(input.cloudEvent.type)}`
        : `a request with ${describeInput(input.request.body)}`;
      try {
        await run(
          tracked,
          {
            provider: 'gcp',
            trigger: source?.name ?? (input.cloudEvent ? 'gcp:cloudevent' : 'gcp:http'),
            requestId,
            deadline,
            native,
            traceId: ids.traceId ?? traceOf(input),
            bindings,
            toEvent: () => {
              if (source === undefined)
                throw new HttpError(400, `omnifn: received ${received}, expected ${expected}`);
              return source.toEvent(input, { requestId, bodyLimit });
            },
          },
          runOptions,
        );
        return source ? source.toResult(undefined, input) : failure(new Error('no source'), requestId);
      } catch (error) {
        return failure(error, requestId);
      }
    }

    async function refuse(thrown: unknown): Promise<HttpResponse> {
      requestId ||= crypto.randomUUID();
      // Through `run`, so the refusal is logged like any other invocation.
      return run(
        handler,
        {
          provider: 'gcp',
          trigger: 'gcp:http',
          requestId,
          deadline,
          native,
          traceId: ids.traceId,
          bindings,
          toEvent: () => {
            throw thrown;
          },
        },
        runOptions,
      ).then(
        (answer) => answer ?? failure(thrown, requestId),
        (error: unknown) => failure(error, requestId),
      );
    }
  };
}

/** The domain the functions-framework runs the request in, if any (Node's deprecated `domain`). */
function activeDomain(): EventEmitter | undefined {
  const domain = (process as { domain?: EventEmitter | null }).domain;
  return domain ?? undefined;
}

/** The trace id a CloudEvent carries as its `traceparent` extension. */
function traceOf(input: GcpInput): string | undefined {
  const parent = input.cloudEvent?.traceparent;
  return typeof parent === 'string' ? parent.split('-')[1] : undefined;
}

/**
 * A non-http handler's failure as the cloud must see it: 503 past the deadline, the error's
 * own status for input that is the sender's fault (400: Pub/Sub still redelivers and
 * dead-letters it), else a generic 500. Never 2xx, never the error's message when ≥ 500.
 */
function failure(error: unknown, requestId: string): HttpResponse {
  if (TimeoutError.isInstance(error)) {
    return problemResponse(new HttpError(503, error.message, { expose: false }), requestId);
  }
  return problemResponse(error, requestId);
}
