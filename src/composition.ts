/**
 * The one place where the application is put together: every service is made here, once, from the validated
 * configuration, and handed to what uses it. Nothing below has a default of its own for what the configuration
 * says (time zone, deadlines, access, reminder times), and no module keeps a cache or registry of its own: the
 * caches are made here and passed in.
 *
 * index.ts loads the configuration, composes, starts and handles signals; tests compose the same way, with the
 * overrides of CompositionOptions (a clock, their own storage, a loopback token issuer, reminder seams).
 */
import { createAdapter, type ChannelAuthenticationEndpoints } from './bot/adapter';
import { createBotApplication } from './bot/app';
import type { FeatureDeps, FollowUpDeps } from './bot/featureDeps';
import { logTemplatesExpandedByLibrary } from './bot/cards/templates';
import { clientCacheLimits } from './bot/clientCache';
import {
  ConversationReferenceCache,
  conversationReferenceCacheLimits,
} from './bot/conversationReferenceCache';
import {
  createReminderRunner,
  type ReminderRunner,
  type ReminderRunnerOptions,
  type ReminderRunnerSeams,
} from './bot/reminders/reminderRunner';
import { createServer, type BotServer, type ServerOptions } from './bot/server';
import { createTeamsIdentity, identityCacheLimits } from './bot/teamsIdentity';
import { reminderScheduleOf, type AppConfig } from './config';
import { readConfiguredContent, type ConfiguredContent } from './configuredContent';

export { loadStartupConfig, readConfiguredContent, type ConfiguredContent } from './configuredContent';
import { CurrentRegister } from './domain/answers/currentRegister';
import { QuestionContexts } from './domain/answers/questionContexts';
import { buildLexicon } from './domain/answers/lexicon';
import { createReviewService } from './domain/checklist/reviewService';
import { FollowUpCalendar } from './domain/followUp/followUpCalendar';
import type { Storage } from './domain/ports';
import { exportReviews } from './infrastructure/checklist/reviewExport';
import { seedSampleRegisterIfEmpty } from './infrastructure/registerFile/sampleRegister';
import { startReminderScheduler, type ReminderScheduler } from './infrastructure/reminders/scheduler';
import { createStorage } from './infrastructure/storage/createStorage';
import type { Telemetry } from './infrastructure/telemetry/telemetry';
import { BoundedCache } from './shared/boundedCache';
import { createLogger, errorFields, type Logger } from './shared/logger';

export interface CompositionOptions {
  /** Default: the store the configuration names, opened here and closed by stop(). */
  storage?: Storage;
  /** Default: JSON lines on stdout at the configured level. */
  logger?: Logger;
  /** The clock of every service; default the system's. */
  now?: () => Date;
  /** Default: read from the files the configuration names. */
  content?: ConfiguredContent;
  /** Custom events (reminder runs) to Application Insights; default none. */
  telemetry?: Pick<Telemetry, 'trackEvent'>;
  /** Test seam only (see ChannelAuthenticationEndpoints); index.ts never sets it. */
  channelAuthentication?: ChannelAuthenticationEndpoints;
  http?: Pick<
    ServerOptions,
    'maxBodyBytes' | 'shutdownTimeoutMs' | 'readinessTimeoutMs' | 'readinessCacheMs' | 'connectionLimits'
  >;
  reminders?: ReminderRunnerSeams;
  /** Shorter waits on Bot Framework than production's, for tests against stand-ins that never answer. */
  timeouts?: { verifierMs?: number; connectorMs?: number };
}

export interface Application {
  config: AppConfig;
  logger: Logger;
  storage: Storage;
  server: BotServer;
  /** Reminder runs through this application's adapter: the scheduler's and POST /api/reminders/run's. */
  reminders: ReminderRunner;
  /**
   * Loads the sample register when configured, listens, and starts the reminder scheduler when configured;
   * resolves with the bound port. Without a host, the configured one (HOST; in local mode 127.0.0.1 only).
   */
  start(port: number, host?: string): Promise<number>;
  /** Stops the scheduler and the server, then closes the storage when it was opened here. */
  stop(): Promise<void>;
}

/** What the reminder runner reads from the configuration. */
export type ReminderRunnerConfig = Pick<
  AppConfig,
  | 'bot'
  | 'production'
  | 'checklistAccess'
  | 'checklistDeadlines'
  | 'reminders'
  | 'timeZone'
  | 'graphAppInstall'
  | 'managedIdentityClientId'
>;

/**
 * The reminder runner from the configuration and the application's parts; compose makes the application's own,
 * and tests of several runners on one store make theirs the same way.
 */
export function reminderRunnerFor(
  config: ReminderRunnerConfig,
  parts: Pick<
    ReminderRunnerOptions,
    'adapter' | 'storage' | 'logger' | 'conversationReferenceCache' | 'now'
  > &
    ReminderRunnerSeams,
): ReminderRunner {
  return createReminderRunner({
    botAppId: config.bot?.appId ?? '',
    production: config.production,
    access: config.checklistAccess,
    deadlines: config.checklistDeadlines,
    schedule: reminderScheduleOf(config),
    instances: config.reminders.instances,
    graphAppInstall: config.graphAppInstall && {
      ...config.graphAppInstall,
      managedIdentityClientId: config.managedIdentityClientId,
    },
    ...parts,
  });
}

/** Makes every service once. Throws ConfigError when a file the configuration names cannot be used. */
export async function compose(config: AppConfig, options: CompositionOptions = {}): Promise<Application> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const now = options.now ?? (() => new Date());
  const millis = () => now().getTime();
  const content = options.content ?? readConfiguredContent(config.files);

  logger.info('process.starting', {
    nodeEnv: config.nodeEnv,
    storage: config.storage.kind,
    authentication: config.bot ? config.bot.type : 'off',
    tenantFilter: config.allowedTenantIds ? config.allowedTenantIds.length : 'off',
    checklist: content.checklist.id,
    admins: config.checklistAccess.admins.length,
    securityCoordinators: config.checklistAccess.securityCoordinators.length,
    timeZone: config.timeZone,
  });
  if (config.production && config.storage.kind === 'local') {
    logger.warn('storage.local_in_production', {
      hint: 'set COSMOS_ENDPOINT; local files are lost on redeploy',
    });
  }
  const storage = options.storage ?? (await createStorage(config.storage, logger));

  const adapter = createAdapter({
    credentials: config.bot,
    allowedTenantIds: config.allowedTenantIds,
    logger,
    clientCaches: {
      connectors: new BoundedCache(clientCacheLimits),
      userTokens: new BoundedCache(clientCacheLimits),
    },
    ...(options.channelAuthentication ? { channelAuthentication: options.channelAuthentication } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  const conversationReferenceCache = new ConversationReferenceCache(conversationReferenceCacheLimits);
  const runner = reminderRunnerFor(config, {
    adapter,
    storage,
    logger,
    conversationReferenceCache,
    now,
    ...options.reminders,
  });
  const telemetry = options.telemetry;
  // Each run's counts as a custom event, so operators see in Application Insights that reminders went out.
  const reminders: ReminderRunner = telemetry
    ? {
        ...runner,
        async run(request) {
          const report = await runner.run(request);
          telemetry.trackEvent('reminders.run', {
            year: report.year,
            planned: report.planned,
            sent: report.sent,
            skipped: report.skipped,
            failed: report.failed.length,
            unreachable: report.unreachable.length,
          });
          return report;
        },
      }
    : runner;

  // The reminders follow the same schedule and deadlines, so the dialog and the reminders name the same year.
  const calendar = FollowUpCalendar.forSchedule(reminderScheduleOf(config), config.checklistDeadlines);
  const followUp: FollowUpDeps = {
    reviews: createReviewService({
      storage,
      checklist: content.checklist,
      access: config.checklistAccess,
      calendar,
      now,
      logger,
    }),
    access: config.checklistAccess,
    calendar,
    now,
    exportReviews: (exportOptions) =>
      exportReviews(storage, { ...exportOptions, checklist: content.checklist, timeZone: config.timeZone }),
  };
  const features: FeatureDeps = {
    storage,
    logger,
    now,
    register: new CurrentRegister(storage, { logger }),
    roleGuideline: content.roleGuideline,
    lexicon: buildLexicon(content.vocabulary),
    identity: createTeamsIdentity({
      logger,
      ...(config.allowedTenantIds ? { allowedTenantIds: config.allowedTenantIds } : {}),
      cache: new BoundedCache({ ...identityCacheLimits, now: millis }),
    }),
    followUp,
    questionContexts: new QuestionContexts(storage.questionContexts, { now }),
    conversationReferenceCache,
    registerDownloads: config.registerDownloads,
  };
  const app = createBotApplication(adapter, features);
  logTemplatesExpandedByLibrary(logger);

  const server = createServer({
    adapter,
    app,
    reminders,
    reminderRunSecret: config.reminders.runSecret,
    storage,
    logger,
    now: millis,
    ...options.http,
  });

  let scheduler: ReminderScheduler | undefined;
  return {
    config,
    logger,
    storage,
    server,
    reminders,
    async start(port, host = config.host) {
      if (config.sampleRegister) {
        try {
          await seedSampleRegisterIfEmpty(storage, logger);
        } catch (error) {
          logger.error('sample_register.failed', errorFields(error));
        }
      }
      const bound = await server.listen(port, host);
      if (config.reminders.schedule) {
        scheduler = startReminderScheduler({
          run: () => reminders.run(),
          schedule: reminders.schedule,
          logger,
        });
      }
      return bound;
    },
    async stop() {
      scheduler?.stop();
      await server.close();
      if (options.storage) return;
      try {
        await storage.close();
      } catch (error) {
        logger.error('storage.close_failed', errorFields(error));
      }
    },
  };
}
