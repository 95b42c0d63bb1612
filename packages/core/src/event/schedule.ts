import type { EventBase } from './base';

/** A timer or cron invocation. */
export interface ScheduleEvent extends EventBase<'schedule'> {
  readonly scheduledTime: Date;
  /** Rule, job or function name. */
  readonly name: string;
  readonly isPastDue?: boolean | undefined;
}
