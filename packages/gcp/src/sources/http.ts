import type { HttpEvent } from '@omnifn/core';
import { createHttpEvent, type HttpResponse, parseQuery, type Source } from '@omnifn/core/adapter';
import type { GcpRequest } from '../gcp-request';

/** A request as the http source sees it: the framework's request, its headers and raw bytes. */
export interface HttpInput {
  readonly request: GcpRequest;
  /** Lower-case, built with `createHeaders` from the raw header list. */
  readonly headers: Readonly<Record<string, string>>;
  /** Every `Cookie` header value as sent (HTTP/2 clients send one per cookie). */
  readonly cookies: readonly string[];
  /** `req.rawBody` (the framework's body parsers keep it), or the body omnifn read itself. */
  readonly bytes: Uint8Array;
}

/** The first `X-Forwarded-For` address (Cloud Run's front end appends the client's), else the peer. */
function clientIp(input: HttpInput): string | undefined {
  const forwarded = input.headers['x-forwarded-for'];
  if (forwarded !== undefined) {
    const first = forwarded.split(',')[0]?.trim();
    if (first) return first;
  }
  return input.request.socket?.remoteAddress;
}

function toEvent(
  input: HttpInput,
  options: { requestId: string; bodyLimit?: number | undefined },
): HttpEvent {
  const { request, headers } = input;
  // `originalUrl` is the path and query as received; Express rewrites `url` under a mount point.
  const target = request.originalUrl ?? request.url ?? '/';
  const mark = target.indexOf('?');
  const rawPath = mark === -1 ? target : target.slice(0, mark);
  const rawQuery = mark === -1 ? '' : target.slice(mark + 1);
  const proto = headers['x-forwarded-proto']?.split(',')[0]?.trim() ?? 'http';
  return createHttpEvent(
    {
      provider: 'gcp',
      trigger: 'gcp:http',
      id: options.requestId,
      time: new Date(),
      raw: request,
      method: request.method ?? 'GET',
      rawPath,
      rawQuery,
      query: parseQuery(rawQuery),
      headers,
      cookies: input.cookies.length > 0 ? input.cookies : undefined,
      body: input.bytes,
      ip: clientIp(input),
      origin: `${proto}://${headers.host ?? 'localhost'}`,
    },
    { bodyLimit: options.bodyLimit },
  );
}

export const http: Source<HttpInput, HttpEvent, HttpResponse> = {
  name: 'gcp:http',
  kind: 'http',
  matches: (raw): raw is HttpInput => typeof raw === 'object' && raw !== null && 'bytes' in raw,
  toEvent,
  toResult: (response) => response,
};
