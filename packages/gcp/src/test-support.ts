import { defineHandler, type LogLevel, type OmniEvent } from '@omnifn/core';

/** @internal Collects log records instead of writing them. */
export function captureLogs() {
  const records: Array<Record<string, unknown> & { level: LogLevel }> = [];
  const sink = (level: LogLevel, record: Readonly<Record<string, unknown>>) => {
    records.push({ ...record, level });
  };
  return { records, sink };
}

/** @internal A handler that answers with the http event it received, for mapping tests. */
export const echo = defineHandler({
  name: 'echo',
  kind: 'http',
  handle: (event) => ({
    status: 200,
    body: {
      id: event.id,
      trigger: event.trigger,
      provider: event.provider,
      method: event.method,
      path: event.path,
      url: event.url,
      headers: { ...event.headers },
      query: { ...event.query },
      cookies: { ...event.cookies },
      body: event.body instanceof Uint8Array ? { bytes: [...event.body] } : event.body,
      rawBodyLength: event.rawBody.length,
      ip: event.ip,
    },
  }),
});

/** @internal Non-http handlers that record each event they got. */
export function recorder<K extends 'message' | 'storage' | 'schedule'>(kind: K) {
  const seen: OmniEvent[] = [];
  const handler = defineHandler({
    name: `record-${kind}`,
    kind,
    handle: (event: OmniEvent) => {
      seen.push(event);
    },
  } as never) as ReturnType<typeof defineHandler<K>>;
  return { handler, seen };
}

export const quiet = { sink: () => {} };
