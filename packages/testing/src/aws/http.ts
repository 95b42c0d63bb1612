import type { AlbEvent, ApiGatewayV1Event, ApiGatewayV2Event } from '@omnifn/aws';
import { tagCloud } from '../cloud-tag';
import { type HttpRequestInit, type NormalizedRequest, normalizeRequest } from '../http-request-init';

const ACCOUNT = '123456789012';

/** Groups repeated names, in order. */
function group(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    const list = out[name] ?? [];
    list.push(value);
    out[name] = list;
  }
  return out;
}

function last(map: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v[v.length - 1] as string]));
}

function decoded(pairs: ReadonlyArray<readonly [string, string]>): [string, string][] {
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
  return pairs.map(([k, v]) => [decode(k), decode(v)]);
}

function v2(req: NormalizedRequest, domainName: string, routeKey: string): ApiGatewayV2Event {
  const headers: Record<string, string> = {};
  // HTTP API joins repeated headers with commas and moves cookies to `cookies`.
  for (const [name, value] of Object.entries(group(req.headers))) headers[name] = value.join(',');
  headers.host ??= domainName;
  const query = group(decoded(req.query));
  const now = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath: req.path,
    rawQueryString: req.rawQuery,
    ...(req.cookies.length > 0 ? { cookies: [...req.cookies] } : {}),
    headers,
    ...(req.query.length > 0
      ? { queryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.join(',')])) }
      : {}),
    requestContext: {
      accountId: ACCOUNT,
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: {
        method: req.method,
        path: req.path,
        protocol: 'HTTP/1.1',
        sourceIp: req.ip,
        userAgent: headers['user-agent'] ?? 'omnifn-testing',
      },
      requestId: req.requestId,
      routeKey,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(req.body === undefined ? {} : { body: req.body }),
    isBase64Encoded: req.isBase64Encoded,
  } as ApiGatewayV2Event;
}

/**
 * An API Gateway HTTP API (payload 2.0) event.
 * @example events.aws.httpApiV2({ method: 'POST', path: '/add', body: { num1: 2, num2: 3 } })
 */
export function httpApiV2(init: HttpRequestInit = {}): ApiGatewayV2Event {
  const req = normalizeRequest(init);
  const event = v2(req, 'r3pmxmplak.execute-api.us-east-1.amazonaws.com', `${req.method} ${req.path}`);
  return tagCloud(
    init.pathParameters ? { ...event, pathParameters: { ...init.pathParameters } } : event,
    'aws',
  );
}

/** A Lambda Function URL event (the 2.0 payload on a `lambda-url` domain). */
export function functionUrl(init: HttpRequestInit = {}): ApiGatewayV2Event {
  return tagCloud(
    v2(normalizeRequest(init), 'abcdefghij0123456789klmnop.lambda-url.us-east-1.on.aws', '$default'),
    'aws',
  );
}

function v1(req: NormalizedRequest, init: HttpRequestInit, version?: '1.0'): ApiGatewayV1Event {
  const headerPairs =
    req.cookies.length > 0 ? [...req.headers, ['cookie', req.cookies.join('; ')] as const] : req.headers;
  const multiHeaders = group(headerPairs);
  const multiQuery = group(decoded(req.query));
  const now = Date.now();
  return {
    ...(version ? { version } : {}),
    resource: '/{proxy+}',
    path: req.path,
    httpMethod: req.method,
    headers: headerPairs.length > 0 ? last(multiHeaders) : null,
    multiValueHeaders: headerPairs.length > 0 ? multiHeaders : null,
    // REST APIs keep the first value in the single map and decode every value.
    queryStringParameters:
      req.query.length > 0
        ? Object.fromEntries(Object.entries(multiQuery).map(([k, v]) => [k, v[0] as string]))
        : null,
    multiValueQueryStringParameters: req.query.length > 0 ? multiQuery : null,
    pathParameters: init.pathParameters ? { ...init.pathParameters } : { proxy: req.path.slice(1) },
    stageVariables: null,
    body: req.body ?? null,
    isBase64Encoded: req.isBase64Encoded,
    requestContext: {
      accountId: ACCOUNT,
      apiId: 'wt6mne2s9k',
      domainName: 'wt6mne2s9k.execute-api.us-east-1.amazonaws.com',
      httpMethod: req.method,
      identity: { sourceIp: req.ip },
      path: `/prod${req.path}`,
      protocol: 'HTTP/1.1',
      requestId: req.requestId,
      requestTimeEpoch: now,
      resourcePath: '/{proxy+}',
      stage: version ? '$default' : 'prod',
    },
  } as ApiGatewayV1Event;
}

/** An API Gateway REST API proxy event. */
export function restApi(init: HttpRequestInit = {}): ApiGatewayV1Event {
  return tagCloud(v1(normalizeRequest(init), init), 'aws');
}

/** An API Gateway HTTP API payload 1.0 event (the REST shape with `version: '1.0'`). */
export function httpApiV1(init: HttpRequestInit = {}): ApiGatewayV1Event {
  return tagCloud(v1(normalizeRequest(init), init, '1.0'), 'aws');
}

export interface AlbInit extends HttpRequestInit {
  /** The target group's multi-value headers attribute. */
  readonly multiValueHeaders?: boolean;
}

/** An Application Load Balancer target group event; query values stay percent-encoded. */
export function alb(init: AlbInit = {}): AlbEvent {
  const req = normalizeRequest(init);
  const headerPairs = [
    ...req.headers,
    ...(req.cookies.length > 0 ? [['cookie', req.cookies.join('; ')] as const] : []),
    ['x-forwarded-for', req.ip] as const,
    [
      'x-amzn-trace-id',
      `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${req.requestId.replace(/-/g, '').slice(0, 24)}`,
    ] as const,
  ];
  const elb = {
    targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/omnifn/0123456789abcdef`,
  };
  const base = {
    httpMethod: req.method,
    path: req.path,
    body: req.body ?? '',
    isBase64Encoded: req.isBase64Encoded,
    requestContext: { elb },
  };
  const event: AlbEvent = init.multiValueHeaders
    ? { ...base, multiValueHeaders: group(headerPairs), multiValueQueryStringParameters: group(req.query) }
    : { ...base, headers: last(group(headerPairs)), queryStringParameters: last(group(req.query)) };
  return tagCloud(event, 'aws');
}
