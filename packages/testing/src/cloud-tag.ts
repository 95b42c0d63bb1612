/** Which cloud a built event belongs to; non-enumerable, so the event stays plain JSON. */
export type Cloud = 'aws' | 'gcp' | 'azure';

const TAG = Symbol.for('omnifn.testing.cloud');

/** @internal */
export function tagCloud<T extends object>(event: T, cloud: Cloud): T {
  Object.defineProperty(event, TAG, { value: cloud, enumerable: false });
  return event;
}

/** The cloud a builder tagged the event with, if any. */
export function cloudOf(event: unknown): Cloud | undefined {
  return typeof event === 'object' && event !== null ? (event as { [TAG]?: Cloud })[TAG] : undefined;
}
