import type { HttpResponse } from '@omnifn/core/adapter';

const EMPTY: Record<string, string> = Object.freeze(Object.create(null));

/**
 * The answer once a non-http handler finished: 204, which Pub/Sub push and Eventarc read as
 * "acknowledged". Only ever sent after the handler's promise settled successfully.
 * @see https://cloud.google.com/pubsub/docs/push#receive_push
 */
export function acknowledged(): HttpResponse {
  return { status: 204, headers: EMPTY, cookies: [], body: undefined };
}
