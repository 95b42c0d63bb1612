import { createRequire } from 'node:module';
import type { EventKind, Handler } from '@omnifn/core';
import { type GcpHttpFunction, type GcpOptions, toGcp } from './to-gcp';

/** The framework's `http()` registration, the only part of it omnifn calls at runtime. */
type HttpRegistration = (name: string, fn: GcpHttpFunction) => void;

/**
 * Registers the handler with the functions-framework's `http()` under `handler.name`, so
 * that `functions-framework --target=<name>` serves it. The framework is loaded here, when
 * this is called, so that a bundle using `toGcp` alone never pulls it in.
 * @example registerGcp(add); // then: npx functions-framework --target=add
 */
export function registerGcp<K extends EventKind, V>(
  handler: Handler<K, V>,
  options: GcpOptions = {},
): GcpHttpFunction {
  const fn = toGcp(handler, options);
  const framework = createRequire(import.meta.url)('@google-cloud/functions-framework') as {
    http: HttpRegistration;
  };
  framework.http(handler.name, fn);
  return fn;
}
