export type { CloudEvent, CloudEventForm } from './envelopes/cloud-event';
export type { GcpNative, GcpRequest, GcpResponse } from './gcp-request';
export { gcpSink } from './gcp-sink';
export { registerGcp } from './register-gcp';
export type { MessagePublishedData, PubsubMessage } from './sources/pubsub';
export type { StorageObjectData } from './sources/storage';
export { type GcpHttpFunction, type GcpOptions, toGcp } from './to-gcp';
