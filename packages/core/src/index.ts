export { compose } from './compose';
export type { Context } from './context';
export { HttpError, type HttpErrorOptions } from './errors/http-error';
export { OmniError } from './errors/omni-error';
export { TimeoutError } from './errors/timeout-error';
export { UnsupportedEventError } from './errors/unsupported-event-error';
export { ValidationError, type ValidationIssue } from './errors/validation-error';
export type { EventBase, EventKind, Provider, Trigger } from './event/base';
export type { HeaderRecord, HttpEvent, QueryRecord } from './event/http';
export type { MessageEvent } from './event/message';
export { type EventOfKind, isKind, type OmniEvent } from './event/omni-event';
export type { ScheduleEvent } from './event/schedule';
export type { StorageAction, StorageObjectEvent } from './event/storage';
export {
  defineHandler,
  type Handler,
  type HandlerConfig,
  type HttpValidate,
  isHandler,
  type MessageValidate,
  type ValidatedEvent,
  type ValidateOf,
} from './handler';
export {
  createLogger,
  type LineSink,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  type LogSink,
  stdoutSink,
} from './logger';
export { defineMiddleware, type KindMiddleware, type Middleware, type Next } from './middleware';
export type { HttpResult, ResultOfKind } from './result';
export type { StandardSchemaV1 } from './standard-schema';
