import { createRequire } from 'node:module';
import type {
  EventGridFunctionOptions,
  HttpFunctionOptions,
  ServiceBusQueueFunctionOptions,
  ServiceBusTopicFunctionOptions,
  StorageBlobFunctionOptions,
  StorageQueueFunctionOptions,
  TimerFunctionOptions,
} from '@azure/functions';
import type { EventKind, Handler } from '@omnifn/core';
import { type AzureOptions, toAzure } from './to-azure';

type Without<T> = Omit<T, 'handler' | 'trigger'>;

/**
 * `trigger` names the `app.*` method; the rest are that call's own options (route, methods,
 * queue name, connection, schedule…), passed on unchanged.
 */
export type AzureRegistration =
  | ({ readonly trigger: 'http' } & Without<HttpFunctionOptions>)
  | ({ readonly trigger: 'storageBlob' } & Without<StorageBlobFunctionOptions>)
  | ({ readonly trigger: 'eventGrid' } & Without<EventGridFunctionOptions>)
  | ({ readonly trigger: 'storageQueue' } & Without<StorageQueueFunctionOptions>)
  | ({ readonly trigger: 'serviceBusQueue' } & Without<ServiceBusQueueFunctionOptions>)
  | ({ readonly trigger: 'serviceBusTopic' } & Without<ServiceBusTopicFunctionOptions>)
  | ({ readonly trigger: 'timer' } & Without<TimerFunctionOptions>);

type AppMethod = (name: string, options: Record<string, unknown>) => void;

/**
 * Registers the handler under `handler.name` with `app[options.trigger]`, the handler being
 * `toAzure(handler, adapterOptions)`. The only place that loads `@azure/functions` at runtime:
 * it is CommonJS and require()s the worker's `@azure/functions-core`, so it is loaded with
 * Node's own `require`, when this is called.
 * @example registerAzure(add, { trigger: 'http', methods: ['POST'], route: 'add', authLevel: 'anonymous' });
 */
export function registerAzure<K extends EventKind, V>(
  handler: Handler<K, V>,
  options: AzureRegistration,
  adapterOptions?: AzureOptions,
): void {
  const { trigger, ...rest } = options;
  const { app } = createRequire(import.meta.url)('@azure/functions') as {
    app: Record<string, AppMethod | undefined>;
  };
  const register = Object.hasOwn(app, trigger) ? app[trigger] : undefined;
  if (typeof register !== 'function')
    throw new TypeError(`omnifn: app.${String(trigger)} is not an Azure Functions trigger`);
  register(handler.name, { ...rest, handler: toAzure(handler, adapterOptions) });
}
