import type { EventBase } from './base';

/** What happened to the object, the same on every cloud. */
export type StorageAction = 'created' | 'deleted' | 'archived' | 'metadataUpdated';

/** A change to one object in a bucket or container. */
export interface StorageObjectEvent extends EventBase<'storage'> {
  readonly action: StorageAction;
  /** Bucket or container name. */
  readonly bucket: string;
  /** Object name, URL-decoded. */
  readonly key: string;
  readonly size?: number | undefined;
  readonly etag?: string | undefined;
  readonly contentType?: string | undefined;
  /** S3 versionId, GCS generation. */
  readonly version?: string | undefined;
}
