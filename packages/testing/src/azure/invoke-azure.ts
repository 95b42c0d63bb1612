import type * as Azure from '@azure/functions';
import { type AzureOptions, type AzureResultOf, toAzure } from '@omnifn/azure';
import type { EventKind, Handler } from '@omnifn/core';
import type { AzureInvocation } from './azure-invocation';

/** Options for Azure invocations: the adapter's options, and where the context's own logs go. */
export interface AzureInvokeOptions extends AzureOptions {
  /** Receives every `context.log`/`info`/… call; default: dropped. */
  readonly logHandler?: (level: string, ...args: unknown[]) => void;
}

/**
 * Runs an Azure invocation through `toAzure` with the library's real `HttpRequest` and
 * `InvocationContext`: resolves the `HttpResponseInit` for http, `undefined` when a non-http
 * handler finished, and rejects when it did not (the host would retry or dead-letter).
 */
export async function invokeAzure<K extends EventKind, V>(
  handler: Handler<K, V>,
  invocation: AzureInvocation,
  options: AzureInvokeOptions = {},
): Promise<AzureResultOf<K>> {
  const loaded = (await import('@azure/functions')) as typeof Azure & { default?: typeof Azure };
  const lib = loaded.default ?? loaded;
  const context = new lib.InvocationContext({
    invocationId: invocation.invocationId,
    functionName: invocation.functionName,
    logHandler: options.logHandler ?? (() => {}),
    ...(invocation.traceParent ? { traceContext: { traceParent: invocation.traceParent } } : {}),
    ...(invocation.triggerMetadata ? { triggerMetadata: { ...invocation.triggerMetadata } } : {}),
    options: { trigger: { ...invocation.trigger } },
  });
  const input =
    invocation.trigger.type.toLowerCase() === 'httptrigger'
      ? new lib.HttpRequest(invocation.input as Azure.HttpRequestInit)
      : invocation.input;
  return toAzure(handler, options)(input, context);
}
