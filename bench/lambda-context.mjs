/**
 * A fake Lambda context with the fields the Node.js runtime passes to a handler.
 * `getRemainingTimeInMillis` answers a large number so that no deadline fires in a benchmark.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 */
export function lambdaContext(overrides = {}) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'add',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:add',
    memoryLimitInMB: '1024',
    awsRequestId: '8f5e3c1a-2b4d-4e6f-9a0b-1c2d3e4f5a6b',
    logGroupName: '/aws/lambda/add',
    logStreamName: '2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef',
    getRemainingTimeInMillis: () => 900_000,
    done() {},
    fail() {},
    succeed() {},
    ...overrides,
  };
}
