/** Cloud Run functions' and Cloud Functions' default timeout: 60 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The function's timeout as the platform states it: `CLOUD_RUN_TIMEOUT_SECONDS` (what the
 * framework's own `--timeout` reads), else `FUNCTION_TIMEOUT_SEC` (1st gen runtimes), else
 * the documented default of 60 s.
 * @see https://cloud.google.com/functions/docs/configuring/timeout
 * @see https://github.com/GoogleCloudPlatform/functions-framework-nodejs/blob/main/src/options.ts
 */
export function timeoutFromEnv(): number {
  const env = globalThis.process?.env ?? {};
  for (const name of ['CLOUD_RUN_TIMEOUT_SECONDS', 'FUNCTION_TIMEOUT_SEC'] as const) {
    const value = env[name];
    if (value !== undefined && /^\d+$/.test(value) && Number(value) > 0) return Number(value) * 1000;
  }
  return DEFAULT_TIMEOUT_MS;
}
