import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http as registerHttp } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { GcpHttpFunction } from '@omnifn/gcp';
import type { GcpHttpRequest } from './gcp-request';

/** What the functions-framework server answered. */
export interface GcpResult {
  readonly status: number;
  /** Lower-case names; repeated values joined with `, ` (Set-Cookie is in `cookies`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Each `Set-Cookie` line as received. */
  readonly cookies: readonly string[];
  /** The body as UTF-8 text. */
  readonly body: string;
  readonly rawBody: Uint8Array;
}

/** A real functions-framework server on 127.0.0.1 running one function. */
export interface GcpServer {
  readonly url: string;
  send(request: GcpHttpRequest): Promise<GcpResult>;
  close(): Promise<void>;
}

let registered = 0;

/**
 * Registers `fn` with the real functions-framework (`http()`) and serves it with the
 * framework's own server (`getTestServer`: its body parsers, execution id and routing) on an
 * ephemeral port of 127.0.0.1. Close it when done.
 * @example const server = await serveGcp(toGcp(add)); await server.send(events.gcp.http({ ... }));
 */
export async function serveGcp(fn: GcpHttpFunction): Promise<GcpServer> {
  registered += 1;
  const name = `omnifnServe${registered}`;
  registerHttp(name, fn);
  const server: Server = getTestServer(name);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    send: (request) => send(port, request),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends one request with Node's client, so that repeated header lines stay repeated. */
function send(port: number, request: GcpHttpRequest): Promise<GcpResult> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers))
      headers[name] = typeof value === 'string' ? value : [...value];
    const body = request.body;
    if (body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(body));
    const req = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: request.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (name !== 'set-cookie' && value !== undefined)
              out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const raw = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: out,
            cookies: res.headers['set-cookie'] ?? [],
            body: raw.toString('utf8'),
            rawBody: new Uint8Array(raw),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : typeof body === 'string' ? body : Buffer.from(body));
  });
}

/** Runs one request through `fn` inside the real framework, on a server started and stopped for it. */
export async function sendToGcp(fn: GcpHttpFunction, request: GcpHttpRequest): Promise<GcpResult> {
  const server = await serveGcp(fn);
  try {
    return await server.send(request);
  } finally {
    await server.close();
  }
}
