import { tagCloud } from '../cloud-tag';

/**
 * An HTTP request as Google's front end delivers it to the functions-framework: what every
 * `events.gcp.*` builder returns and what `invoke` sends to the real framework server.
 * Header values given as arrays are sent as repeated header lines.
 */
export interface GcpHttpRequest {
  readonly method: string;
  /** Path and raw query, as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: string | Uint8Array | undefined;
}

/**
 * Any request, exactly as given (a hand-edited copy of another builder's, a captured one).
 * @example events.gcp.request({ ...events.gcp.pubsubPush(), body: '{"subscription":"s"}' })
 */
export function gcpRequest(request: GcpHttpRequest): GcpHttpRequest {
  return tagCloud({ ...request }, 'gcp');
}

/** The headers Cloud Run's front end adds to every request it forwards. @internal */
export function frontEndHeaders(init: { ip?: string | undefined; executionId?: string | undefined }) {
  const trace = crypto.randomUUID().replace(/-/g, '');
  return {
    host: 'add-abc123-uc.a.run.app',
    'x-forwarded-for': `${init.ip ?? '203.0.113.7'}, 169.254.1.1`,
    'x-forwarded-proto': 'https',
    'x-cloud-trace-context': `${trace}/${BigInt(`0x${trace.slice(0, 15)}`).toString()};o=1`,
    traceparent: `00-${trace}-${trace.slice(0, 16)}-01`,
    'function-execution-id': init.executionId ?? crypto.randomUUID().slice(0, 12),
  };
}
