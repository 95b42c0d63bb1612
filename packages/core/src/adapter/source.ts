import type { Trigger } from '../event/base';
import type { OmniEvent } from '../event/omni-event';
import type { HttpResponse } from './http-response';

/** What an adapter passes to every `toEvent`. */
export interface SourceOptions {
  /** The invocation's id, for sources whose events carry none of their own (ALB). */
  readonly requestId: string;
  /** Largest HTTP body in bytes after decoding. */
  readonly bodyLimit?: number | undefined;
}

/** What a source turns back into its native answer: the serialized response for http. */
export type OutcomeOf<E extends OmniEvent> = E extends { kind: 'http' } ? HttpResponse : void;

/**
 * One native event source: its guard, the mapping to a core event and the mapping of
 * the outcome back to what that source expects. One file per source in each adapter.
 */
export interface Source<TRaw, TEvent extends OmniEvent, TNative> {
  readonly name: Trigger;
  readonly kind: TEvent['kind'];
  /** A precise guard; sources are tried in order, most specific first. */
  matches(raw: unknown): raw is TRaw;
  toEvent(raw: TRaw, options: SourceOptions): TEvent;
  toResult(outcome: OutcomeOf<TEvent>, raw: TRaw): TNative;
}

/** The first source whose guard accepts `raw`. */
export function pickSource<S extends { matches(raw: unknown): boolean }>(
  sources: readonly S[],
  raw: unknown,
): S | undefined {
  for (const source of sources) if (source.matches(raw)) return source;
  return undefined;
}

/** A short description of an unrecognised input for error messages (never its values). */
export function describeInput(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return `an array of ${raw.length}`;
  if (typeof raw !== 'object') return `a ${typeof raw}`;
  const keys = Object.keys(raw).slice(0, 8);
  return keys.length === 0
    ? 'an empty object'
    : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}
