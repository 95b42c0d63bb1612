import { OmniError } from './omni-error';

const timeoutMarker = Symbol.for('omnifn.error.timeout');

/**
 * A non-http handler still running when `ctx.signal` fired (the cloud's deadline minus the
 * margin). Adapters map it to the cloud's "try again later": GCP answers 503, AWS and Azure
 * reject. An http handler answers the adapter's timeout status instead (504 on AWS, 503 on GCP).
 */
export class TimeoutError extends OmniError {
  readonly [timeoutMarker] = true;
  override name = 'TimeoutError';

  constructor(message = 'Handler did not finish before the deadline') {
    super(message);
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return OmniError.isInstance(error) && (error as { [timeoutMarker]?: unknown })[timeoutMarker] === true;
  }
}
