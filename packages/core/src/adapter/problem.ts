import { HttpError } from '../errors/http-error';
import { ValidationError } from '../errors/validation-error';
import { isSafeHeader } from './headers';
import type { HttpResponse } from './http-response';
import { statusText } from './status-text';

/**
 * The RFC 9457 problem+json response for an error. Only an `HttpError` with `expose` shows
 * its message; anything else is a 500 that says "Internal Server Error" and the request id.
 */
export function problemResponse(error: unknown, requestId: string, instance?: string): HttpResponse {
  const known = HttpError.isInstance(error) ? error : undefined;
  const status = known?.status ?? 500;
  const problem: Record<string, unknown> = {
    type: known?.type ?? 'about:blank',
    title: statusText(status),
    status,
  };
  if (known?.expose) {
    problem.detail = known.message;
    if (instance !== undefined) problem.instance = instance;
  }
  problem.requestId = requestId;
  if (known?.expose && ValidationError.isInstance(known)) problem.errors = known.issues;
  const headers: Record<string, string> = Object.create(null);
  // Headers are not secrets, unlike the message: a 503 keeps its Retry-After.
  if (known?.headers) {
    for (const name in known.headers) {
      const value = known.headers[name] as string;
      if (isSafeHeader(name, value)) headers[name.toLowerCase()] = value;
    }
  }
  headers['content-type'] = 'application/problem+json';
  return { status, headers, cookies: [], body: JSON.stringify(problem) };
}
