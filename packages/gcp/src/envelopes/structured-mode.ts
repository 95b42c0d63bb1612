import { HttpError } from '@omnifn/core';
import { decodeBase64 } from '@omnifn/core/adapter';
import { type CloudEvent, checkCloudEvent } from './cloud-event';

/**
 * Structured content mode: the whole event is the JSON body. The framework accepts it with
 * `application/cloudevents+json` and with plain `application/json` alike, so the marker is
 * `specversion` in the body. `data_base64` carries binary data.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md
 */
export function isStructuredMode(body: Record<string, unknown>): boolean {
  return 'specversion' in body;
}

export function fromStructuredMode(body: Record<string, unknown>): CloudEvent {
  const event = checkCloudEvent(body, 'structured');
  const base64 = body.data_base64;
  if (base64 === undefined) return event;
  if (typeof base64 !== 'string') throw new HttpError(400, 'CloudEvent data_base64 is not a string');
  const { data_base64: _, ...rest } = event;
  return { ...rest, data: decodeBase64(base64, 'CloudEvent data_base64') } as CloudEvent;
}
