import { OmniError } from './omni-error';

/**
 * Thrown by adapters when no source recognises the input, or the input is of
 * another kind than the handler's. Never answered with a success.
 */
export class UnsupportedEventError extends OmniError {
  override name = 'UnsupportedEventError';
  readonly received: string;
  readonly expected: string;

  constructor(received: string, expected: string) {
    super(`omnifn: received ${received}, expected ${expected}`);
    this.received = received;
    this.expected = expected;
  }
}
