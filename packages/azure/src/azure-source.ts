import type { InvocationContext } from '@azure/functions';
import type { EventKind, OmniEvent, Trigger } from '@omnifn/core';

/** What every trigger's `toEvents` gets besides the trigger input. */
export interface AzureSourceOptions {
  readonly context: InvocationContext;
  /** The handler's kind: an Event Grid event becomes storage or message according to it. */
  readonly kind: EventKind;
  /** Storage queue payloads the adapter decodes itself (see `AzureOptions.queueMessageEncoding`). */
  readonly queueMessageEncoding: 'host' | 'base64';
}

/**
 * One Azure Functions trigger type (`context.options.trigger.type`), in one file: the guard for
 * the input the Node v4 library hands the handler, and its mapping to core events. A non-http
 * trigger may carry several events (a Service Bus batch) or none (Event Grid's own validation).
 */
export interface AzureSource {
  /** The binding type the host registers, e.g. `queueTrigger`. */
  readonly type: string;
  readonly name: Trigger;
  /** Handler kinds this trigger can feed. */
  readonly kinds: readonly EventKind[];
  toEvents(input: unknown, options: AzureSourceOptions): readonly OmniEvent[];
}
