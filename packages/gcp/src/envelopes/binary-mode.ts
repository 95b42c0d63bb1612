import { parseBody } from '@omnifn/core/adapter';
import { type CloudEvent, checkCloudEvent } from './cloud-event';

/**
 * Binary content mode: attributes in `ce-*` headers, the body is the data and `Content-Type`
 * is `datacontenttype` (the framework leaves that one out).
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/http-protocol-binding.md#31-binary-content-mode
 */
export function isBinaryMode(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) if (name.startsWith('ce-')) return true;
  return false;
}

export function fromBinaryMode(headers: Readonly<Record<string, string>>, bytes: Uint8Array): CloudEvent {
  const event: Record<string, unknown> = {};
  for (const name in headers) {
    if (name.startsWith('ce-') && name.length > 3) event[name.slice(3)] = headers[name];
  }
  const contentType = headers['content-type'];
  // Content-Type is datacontenttype in binary mode; a stray ce-datacontenttype header is kept.
  if (contentType !== undefined) event.datacontenttype ??= contentType;
  const checked = checkCloudEvent(event, 'binary');
  const data = parseBody(bytes, contentType);
  return data === undefined ? checked : { ...checked, data };
}
