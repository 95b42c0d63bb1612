import type { AzureSource } from '../azure-source';
import { blob } from './blob';
import { eventGrid } from './event-grid';
import { queue } from './queue';
import { serviceBus } from './service-bus';
import { timer } from './timer';

/**
 * Every supported non-http trigger, keyed by the binding type the host registered
 * (`context.options.trigger.type`): the trigger is known, so nothing is sniffed from the
 * payload. `httpTrigger` is handled by `sources/http.ts`. Adding a trigger is one file and one
 * entry here.
 */
const list: readonly AzureSource[] = [blob, eventGrid, queue, serviceBus, timer];

/** Binding types are compared case-insensitively, as the library's own `isTrigger` does. */
export const sources: ReadonlyMap<string, AzureSource> = new Map(
  list.map((source) => [source.type.toLowerCase(), source]),
);

/** The `httpTrigger` binding type, lower case. */
export const HTTP_TRIGGER = 'httptrigger';
