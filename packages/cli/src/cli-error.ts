/**
 * A mistake in what the user gave the CLI (arguments, entry file, port). The CLI prints its
 * message as one line and exits 1, without a stack: the stack would point at omnifn, not at
 * the mistake.
 * @example throw new CliError('port 3000 is already in use (try --port)');
 */
export class CliError extends Error {
  override name = 'CliError';
}
