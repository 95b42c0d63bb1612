import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  createLogger,
  type EventKind,
  type Handler,
  type OmniEvent,
  UnsupportedEventError,
} from '@omnifn/core';
import { describeInput, type Invocation, levelFromEnv, type RunOptions, run } from '@omnifn/core/adapter';
import type { AzureSource } from './azure-source';
import { contextSink, traceIdOf } from './context-sink';
import { isObject } from './is-object';
import { isHttpRequest, readBody, toHttpEvent, toHttpResponseInit } from './sources/http';
import { HTTP_TRIGGER, sources } from './sources/index';

/**
 * Azure's default `functionTimeout` on the Consumption plan (5 min; Flex Consumption, Premium
 * and Dedicated default to 30 min): the context carries no deadline, so `ctx.signal` fires
 * `timeoutMarginMs` before this unless `timeoutMs` says otherwise.
 * @see https://learn.microsoft.com/azure/azure-functions/functions-scale#timeout
 */
export const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

/** Options of `toAzure` (and the third argument of `registerAzure`). */
export interface AzureOptions extends Pick<RunOptions, 'logLevel' | 'sink'> {
  /** The app's `functionTimeout` in ms; default 5 min (Consumption). */
  readonly timeoutMs?: number;
  /** How long before `timeoutMs` `ctx.signal` fires; default 500 ms. */
  readonly timeoutMarginMs?: number;
  /** Largest HTTP request body in bytes; default 6 MB. */
  readonly bodyLimit?: number;
  /**
   * Who decodes storage queue payloads: `'host'` (default; host.json's `messageEncoding`,
   * base64 unless set to `"none"`), or `'base64'`: omnifn decodes them, for apps whose host.json
   * says `"none"`, and a payload that is not base64 fails the message.
   */
  readonly queueMessageEncoding?: 'host' | 'base64';
}

/** What the v4 handler returns for a handler kind. */
export type AzureResultOf<K extends EventKind> = K extends 'http' ? HttpResponseInit : undefined;

/** A v4 handler `(trigger, context)`, usable with any `app.*` registration. */
export type AzureHandler<K extends EventKind> = (
  trigger: unknown,
  context: InvocationContext,
) => Promise<AzureResultOf<K>>;

const TRIGGERS_OF: Readonly<Record<EventKind, string>> = {
  http: 'httpTrigger',
  storage: 'blobTrigger, eventGridTrigger',
  message: 'queueTrigger, serviceBusTrigger, eventGridTrigger',
  schedule: 'timerTrigger',
};

/**
 * Turns a portable handler into an Azure Functions v4 handler. It dispatches on
 * `context.options.trigger.type` (the trigger the function was registered with), never on
 * the payload. A non-http invocation resolves only when every event finished, and rejects
 * otherwise, so that the host retries, poisons or dead-letters.
 * @example app.http('add', { methods: ['POST'], handler: toAzure(add) });
 */
export function toAzure<K extends EventKind, V>(
  handler: Handler<K, V>,
  options: AzureOptions = {},
): AzureHandler<K> {
  // LOG_LEVEL is read once, here: the worker's environment does not change during the process.
  const runOptions: RunOptions = {
    ...options,
    logLevel: options.logLevel ?? levelFromEnv(),
    timeoutStatus: 504,
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const expected = `an Azure ${TRIGGERS_OF[handler.kind]} invocation for a ${handler.kind} handler`;
  return async function omnifnAzure(trigger, context) {
    if (!isObject(context) || !isObject(context.options)) {
      throw new TypeError('omnifn: toAzure handlers take the InvocationContext as their second argument');
    }
    const type = String(context.options.trigger?.type ?? 'unknown');
    const traceParent = context.traceContext?.traceParent ?? undefined;
    const callOptions: RunOptions = options.sink ? runOptions : { ...runOptions, sink: contextSink(context) };
    const base = {
      provider: 'azure',
      requestId: context.invocationId,
      functionName: context.functionName,
      deadline: Date.now() + timeoutMs,
      native: context,
      traceId: traceIdOf(traceParent),
      bindings: traceParent === undefined ? undefined : { traceParent },
    } as const;
    if (type.toLowerCase() === HTTP_TRIGGER) {
      if (handler.kind !== 'http') throw new UnsupportedEventError(`an Azure ${type} invocation`, expected);
      if (!isHttpRequest(trigger)) throw new UnsupportedEventError(describeInput(trigger), 'an HttpRequest');
      const body = await readBody(trigger);
      const response = await run(
        handler,
        {
          ...base,
          trigger: 'azure:http',
          toEvent: () => toHttpEvent(trigger, body, context.invocationId, options.bodyLimit),
        },
        callOptions,
      );
      // `run` always answers an http handler; the guard keeps the types honest.
      if (response === undefined) throw new Error('omnifn: no response from an http handler');
      return toHttpResponseInit(response) as AzureResultOf<K>;
    }
    const source = sources.get(type.toLowerCase());
    if (source === undefined || !source.kinds.includes(handler.kind)) {
      throw new UnsupportedEventError(`an Azure ${type} invocation`, expected);
    }
    const events = await toEvents(handler, source, trigger, context, base, callOptions, options);
    if (events.length === 0) {
      createLogger({
        level: callOptions.logLevel,
        sink: callOptions.sink,
        bindings: { requestId: context.invocationId, trigger: source.name },
      }).info('Event Grid system event acknowledged without running the handler');
    }
    // One at a time, in order; the first failure rejects the whole invocation (the whole batch
    // is redelivered: Service Bus has no per-message result for a batch).
    for (const event of events) {
      await run(handler, { ...base, trigger: source.name, toEvent: () => event }, callOptions);
    }
    return undefined as AzureResultOf<K>;
  };
}

/**
 * The trigger's events. A mapping failure (undecodable payload, missing metadata) still goes
 * through `run`, so that it is logged like any failed invocation, and then rejects.
 */
async function toEvents<K extends EventKind, V>(
  handler: Handler<K, V>,
  source: AzureSource,
  trigger: unknown,
  context: InvocationContext,
  base: Omit<Invocation, 'trigger' | 'toEvent'>,
  callOptions: RunOptions,
  options: AzureOptions,
): Promise<readonly OmniEvent[]> {
  try {
    return source.toEvents(trigger, {
      context,
      kind: handler.kind,
      queueMessageEncoding: options.queueMessageEncoding ?? 'host',
    });
  } catch (error) {
    await run(
      handler,
      {
        ...base,
        trigger: source.name,
        toEvent: () => {
          throw error;
        },
      },
      callOptions,
    );
    throw error;
  }
}
