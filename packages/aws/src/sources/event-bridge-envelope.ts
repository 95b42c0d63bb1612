import { isObject } from '../is-object';

/**
 * The envelope of every EventBridge event (kebab-case keys), copied in.
 * @see https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
export interface EventBridgeEvent<TDetail = unknown> {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: TDetail;
  /** Present only when the event is replayed from an archive. */
  readonly 'replay-name'?: string;
}

export function isEventBridgeEvent(raw: unknown): raw is EventBridgeEvent {
  return (
    isObject(raw) &&
    typeof raw.id === 'string' &&
    typeof raw['detail-type'] === 'string' &&
    typeof raw.source === 'string' &&
    typeof raw.time === 'string' &&
    'detail' in raw
  );
}

/** A schedule's invocation: an EventBridge rule (`aws.events`) or EventBridge Scheduler (`aws.scheduler`). */
export function isScheduledEnvelope(raw: EventBridgeEvent): boolean {
  return (
    raw['detail-type'] === 'Scheduled Event' &&
    (raw.source === 'aws.events' || raw.source === 'aws.scheduler')
  );
}

/** The part after the last `/` of the first resource ARN (rule or schedule name). */
export function resourceName(raw: EventBridgeEvent): string | undefined {
  const arn = Array.isArray(raw.resources) ? raw.resources[0] : undefined;
  return typeof arn === 'string' ? arn.slice(arn.lastIndexOf('/') + 1) : undefined;
}
