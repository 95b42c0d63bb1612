import type { EventKind, OmniEvent, Trigger } from '@omnifn/core';
import type { HttpResponse, SourceOptions } from '@omnifn/core/adapter';
import type { GcpInput } from '../envelopes/read-input';
import { cloudEvent } from './cloud-event';
import { pubsub } from './pubsub';
import { scheduler } from './scheduler';
import { storage } from './storage';

/**
 * The sources of each non-http kind, most specific first: Pub/Sub before any other
 * CloudEvent. An http handler takes every request through the `http` source. Adding a source
 * is one file and one entry here.
 */
export const eventSources: Readonly<Record<Exclude<EventKind, 'http'>, readonly EventSource[]>> = {
  message: [pubsub, cloudEvent],
  storage: [storage],
  schedule: [scheduler],
};

/** What `toGcp` needs of a non-http source, whatever event it makes. */
export interface EventSource {
  readonly name: Trigger;
  readonly kind: EventKind;
  matches(raw: unknown): boolean;
  toEvent(raw: GcpInput, options: SourceOptions): OmniEvent;
  toResult(outcome: undefined, raw: GcpInput): HttpResponse;
}
