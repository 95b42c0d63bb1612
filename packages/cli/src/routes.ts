import type { Handler } from '@omnifn/core';

/** A handler matched by the first path segment; `proxy` is the rest, as `{proxy+}` would be. */
export interface RouteMatch {
  readonly handler: Handler;
  /** `/add` for `/add/x/y`. */
  readonly base: string;
  /** Decoded rest of the path without its leading slash (`x/y`), when there is one. */
  readonly proxy: string | undefined;
}

/** What `GET /` lists and the banner prints. */
export interface RouteInfo {
  readonly name: string;
  readonly kind: Handler['kind'];
  readonly path: string;
  /**
   * Whether requests reach the handler: http handlers always; other kinds locally, one POST
   * of the event's fields each. API Gateway (`--emulate aws`) invokes http handlers only.
   */
  readonly served: boolean;
}

/** The route of each handler: `/<name>`, name percent-encoded. */
export function routeInfo(handlers: readonly Handler[], httpOnly: boolean): RouteInfo[] {
  return handlers.map((handler) => ({
    name: handler.name,
    kind: handler.kind,
    path: `/${encodeURIComponent(handler.name)}`,
    served: handler.kind === 'http' || !httpOnly,
  }));
}

/** Finds the handler for a raw (still encoded) path: `/<name>` and `/<name>/...`. */
export function matchRoute(handlers: readonly Handler[], rawPath: string): RouteMatch | undefined {
  const end = rawPath.indexOf('/', 1);
  const segment = end === -1 ? rawPath.slice(1) : rawPath.slice(1, end);
  const name = safeDecode(segment);
  const handler = handlers.find((candidate) => candidate.name === name);
  if (handler === undefined) return undefined;
  const rest = end === -1 ? '' : rawPath.slice(end + 1);
  return { handler, base: `/${segment}`, proxy: rest === '' ? undefined : safeDecode(rest) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
