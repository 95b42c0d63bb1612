import { OmniError } from './omni-error';

const httpMarker = Symbol.for('omnifn.error.http');

export interface HttpErrorOptions {
  /** Whether the message reaches the client; defaults to `status < 500`. */
  readonly expose?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
  /** RFC 9457 `type` URI; defaults to `about:blank`. */
  readonly type?: string;
  readonly cause?: unknown;
}

/**
 * An error with an HTTP status. Its message is shown to the client below 500.
 * @example throw new HttpError(404, 'Order not found');
 */
export class HttpError extends OmniError {
  readonly [httpMarker] = true;
  override name = 'HttpError';
  readonly status: number;
  readonly expose: boolean;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly type: string | undefined;

  constructor(status: number, message?: string, options: HttpErrorOptions = {}) {
    super(message ?? String(status), options.cause === undefined ? undefined : { cause: options.cause });
    this.status = Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
    this.expose = options.expose ?? this.status < 500;
    this.headers = options.headers;
    this.type = options.type;
  }

  static override isInstance(error: unknown): error is HttpError {
    return OmniError.isInstance(error) && (error as { [httpMarker]?: unknown })[httpMarker] === true;
  }
}
