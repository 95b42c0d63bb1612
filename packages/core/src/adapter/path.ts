import { clientError } from '../internal/client-error';

/**
 * Decodes a raw request path once. `%2F` stays encoded so it never becomes a separator,
 * dot segments are resolved (so `..` can never climb out of a route), and a malformed
 * escape such as `%ZZ` is 400. `/api/%61dmin` → `/api/admin`; `/api/%2561dmin` → `/api/%61dmin`.
 */
export function decodePath(raw: string): string {
  let path = raw.startsWith('/') ? raw : `/${raw}`;
  if (path.includes('%')) {
    try {
      path = path
        .split(/%2F/i)
        .map((part) => decodeURIComponent(part))
        .join('%2F');
    } catch {
      throw clientError(400, 'Malformed request path');
    }
  }
  return path.includes('/.') ? removeDotSegments(path) : path;
}

/** RFC 3986 §5.2.4, on an absolute path. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment === '..') out.pop();
    else if (segment !== '.') out.push(segment);
    // A trailing `.` or `..` still names a directory.
    if ((segment === '.' || segment === '..') && i === segments.length - 1) out.push('');
  }
  return `/${out.join('/')}`;
}
