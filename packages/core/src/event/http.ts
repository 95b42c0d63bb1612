import type { EventBase } from './base';

/** Query values: `string[]` when a key repeats. Null-prototype record. */
export type QueryRecord = Readonly<Record<string, string | string[]>>;
/** Lower-case header names; repeated values joined with `, `. Null-prototype record. */
export type HeaderRecord = Readonly<Record<string, string>>;

/** An HTTP request, whichever cloud received it. */
export interface HttpEvent<
  TBody = unknown,
  TQuery = QueryRecord,
  TParams = Readonly<Record<string, string>>,
  THeaders = HeaderRecord,
> extends EventBase<'http'> {
  /** Upper case. */
  readonly method: string;
  /** Decoded, without the query; `%2F` stays encoded so it never becomes a separator. */
  readonly path: string;
  readonly url: string;
  readonly headers: THeaders;
  readonly query: TQuery;
  readonly params: TParams;
  readonly cookies: Readonly<Record<string, string>>;
  /** Parsed by content type: JSON → value, form → record, text → string, else bytes. */
  readonly body: TBody;
  /** The bytes received, base64 already decoded. */
  readonly rawBody: Uint8Array;
  readonly ip: string | undefined;
}
