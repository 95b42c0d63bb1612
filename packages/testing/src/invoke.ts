import { type AwsOptions, type AwsResultOf, toAws } from '@omnifn/aws';
import type { AzureResultOf } from '@omnifn/azure';
import type { EventKind, Handler } from '@omnifn/core';
import { type GcpOptions, toGcp } from '@omnifn/gcp';
import { type LambdaContextInit, lambdaContext } from './aws/lambda-context';
import type { AzureInvocation } from './azure/azure-invocation';
import { type AzureInvokeOptions, invokeAzure } from './azure/invoke-azure';
import { cloudOf } from './cloud-tag';
import type { GcpHttpRequest } from './gcp/gcp-request';
import { type GcpResult, sendToGcp } from './gcp/serve-gcp';

export interface InvokeOptions {
  /** The Lambda context (request id, remaining time) for AWS events. */
  readonly aws?: LambdaContextInit & AwsOptions;
  /** `toGcp`'s options for GCP requests (timeout, sink…). */
  readonly gcp?: GcpOptions;
  /** `toAzure`'s options for Azure invocations (timeout, sink, the context's log handler…). */
  readonly azure?: AzureInvokeOptions;
}

/**
 * Runs a handler with a native event of any cloud, through that cloud's real adapter,
 * and returns the native answer (for AWS: what the Lambda function returns).
 * @example const res = await invoke(add, events.aws.httpApiV2({ method: 'POST', body: { num1: 2, num2: 3 } }));
 */
export function invoke<K extends EventKind, V>(
  handler: Handler<K, V>,
  event: AzureInvocation,
  options?: InvokeOptions,
): Promise<AzureResultOf<K>>;
export function invoke<K extends EventKind, V>(
  handler: Handler<K, V>,
  event: GcpHttpRequest,
  options?: InvokeOptions,
): Promise<GcpResult>;
export function invoke<K extends EventKind, V>(
  handler: Handler<K, V>,
  event: object,
  options?: InvokeOptions,
): Promise<AwsResultOf<K>>;
export async function invoke<K extends EventKind, V>(
  handler: Handler<K, V>,
  event: object,
  options: InvokeOptions = {},
): Promise<AwsResultOf<K> | GcpResult | AzureResultOf<K>> {
  const cloud = cloudOf(event) ?? 'aws';
  // GCP: the request goes through `toGcp` inside the real functions-framework server.
  if (cloud === 'gcp') return sendToGcp(toGcp(handler, options.gcp), event as GcpHttpRequest);
  // Azure: through `toAzure` with the library's real HttpRequest and InvocationContext.
  if (cloud === 'azure') return invokeAzure(handler, event as AzureInvocation, options.azure);
  return toAws(handler, options.aws)(event, lambdaContext(options.aws));
}
