export interface EventuallyOptions<T> {
  /** Whether the value read is the one waited for; default: anything but undefined and false. */
  until?: (value: T) => boolean;
  /** Default 5 s. */
  timeoutMs?: number;
}

/**
 * Reads until the value is the one waited for, and returns it; fails naming `what` when the time runs out first.
 * For what a test cannot await: another process's output, or work the bot starts in the background (the answers
 * index check). A turn's own writes, the conversation-reference capture included, are done when the bot has
 * answered: read those at once, without this.
 */
export async function eventually<T>(
  what: string,
  read: () => T | Promise<T>,
  options: EventuallyOptions<T> = {},
): Promise<T> {
  const until = options.until ?? ((value: T) => value !== undefined && value !== false);
  const timeoutMs = options.timeoutMs ?? 5_000;
  // The monotonic clock, so that a test that fakes Date still times out.
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
