import { HttpError } from '../errors/http-error';
import { ValidationError, type ValidationIssue } from '../errors/validation-error';

/**
 * Builds an error without capturing a stack. For input that is the caller's fault the stack
 * only points into omnifn, is never logged (4xx lines carry name and message), and capturing
 * it is most of what a 400 costs.
 */
function stackless<T extends Error>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** An `HttpError` for bad input (4xx), without a stack. @internal */
export function clientError(status: number, message: string): HttpError {
  return stackless(() => new HttpError(status, message));
}

/** A `ValidationError` (400), without a stack. @internal */
export function validationError(issues: readonly ValidationIssue[]): ValidationError {
  return stackless(() => new ValidationError(issues));
}
