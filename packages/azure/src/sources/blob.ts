import type { StorageObjectEvent } from '@omnifn/core';
import type { AzureSource } from '../azure-source';
import { dateOf, isObject, numberOf, stringOf } from '../is-object';

/**
 * `context.triggerMetadata` of a blob trigger, as the Node v4 library camelCases it from the
 * host's PascalCase (`BlobTrigger` → `blobTrigger`, `Properties.ETag` → `properties.eTag`).
 * @see https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-blob-trigger#metadata
 */
export interface BlobTriggerMetadata {
  /** `container/path/to/blob`. */
  readonly blobTrigger: string;
  readonly uri?: string;
  readonly name?: string;
  readonly properties?: {
    readonly length?: number;
    readonly contentType?: string | null;
    /** With its literal quotes: `"0x8DA8657981E929A"`. */
    readonly eTag?: string | null;
    readonly lastModified?: string | null;
    readonly created?: string | null;
  };
  readonly metadata?: Readonly<Record<string, string>>;
}

export function isBlobTriggerMetadata(value: unknown): value is BlobTriggerMetadata {
  return isObject(value) && typeof value.blobTrigger === 'string' && value.blobTrigger.includes('/');
}

/** `"0x8D…"` → `0x8D…`: the blob trigger quotes ETags, Event Grid does not. */
export function unquote(etag: string | undefined): string | undefined {
  return etag !== undefined && etag.length > 1 && etag.startsWith('"') && etag.endsWith('"')
    ? etag.slice(1, -1)
    : etag;
}

/**
 * `app.storageBlob`: the payload is the blob's content (a Buffer) and the blob itself is
 * described by the trigger metadata. The event's id is `container/path@etag`, the same on
 * every retry of the same blob version (the host gives no event id of its own).
 */
export const blob: AzureSource = {
  type: 'blobTrigger',
  name: 'azure:blob',
  kinds: ['storage'],
  toEvents(input, { context }) {
    const metadata = context.triggerMetadata;
    if (!isBlobTriggerMetadata(metadata)) {
      throw new Error('omnifn: blob trigger metadata has no "blobTrigger" path (container/blob)');
    }
    const slash = metadata.blobTrigger.indexOf('/');
    const bucket = metadata.blobTrigger.slice(0, slash);
    const key = metadata.blobTrigger.slice(slash + 1);
    const properties = isObject(metadata.properties) ? metadata.properties : {};
    const etag = unquote(stringOf(properties.eTag));
    const payload = input instanceof Uint8Array ? input : undefined;
    const event: StorageObjectEvent = {
      kind: 'storage',
      id: etag === undefined ? context.invocationId : `${metadata.blobTrigger}@${etag}`,
      time: dateOf(properties.lastModified) ?? new Date(),
      provider: 'azure',
      trigger: 'azure:blob',
      raw: input,
      action: 'created',
      bucket,
      key,
      size: numberOf(properties.length) ?? payload?.length,
      etag,
      contentType: stringOf(properties.contentType),
    };
    return [event];
  },
};
