import { Cron } from 'croner';
import type { ReminderSchedule } from '../../domain/reminders/schedule';
import { errorFields, type Logger } from '../../shared/logger';

export interface ReminderScheduler {
  /** When the next scheduled run is, for logs and tests. */
  nextRun(): Date | null;
  stop(): void;
}

export interface ReminderSchedulerOptions {
  run: () => Promise<unknown>;
  schedule: ReminderSchedule;
  logger: Logger;
  /** A run shortly after start, to make up for one missed while the bot was down (default 60 s; 0: none). */
  startupDelayMs?: number;
}

/**
 * The in-process scheduler for a single instance: a run every day at the reminder time in the municipality's
 * time zone (croner handles daylight saving time). Every day, not only working days: the plan decides what is
 * due, and a run with nothing due sends nothing. Runs never overlap (croner's protect, and the runner joins a
 * run in progress). With several instances each may run it; claims make that safe, the external timer and
 * POST /api/reminders/run make it cheaper.
 */
export function startReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const [hour, minute] = options.schedule.time.split(':').map(Number) as [number, number];
  const run = async (trigger: string) => {
    try {
      await options.run();
    } catch (error) {
      options.logger.error('reminders.scheduled_run_failed', { trigger, ...errorFields(error) });
    }
  };
  const job = new Cron(
    `${minute} ${hour} * * *`,
    { timezone: options.schedule.timeZone, protect: true, name: 'reminders' },
    () => run('schedule'),
  );
  const startupDelayMs = options.startupDelayMs ?? 60_000;
  const startup = startupDelayMs > 0 ? setTimeout(() => void run('startup'), startupDelayMs) : undefined;
  startup?.unref();
  options.logger.info('reminders.scheduler_started', { nextRun: job.nextRun()?.toISOString() });
  return {
    nextRun: () => job.nextRun(),
    stop() {
      if (startup) clearTimeout(startup);
      job.stop();
    },
  };
}
