import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import type { Emulation } from './dev-server';

/** `omnifn dev` arguments, checked. */
export interface DevArgs {
  readonly entry: string;
  readonly port: number;
  readonly host: string;
  readonly emulate: Emulation | undefined;
  readonly timeoutMs: number | undefined;
  readonly help: boolean;
}

const EMULATIONS: readonly string[] = ['aws'] satisfies readonly Emulation[];

/** Parses `omnifn dev` arguments; `env.PORT` is the default port. Throws `CliError` on any mistake. */
export function parseDevArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DevArgs {
  const { values, positionals } = parse(argv);
  if (values.help)
    return { entry: '', port: 0, host: '', emulate: undefined, timeoutMs: undefined, help: true };
  if (positionals.length === 0) throw new CliError('missing <entry>, the module that exports your handlers');
  if (positionals.length > 1)
    throw new CliError(`one <entry> only, got ${positionals.length}: ${positionals.join(' ')}`);
  const emulate = values.emulate;
  // An empty PORT (`PORT= omnifn dev …`) means unset, as it does for most servers.
  const envPort = env.PORT === '' ? undefined : env.PORT;
  if (emulate !== undefined && !EMULATIONS.includes(emulate)) {
    throw new CliError(`--emulate ${emulate} is not supported (supported: ${EMULATIONS.join(', ')})`);
  }
  return {
    entry: positionals[0] as string,
    port: toPort(
      values.port ?? envPort ?? '3000',
      values.port === undefined && envPort !== undefined ? 'PORT' : '--port',
    ),
    host: values.host ?? '127.0.0.1',
    emulate: emulate as Emulation | undefined,
    timeoutMs: values.timeout === undefined ? undefined : toTimeoutMs(values.timeout),
    help: false,
  };
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        emulate: { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's messages add advice about `--` that does not apply here; keep the first sentence.
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError((message.split('. ')[0] ?? message).replace(/^Unknown option/, 'unknown option'));
  }
}

function toPort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new CliError(`${source} must be a port number from 0 to 65535, got '${text}'`);
  return port;
}

function toTimeoutMs(text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError(`--timeout must be a number of seconds above 0, got '${text}'`);
  }
  return Math.round(seconds * 1000);
}
