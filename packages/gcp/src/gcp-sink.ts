import type { LineSink, LogLevel, LogSink } from '@omnifn/core';

const SEVERITY: Readonly<Record<LogLevel, string>> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
};

export const TRACE_KEY = 'logging.googleapis.com/trace';
export const SPAN_KEY = 'logging.googleapis.com/spanId';
export const LABELS_KEY = 'logging.googleapis.com/labels';

/** The project for trace names: the environment the platform sets, in DESIGN.md's order, then the option. */
export function projectFromEnv(option?: string): string | undefined {
  const env = globalThis.process?.env ?? {};
  return env.GOOGLE_CLOUD_PROJECT || env.GCLOUD_PROJECT || env.GCP_PROJECT || option || undefined;
}

/**
 * The Cloud Logging fields of one invocation, computed once and bound to every line of it
 * (`toGcp` does so), so that the sink has only `level` to turn into `severity`.
 * @internal
 */
export function cloudLoggingFields(
  projectId: string | undefined,
  ids: { traceId?: string | undefined; spanId?: string | undefined; executionId?: string | undefined },
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (ids.traceId !== undefined && projectId !== undefined) {
    fields[TRACE_KEY] = `projects/${projectId}/traces/${ids.traceId}`;
  }
  if (ids.spanId !== undefined) fields[SPAN_KEY] = ids.spanId;
  if (ids.executionId !== undefined) {
    fields.executionId = ids.executionId;
    fields[LABELS_KEY] = { execution_id: ids.executionId };
  }
  return fields;
}

/**
 * A log sink writing JSON lines on stdout the way Cloud Logging reads them: `severity`,
 * `message`, `time`, `logging.googleapis.com/trace` (`projects/<project>/traces/<id>`),
 * `logging.googleapis.com/spanId`, and the execution id as the label the framework itself
 * uses (`logging.googleapis.com/labels.execution_id`). Records that already carry those
 * fields (as `toGcp` binds them) are written as they are, `level` renamed `severity`.
 * @see https://cloud.google.com/logging/docs/structured-logging#special-payload-fields
 * @example toGcp(add, { sink: gcpSink('my-project') })
 */
export function gcpSink(projectId?: string, write: (line: string) => void = stdoutLine): LogSink {
  /** Whether a record with these keys lacks a Cloud Logging field that its ids call for. */
  const needsFields = (has: (key: string) => boolean): boolean =>
    (projectId !== undefined && has('traceId') && !has(TRACE_KEY)) ||
    (has('executionId') && !has(LABELS_KEY)) ||
    (has('spanId') && !has(SPAN_KEY));
  /** Writes the record's JSON with `level` renamed `severity`, if it starts with `level` (core's do). */
  const renamed = (level: LogLevel, json: string): boolean => {
    const prefix = `{"level":"${level}"`;
    // The core logger writes `level` first: swapping the prefix spares a copy of the record.
    if (!json.startsWith(prefix)) return false;
    write(`{"severity":"${SEVERITY[level]}"${json.slice(prefix.length)}\n`);
    return true;
  };
  // The line core serialized stands for a record of the bindings' and the fields' keys.
  const line: LineSink = (level, json, bindings, fields) =>
    !needsFields((key) => key in bindings || (fields !== undefined && key in fields)) && renamed(level, json);
  const sink = (level: LogLevel, record: Readonly<Record<string, unknown>>) => {
    if (!needsFields((key) => key in record) && renamed(level, JSON.stringify(record))) return;
    const severity = SEVERITY[level];
    const { level: _, traceId, spanId, executionId, ...rest } = record as Record<string, unknown>;
    const line: Record<string, unknown> = { severity, ...rest };
    if (typeof traceId === 'string') line.traceId = traceId;
    Object.assign(
      line,
      cloudLoggingFields(projectId, {
        traceId: typeof traceId === 'string' ? traceId : undefined,
        spanId: typeof spanId === 'string' ? spanId : undefined,
        executionId: typeof executionId === 'string' ? executionId : undefined,
      }),
    );
    write(`${JSON.stringify(line)}\n`);
  };
  return Object.assign(sink, { line });
}

function stdoutLine(line: string): void {
  process.stdout.write(line);
}
