/**
 * API Gateway HTTP API (payload format 2.0) events, shaped like the ones API Gateway sends:
 * lower-case headers, `cookies` outside the headers, `requestContext.http`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function httpApiV2Event({ method = 'POST', path = '/add', body, headers = {} } = {}) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {
      accept: 'application/json',
      'content-length': String(text === undefined ? 0 : Buffer.byteLength(text)),
      'content-type': 'application/json',
      host: 'abcdef1234.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'curl/8.5.0',
      'x-amzn-trace-id': 'Root=1-67891233-abcdef012345678912345678',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      ...headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abcdef1234',
      domainName: 'abcdef1234.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abcdef1234',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'curl/8.5.0' },
      requestId: 'JKJaXmPLvHcESHA=',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '23/Nov/2026:19:00:00 +0000',
      timeEpoch: 1795460400000,
    },
    ...(text === undefined ? {} : { body: text }),
    isBase64Encoded: false,
  };
}

/** The three cases every variant is timed on: the expected status and the event that causes it. */
export const cases = {
  valid: { status: 200, event: httpApiV2Event({ body: { num1: 2, num2: 3 } }) },
  invalid: { status: 400, event: httpApiV2Event({ body: { num1: 2, num2: 'three' } }) },
  throws: { status: 500, event: httpApiV2Event({ body: { num1: 2, num2: 3 } }) },
};
