import {
  defineHandler,
  type EventKind,
  type LogLevel,
  type MessageEvent,
  type ScheduleEvent,
  type StorageObjectEvent,
} from '@omnifn/core';

type NonHttp = StorageObjectEvent | MessageEvent | ScheduleEvent;

/**
 * @internal A non-http handler that records every event it receives and fails (throws) for
 * the ids in `failIds`, or for every event when `failIds` is `'all'`.
 */
export function recorder<K extends Exclude<EventKind, 'http'>>(
  name: string,
  kind: K,
  failIds: readonly string[] | 'all' = [],
) {
  const events: NonHttp[] = [];
  const handler = defineHandler({
    name,
    kind,
    handle: (event: NonHttp) => {
      events.push(event);
      if (failIds === 'all' || failIds.includes(event.id)) throw new Error(`failed ${event.id}`);
    },
  } as never) as ReturnType<typeof defineHandler>;
  return { handler, events };
}

/** @internal Collects log records instead of writing them. */
export function captureLogs() {
  const records: Array<Record<string, unknown> & { level: LogLevel }> = [];
  const sink = (level: LogLevel, record: Readonly<Record<string, unknown>>) => {
    records.push({ ...record, level });
  };
  return { records, sink };
}

/** @internal The RPC `http` data the host sends for a request (RpcHttp). */
export function rpcHttp(init: {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  params?: Record<string, string>;
}) {
  const body =
    init.body === undefined
      ? undefined
      : typeof init.body === 'string'
        ? { string: init.body }
        : { bytes: init.body };
  return {
    http: {
      method: init.method ?? 'POST',
      url: init.url,
      headers: init.headers ?? {},
      ...(body ? { body } : {}),
      params: init.params ?? {},
      query: {},
    },
  };
}

/** @internal The RpcHttp response the worker would send: status, headers, cookies and body text. */
export function httpReturn(response: Record<string, unknown> | undefined) {
  const http = (response?.returnValue as { http?: Record<string, unknown> } | undefined)?.http;
  if (http === undefined) throw new Error('no http return value');
  const bytes = (http.body as { bytes?: Uint8Array } | undefined)?.bytes;
  return {
    status: Number(http.statusCode),
    headers: http.headers as Record<string, string>,
    cookies: (http.cookies ?? []) as Array<Record<string, unknown>>,
    text: bytes === undefined ? '' : Buffer.from(bytes).toString('utf8'),
    bytes,
  };
}
