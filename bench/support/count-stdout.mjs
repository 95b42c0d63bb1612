// While a benchmark times handlers, their log lines (process.stdout.write, which omnifn's
// sinks and the hand-written variants both use) go to a counter instead of the terminal, so
// that no variant pays for a terminal and all pay the same for the call.
const realWrite = process.stdout.write;

export const stdoutLines = { count: 0 };

const countingWrite = () => {
  stdoutLines.count++;
  return true;
};

/** Runs `fn` with stdout counted, not written. */
export async function muted(fn) {
  process.stdout.write = countingWrite;
  try {
    return await fn();
  } finally {
    process.stdout.write = realWrite;
  }
}
