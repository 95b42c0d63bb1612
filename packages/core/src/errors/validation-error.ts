import { HttpError } from './http-error';

/** One failed check: `path` is dot-separated and rooted at the event field (`body.num1`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Input that failed `validate`: 400 with `errors: [{ path, message }]`.
 * @example throw new ValidationError([{ path: 'body.num1', message: 'Expected number' }]);
 */
export class ValidationError extends HttpError {
  override name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], message = 'Validation failed') {
    super(400, message);
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is ValidationError {
    return HttpError.isInstance(error) && Array.isArray((error as { issues?: unknown }).issues);
  }
}
