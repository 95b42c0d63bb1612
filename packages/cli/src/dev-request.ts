import type { IncomingMessage } from 'node:http';
import type { HttpResponse } from '@omnifn/core/adapter';
import type { RouteMatch } from './routes';

/** One request to a handler's route, body already read, as every mode receives it. */
export interface DevRequest {
  readonly req: IncomingMessage;
  readonly requestId: string;
  readonly time: Date;
  /** The path as received, still percent-encoded. */
  readonly rawPath: string;
  /** The query string without `?`. */
  readonly rawQuery: string;
  readonly body: Uint8Array;
  readonly route: RouteMatch;
}

/** Limits and the log every mode is created with. */
export interface ModeOptions {
  /** How long a handler may run, in milliseconds. */
  readonly timeoutMs: number;
  /** Largest request body in bytes. */
  readonly bodyLimit: number;
  /** Writes one line of the dev server's own output. */
  readonly log: (line: string) => void;
}

/** How the server answers: run the handler locally, or through a cloud's adapter. */
export interface Mode {
  respond(request: DevRequest): Promise<HttpResponse>;
  /** What the front door answers by itself: no such route (404), body too large (413). */
  reject(status: 404 | 413, detail: string, requestId: string, rawPath: string): HttpResponse;
}

/** Splits `req.url` into the raw path and query; absolute-form URLs (proxies) keep only the path. */
export function splitUrl(url: string | undefined): { rawPath: string; rawQuery: string } {
  let target = url ?? '/';
  if (!target.startsWith('/')) {
    try {
      const parsed = new URL(target);
      target = `${parsed.pathname}${parsed.search}`;
    } catch {
      target = '/';
    }
  }
  const mark = target.indexOf('?');
  return mark === -1
    ? { rawPath: target, rawQuery: '' }
    : { rawPath: target.slice(0, mark), rawQuery: target.slice(mark + 1) };
}
