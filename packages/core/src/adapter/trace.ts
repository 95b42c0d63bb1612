/** Ids that tie a log line to a trace and to the caller's own request. */
export interface TraceIds {
  readonly traceId?: string | undefined;
  readonly correlationId?: string | undefined;
}

/**
 * Reads the trace id from W3C `traceparent`, AWS `x-amzn-trace-id` (`Root=`) or
 * `x-cloud-trace-context` (`TRACE/SPAN;o=1`), and the correlation id from
 * `x-request-id` or `x-correlation-id`.
 */
export function traceFromHeaders(headers: Readonly<Record<string, string>>): TraceIds {
  let traceId: string | undefined;
  const parent = headers.traceparent;
  if (parent !== undefined) traceId = parent.split('-')[1];
  else if (headers['x-amzn-trace-id'] !== undefined)
    traceId = /Root=([^;]+)/.exec(headers['x-amzn-trace-id'])?.[1];
  else if (headers['x-cloud-trace-context'] !== undefined)
    traceId = headers['x-cloud-trace-context'].split('/')[0];
  const correlationId = headers['x-request-id'] ?? headers['x-correlation-id'];
  return { traceId: traceId || undefined, correlationId };
}
