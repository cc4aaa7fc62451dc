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
import { createBotApplication, type FeatureDeps, type FollowUpDeps } from './bot/app';
import { logTemplatesExpandedByLibrary } from './bot/cards/templates';
import { clientCacheLimits } from './bot/clientCache';
import { ConversationReferenceCache, conversationReferenceCacheLimits } from './bot/conversationReferences';
import {
  createReminderRunner,
  type ReminderRunner,
  type ReminderRunnerOptions,
  type ReminderRunnerSeams,
} from './bot/reminders/reminderRunner';
import { createServer, type BotServer, type ServerOptions } from './bot/server';
import { createTeamsIdentity, identityCacheLimits } from './bot/teamsIdentity';
import {
  ConfigError,
  loadConfig,
  loadSettings,
  reminderScheduleOf,
  type AppConfig,
  type ConfigProblem,
  type SettingValues,
} from './config';
import { CurrentRegister } from './domain/answers/currentRegister';
import { QuestionContexts } from './domain/answers/questionContexts';
import { RoleGuidelineError, type RoleGuideline } from './domain/answers/roleGuideline';
import type { Checklist } from './domain/checklist/checklist';
import { createReviewService } from './domain/checklist/reviewService';
import { FollowUpCalendar } from './domain/followUp/followUpCalendar';
import type { Storage } from './domain/ports';
import { ChecklistFileError, loadChecklistSync } from './infrastructure/checklist/loadChecklist';
import { exportReviews } from './infrastructure/checklist/reviewExport';
import { defaultRoleGuidelinePath, readRoleGuidelineFile } from './infrastructure/content/roleGuidelineFile';
import { seedSampleRegisterIfEmpty } from './infrastructure/registerFile/sampleRegister';
import { startReminderScheduler, type ReminderScheduler } from './infrastructure/reminders/scheduler';
import { createStorage } from './infrastructure/storage/createStorage';
import { BoundedCache } from './shared/boundedCache';
import { createLogger, errorFields, type Logger } from './shared/logger';

/** What the files named by the configuration hold, read and checked at start-up. */
export interface ConfiguredContent {
  /** The follow-up checklist (CHECKLIST_FILE, or the bundled one). */
  checklist: Checklist;
  /** What each role means (ROLE_GUIDELINE_FILE, or the bundled one). */
  roleGuideline: RoleGuideline;
}

export interface CompositionOptions {
  /** Default: the store the configuration names, opened here and closed by stop(). */
  storage?: Storage;
  /** Default: JSON lines on stdout at the configured level. */
  logger?: Logger;
  /** The clock of every service; default the system's. */
  now?: () => Date;
  /** Default: read from the files the configuration names. */
  content?: ConfiguredContent;
  /** Test seam only (see ChannelAuthenticationEndpoints); index.ts never sets it. */
  channelAuthentication?: ChannelAuthenticationEndpoints;
  http?: Pick<ServerOptions, 'maxBodyBytes' | 'shutdownTimeoutMs' | 'readinessTimeoutMs'>;
  reminders?: ReminderRunnerSeams;
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
   * resolves with the bound port. Without a host, every interface.
   */
  start(port: number, host?: string): Promise<number>;
  /** Stops the scheduler and the server, then closes the storage when it was opened here. */
  stop(): Promise<void>;
}

/** Reads the configuration and the files it names, and reports every problem of both at once. */
export function loadStartupConfig(env: NodeJS.ProcessEnv): { config: AppConfig; content: ConfiguredContent } {
  const problems: ConfigProblem[] = [];
  let config: AppConfig | undefined;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  // The file variables are plain paths that cannot be malformed, so their files are read even when other
  // variables are wrong: one start tells every problem.
  const files = config?.files ?? filesOf(loadSettings(env, ['CHECKLIST_FILE', 'ROLE_GUIDELINE_FILE']));
  const content = contentOrProblems(files, problems);
  if (config === undefined || content === undefined || problems.length > 0) throw new ConfigError(problems);
  return { config, content };
}

/** Reads the files the configuration names; a missing or malformed one is a ConfigError naming its variable. */
export function readConfiguredContent(files: AppConfig['files']): ConfiguredContent {
  const problems: ConfigProblem[] = [];
  const content = contentOrProblems(files, problems);
  if (content === undefined) throw new ConfigError(problems);
  return content;
}

function contentOrProblems(
  files: AppConfig['files'],
  problems: ConfigProblem[],
): ConfiguredContent | undefined {
  const roleGuideline = roleGuidelineFrom(files.roleGuideline, problems);
  const checklist = checklistFrom(files.checklist, problems);
  return roleGuideline && checklist ? { roleGuideline, checklist } : undefined;
}

const filesOf = (values: SettingValues<'CHECKLIST_FILE' | 'ROLE_GUIDELINE_FILE'>): AppConfig['files'] => ({
  checklist: values.CHECKLIST_FILE,
  roleGuideline: values.ROLE_GUIDELINE_FILE,
});

/** Like the role guideline: a checklist file that is missing or malformed stops the bot with every problem. */
function checklistFrom(file: string | undefined, problems: ConfigProblem[]): Checklist | undefined {
  try {
    return loadChecklistSync(file);
  } catch (error) {
    if (!(error instanceof ChecklistFileError)) throw error;
    const which = file === undefined ? 'not set, and the bundled default' : file;
    // JSON.parse's message quotes the file's text; the configuration error names problems, never content.
    const found = error.problems.map((p) =>
      p.problem.startsWith('not valid JSON') ? 'the file is not valid JSON' : `${p.path}: ${p.problem}`,
    );
    problems.push({ variable: 'CHECKLIST_FILE', problem: `${which} is unusable: ${found.join('; ')}` });
    return undefined;
  }
}

/**
 * The role guideline is read at start-up, so a replacement that is missing or malformed stops the bot with the
 * reason instead of failing the first "vad gör en systemförvaltare?".
 */
function roleGuidelineFrom(file: string | undefined, problems: ConfigProblem[]): RoleGuideline | undefined {
  try {
    return readRoleGuidelineFile(file ?? defaultRoleGuidelinePath);
  } catch (error) {
    if (!(error instanceof RoleGuidelineError)) throw error;
    const which = file === undefined ? `not set, and the default ${defaultRoleGuidelinePath}` : file;
    problems.push({
      variable: 'ROLE_GUIDELINE_FILE',
      problem: `${which} is unusable: ${error.problems.join('; ')}`,
    });
    return undefined;
  }
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
  });
  const conversationReferenceCache = new ConversationReferenceCache(conversationReferenceCacheLimits);
  const reminders = reminderRunnerFor(config, {
    adapter,
    storage,
    logger,
    conversationReferenceCache,
    now,
    ...options.reminders,
  });

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
    identity: createTeamsIdentity({
      logger,
      ...(config.allowedTenantIds ? { allowedTenantIds: config.allowedTenantIds } : {}),
      cache: new BoundedCache({ ...identityCacheLimits, now: millis }),
    }),
    followUp,
    questionContexts: new QuestionContexts(storage.questionContexts, { now }),
    conversationReferenceCache,
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
    ...options.http,
  });

  let scheduler: ReminderScheduler | undefined;
  return {
    config,
    logger,
    storage,
    server,
    reminders,
    async start(port, host) {
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
