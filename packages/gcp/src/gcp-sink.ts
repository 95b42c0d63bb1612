import type { LogLevel, LogSink } from '@omnifn/core';

const SEVERITY: Readonly<Record<LogLevel, string>> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
};

/** The project for trace names: the environment the platform sets, in DESIGN.md's order, then the option. */
export function projectFromEnv(option?: string): string | undefined {
  const env = globalThis.process?.env ?? {};
  return env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || env.GCP_PROJECT || option || undefined;
}

/**
 * A log sink writing JSON lines on stdout the way Cloud Logging reads them: `severity`,
 * `message`, `time`, `logging.googleapis.com/trace` (`projects/<project>/traces/<id>`),
 * `logging.googleapis.com/spanId`, and the execution id as the label the framework itself
 * uses (`logging.googleapis.com/labels.execution_id`).
 * @see https://cloud.google.com/logging/docs/structured-logging#special-payload-fields
 * @example toGcp(add, { sink: gcpSink('my-project') })
 */
export function gcpSink(projectId?: string, write: (line: string) => void = stdoutLine): LogSink {
  return (level, record) => {
    const { level: _, traceId, spanId, executionId, ...rest } = record as Record<string, unknown>;
    const line: Record<string, unknown> = { severity: SEVERITY[level], ...rest };
    if (typeof traceId === 'string') {
      line.traceId = traceId;
      if (projectId !== undefined)
        line['logging.googleapis.com/trace'] = `projects/${projectId}/traces/${traceId}`;
    }
    if (typeof spanId === 'string') line['logging.googleapis.com/spanId'] = spanId;
    if (typeof executionId === 'string') {
      line.executionId = executionId;
      line['logging.googleapis.com/labels'] = { execution_id: executionId };
    }
    write(`${JSON.stringify(line)}\n`);
  };
}

function stdoutLine(line: string): void {
  process.stdout.write(line);
}
