import type { EventKind } from './base';
import type { HttpEvent } from './http';
import type { MessageEvent } from './message';
import type { ScheduleEvent } from './schedule';
import type { StorageObjectEvent } from './storage';

/** Any event, discriminated on `kind`. */
export type OmniEvent = HttpEvent | StorageObjectEvent | MessageEvent | ScheduleEvent;

/** The event type of a kind. */
export type EventOfKind<K extends EventKind> = Extract<OmniEvent, { kind: K }>;

/**
 * Narrows an event to one kind.
 * @example if (isKind(event, 'http')) event.method;
 */
export const isKind = <K extends EventKind>(event: OmniEvent, kind: K): event is EventOfKind<K> =>
  event.kind === kind;
