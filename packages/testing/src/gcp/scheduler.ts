import { frontEndHeaders, type GcpHttpRequest, gcpRequest } from './gcp-request';

export interface SchedulerInit {
  /** The job's short name. */
  readonly jobName?: string;
  readonly scheduleTime?: string;
  /** The job's configured body. */
  readonly body?: string;
}

/**
 * A Cloud Scheduler HTTP-target job's request, with the `X-CloudScheduler-*` headers it sends.
 * @see https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#HttpTarget
 */
export function scheduler(init: SchedulerInit = {}): GcpHttpRequest {
  return gcpRequest({
    method: 'POST',
    path: '/',
    headers: {
      ...frontEndHeaders({}),
      'user-agent': 'Google-Cloud-Scheduler',
      'x-cloudscheduler': 'true',
      'x-cloudscheduler-jobname': init.jobName ?? 'nightly',
      'x-cloudscheduler-scheduletime': init.scheduleTime ?? new Date().toISOString(),
      ...(init.body === undefined ? {} : { 'content-type': 'application/octet-stream' }),
    },
    body: init.body,
  });
}
