import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../../config';
import type { ChecklistAccess } from '../../domain/checklist/permissions';
import type { DeadlinePolicy } from '../../domain/checklist/reviewStatus';
import type { Storage } from '../../domain/ports';
import {
  previewReminders,
  runReminders,
  type ReminderPreview,
  type ReminderRunDeps,
  type ReminderRunReport,
  type RunRequest,
} from '../../domain/reminders/reminderRun';
import { defaultReminderSchedule, type ReminderSchedule } from '../../domain/reminders/schedule';
import {
  createGraphAppInstallStep,
  type AppInstallRunReport,
  type AppInstallStep,
  type GraphAppInstallOptions,
} from '../../infrastructure/graph/appInstallStep';
import {
  appInstallAttemptsInClaims,
  refusedInstallAddresses,
} from '../../infrastructure/graph/appInstallAttempts';
import {
  limitsShared,
  RateLimiter,
  teamsReminderLimits,
  type RateLimits,
} from '../../infrastructure/reminders/rateLimiter';
import { createReliableDelivery, type SendAttempt } from '../../infrastructure/reminders/reliableDelivery';
import { errorFields, type Logger } from '../../shared/logger';
import { conversationReferenceCacheOf } from '../conversationReferences';
import { createBotFrameworkSender } from './botFrameworkSender';

/** What reminders read from the configuration; every part has a default, so tests may leave it out. */
export type ReminderRunnerConfig = Pick<AppConfig, 'bot'> &
  Partial<
    Pick<
      AppConfig,
      | 'production'
      | 'reminders'
      | 'checklistAccess'
      | 'checklistDeadlines'
      | 'graphAppInstall'
      | 'managedIdentityClientId'
    >
  >;

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
  /** Test seams of the Graph install (config.graphAppInstall): a fake token, the loopback stand-in's URL. */
  graph?: Pick<GraphAppInstallOptions, 'token' | 'baseUrl' | 'installer'>;
}

/** A run's report, with the Graph install step's when GRAPH_INSTALL_APP=on. */
export type ReminderRunnerReport = ReminderRunReport & { appInstall?: AppInstallRunReport };

export interface ReminderRunner {
  /** Runs now (or for request.at). A run already going in this process is joined, not started twice. */
  run(request?: RunRequest): Promise<ReminderRunnerReport>;
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
  const limiter = new RateLimiter({
    limits: options.limits ?? limitsShared(teamsReminderLimits, config.reminders?.instances ?? 1),
  });
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
    // The person's next turn must find the reference inactive and make it active again (conversationReferences.ts).
    onReferenceMarkedInactive: (reference) =>
      conversationReferenceCacheOf(options.storage.conversationReferences).forget(reference.id),
    ...(options.now ? { now: options.now } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    // Only where installs are made: without them nobody's install can have been refused.
    ...(config.graphAppInstall
      ? {
          installRefusals: () =>
            refusedInstallAddresses(appInstallAttemptsInClaims(options.storage.reminderClaims)),
        }
      : {}),
  };
  const appInstall: AppInstallStep | undefined = config.graphAppInstall
    ? createGraphAppInstallStep({
        catalogAppId: config.graphAppInstall.catalogAppId,
        claims: options.storage.reminderClaims,
        logger,
        ...(config.managedIdentityClientId
          ? { managedIdentityClientId: config.managedIdentityClientId }
          : {}),
        ...(options.now ? { now: options.now } : {}),
        ...options.graph,
      })
    : undefined;
  // After the sends: the people it installs for are reached by the next run, once Teams' event is in.
  const runWithInstall = async (request: RunRequest): Promise<ReminderRunnerReport> => {
    const report = await runReminders(deps, request);
    if (appInstall === undefined) return report;
    try {
      return { ...report, appInstall: await appInstall(report.unreachable) };
    } catch (error) {
      logger.error('graph.app_install.step_failed', errorFields(error));
      return report;
    }
  };
  let current: Promise<ReminderRunnerReport> | undefined;
  return {
    schedule,
    run(request = {}) {
      current ??= runWithInstall(request).finally(() => {
        current = undefined;
      });
      return current;
    },
    preview: (request = {}) => previewReminders(deps, request),
  };
}
