import { OmniError } from '@omnifn/core';

/** One record that did not finish, with why. */
export interface RecordFailure {
  /** The record's `itemIdentifier`; undefined when the record has none. */
  readonly id: string | undefined;
  readonly index: number;
  readonly error: Error;
}

/**
 * The invocation's rejection when records failed and AWS cannot be told which ones
 * (no `reportBatchItemFailures`, an async source, or a failed record without an id): the
 * whole batch is retried. `causes` holds every record's error, in record order.
 */
export class BatchFailureError extends OmniError {
  override name = 'BatchFailureError';
  readonly failures: readonly RecordFailure[];
  readonly causes: readonly Error[];

  constructor(message: string, failures: readonly RecordFailure[]) {
    super(message, { cause: failures[0]?.error });
    this.failures = failures;
    this.causes = failures.map((f) => f.error);
  }
}
