import type { LogFields, Logger } from '../shared/logger';

/**
 * Refused requests are logged without letting a flood of them flood the log: the first refusal of an interval is
 * logged in full, the rest are counted, and one summary line per interval says how many there were.
 */
export interface RefusalLog {
  refused(fields: LogFields): void;
}

export const refusalLogIntervalMs = 60_000;

export function createRefusalLog(
  logger: Logger,
  event: string,
  intervalMs: number = refusalLogIntervalMs,
): RefusalLog {
  let unlogged = 0;
  let summaryTimer: NodeJS.Timeout | undefined;
  return {
    refused(fields) {
      if (summaryTimer !== undefined) {
        unlogged += 1;
        return;
      }
      logger.warn(event, fields);
      summaryTimer = setTimeout(() => {
        summaryTimer = undefined;
        if (unlogged > 0) logger.warn(`${event}.summary`, { unlogged, intervalMs });
        unlogged = 0;
      }, intervalMs);
      // Only a summary waits on it: it must not keep the process (or a test) alive.
      summaryTimer.unref();
    },
  };
}
