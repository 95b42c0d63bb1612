import { parseBody } from '@omnifn/core/adapter';
import type { GcpRequest } from '../gcp-request';
import { isObject } from '../is-object';
import { fromBinaryMode, isBinaryMode } from './binary-mode';
import type { CloudEvent, CloudEventForm } from './cloud-event';
import { fromLegacyEvent, isLegacyEvent } from './legacy-event';
import { fromPubsubPush, isPubsubPush } from './pubsub-push';
import { fromStructuredMode, isStructuredMode } from './structured-mode';

/** A request as the event sources of a non-http handler see it. */
export interface GcpInput {
  readonly request: GcpRequest;
  /** Lower-case, built with `createHeaders`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The CloudEvent the request carries in any of its forms, if it carries one. */
  readonly cloudEvent: CloudEvent | undefined;
  readonly form: CloudEventForm | undefined;
}

/**
 * Reads the CloudEvent of a request, whichever form it came in: binary (`ce-*` headers),
 * structured (`specversion` in the body), legacy background event, or raw Pub/Sub push.
 * A malformed one is a 400 (`HttpError`); a request that is none of them has no CloudEvent
 * (a Cloud Scheduler HTTP target sends its own body).
 */
export function readInput(
  request: GcpRequest,
  headers: Readonly<Record<string, string>>,
  bytes: Uint8Array,
): GcpInput {
  const input = readForm(request, headers, bytes);
  const traceparent = headers.traceparent;
  // As the framework does: the request's `traceparent` becomes the event's extension.
  if (
    input.cloudEvent === undefined ||
    traceparent === undefined ||
    input.cloudEvent.traceparent !== undefined
  ) {
    return input;
  }
  return { ...input, cloudEvent: { ...input.cloudEvent, traceparent } };
}

function readForm(
  request: GcpRequest,
  headers: Readonly<Record<string, string>>,
  bytes: Uint8Array,
): GcpInput {
  if (isBinaryMode(headers)) {
    return { request, headers, cloudEvent: fromBinaryMode(headers, bytes), form: 'binary' };
  }
  const body = parseBody(bytes, headers['content-type']);
  if (!isObject(body)) return { request, headers, cloudEvent: undefined, form: undefined };
  if (isStructuredMode(body)) {
    return { request, headers, cloudEvent: fromStructuredMode(body), form: 'structured' };
  }
  if (isLegacyEvent(body)) return { request, headers, cloudEvent: fromLegacyEvent(body), form: 'legacy' };
  if (isPubsubPush(body)) {
    const cloudEvent = fromPubsubPush(body, request.originalUrl ?? request.url);
    return { request, headers, cloudEvent, form: 'pubsub-push' };
  }
  return { request, headers, cloudEvent: undefined, form: undefined };
}

/** The short name after the last `/` of a resource name (`projects/p/topics/t` → `t`). */
export function shortName(resource: string | undefined): string | undefined {
  if (resource === undefined) return undefined;
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  return name === '' ? undefined : name;
}
