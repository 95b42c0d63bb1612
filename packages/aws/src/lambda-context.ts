/**
 * The fields omnifn reads from the Lambda context object, copied in so that no
 * `@types/aws-lambda` leaks into public types.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 */
export interface LambdaContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly functionVersion?: string;
  readonly invokedFunctionArn?: string;
  readonly memoryLimitInMB?: string;
  readonly logGroupName?: string;
  readonly logStreamName?: string;
  getRemainingTimeInMillis(): number;
}

/** Lambda's longest timeout, used when a caller passes no context (tests, scripts). */
const MAX_TIMEOUT_MS = 15 * 60 * 1000;

/** Epoch ms at which Lambda stops this invocation. */
export function deadlineOf(context: LambdaContext | undefined): number {
  const remaining = context?.getRemainingTimeInMillis?.();
  return Date.now() + (typeof remaining === 'number' && remaining > 0 ? remaining : MAX_TIMEOUT_MS);
}

/**
 * The X-Ray trace id of this invocation. Lambda sets `_X_AMZN_TRACE_ID` per invocation,
 * so it is read at call time, never at module load.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
 */
export function xrayTraceId(): string | undefined {
  const header = process.env._X_AMZN_TRACE_ID;
  return header === undefined ? undefined : /Root=([^;]+)/.exec(header)?.[1];
}
