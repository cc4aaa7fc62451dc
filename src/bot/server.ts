import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { AppConfig } from '../config';
import type { Storage } from '../domain/ports';
import { loadChecklistSync } from '../infrastructure/checklist/loadChecklist';
import { exportReviews } from '../infrastructure/checklist/reviewExport';
import { buildLexicon } from '../domain/answers/lexicon';
import type { Vocabulary } from '../domain/answers/vocabulary';
import { defaultRoleGuidelinePath, readRoleGuidelineFile } from '../infrastructure/content/roleGuidelineFile';
import { defaultVocabularyPath, readVocabularyFile } from '../infrastructure/content/vocabularyFile';
import { errorFields, type Logger } from '../shared/logger';
import { withTimeout } from '../shared/withTimeout';
import { hasActivityShape } from './activityShape';
import type { Activity } from 'botbuilder';
import { activityIds, createAdapter, type ChannelAuthenticationEndpoints } from './adapter';
import { createBotApplication } from './app';
import { logTemplatesExpandedByLibrary } from './cards/templates';
import { neutralErrorBody, readJsonBody, sendJson } from './http';
import { createReminderRunner, type ReminderRunner } from './reminders/reminderRunner';
import { registerReminderRunRoute } from './reminders/runRoute';

export interface ServerOptions {
  /**
   * Without roleGuideline or checklist, the bundled defaults are used; without checklistAccess nobody is an
   * admin or security coordinator; without checklistDeadlines the follow-up is due 1 March.
   */
  config: Pick<AppConfig, 'bot' | 'allowedTenantIds'> &
    Partial<Pick<AppConfig, 'roleGuideline' | 'checklist' | 'checklistAccess' | 'checklistDeadlines'>> &
    Partial<Pick<AppConfig, 'production' | 'reminders' | 'graphAppInstall' | 'managedIdentityClientId'>>;
  storage: Storage;
  logger: Logger;
  /** The municipality's words for questions; without it, content/vocabulary.json as the product ships it. */
  vocabulary?: Vocabulary;
  /** Largest accepted /api/messages body; Teams activities are a few KB, cards tens of KB. */
  maxBodyBytes?: number;
  /** How long close() waits for in-flight requests before cutting their connections. */
  shutdownTimeoutMs?: number;
  /** How long /readyz waits for storage before answering 503. */
  readinessTimeoutMs?: number;
  /** Test seam only (see ChannelAuthenticationEndpoints); index.ts never sets it. */
  channelAuthentication?: ChannelAuthenticationEndpoints;
}

export interface BotServer {
  /** Resolves with the bound port (useful with port 0). Without a host, every interface. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and resolves when in-flight requests are done (or the timeout cut them). */
  close(): Promise<void>;
  /** Reminder runs through this server's adapter: for the scheduler (index.ts) and POST /api/reminders/run. */
  reminders: ReminderRunner;
}

export const defaultMaxBodyBytes = 256 * 1024;

export function createServer(options: ServerOptions): BotServer {
  const { storage, logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const adapter = createAdapter({
    credentials: options.config.bot,
    allowedTenantIds: options.config.allowedTenantIds,
    logger,
    ...(options.channelAuthentication ? { channelAuthentication: options.channelAuthentication } : {}),
  });
  const roleGuideline = options.config.roleGuideline ?? readRoleGuidelineFile(defaultRoleGuidelinePath);
  const checklist = options.config.checklist ?? loadChecklistSync();
  const app = createBotApplication(adapter, {
    storage,
    logger,
    roleGuideline,
    lexicon: buildLexicon(options.vocabulary ?? readVocabularyFile(defaultVocabularyPath)),
    checklist,
    checklistAccess: options.config.checklistAccess ?? { admins: [], securityCoordinators: [] },
    checklistDeadlines: options.config.checklistDeadlines ?? {},
    exportReviews: (exportOptions) => exportReviews(storage, { ...exportOptions, checklist }),
  });
  const reminders = createReminderRunner({ adapter, storage, logger, config: options.config });
  logTemplatesExpandedByLibrary(logger);

  // restify's own logger would print request details; ours is the only log.
  const silentPino = (restify as unknown as { logger: (options: object) => unknown }).logger({
    level: 'silent',
  });
  const server = restify.createServer({
    name: 'systemkollen',
    handleUncaughtExceptions: false,
    log: silentPino as restify.ServerOptions['log'],
  });
  let closing: Promise<void> | undefined;

  server.pre((_req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (closing) res.setHeader('Connection', 'close');
    next();
  });

  // restify's own errors (404, 405, ...) would echo the request path and internals.
  server.on(
    'restifyError',
    (_req: restify.Request, _res: restify.Response, err: Error, callback: () => void) => {
      const status = (err as { statusCode?: number }).statusCode ?? 500;
      Object.assign(err, { toJSON: () => neutralErrorBody(status) });
      callback();
    },
  );

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    sendJson(res, 200, { status: 'ok' });
  });

  registerReminderRunRoute(server, {
    runner: reminders,
    secret: options.config.reminders?.runSecret,
    logger,
  });

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    try {
      await withTimeout(storage.checkHealth(), options.readinessTimeoutMs ?? 5000);
      sendJson(res, 200, { status: 'ready', storage: storage.kind });
    } catch (error) {
      logger.warn('readiness.storage_unavailable', { storage: storage.kind, ...errorFields(error) });
      sendJson(res, 503, { status: 'unavailable' });
    }
  });

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const body = await readJsonBody(req, maxBodyBytes);
    if (!body.ok) {
      logger.warn('http.messages.rejected', { statusCode: body.status });
      if (body.status === 413) res.setHeader('Connection', 'close');
      sendJson(res, body.status, neutralErrorBody(body.status));
      return;
    }
    // botbuilder throws, rather than answering 400, for an activity whose type or service URL is not text.
    if (!hasActivityShape(body.value)) {
      logger.warn('http.messages.rejected', { ...activityIds(body.value), statusCode: 400 });
      sendJson(res, 400, neutralErrorBody(400));
      return;
    }
    const activity = body.value as unknown as Activity;
    const authorization = req.headers.authorization ?? '';
    const outcome = await adapter.processCheckedActivity(activity, authorization, (context) =>
      app.run(context).then(() => undefined),
    );
    if (outcome.status >= 400) {
      const fields = {
        ...activityIds(activity),
        ...(outcome.error === undefined ? {} : errorFields(outcome.error)),
        statusCode: outcome.status,
      };
      if (outcome.status >= 500) logger.error('http.messages.failed', fields);
      else logger.warn('http.messages.refused', fields);
      sendJson(res, outcome.status, neutralErrorBody(outcome.status));
    } else if (outcome.body === undefined) {
      res.statusCode = outcome.status;
      res.end();
    } else {
      sendJson(res, outcome.status, outcome.body);
    }
  });

  const httpServer = server.server;
  httpServer.on('request', (_req, res) => {
    // A keep-alive connection that finishes its last request while we close would otherwise hold close() open.
    res.on('finish', () => {
      if (closing) setImmediate(() => httpServer.closeIdleConnections());
    });
  });

  return {
    reminders,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        // Without a host Node listens on every interface, IPv6 included, as App Service expects.
        httpServer.listen({ port, ...(host !== undefined ? { host } : {}) }, () => {
          httpServer.off('error', reject);
          const bound = (httpServer.address() as AddressInfo).port;
          logger.info('server.listening', { port: bound });
          resolve(bound);
        });
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (!httpServer.listening) {
          resolve();
          return;
        }
        const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
        const forceTimer = setTimeout(() => {
          logger.warn('server.shutdown_timeout', { timeoutMs });
          httpServer.closeAllConnections();
        }, timeoutMs);
        forceTimer.unref();
        httpServer.close(() => {
          clearTimeout(forceTimer);
          logger.info('server.closed');
          resolve();
        });
        httpServer.closeIdleConnections();
      });
      return closing;
    },
  };
}
