import { version } from '../package.json';
import { CliError } from './cli-error';
import { parseDevArgs } from './dev-args';
import { type DevServer, startDevServer } from './dev-server';
import { DEV_HELP, MAIN_HELP } from './help';
import { loadHandlers } from './load-handlers';
import type { RouteInfo } from './routes';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Resolves when the process is asked to stop (SIGINT / SIGTERM). */
  readonly stopped: () => Promise<void>;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stopped: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

const PLANNED = new Set(['invoke', 'build']);

/**
 * Runs the `omnifn` command line and resolves its exit code. Mistakes are one line on stderr
 * and exit code 1; `OMNIFN_DEBUG=1` adds the underlying error's stack.
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  let prefix = 'omnifn';
  try {
    if (command === '--help' || command === '-h' || command === 'help') return write(io.out, MAIN_HELP, 0);
    if (command === '--version' || command === '-v') return write(io.out, `${version}\n`, 0);
    if (command === undefined) return write(io.err, MAIN_HELP, 1);
    if (command === 'dev') {
      prefix = 'omnifn dev';
      return await dev(rest, io);
    }
    if (PLANNED.has(command)) throw new CliError(`'${command}' is not available yet (try omnifn --help)`);
    throw new CliError(`unknown command '${command}' (try omnifn --help)`);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`${prefix}: ${error.message}\n`);
    if (process.env.OMNIFN_DEBUG && error.cause instanceof Error) io.err(`${error.cause.stack}\n`);
    return 1;
  }
}

async function dev(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseDevArgs(argv);
  if (args.help) return write(io.out, DEV_HELP, 0);
  const handlers = await loadHandlers(args.entry);
  const server = await startDevServer({
    handlers,
    port: args.port,
    host: args.host,
    emulate: args.emulate,
    timeoutMs: args.timeoutMs,
    log: (line) => io.err(`${line}\n`),
  });
  io.err(banner(server, args.emulate));
  await io.stopped();
  io.err('omnifn dev: stopping\n');
  await server.close();
  return 0;
}

function banner(server: DevServer, emulate: string | undefined): string {
  const lines = [
    `omnifn dev: ${server.url}${emulate === 'aws' ? ' (as API Gateway HTTP API + Lambda)' : ''}`,
  ];
  const width = Math.max(...server.routes.map((route) => route.path.length));
  for (const route of server.routes) lines.push(`  ${routeLine(route, width, emulate)}`);
  lines.push(`  GET  ${'/'.padEnd(width)}  lists the routes`);
  return `${lines.join('\n')}\n`;
}

function routeLine(route: RouteInfo, width: number, emulate: string | undefined): string {
  const path = route.path.padEnd(width);
  if (route.kind === 'http') return `ANY  ${path}  http handler '${route.name}'`;
  if (route.served)
    return `POST ${path}  ${route.kind} handler '${route.name}': POST the event's fields as JSON`;
  return `ANY  ${path}  ${route.kind} handler '${route.name}', not served over HTTP with --emulate ${emulate}`;
}

function write(sink: (text: string) => void, text: string, code: number): number {
  sink(text);
  return code;
}
