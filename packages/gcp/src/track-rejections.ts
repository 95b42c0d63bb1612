import type { EventKind, Handler } from '@omnifn/core';

/** One invocation in flight: set when a promise nobody handled rejected while it ran. */
export interface Flight {
  stray: unknown;
  rejected: boolean;
}

const inFlight = new Set<Flight>();

/**
 * A promise the handler started and did not await, rejecting while invocations run. It
 * cannot be told apart per invocation, so it fails every invocation in flight (a redelivery,
 * never a loss). Listening only while invocations run leaves Node's own behaviour alone
 * the rest of the time.
 */
function onUnhandled(reason: unknown): void {
  for (const flight of inFlight) {
    flight.rejected = true;
    flight.stray = reason;
  }
}

export function startFlight(): Flight {
  const flight: Flight = { stray: undefined, rejected: false };
  if (inFlight.size === 0) process.on('unhandledRejection', onUnhandled);
  inFlight.add(flight);
  return flight;
}

export function endFlight(flight: Flight): void {
  inFlight.delete(flight);
  if (inFlight.size === 0) process.off('unhandledRejection', onUnhandled);
}

const flights = new WeakMap<object, Flight>();

/** Ties a flight to the invocation's `ctx.native`, where the tracked handler finds it. */
export function bindFlight(native: object, flight: Flight): void {
  flights.set(native, flight);
}

/** A macrotask turn: Node reports unhandled rejections once the microtask queue is empty. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The handler with `handle` followed by one macrotask turn and a check for stray
 * rejections, so that a fire-and-forget promise failing during the invocation makes it fail
 * (500) instead of answering 204 (RELIABILITY 29). Validation and `use` are kept as they are.
 */
export function trackRejections<K extends EventKind, V>(handler: Handler<K, V>): Handler<K, V> {
  const handle = handler.handle as (event: unknown, ctx: { native: unknown }) => unknown;
  const tracked = async (event: unknown, ctx: { native: unknown }) => {
    const result = await handle.call(handler, event, ctx);
    const flight =
      typeof ctx.native === 'object' && ctx.native !== null ? flights.get(ctx.native) : undefined;
    if (flight === undefined) return result;
    await turn();
    if (flight.rejected) {
      throw new Error('A promise the handler did not await rejected', { cause: flight.stray });
    }
    return result;
  };
  return { ...handler, handle: tracked as unknown as Handler<K, V>['handle'] };
}
