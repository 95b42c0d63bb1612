import type { Context } from './context';
import type { EventKind } from './event/base';
import type { EventBase } from './event/base';
import type { EventOfKind, OmniEvent } from './event/omni-event';
import type { ResultOfKind } from './result';

/** Any event shape, validated or not. */
export type AnyEvent = EventBase<EventKind>;

/** Calls the rest of the pipeline, optionally with a replaced event; returns its result. */
export type Next<E extends AnyEvent> = (event?: E) => Promise<ResultOfKind<E['kind']>>;

/**
 * One onion layer: `(event, ctx, next) => Promise<result>`.
 * Declared through a method so that a middleware for a wider event fits a narrower handler.
 */
export type Middleware<E extends AnyEvent = OmniEvent> = {
  bivariant(event: E, ctx: Context, next: Next<E>): Promise<ResultOfKind<E['kind']>>;
}['bivariant'];

/**
 * Types a middleware for one kind of event, or for any event when no kind is given.
 * @example const timing = defineMiddleware('http', async (event, ctx, next) => { const r = await next(); return { ...r, headers: { ...r.headers, 'x-took': '1' } }; });
 */
export function defineMiddleware<K extends EventKind>(
  kind: K,
  middleware: Middleware<EventOfKind<K>>,
): Middleware<EventOfKind<K>>;
export function defineMiddleware(middleware: Middleware): Middleware;
export function defineMiddleware(
  kindOrMiddleware: EventKind | Middleware,
  middleware?: Middleware,
): Middleware {
  if (typeof kindOrMiddleware === 'function') return kindOrMiddleware;
  const kind = kindOrMiddleware;
  const inner = middleware as Middleware;
  return async function kindGuard(event, ctx, next) {
    // A middleware for one kind passes other kinds through untouched.
    return event.kind === kind ? inner(event, ctx, next) : next();
  };
}
