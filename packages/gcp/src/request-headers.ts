import { createHeaders } from '@omnifn/core/adapter';
import type { GcpRequest } from './gcp-request';

/**
 * The request's headers from Node's raw list: `req.headers` drops repeats of some headers
 * (two differing `Authorization` values would pass unseen) and joins `Cookie` with `; `.
 * `createHeaders` refuses conflicting singletons (400) and oversized headers (431).
 */
export function requestHeaders(request: GcpRequest): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const raw = request.rawHeaders;
  const multi: Record<string, string[]> = Object.create(null);
  const cookies: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const key = name.toLowerCase();
    if (key === 'cookie') cookies.push(value);
    const list = multi[key];
    if (list === undefined) multi[key] = [value];
    else list.push(value);
  }
  return { headers: createHeaders(undefined, multi), cookies };
}
