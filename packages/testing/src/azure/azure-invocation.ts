/**
 * One Azure Functions invocation as plain data: what the worker hands a v4 handler, before
 * the library's classes are built from it. `invoke` turns it into the real `HttpRequest` and
 * `InvocationContext` and calls `toAzure`.
 */
export interface AzureInvocation {
  /** `context.options.trigger`: the registered binding (`type`, `name`, queue name, cardinality…). */
  readonly trigger: Readonly<{ type: string; name: string } & Record<string, unknown>>;
  /**
   * The trigger input: for `httpTrigger`, the `HttpRequestInit` (`method`, `url`, `headers`,
   * `body: { string } | { bytes }`, `params`); otherwise the value the library passes (a Buffer
   * for blobs, parsed JSON or a string for messages, the camelCased timer object).
   */
  readonly input: unknown;
  /** `context.triggerMetadata`, camelCased as the library gives it (none for http and timer). */
  readonly triggerMetadata?: Readonly<Record<string, unknown>>;
  readonly invocationId: string;
  readonly functionName: string;
  readonly traceParent?: string;
}
