export type { AzureSource, AzureSourceOptions } from './azure-source';
export { type AzureRegistration, registerAzure } from './register-azure';
export type { BlobTriggerMetadata } from './sources/blob';
export type { CloudEventSchemaEvent, EventGridSchemaEvent } from './sources/event-grid';
export type { AzureHttpRequest } from './sources/http';
export type { QueueTriggerMetadata } from './sources/queue';
export type { ServiceBusTriggerMetadata } from './sources/service-bus';
export {
  type AzureHandler,
  type AzureOptions,
  type AzureResultOf,
  DEFAULT_TIMEOUT_MS,
  toAzure,
} from './to-azure';
