import type { Timer } from '@azure/functions';
import type { ScheduleEvent } from '@omnifn/core';
import type { AzureSource } from '../azure-source';
import { isObject } from '../is-object';

/**
 * `app.timer`: the library camelCases the host's `{ Schedule, ScheduleStatus, IsPastDue }`.
 * `scheduledTime` is the invocation time (the host sends no due time of its own; the schedule
 * status stays on `event.raw`).
 * @see https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#usage
 */
export type AzureTimer = Timer;

export function isTimer(input: unknown): input is AzureTimer {
  return isObject(input) && typeof input.isPastDue === 'boolean';
}

export const timer: AzureSource = {
  type: 'timerTrigger',
  name: 'azure:timer',
  kinds: ['schedule'],
  toEvents(input, { context }) {
    if (!isTimer(input)) throw new Error('omnifn: the timer trigger input has no "isPastDue"');
    const now = new Date();
    const event: ScheduleEvent = {
      kind: 'schedule',
      id: context.invocationId,
      time: now,
      provider: 'azure',
      trigger: 'azure:timer',
      raw: input,
      scheduledTime: now,
      name: context.functionName,
      isPastDue: input.isPastDue,
    };
    return [event];
  },
};
