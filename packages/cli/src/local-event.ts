import { type EventKind, HttpError, type OmniEvent, type StorageAction } from '@omnifn/core';

type Fields = Readonly<Record<string, unknown>>;
type NonHttpKind = Exclude<EventKind, 'http'>;

const ACTIONS: readonly StorageAction[] = ['created', 'deleted', 'archived', 'metadataUpdated'];

/**
 * A message, storage or schedule event from the fields a developer POSTs, with
 * `provider: 'local'` and `trigger: 'local:<kind>'`. Missing fields get the values a cloud
 * would most often send; a field of the wrong type is a 400 naming it.
 * @example toLocalEvent('message', 'orders', { body: { id: 1 } }, requestId) // messageId = requestId, attempt 1
 */
export function toLocalEvent(kind: NonHttpKind, name: string, input: unknown, requestId: string): OmniEvent {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new HttpError(400, `POST a JSON object with the ${kind} event's fields`);
  }
  const fields = input as Fields;
  const base = {
    id: text(fields, 'id') ?? requestId,
    time: date(fields, 'time') ?? new Date(),
    provider: 'local' as const,
    trigger: `local:${kind}` as const,
    raw: input,
  };
  if (kind === 'message') {
    return {
      ...base,
      kind,
      messageId: text(fields, 'messageId') ?? base.id,
      body: fields.body,
      attributes: attributes(fields),
      attempt: number(fields, 'attempt') ?? 1,
      publishedAt: date(fields, 'publishedAt') ?? base.time,
      channel: text(fields, 'channel') ?? name,
      groupId: text(fields, 'groupId'),
    };
  }
  if (kind === 'storage') {
    const action = text(fields, 'action') ?? 'created';
    if (!ACTIONS.includes(action as StorageAction)) throw invalid('action', `one of ${ACTIONS.join(', ')}`);
    return {
      ...base,
      kind,
      action: action as StorageAction,
      bucket: text(fields, 'bucket') ?? 'local',
      key: required(text(fields, 'key'), 'key'),
      size: number(fields, 'size'),
      etag: text(fields, 'etag'),
      contentType: text(fields, 'contentType'),
      version: text(fields, 'version'),
    };
  }
  return {
    ...base,
    kind,
    scheduledTime: date(fields, 'scheduledTime') ?? base.time,
    name: text(fields, 'name') ?? name,
    isPastDue: typeof fields.isPastDue === 'boolean' ? fields.isPastDue : undefined,
  };
}

function text(fields: Fields, key: string): string | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(key, 'a string');
  return value;
}

function number(fields: Fields, key: string): number | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(key, 'a number');
  return value;
}

/** Dates arrive as ISO strings or epoch milliseconds; JSON has no date type. */
function date(fields: Fields, key: string): Date | undefined {
  const value = fields[key];
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime()))
    throw invalid(key, 'an ISO date or epoch milliseconds');
  return parsed;
}

function attributes(fields: Fields): Record<string, string> {
  const value = fields.attributes ?? {};
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw invalid('attributes', 'an object of strings');
  }
  return { ...(value as Record<string, string>) };
}

function required(value: string | undefined, key: string): string {
  if (value === undefined) throw invalid(key, 'a string (required)');
  return value;
}

function invalid(key: string, expected: string): HttpError {
  return new HttpError(400, `Event field '${key}' must be ${expected}`);
}
