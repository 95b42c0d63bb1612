import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CliIo, main } from './cli';
import { calculatorEntry, repoRoot } from './test-support';

const bin = fileURLToPath(new URL('../bin/omnifn.js', import.meta.url));
const addPath = join(repoRoot, calculatorEntry);

/** Runs `main` in-process and returns its exit code and everything it wrote. */
async function runCli(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    stopped: () => Promise.resolve(),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

function occupyPort(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('omnifn (in-process)', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'omnifn-cli-'));
    await writeFile(join(dir, 'no-handlers.ts'), 'export const answer: number = 42;\n');
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, out: '0.1.0\n', err: '' });
  });

  it('--help and dev --help print usage', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    expect(main.out).toContain('omnifn dev <entry>');
    const dev = await runCli(['dev', '--help']);
    expect(dev.code).toBe(0);
    expect(dev.out).toContain('--emulate aws');
  });

  it.each([
    [['dev'], 'omnifn dev: missing <entry>, the module that exports your handlers\n'],
    [['dev', 'a.ts', 'b.ts'], 'omnifn dev: one <entry> only, got 2: a.ts b.ts\n'],
    [
      ['dev', 'a.ts', '--port', 'abc'],
      "omnifn dev: --port must be a port number from 0 to 65535, got 'abc'\n",
    ],
    [
      ['dev', 'a.ts', '--port', '70000'],
      "omnifn dev: --port must be a port number from 0 to 65535, got '70000'\n",
    ],
    [['dev', 'a.ts', '--emulate', 'gcp'], 'omnifn dev: --emulate gcp is not supported (supported: aws)\n'],
    [
      ['dev', 'a.ts', '--timeout', '0'],
      "omnifn dev: --timeout must be a number of seconds above 0, got '0'\n",
    ],
    [['dev', 'a.ts', '--nope'], "omnifn dev: unknown option '--nope'\n"],
    [['deploy'], "omnifn: unknown command 'deploy' (try omnifn --help)\n"],
    [['build'], "omnifn: 'build' is not available yet (try omnifn --help)\n"],
  ])('bad arguments %j: one line, exit 1', async (argv, line) => {
    expect(await runCli(argv)).toEqual({ code: 1, out: '', err: line });
  });

  it('PORT is the default port; --port wins over it', async () => {
    const busy = await occupyPort();
    try {
      const port = String(portOf(busy));
      vi.stubEnv('PORT', port);
      expect((await runCli(['dev', addPath])).err).toBe(
        `omnifn dev: port ${port} is already in use (try --port)\n`,
      );
      vi.stubEnv('PORT', 'abc');
      expect((await runCli(['dev', addPath])).err).toBe(
        "omnifn dev: PORT must be a port number from 0 to 65535, got 'abc'\n",
      );
      expect((await runCli(['dev', addPath, '--port', port])).err).toMatch(/port \d+ is already in use/);
    } finally {
      vi.unstubAllEnvs();
      busy.close();
    }
  });

  it('a missing file: one line, exit 1', async () => {
    expect(await runCli(['dev', 'nope/missing.ts'])).toEqual({
      code: 1,
      out: '',
      err: 'omnifn dev: cannot find nope/missing.ts\n',
    });
  });

  it('a module that does not compile: one line naming the error, exit 1', async () => {
    const entry = join(dir, 'syntax.ts');
    await writeFile(entry, 'export const x = ;\n');
    const { code, err } = await runCli(['dev', entry]);
    expect(code).toBe(1);
    expect(err).toBe(`omnifn dev: cannot load ${entry}: ${entry}:1:17: ERROR: Unexpected ";"\n`);
  });

  it('a module without handlers: one line, exit 1', async () => {
    const entry = join(dir, 'no-handlers.ts');
    expect(await runCli(['dev', entry])).toEqual({
      code: 1,
      out: '',
      err: `omnifn dev: ${entry} exports no omnifn handlers (export one made with defineHandler)\n`,
    });
  });

  it('a port in use: one line, exit 1', async () => {
    const busy = await occupyPort();
    try {
      const port = portOf(busy);
      expect(await runCli(['dev', addPath, '--port', String(port)])).toEqual({
        code: 1,
        out: '',
        err: `omnifn dev: port ${port} is already in use (try --port)\n`,
      });
    } finally {
      busy.close();
    }
  });
});

/** Spawns the real bin; resolves once it printed its URL. */
function startBin(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /omnifn dev: (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ child, url, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`omnifn exited with ${code}: ${stderr}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Runs the bin to completion. */
function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return exitOf(child).then((code) => ({ code, stdout, stderr }));
}

describe('bin/omnifn.js (built; `npm test` builds first)', () => {
  beforeAll(() => {
    if (!existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)))) {
      throw new Error('packages/cli/dist/cli.js is missing: run `npm run build` first');
    }
  });

  it.each([[[]], [['--emulate', 'aws']]])(
    'dev %j serves the calculator on a free port and stops cleanly on SIGTERM',
    async (extra) => {
      const { child, url, stderr } = await startBin(['dev', calculatorEntry, '--port', '0', ...extra]);
      const exited = exitOf(child);
      try {
        expect(stderr()).toMatch(/ANY +\/add +http handler 'add'/);
        const res = await fetch(`${url}/add`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"num1":2,"num2":3}',
        });
        expect(res.status).toBe(200);
        expect(await res.text()).toBe('{"result":5}');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(stderr()).toMatch(/^POST \/add 200 \d+\.\d ms$/m);
    },
    20_000,
  );

  it('a port in use: one line on stderr, no stack, exit 1', async () => {
    const busy = await occupyPort();
    try {
      const port = portOf(busy);
      const result = await runBin(['dev', calculatorEntry, '--port', String(port)]);
      expect(result).toEqual({
        code: 1,
        stdout: '',
        stderr: `omnifn dev: port ${port} is already in use (try --port)\n`,
      });
    } finally {
      busy.close();
    }
  }, 20_000);

  it('a missing file: one line on stderr, exit 1', async () => {
    const result = await runBin(['dev', 'nope.ts']);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'omnifn dev: cannot find nope.ts\n' });
  }, 20_000);
});
