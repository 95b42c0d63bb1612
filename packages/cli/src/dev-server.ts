import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handler } from '@omnifn/core';
import { DEFAULT_BODY_LIMIT, type HttpResponse } from '@omnifn/core/adapter';
import { createAwsMode } from './aws-mode';
import { CliError } from './cli-error';
import { type Mode, type ModeOptions, splitUrl } from './dev-request';
import { createLocalMode } from './local-mode';
import { readBody } from './read-body';
import { matchRoute, type RouteInfo, routeInfo } from './routes';
import { writeResponse } from './write-response';

/** Which cloud `omnifn dev --emulate` imitates. */
export type Emulation = 'aws';

/**
 * Any handler made by `defineHandler`, whatever its kind and schemas. (`Handler` with its
 * default parameters does not accept a `Handler<'http', …>`: `use` is contravariant in the kind.)
 */
export type AnyHandler = Pick<Handler, '~omnifn' | 'name' | 'kind'>;

export interface DevServerOptions {
  readonly handlers: readonly AnyHandler[];
  /** Default 3000; 0 picks a free port. */
  readonly port?: number | undefined;
  /** Default `127.0.0.1`: a dev server is not for the network. */
  readonly host?: string | undefined;
  /** Answer as this cloud would, through its adapter; default: run the handlers locally. */
  readonly emulate?: Emulation | undefined;
  /** How long a handler may run; default 60 s locally, 30 s (API Gateway's limit) for `aws`. */
  readonly timeoutMs?: number | undefined;
  /** Largest request body in bytes; default 6 MB (Lambda's payload limit). */
  readonly bodyLimit?: number | undefined;
  /** Where the server's own lines go (one per request); default stderr. */
  readonly log?: ((line: string) => void) | undefined;
}

export interface DevServer {
  /** `http://127.0.0.1:3000` */
  readonly url: string;
  readonly port: number;
  readonly routes: readonly RouteInfo[];
  /** Stops accepting connections and waits for requests in flight (at most 2 s). */
  close(): Promise<void>;
}

const GRACE_MS = 2000;

/**
 * Serves each http handler at `/<name>` (and below), `GET /` lists the routes.
 * @example const server = await startDevServer({ handlers: [add], port: 0 }); await fetch(`${server.url}/add`);
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const modeOptions: ModeOptions = {
    timeoutMs: options.timeoutMs ?? (options.emulate === 'aws' ? 30_000 : 60_000),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    log,
  };
  const mode = options.emulate === 'aws' ? createAwsMode(modeOptions) : createLocalMode(modeOptions);
  const handlers = options.handlers as readonly Handler[];
  const routes = routeInfo(handlers, options.emulate !== undefined);
  const server = createServer((req, res) => {
    const start = performance.now();
    res.on('close', () => log(accessLine(req, res, start)));
    serve(req, res, { handlers, routes, mode, bodyLimit: modeOptions.bodyLimit }).catch((error: unknown) => {
      log(
        `omnifn dev: ${req.method} ${req.url} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listen(server, options.port ?? 3000, host);
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    routes,
    close: () => closeServer(server),
  };
}

interface ServeContext {
  readonly handlers: readonly Handler[];
  readonly routes: readonly RouteInfo[];
  readonly mode: Mode;
  readonly bodyLimit: number;
}

async function serve(req: IncomingMessage, res: ServerResponse, context: ServeContext): Promise<void> {
  const { rawPath, rawQuery } = splitUrl(req.url);
  const requestId = randomUUID();
  if (rawPath === '/') return writeResponse(res, listing(req.method, context.routes));
  const route = matchRoute(context.handlers, rawPath);
  if (route === undefined) {
    const known = context.routes.map((r) => r.path).join(', ');
    return writeResponse(
      res,
      context.mode.reject(404, `No handler at ${rawPath}; routes: ${known}`, requestId, rawPath),
    );
  }
  const body = await readBody(req, context.bodyLimit);
  if (body === 'too-large') {
    const detail = `Request body is larger than ${context.bodyLimit} bytes`;
    // The rest of the body is never read, so the connection cannot carry another request.
    return writeResponse(res, context.mode.reject(413, detail, requestId, rawPath), true);
  }
  const response = await context.mode.respond({
    req,
    requestId,
    time: new Date(),
    rawPath,
    rawQuery,
    body,
    route,
  });
  writeResponse(res, response);
}

function listing(method: string | undefined, routes: readonly RouteInfo[]): HttpResponse {
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { allow: 'GET, HEAD' }, cookies: [], body: undefined };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: JSON.stringify({ routes }),
  };
}

function accessLine(req: IncomingMessage, res: ServerResponse, start: number): string {
  const ms = (performance.now() - start).toFixed(1);
  const status = res.writableFinished ? String(res.statusCode) : 'aborted';
  return `${req.method} ${req.url} ${status} ${ms} ms`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new CliError(`port ${port} is already in use (try --port)`));
      else if (error.code === 'EACCES')
        reject(new CliError(`no permission to listen on port ${port} (try --port)`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new CliError(`cannot listen on host ${host} (try --host 127.0.0.1)`));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), GRACE_MS).unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
