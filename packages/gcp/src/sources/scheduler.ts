import { HttpError, type ScheduleEvent } from '@omnifn/core';
import type { HttpResponse, Source } from '@omnifn/core/adapter';
import type { CloudEvent } from '../envelopes/cloud-event';
import { type GcpInput, shortName } from '../envelopes/read-input';
import { acknowledged } from './acknowledged';
import { isPubsubEvent, readPubsub } from './pubsub';

/** Eventarc's Cloud Scheduler type; its data is `{ customData }` (base64). */
const JOB_EXECUTED = 'google.cloud.scheduler.job.v1.executed';

/**
 * Cloud Scheduler: an HTTP-target job's request (its `X-CloudScheduler-*` headers), a
 * Scheduler CloudEvent, or a job delivered through Pub/Sub (name = topic short name,
 * scheduledTime = publish time).
 * @see https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#HttpTarget
 */
function isSchedulerInput(raw: unknown): raw is GcpInput {
  const input = raw as GcpInput;
  return (
    input.headers['x-cloudscheduler-jobname'] !== undefined ||
    input.cloudEvent?.type === JOB_EXECUTED ||
    isPubsubEvent(input.cloudEvent)
  );
}

function date(value: string | undefined, what: string): Date {
  const time = value === undefined ? new Date() : new Date(value);
  if (Number.isNaN(time.getTime())) throw new HttpError(400, `${what} is not a timestamp`);
  return time;
}

function toEvent(input: GcpInput, options: { requestId: string }): ScheduleEvent {
  const jobName = input.headers['x-cloudscheduler-jobname'];
  if (jobName !== undefined) {
    return {
      kind: 'schedule',
      id: options.requestId,
      time: new Date(),
      provider: 'gcp',
      trigger: 'gcp:scheduler',
      raw: input.request,
      scheduledTime: date(input.headers['x-cloudscheduler-scheduletime'], 'X-CloudScheduler-ScheduleTime'),
      name: jobName,
    };
  }
  const event = input.cloudEvent as CloudEvent;
  if (isPubsubEvent(event)) {
    const { messageId, publishedAt, channel } = readPubsub(event);
    const scheduledTime = publishedAt ?? date(event.time, 'CloudEvent time');
    return {
      kind: 'schedule',
      id: messageId,
      time: scheduledTime,
      provider: 'gcp',
      trigger: 'gcp:pubsub',
      raw: event,
      scheduledTime,
      name: channel ?? 'unknown',
    };
  }
  const scheduledTime = date(event.time, 'CloudEvent time');
  return {
    kind: 'schedule',
    id: event.id,
    time: scheduledTime,
    provider: 'gcp',
    trigger: 'gcp:scheduler',
    raw: event,
    scheduledTime,
    name: shortName(event.source) ?? event.source,
  };
}

export const scheduler: Source<GcpInput, ScheduleEvent, HttpResponse> = {
  name: 'gcp:scheduler',
  kind: 'schedule',
  matches: isSchedulerInput,
  toEvent,
  toResult: acknowledged,
};
