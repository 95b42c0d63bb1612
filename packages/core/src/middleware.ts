import type { Context } from './context';
import type { EventBase, EventKind } from './event/base';
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
 * What `defineMiddleware` returns: generic in the event, so that it fits the `use` of any
 * handler of its kind, validated or not. (A plain `Middleware<HttpEvent>` does not fit a
 * handler whose `validate` narrows the body, because its `next` would accept any body.)
 */
export type KindMiddleware<E extends AnyEvent> = <T extends E>(
  event: T,
  ctx: Context,
  next: Next<T>,
) => Promise<ResultOfKind<T['kind']>>;

/**
 * Types a middleware for one kind of event, or for any event when no kind is given.
 * @example const timing = defineMiddleware('http', async (event, ctx, next) => { const r = await next(); return { ...r, headers: { ...r.headers, 'x-took': '1' } }; });
 */
export function defineMiddleware<K extends EventKind>(
  kind: K,
  middleware: Middleware<EventOfKind<K>>,
): KindMiddleware<EventOfKind<K>>;
export function defineMiddleware(middleware: Middleware): KindMiddleware<OmniEvent>;
export function defineMiddleware(
  kindOrMiddleware: EventKind | Middleware,
  middleware?: Middleware,
): KindMiddleware<OmniEvent> {
  // The middleware sees the event as its declared kind; a validated event is one of those.
  if (typeof kindOrMiddleware === 'function') return kindOrMiddleware as KindMiddleware<OmniEvent>;
  const kind = kindOrMiddleware;
  const inner = middleware as Middleware;
  const guarded: Middleware = async function kindGuard(event, ctx, next) {
    // A middleware for one kind passes other kinds through untouched.
    return event.kind === kind ? inner(event, ctx, next) : next();
  };
  return guarded as KindMiddleware<OmniEvent>;
}
