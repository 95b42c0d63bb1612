import { frontEndHeaders, type GcpHttpRequest, gcpRequest } from './gcp-request';

/** A CloudEvent's attributes and data, for `events.gcp.cloudEvent`. */
export interface CloudEventInit {
  readonly type: string;
  readonly source: string;
  readonly id?: string;
  readonly subject?: string;
  readonly time?: string;
  readonly data?: unknown;
  /** Default `application/json` when `data` is not bytes. */
  readonly datacontenttype?: string;
  /** Extension attributes. */
  readonly extensions?: Readonly<Record<string, string>>;
  /** Eventarc delivers binary mode (the default); structured puts the whole event in the body. */
  readonly mode?: 'binary' | 'structured';
}

/**
 * A CloudEvent POSTed as Eventarc does: binary mode (`ce-*` headers, the data as the body) by
 * default, or structured mode (`application/cloudevents+json`).
 * @example events.gcp.cloudEvent({ type: 'google.cloud.firestore.document.v1.written', source: '//firestore.googleapis.com/projects/p/databases/(default)', data: {} })
 */
export function cloudEvent(init: CloudEventInit): GcpHttpRequest {
  const id = init.id ?? crypto.randomUUID();
  const time = init.time ?? new Date().toISOString();
  const bytes = init.data instanceof Uint8Array ? init.data : undefined;
  const contentType = init.datacontenttype ?? (bytes ? 'application/octet-stream' : 'application/json');
  const front = frontEndHeaders({});
  if (init.mode === 'structured') {
    const event: Record<string, unknown> = {
      specversion: '1.0',
      id,
      source: init.source,
      type: init.type,
      time,
      datacontenttype: contentType,
      ...(init.subject === undefined ? {} : { subject: init.subject }),
      ...init.extensions,
    };
    if (bytes) event.data_base64 = Buffer.from(bytes).toString('base64');
    else if (init.data !== undefined) event.data = init.data;
    return gcpRequest({
      method: 'POST',
      path: '/',
      headers: { ...front, 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(event),
    });
  }
  const headers: Record<string, string> = {
    ...front,
    'content-type': contentType,
    'ce-specversion': '1.0',
    'ce-id': id,
    'ce-source': init.source,
    'ce-type': init.type,
    'ce-time': time,
  };
  if (init.subject !== undefined) headers['ce-subject'] = init.subject;
  for (const [name, value] of Object.entries(init.extensions ?? {}))
    headers[`ce-${name.toLowerCase()}`] = value;
  const body =
    bytes ??
    (init.data === undefined
      ? undefined
      : typeof init.data === 'string' && !contentType.includes('json')
        ? init.data
        : JSON.stringify(init.data));
  return gcpRequest({ method: 'POST', path: '/', headers, body });
}
