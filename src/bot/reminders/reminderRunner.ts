import type { TeamsAdapter } from '@microsoft/teams-ai';
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
import type { ReminderSchedule } from '../../domain/reminders/schedule';
import {
  createGraphAppInstallStep,
  type AppInstallRunReport,
  type AppInstallStep,
  type GraphAppInstallOptions,
} from '../../infrastructure/graph/appInstallStep';
import {
  appInstallAttemptStore,
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
import type { ConversationReferenceCache } from '../conversationReferenceCache';
import { createBotFrameworkSender } from './botFrameworkSender';

/** Test seams: faster retries, other limits, a different sender, the Graph stand-in. */
export interface ReminderRunnerSeams {
  limits?: RateLimits;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  sender?: SendAttempt;
  leaseMs?: number;
  concurrency?: number;
  /** The Graph install's token, the loopback stand-in's URL, the installer. */
  graph?: Pick<GraphAppInstallOptions, 'token' | 'baseUrl' | 'installer'>;
}

/** Everything a run uses, made by the composition (src/composition.ts). */
export interface ReminderRunnerOptions extends ReminderRunnerSeams {
  adapter: TeamsAdapter;
  storage: Storage;
  logger: Logger;
  /** The bot's app id, which proactive sends go out as; empty in local mode. */
  botAppId: string;
  /** Production sends only to references captured with a verified token. */
  production: boolean;
  access: ChecklistAccess;
  deadlines: DeadlinePolicy;
  schedule: ReminderSchedule;
  /** The capture's cache: a reference the sender marks inactive is read again on the person's next turn. */
  conversationReferenceCache: ConversationReferenceCache;
  /** GRAPH_INSTALL_APP; undefined when off. */
  graphAppInstall: { catalogAppId: string; managedIdentityClientId: string | undefined } | undefined;
  /** REMINDERS_INSTANCES: each instance keeps to this share of Teams' limits. */
  instances: number;
  now: () => Date;
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

export function createReminderRunner(options: ReminderRunnerOptions): ReminderRunner {
  const { logger, production, schedule, graphAppInstall } = options;
  const limiter = new RateLimiter({
    limits: options.limits ?? limitsShared(teamsReminderLimits, options.instances),
  });
  const delivery = createReliableDelivery({
    attempt:
      options.sender ??
      createBotFrameworkSender({ adapter: options.adapter, botAppId: options.botAppId, logger }),
    limiter,
    production,
    logger,
    ...options.retry,
  });
  const deps: ReminderRunDeps = {
    storage: options.storage,
    delivery,
    access: options.access,
    deadlines: options.deadlines,
    schedule,
    requireAuthenticated: production,
    logger,
    // The person's next turn must find the reference inactive and make it active again (conversationReferences.ts).
    onReferenceMarkedInactive: (reference) => options.conversationReferenceCache.forget(reference.id),
    now: options.now,
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    // Only where installs are made: without them nobody's install can have been refused.
    ...(graphAppInstall
      ? {
          installRefusals: () =>
            refusedInstallAddresses(appInstallAttemptStore(options.storage.appInstallAttempts)),
        }
      : {}),
  };
  const appInstall: AppInstallStep | undefined = graphAppInstall
    ? createGraphAppInstallStep({
        catalogAppId: graphAppInstall.catalogAppId,
        attempts: options.storage.appInstallAttempts,
        logger,
        ...(graphAppInstall.managedIdentityClientId
          ? { managedIdentityClientId: graphAppInstall.managedIdentityClientId }
          : {}),
        now: options.now,
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
