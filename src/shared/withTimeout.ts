/**
 * The promise's outcome, or a rejection with `timeoutError()` once `ms` have passed; the timer is cleared either
 * way, so it never holds the process open. The promise itself is not cancelled.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  timeoutError: () => Error = () => new Error('timed out'),
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error('rejected', { cause: error }));
      },
    );
  });
}
