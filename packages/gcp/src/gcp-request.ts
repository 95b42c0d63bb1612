import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of the functions-framework's request that omnifn reads: Node's `IncomingMessage`
 * plus what the framework's middleware adds. Copied in (not Express's types) so that no
 * `@types/express` leaks into omnifn's public declarations; the framework's `Request` is one.
 * @see https://github.com/GoogleCloudPlatform/functions-framework-nodejs/blob/main/src/functions.ts
 */
export interface GcpRequest extends IncomingMessage {
  /** The bytes as received, kept by the framework's body parsers (absent without a content type). */
  readonly rawBody?: Buffer | undefined;
  /** What the framework's body parsers made of the body; omnifn reads `rawBody` instead. */
  readonly body?: unknown;
  /** The path and query as received (Express keeps `url` relative to a mount point). */
  readonly originalUrl?: string | undefined;
  /** `function-execution-id`, or the id the framework generated. */
  readonly executionId?: string | undefined;
}

/** The framework's response: Node's `ServerResponse` is all omnifn writes to. */
export type GcpResponse = ServerResponse;

/** What a handler gets as `ctx.native` on GCP. */
export interface GcpNative {
  readonly request: GcpRequest;
  readonly response: GcpResponse;
}
