import type { InvocationContext } from '@azure/functions';
import type { LogLevel, LogSink } from '@omnifn/core';

/**
 * A core `LogSink` over the invocation context's own log methods, so that lines reach
 * Application Insights with the invocation's id and operation (trace) context. Each record is
 * one JSON object; core's `debug` goes to `context.debug` (Azure's `trace` level is below it).
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference-node?pivots=nodejs-model-v4#logging
 */
export function contextSink(context: Pick<InvocationContext, 'debug' | 'info' | 'warn' | 'error'>): LogSink {
  const line = (level: LogLevel, text: string): true => {
    if (level === 'error') context.error(text);
    else if (level === 'warn') context.warn(text);
    else if (level === 'info') context.info(text);
    else context.debug(text);
    return true;
  };
  // `line` takes the JSON core already serialized (the same text), sparing a copy of each record.
  return Object.assign(
    (level: LogLevel, record: Readonly<Record<string, unknown>>) => {
      line(level, JSON.stringify(record));
    },
    { line },
  );
}

/** The trace id of a W3C `traceparent` (`00-<trace-id>-<span-id>-<flags>`). */
export function traceIdOf(traceParent: string | undefined): string | undefined {
  const id = traceParent?.split('-')[1];
  return id && /^[0-9a-f]{32}$/i.test(id) ? id : undefined;
}
