import type { LambdaContext } from '@omnifn/aws';

export interface LambdaContextInit {
  readonly awsRequestId?: string;
  readonly functionName?: string;
  /** Milliseconds Lambda would still allow; default 30 s. */
  readonly remainingMs?: number;
}

/**
 * A Lambda context like the runtime's, with a real countdown.
 * @example await handler(event, lambdaContext({ remainingMs: 1000 }));
 */
export function lambdaContext(init: LambdaContextInit = {}): LambdaContext {
  const functionName = init.functionName ?? 'omnifn-test';
  const deadline = Date.now() + (init.remainingMs ?? 30_000);
  return {
    awsRequestId: init.awsRequestId ?? crypto.randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
