import { events, serveGcp } from '@omnifn/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { echo, quiet, recorder } from './test-support';
import { toGcp } from './to-gcp';

/**
 * RELIABILITY 59 for GCP: random requests through the real framework server never crash the
 * adapter, never answer a 5xx for input (only the handler may fail), always answer a
 * well-formed response, and never pollute Object.prototype.
 */
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const value = fc.stringMatching(/^[ -~]{0,40}$/);
const json = fc.jsonValue({ maxDepth: 3 });

describe('fuzz (fast-check) through the real functions-framework', () => {
  it('59: random HTTP requests: 2xx or 4xx, never 5xx; JSON answers parse', async () => {
    const server = await serveGcp(toGcp(echo, quiet));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          fc.array(fc.tuple(token, value), { maxLength: 6 }),
          fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 5 }),
          fc.oneof(
            json.map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
            fc.string().map((s) => ({ type: 'text/plain', body: s })),
            fc.uint8Array({ maxLength: 64 }).map((b) => ({ type: 'application/octet-stream', body: b })),
            fc.string().map((s) => ({ type: 'application/x-www-form-urlencoded', body: s })),
          ),
          async (method, headers, query, { type, body }) => {
            const request = events.gcp.http({
              method,
              path: '/p',
              query: Object.fromEntries(query),
              headers: { ...Object.fromEntries(headers), 'content-type': type },
            });
            const sendsBody = method !== 'GET';
            const res = await server.send(
              events.gcp.request({ ...request, body: sendsBody ? body : undefined }),
            );
            expect(res.status >= 200 && res.status < 500, `${res.status} ${res.body}`).toBe(true);
            if (res.headers['content-type']?.includes('json')) JSON.parse(res.body);
            expect(({} as Record<string, unknown>).x).toBeUndefined();
          },
        ),
        { numRuns: 1000 },
      );
    } finally {
      await server.close();
    }
  }, 60_000);

  it('59: random JSON bodies to a message handler: 204 or 400, never 5xx, never a polluted prototype', async () => {
    const { handler } = recorder('message');
    const server = await serveGcp(toGcp(handler, quiet));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            json,
            fc.record({ message: fc.record({ data: fc.base64String(), messageId: fc.string() }) }),
            fc.record({
              specversion: fc.constant('1.0'),
              id: fc.string(),
              source: fc.string(),
              type: fc.string(),
              data: json,
            }),
            fc.record({
              context: fc.record({ eventId: fc.string(), eventType: fc.string(), resource: fc.string() }),
              data: json,
            }),
          ),
          async (body) => {
            const request = events.gcp.pubsubPush();
            const res = await server.send(events.gcp.request({ ...request, body: JSON.stringify(body) }));
            expect([204, 400], `${res.status} ${res.body}`).toContain(res.status);
            expect(({} as Record<string, unknown>).x).toBeUndefined();
          },
        ),
        { numRuns: 1000 },
      );
    } finally {
      await server.close();
    }
  }, 60_000);
});
