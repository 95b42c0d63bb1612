import type { Context } from './context';
import type { AnyEvent, Middleware } from './middleware';
import type { ResultOfKind } from './result';

type Terminal<E extends AnyEvent> = (event: E, ctx: Context) => Promise<ResultOfKind<E['kind']>>;

/**
 * Runs middleware as an onion around `last`: each gets the event, the context and `next`.
 * `next()` returns the downstream result; calling it twice throws.
 * @example const run = compose([logging], handle); await run(event, ctx);
 */
export function compose<E extends AnyEvent>(
  middleware: readonly Middleware<E>[],
  last: Terminal<E>,
): Terminal<E> {
  if (middleware.length === 0) return last;
  return (event, ctx) => {
    let index = -1;
    const dispatch = (i: number, current: E): Promise<ResultOfKind<E['kind']>> => {
      if (i <= index) return Promise.reject(new Error('next() called multiple times'));
      index = i;
      const fn = middleware[i];
      if (fn === undefined) return last(current, ctx);
      try {
        return Promise.resolve(fn(current, ctx, (replaced) => dispatch(i + 1, replaced ?? current)));
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return dispatch(0, event);
  };
}
