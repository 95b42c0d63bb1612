import { HttpError } from '@omnifn/core';
import { isObject } from '../is-object';

/**
 * A CloudEvent (spec v1.0) as the adapter reads it from any of the inbound forms.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md
 */
export interface CloudEvent {
  readonly specversion: string;
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject?: string | undefined;
  readonly time?: string | undefined;
  readonly datacontenttype?: string | undefined;
  readonly dataschema?: string | undefined;
  readonly data?: unknown;
  /** Extension attributes (`traceparent`, a structured event's `bucket`…). */
  readonly [extension: string]: unknown;
}

/** How the CloudEvent reached the function. */
export type CloudEventForm = 'binary' | 'structured' | 'legacy' | 'pubsub-push';

const REQUIRED = ['specversion', 'id', 'source', 'type'] as const;

/** Context attributes the spec defines; every other attribute is an extension. */
export const CONTEXT_ATTRIBUTES = new Set([
  ...REQUIRED,
  'subject',
  'time',
  'datacontenttype',
  'dataschema',
  'data',
  'data_base64',
]);

/**
 * Checks the required attributes. The framework copies `ce-*` headers and structured bodies
 * through unchecked (a body without `ce-id` reaches the function as-is), so omnifn does: 400
 * naming what is missing, and the handler does not run.
 */
export function checkCloudEvent(candidate: Record<string, unknown>, form: CloudEventForm): CloudEvent {
  const missing = REQUIRED.filter((name) => typeof candidate[name] !== 'string' || candidate[name] === '');
  if (missing.length > 0) {
    throw new HttpError(400, `CloudEvent (${form} mode) lacks required attribute(s): ${missing.join(', ')}`);
  }
  if (candidate.time !== undefined && Number.isNaN(Date.parse(String(candidate.time)))) {
    throw new HttpError(400, 'CloudEvent time is not a timestamp');
  }
  return candidate as CloudEvent;
}

/** The event's `time`, else now (the attribute is optional). */
export function timeOf(event: CloudEvent): Date {
  return event.time === undefined ? new Date() : new Date(event.time);
}

/** Extension attributes as strings (`attributes` of a generic CloudEvent message). */
export function extensionsOf(event: CloudEvent): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const key in event) {
    if (CONTEXT_ATTRIBUTES.has(key)) continue;
    const value = event[key];
    if (value !== undefined && value !== null)
      out[key] = isObject(value) ? JSON.stringify(value) : String(value);
  }
  return out;
}
