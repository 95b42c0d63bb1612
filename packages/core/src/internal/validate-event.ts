import type { ValidationIssue } from '../errors/validation-error';
import type { OmniEvent } from '../event/omni-event';
import type { StandardSchemaV1 } from '../standard-schema';
import { clientError, validationError } from './client-error';
import { isFormType, isJsonType } from './content-type';

type Schemas = Readonly<Record<string, StandardSchemaV1 | undefined>>;

/**
 * Validates the event fields named in `schemas` and returns a copy of the event with
 * each field replaced by the schema's output. Issues are re-rooted at the field (`body.num1`).
 * Synchronous when every schema is (zod, valibot): a promise only where a schema returns one.
 * @internal
 */
export function validateEvent<E extends OmniEvent>(event: E, schemas: Schemas): E | Promise<E> {
  if (event.kind === 'http' && schemas.body !== undefined && event.rawBody.length > 0) {
    const type = event.headers['content-type'];
    // A route that validates its body takes JSON (or a form); anything else is the caller's mistake.
    if (!isJsonType(type) && !isFormType(type)) {
      throw clientError(415, `Unsupported content type: ${type ?? '(none)'}; expected application/json`);
    }
  }
  const results: [string, StandardSchemaV1.Result<unknown>][] = [];
  let pending = false;
  for (const field in schemas) {
    const schema = schemas[field];
    if (schema === undefined) continue;
    const result = schema['~standard'].validate((event as unknown as Record<string, unknown>)[field]);
    if (result instanceof Promise) pending = true;
    results.push([field, result as StandardSchemaV1.Result<unknown>]);
  }
  if (!pending) return apply(event, results);
  return Promise.all(results.map(async ([field, result]) => [field, await result] as const)).then((settled) =>
    apply(event, settled),
  );
}

function apply<E extends OmniEvent>(
  event: E,
  results: readonly (readonly [string, StandardSchemaV1.Result<unknown>])[],
): E {
  let out: Record<string, unknown> | undefined;
  let issues: ValidationIssue[] | undefined;
  for (const [field, result] of results) {
    if (result.issues) {
      issues ??= [];
      for (const issue of result.issues)
        issues.push({ path: joinPath(field, issue.path), message: issue.message });
    } else {
      out ??= { ...event };
      out[field] = result.value;
    }
  }
  if (issues) throw validationError(issues);
  return out ? (out as E) : event;
}

function joinPath(root: string, path: StandardSchemaV1.Issue['path']): string {
  let text = root;
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' ? segment.key : segment;
    text += `.${String(key)}`;
  }
  return text;
}
