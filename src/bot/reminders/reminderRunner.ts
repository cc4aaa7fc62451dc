import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../../config';
import type { ChecklistAccess } from '../../domain/checklist/permissions';
import type { DeadlinePolicy } from '../../domain/checklist/reviewStatus';
import type { Storage } from '../../domain/register/ports';
import {
  previewReminders,
  runReminders,
  type ReminderPreview,
  type ReminderRunDeps,
  type ReminderRunReport,
  type RunRequest,
} from '../../domain/reminders/reminderRun';
import { defaultReminderSchedule, type ReminderSchedule } from '../../domain/reminders/schedule';
import { RateLimiter, type RateLimits } from '../../infrastructure/reminders/rateLimiter';
import { createReliableDelivery, type SendAttempt } from '../../infrastructure/reminders/reliableDelivery';
import type { Logger } from '../../shared/logger';
import { createBotFrameworkSender } from './botFrameworkSender';

/** What reminders read from the configuration; every part has a default, so tests may leave it out. */
export type ReminderRunnerConfig = Pick<AppConfig, 'bot'> &
  Partial<Pick<AppConfig, 'production' | 'reminders' | 'checklistAccess' | 'checklistDeadlines'>>;

export interface ReminderRunnerOptions {
  adapter: TeamsAdapter;
  storage: Storage;
  logger: Logger;
  config: ReminderRunnerConfig;
  now?: () => Date;
  /** Test seams: faster retries, other limits, a different sender. */
  limits?: RateLimits;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  sender?: SendAttempt;
  leaseMs?: number;
  concurrency?: number;
}

export interface ReminderRunner {
  /** Runs now (or for request.at). A run already going in this process is joined, not started twice. */
  run(request?: RunRequest): Promise<ReminderRunReport>;
  /** The dry run: who would get what, nothing sent or written. */
  preview(request?: RunRequest): Promise<ReminderPreview>;
  readonly schedule: ReminderSchedule;
}

export function reminderScheduleOf(config: Partial<Pick<AppConfig, 'reminders'>>): ReminderSchedule {
  return {
    ...defaultReminderSchedule,
    ...(config.reminders ? { daysBefore: config.reminders.daysBefore, time: config.reminders.time } : {}),
  };
}

export function createReminderRunner(options: ReminderRunnerOptions): ReminderRunner {
  const { config, logger } = options;
  const production = config.production ?? false;
  const schedule = reminderScheduleOf(config);
  const limiter = new RateLimiter(options.limits ? { limits: options.limits } : {});
  const delivery = createReliableDelivery({
    attempt:
      options.sender ??
      createBotFrameworkSender({ adapter: options.adapter, botAppId: config.bot?.appId ?? '', logger }),
    limiter,
    production,
    logger,
    ...options.retry,
  });
  const access: ChecklistAccess = config.checklistAccess ?? { admins: [], securityCoordinators: [] };
  const deadlines: DeadlinePolicy = config.checklistDeadlines ?? {};
  const deps: ReminderRunDeps = {
    storage: options.storage,
    delivery,
    access,
    deadlines,
    schedule,
    requireAuthenticated: production,
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  };
  let current: Promise<ReminderRunReport> | undefined;
  return {
    schedule,
    run(request = {}) {
      current ??= runReminders(deps, request).finally(() => {
        current = undefined;
      });
      return current;
    },
    preview: (request = {}) => previewReminders(deps, request),
  };
}
