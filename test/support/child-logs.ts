import type { ChildProcess } from 'node:child_process';

type Line = Record<string, unknown>;

/** What a spawned runtime wrote: its JSON log lines in order, its raw output, how it exited. */
export interface ChildLogs {
  readonly child: ChildProcess;
  /** JSON objects the process wrote to stdout, one a line, in order. */
  readonly logs: Line[];
  stdout: string;
  stderr: string;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Resolves with the first log line that matches, waiting for more output if needed. */
  waitForLog(predicate: (line: Line) => boolean): Promise<Line>;
}

/**
 * Watches a child's stdout for JSON log lines (plain-text lines, such as a banner, are kept in
 * `stdout` only). When the child exits, every waiter rejects with an error naming `name`, the
 * exit code and both outputs, and `onExit` gets that error too.
 */
export function watchChildLogs(
  child: ChildProcess,
  name: string,
  onExit?: (error: Error) => void,
): ChildLogs {
  const waiters: {
    predicate: (line: Line) => boolean;
    resolve(line: Line): void;
    reject(error: Error): void;
  }[] = [];
  let pendingLine = '';
  const watched: ChildLogs = {
    child,
    logs: [],
    stdout: '',
    stderr: '',
    exit: undefined,
    waitForLog(predicate) {
      const found = watched.logs.find(predicate);
      if (found) return Promise.resolve(found);
      if (watched.exit) return Promise.reject(exitError());
      return new Promise((resolve, reject) => waiters.push({ predicate, resolve, reject }));
    },
  };
  const exitError = () =>
    new Error(
      `${name} exited (code ${watched.exit?.code}, signal ${watched.exit?.signal})\n` +
        `stderr:\n${watched.stderr}\nstdout:\n${watched.stdout}`,
    );
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    watched.stdout += chunk;
    const lines = (pendingLine + chunk).split('\n');
    pendingLine = lines.pop() ?? '';
    for (const text of lines) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      const line = value as Line;
      watched.logs.push(line);
      for (const waiter of waiters.splice(0)) {
        if (waiter.predicate(line)) waiter.resolve(line);
        else waiters.push(waiter);
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    watched.stderr += chunk;
  });
  child.on('exit', (code, signal) => {
    watched.exit = { code, signal };
    const error = exitError();
    onExit?.(error);
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  });
  return watched;
}
