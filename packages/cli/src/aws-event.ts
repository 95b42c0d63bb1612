import { randomBytes, randomUUID } from 'node:crypto';
import type { LambdaContext } from '@omnifn/aws';
import { parseQuery } from '@omnifn/core/adapter';
import type { DevRequest } from './dev-request';

/**
 * The HTTP API payload 2.0 event, every field API Gateway sends.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export interface HttpApiEvent {
  readonly version: '2.0';
  readonly routeKey: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly cookies?: string[];
  readonly headers: Record<string, string>;
  readonly queryStringParameters?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly requestContext: {
    readonly accountId: string;
    readonly apiId: string;
    readonly domainName: string;
    readonly domainPrefix: string;
    readonly http: {
      readonly method: string;
      readonly path: string;
      readonly protocol: string;
      readonly sourceIp: string;
      readonly userAgent: string;
    };
    readonly requestId: string;
    readonly routeKey: string;
    readonly stage: '$default';
    readonly time: string;
    readonly timeEpoch: number;
  };
  readonly body?: string;
  readonly isBase64Encoded: boolean;
}

const ACCOUNT_ID = '123456789012';
const API_ID = 'omnifndev';
/** Hop-by-hop headers end at the gateway (RFC 9110 §7.6.1); the body is re-framed by length. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/** The event API Gateway would send for this request to the route `ANY /<name>` (`/{proxy+}` below it). */
export function toHttpApiEvent(request: DevRequest): HttpApiEvent {
  const { req, route, rawPath, rawQuery, body, time } = request;
  const routeKey = route.proxy === undefined ? `ANY ${route.base}` : `ANY ${route.base}/{proxy+}`;
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  const headers = gatewayHeaders(request, sourceIp);
  // API Gateway moves the Cookie header into `cookies`, one entry per cookie.
  const cookies = (req.headersDistinct.cookie ?? []).flatMap((line) => line.split(';')).map((c) => c.trim());
  const query = commaJoined(parseQuery(rawQuery));
  const host = headers.host ?? 'localhost';
  const textual = isTextual(headers['content-type']);
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: rawQuery,
    ...(cookies.some((c) => c !== '') ? { cookies: cookies.filter((c) => c !== '') } : undefined),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : undefined),
    ...(route.proxy === undefined ? undefined : { pathParameters: { proxy: route.proxy } }),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey,
      stage: '$default',
      time: clfTime(time),
      timeEpoch: time.getTime(),
    },
    ...(body.length === 0
      ? undefined
      : {
          body: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString(
            textual ? 'utf8' : 'base64',
          ),
        }),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

/** Lower-case names, repeats joined with commas, and the headers API Gateway adds itself. */
function gatewayHeaders(request: DevRequest, sourceIp: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.req.headersDistinct)) {
    if (values === undefined || name === 'cookie' || HOP_BY_HOP.has(name)) continue;
    headers[name] = values.join(',');
  }
  if (request.body.length > 0) headers['content-length'] = String(request.body.length);
  const forwarded = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwarded === undefined ? sourceIp : `${forwarded}, ${sourceIp}`;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.req.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(request.time.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return headers;
}

/** Lambda function URLs and HTTP APIs pass these bodies as text and anything else as base64. */
function isTextual(contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    mime.startsWith('text/') ||
    /^application\/([\w.-]+\+)?(json|xml)$/.test(mime) ||
    mime === 'application/javascript' ||
    mime === 'application/x-www-form-urlencoded'
  );
}

function commaJoined(query: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in query) {
    const value = query[key];
    out[key] = typeof value === 'string' ? value : (value ?? []).join(',');
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
function clfTime(time: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${pad(time.getUTCDate())}/${MONTHS[time.getUTCMonth()]}/${time.getUTCFullYear()}`;
  return `${day}:${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} +0000`;
}

/** A Lambda context for one invocation of `functionName` that must finish within `timeoutMs`. */
export function createLambdaContext(functionName: string, timeoutMs: number): LambdaContext {
  const deadline = Date.now() + timeoutMs;
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `omnifn-dev/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** An API Gateway request id: 16 characters like `JKJaXmPLvHcESHA=`. */
export function gatewayRequestId(): string {
  return randomBytes(11).toString('base64').slice(0, 15).concat('=');
}
