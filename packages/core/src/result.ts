import type { EventKind } from './event/base';

/** What an http handler returns. Status defaults to 200 (204 without a body). */
export interface HttpResult {
  readonly status?: number | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Each entry is one Set-Cookie value; never joined with commas. */
  readonly cookies?: readonly string[] | undefined;
  /** Object or array → JSON; string → text; `Uint8Array` → binary. */
  readonly body?: unknown;
}

/** The result type of a kind: non-HTTP handlers return nothing, and throwing means "not done". */
export type ResultOfKind<K extends EventKind> = K extends 'http' ? HttpResult : void;
