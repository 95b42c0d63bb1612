import { cloudEvent } from './cloud-event';
import type { GcpHttpRequest } from './gcp-request';

export interface StorageInit {
  readonly bucket?: string;
  readonly name?: string;
  /** Default `finalized`. */
  readonly action?: 'finalized' | 'deleted' | 'archived' | 'metadataUpdated';
  /** int64 fields go as strings, as real payloads send them. */
  readonly generation?: string | number;
  readonly size?: string | number;
  readonly contentType?: string;
  readonly id?: string;
  readonly mode?: 'binary' | 'structured';
}

/**
 * A Cloud Storage object event as Eventarc delivers it (`google.cloud.storage.object.v1.*`).
 * @example events.gcp.storage({ bucket: 'uploads', name: 'a/b.txt', size: 12 })
 */
export function storage(init: StorageInit = {}): GcpHttpRequest {
  const bucket = init.bucket ?? 'my-bucket';
  const name = init.name ?? 'folder/file.txt';
  const generation = String(init.generation ?? Date.now() * 1000);
  return cloudEvent({
    type: `google.cloud.storage.object.v1.${init.action ?? 'finalized'}`,
    source: `//storage.googleapis.com/projects/_/buckets/${bucket}`,
    subject: `objects/${name}`,
    id: init.id,
    data: {
      kind: 'storage#object',
      id: `${bucket}/${name}/${generation}`,
      bucket,
      name,
      generation,
      metageneration: '1',
      size: String(init.size ?? 0),
      contentType: init.contentType ?? 'text/plain',
      etag: 'CNHZkbuF/ugCEAE=',
      timeCreated: new Date().toISOString(),
      updated: new Date().toISOString(),
    },
    mode: init.mode ?? 'binary',
  });
}
