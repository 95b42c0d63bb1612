/** The four kinds of event a portable handler can take. */
export type EventKind = 'http' | 'storage' | 'message' | 'schedule';

/** Where the event came from; `local` is `omnifn dev` and tests. */
export type Provider = 'aws' | 'gcp' | 'azure' | 'local';

/** The native source that delivered an event, such as `aws:apigw-v2` or `gcp:pubsub`. */
export type Trigger = `${Provider}:${string}`;

/** Fields every event has, whatever its kind. */
export interface EventBase<TKind extends EventKind> {
  readonly kind: TKind;
  /** The provider's own id: request id, message id, CloudEvent id. */
  readonly id: string;
  readonly time: Date;
  readonly provider: Provider;
  readonly trigger: Trigger;
  /** The untouched native input; never mutated. */
  readonly raw: unknown;
}
