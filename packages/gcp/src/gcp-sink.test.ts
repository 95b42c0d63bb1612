import { defineHandler } from '@omnifn/core';
import { events, invoke } from '@omnifn/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gcpSink } from './gcp-sink';

afterEach(() => {
  vi.unstubAllEnvs();
});

const hello = defineHandler({
  name: 'hello',
  kind: 'http',
  handle: (_event, ctx) => {
    ctx.log.warn('careful', { authorization: 'Bearer secret' });
    return { body: 'hi' };
  },
});

function request(headers: Record<string, string>) {
  const base = events.gcp.http({ path: '/' });
  const { traceparent: _t, 'x-cloud-trace-context': _c, 'function-execution-id': _e, ...rest } = base.headers;
  return events.gcp.request({ ...base, headers: { ...rest, ...headers } });
}

describe('Cloud Logging lines', () => {
  it('severity, the trace of X-Cloud-Trace-Context under GOOGLE_CLOUD_PROJECT, span id in hex, the execution id label', async () => {
    vi.stubEnv('GOOGLE_CLOUD_PROJECT', 'env-project');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    await invoke(
      hello,
      request({
        'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/10;o=1',
        'function-execution-id': 'exec-42',
      }),
      { gcp: { projectId: 'option-project' } },
    );
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r.severity)).toEqual(['WARNING', 'INFO']);
    for (const record of records) {
      expect(record).toMatchObject({
        'logging.googleapis.com/trace': 'projects/env-project/traces/105445aa7843bc8bf206b12000100000',
        'logging.googleapis.com/spanId': '000000000000000a',
        'logging.googleapis.com/labels': { execution_id: 'exec-42' },
        requestId: 'exec-42',
        function: 'hello',
        trigger: 'gcp:http',
      });
      expect(record).not.toHaveProperty('level');
    }
    expect(records[0]).toMatchObject({ message: 'careful', authorization: '[REDACTED]' });
    expect(records[1]).toMatchObject({ message: 'invocation', status: 200 });
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
  });

  it('traceparent wins; without a project env the projectId option names the project', async () => {
    for (const name of ['GOOGLE_CLOUD_PROJECT', 'GCLOUD_PROJECT', 'GCP_PROJECT']) vi.stubEnv(name, '');
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    await invoke(
      hello,
      request({
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        'x-cloud-trace-context': '105445aa7843bc8bf206b12000100000/10;o=1',
      }),
      { gcp: { projectId: 'option-project', logLevel: 'info' } },
    );
    const record = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
    expect(record).toMatchObject({
      'logging.googleapis.com/trace': 'projects/option-project/traces/4bf92f3577b34da6a3ce929d0e0e4736',
      'logging.googleapis.com/spanId': '00f067aa0ba902b7',
    });
  });

  it('gcpSink without a project keeps the trace id but writes no trace resource name', () => {
    const lines: string[] = [];
    gcpSink(undefined, (line) => lines.push(line))('error', {
      level: 'error',
      message: 'x',
      traceId: 'abc',
    });
    expect(JSON.parse(lines[0] as string)).toEqual({ severity: 'ERROR', message: 'x', traceId: 'abc' });
  });
});
