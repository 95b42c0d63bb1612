import type { Provider } from './event/base';
import type { Logger } from './logger';

/** What a handler gets besides its event. */
export interface Context {
  /** The invocation's id: Lambda `awsRequestId`, GCP execution id, Azure `invocationId`. */
  readonly requestId: string;
  readonly provider: Provider;
  /** The cloud's function name when known, else the handler's name. */
  readonly functionName: string;
  readonly log: Logger;
  /** Aborts a margin (500 ms by default) before the cloud's deadline. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds at which the cloud stops the invocation. */
  readonly deadline: number;
  remainingMs(): number;
  /** The cloud's own context object (Lambda context, Azure `InvocationContext`, …). */
  readonly native: unknown;
}
