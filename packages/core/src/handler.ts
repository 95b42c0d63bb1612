import type { Context } from './context';
import type { EventKind } from './event/base';
import type { HeaderRecord, HttpEvent, QueryRecord } from './event/http';
import type { MessageEvent } from './event/message';
import type { EventOfKind } from './event/omni-event';
import type { Middleware } from './middleware';
import type { ResultOfKind } from './result';
import type { StandardSchemaV1 } from './standard-schema';

/** Schemas for the parts of an HTTP request; any Standard Schema (zod, valibot, arktype). */
export interface HttpValidate {
  readonly body?: StandardSchemaV1;
  readonly query?: StandardSchemaV1;
  readonly params?: StandardSchemaV1;
  readonly headers?: StandardSchemaV1;
}

/** Schemas for a message's body and attributes. */
export interface MessageValidate {
  readonly body?: StandardSchemaV1;
  readonly attributes?: StandardSchemaV1;
}

/** What `validate` may hold for a kind. */
export type ValidateOf<K extends EventKind> = K extends 'http'
  ? HttpValidate
  : K extends 'message'
    ? MessageValidate
    : Record<never, never>;

type Out<S, Fallback> = S extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<S> : Fallback;
type Field<V, F extends string> = V extends { readonly [P in F]?: infer S } ? S : undefined;

/** The event a handler receives once `validate` has passed. */
export type ValidatedEvent<K extends EventKind, V> = K extends 'http'
  ? HttpEvent<
      Out<Field<V, 'body'>, unknown>,
      Out<Field<V, 'query'>, QueryRecord>,
      Out<Field<V, 'params'>, Readonly<Record<string, string>>>,
      Out<Field<V, 'headers'>, HeaderRecord>
    >
  : K extends 'message'
    ? MessageEvent<
        Out<Field<V, 'body'>, unknown>,
        Out<Field<V, 'attributes'>, Readonly<Record<string, string>>>
      >
    : EventOfKind<K>;

/** What `defineHandler` takes. */
export interface HandlerConfig<K extends EventKind, V> {
  /** Names the function: the route in `omnifn dev`, the registration on GCP and Azure. */
  readonly name: string;
  readonly kind: K;
  /** Fields the kind does not have (a `query` schema on a message handler) are refused. */
  readonly validate?: V & { readonly [F in Exclude<keyof V, keyof ValidateOf<K>>]: never };
  /** Extra middleware, run after validation and before `handle`. */
  readonly use?: readonly Middleware<ValidatedEvent<K, V>>[];
  handle(event: ValidatedEvent<K, V>, ctx: Context): ResultOfKind<K> | Promise<ResultOfKind<K>>;
}

/** A portable handler: plain data, no cloud code. */
export interface Handler<K extends EventKind = EventKind, V = unknown> extends HandlerConfig<K, V> {
  readonly '~omnifn': 'handler';
}

/**
 * Defines a portable handler. Types flow from `validate` into `handle`.
 * @example
 * export const add = defineHandler({
 *   name: 'add', kind: 'http',
 *   validate: { body: z.object({ num1: z.number(), num2: z.number() }) },
 *   handle: (event) => ({ body: { result: event.body.num1 + event.body.num2 } }),
 * });
 */
export function defineHandler<
  const K extends EventKind,
  const V extends ValidateOf<K> | Record<never, never> = Record<never, never>,
>(config: HandlerConfig<K, V>): Handler<K, V> {
  return { ...config, '~omnifn': 'handler' };
}

/** Whether a value is a handler made by `defineHandler` (used by the CLI to find exports). */
export function isHandler(value: unknown): value is Handler {
  return (
    typeof value === 'object' && value !== null && (value as { '~omnifn'?: unknown })['~omnifn'] === 'handler'
  );
}
