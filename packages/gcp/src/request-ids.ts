import type { GcpRequest } from './gcp-request';

/** What ties an invocation's log lines to Cloud Logging, Cloud Trace and the request. */
export interface RequestIds {
  /** The `function-execution-id` header, or the id the framework generated. */
  readonly executionId: string | undefined;
  readonly traceId: string | undefined;
  /** 16 hex digits, as `logging.googleapis.com/spanId` wants. */
  readonly spanId: string | undefined;
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-[\da-f]{2}$/i;
/** `TRACE_ID/SPAN_ID;o=OPTIONS`, the span id in decimal. */
const CLOUD_TRACE = /^([\da-f]{32})\/(\d+)/i;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads W3C `traceparent`, else `X-Cloud-Trace-Context`, and the execution id.
 * @see https://cloud.google.com/trace/docs/trace-context#http-requests
 */
export function requestIds(request: GcpRequest): RequestIds {
  const executionId = request.executionId ?? first(request.headers['function-execution-id']);
  const parent = first(request.headers.traceparent);
  const w3c = parent === undefined ? null : TRACEPARENT.exec(parent);
  if (w3c) return { executionId, traceId: w3c[1]?.toLowerCase(), spanId: w3c[2]?.toLowerCase() };
  const cloud = first(request.headers['x-cloud-trace-context']);
  const legacy = cloud === undefined ? null : CLOUD_TRACE.exec(cloud);
  if (legacy) return { executionId, traceId: legacy[1]?.toLowerCase(), spanId: decimalToHex(legacy[2]) };
  return { executionId, traceId: undefined, spanId: undefined };
}

function decimalToHex(decimal: string | undefined): string | undefined {
  if (decimal === undefined || decimal.length > 20) return undefined;
  const value = BigInt(decimal);
  return value > 0xffffffffffffffffn ? undefined : value.toString(16).padStart(16, '0');
}
