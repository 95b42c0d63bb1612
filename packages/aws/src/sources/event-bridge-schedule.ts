import type { OmniEvent, ScheduleEvent } from '@omnifn/core';
import type { BatchSource } from '../batch/batch-source';
import { type EventBridgeEvent, isEventBridgeEvent, resourceName } from './event-bridge-envelope';

/**
 * An EventBridge scheduled rule's invocation: `detail-type: Scheduled Event`, source
 * `aws.events`, the rule's ARN in `resources`.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html
 */
export function isScheduledRuleEvent(raw: unknown): raw is EventBridgeEvent {
  return isEventBridgeEvent(raw) && raw['detail-type'] === 'Scheduled Event' && raw.source === 'aws.events';
}

export function scheduleEvent(
  raw: EventBridgeEvent,
  trigger: 'aws:eventbridge' | 'aws:scheduler',
): ScheduleEvent {
  const time = new Date(raw.time);
  return {
    kind: 'schedule',
    id: raw.id,
    time,
    provider: 'aws',
    trigger,
    raw,
    scheduledTime: time,
    // `rule/<name>` or, for Scheduler, `schedule/<group>/<name>`: DESIGN wants the short name.
    name: resourceName(raw) ?? raw.id,
    isPastDue: undefined,
  };
}

/** EventBridge scheduled rules. Asynchronous: a failure rejects. */
export const eventBridgeSchedule: BatchSource<EventBridgeEvent, EventBridgeEvent> = {
  name: 'aws:eventbridge',
  kinds: ['schedule'],
  delivery: 'async',
  matches: isScheduledRuleEvent,
  records: (raw) => [raw],
  recordId: (raw) => raw.id,
  isOrdered: () => true,
  toEvents: (raw): readonly OmniEvent[] => [scheduleEvent(raw, 'aws:eventbridge')],
};
