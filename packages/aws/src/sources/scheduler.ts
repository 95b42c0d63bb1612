import type { OmniEvent } from '@omnifn/core';
import type { BatchSource } from '../batch/batch-source';
import { type EventBridgeEvent, isEventBridgeEvent } from './event-bridge-envelope';
import { scheduleEvent } from './event-bridge-schedule';

/**
 * An EventBridge Scheduler invocation with the default payload: the EventBridge envelope with
 * source `aws.scheduler` and the schedule's ARN (`…:schedule/<group>/<name>`) in `resources`.
 * A schedule given its own `Input` sends that instead, which is no schedule event.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
export function isSchedulerEvent(raw: unknown): raw is EventBridgeEvent {
  return (
    isEventBridgeEvent(raw) && raw['detail-type'] === 'Scheduled Event' && raw.source === 'aws.scheduler'
  );
}

/** EventBridge Scheduler. Asynchronous: a failure rejects, so Scheduler's retry policy applies. */
export const scheduler: BatchSource<EventBridgeEvent, EventBridgeEvent> = {
  name: 'aws:scheduler',
  kinds: ['schedule'],
  delivery: 'async',
  matches: isSchedulerEvent,
  records: (raw) => [raw],
  recordId: (raw) => raw.id,
  isOrdered: () => true,
  toEvents: (raw): readonly OmniEvent[] => [scheduleEvent(raw, 'aws:scheduler')],
};
