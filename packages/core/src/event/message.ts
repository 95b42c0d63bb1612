import type { EventBase } from './base';

/** One message of a queue, topic or stream; batches are fanned out by the adapter. */
export interface MessageEvent<TBody = unknown, TAttributes = Readonly<Record<string, string>>>
  extends EventBase<'message'> {
  readonly messageId: string;
  /** JSON-parsed when the whole text is JSON, else the text. */
  readonly body: TBody;
  readonly attributes: TAttributes;
  /** 1-based delivery count, when the cloud says. */
  readonly attempt?: number | undefined;
  readonly publishedAt?: Date | undefined;
  /** Queue, topic or subscription name. */
  readonly channel?: string | undefined;
  /** FIFO group, ordering key or session id. */
  readonly groupId?: string | undefined;
}
