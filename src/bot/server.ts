import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { Storage } from '../domain/ports';
import { errorFields, type Logger } from '../shared/logger';
import { withTimeout } from '../shared/withTimeout';
import { hasActivityShape } from './activityShape';
import type { Activity } from 'botbuilder';
import { activityIds, type SystemkollenAdapter } from './adapter';
import type { BotApplication } from './featureDeps';
import { neutralErrorBody, readJsonBody, sendJson } from './http';
import type { ReminderRunner } from './reminders/reminderRunner';
import { registerReminderRunRoute } from './reminders/runRoute';

/** The HTTP side only: every service comes made by the composition (src/composition.ts). */
export interface ServerOptions {
  adapter: SystemkollenAdapter;
  app: BotApplication;
  /** For POST /api/reminders/run. */
  reminders: ReminderRunner;
  /** REMINDERS_RUN_SECRET; undefined: the run route answers 404. */
  reminderRunSecret: string | undefined;
  /** For /readyz. */
  storage: Pick<Storage, 'kind' | 'checkHealth'>;
  logger: Logger;
  /** Largest accepted /api/messages body; Teams activities are a few KB, cards tens of KB. */
  maxBodyBytes?: number;
  /** How long close() waits for in-flight requests before cutting their connections. */
  shutdownTimeoutMs?: number;
  /** How long /readyz waits for storage before answering 503. */
  readinessTimeoutMs?: number;
  /** How long one /readyz storage check answers every /readyz call, so that callers cannot make storage work. */
  readinessCacheMs?: number;
  /** The clock of the readiness cache, in milliseconds; default the system's. */
  now?: () => number;
  /** Limits on the connections themselves (defaultConnectionLimits); tests shorten them. */
  connectionLimits?: Partial<ConnectionLimits>;
}

/**
 * What one client may hold. Teams posts a few KB and waits about 15 s for an answer, so a request whose headers
 * or body take longer than these is not Teams but someone holding a socket (Node's defaults keep a trickling body
 * for five minutes). Node checks the header and request deadlines every checkIntervalMs.
 */
export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  checkIntervalMs: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  checkIntervalMs: 1_000,
};

export interface BotServer {
  /** Resolves with the bound port (useful with port 0). Without a host, every interface. */
  listen(port: number, host?: string): Promise<number>;
  /** The bound address and port while listening. */
  address(): AddressInfo | undefined;
  /** Stops accepting connections and resolves when in-flight requests are done (or the timeout cut them). */
  close(): Promise<void>;
}

export const defaultMaxBodyBytes = 256 * 1024;
export const defaultReadinessCacheMs = 5_000;

export function createServer(options: ServerOptions): BotServer {
  const { storage, logger, adapter, app } = options;
  const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;

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
    runner: options.reminders,
    secret: options.reminderRunSecret,
    logger,
  });

  // /readyz needs no authentication (App Service's health check calls it), so one storage read answers every
  // call for a few seconds, and calls at the same time share the read in flight.
  const now = options.now ?? Date.now;
  const readinessCacheMs = options.readinessCacheMs ?? defaultReadinessCacheMs;
  let readiness: { checkedAt: number; ready: Promise<boolean> } | undefined;
  const checkReadiness = (): Promise<boolean> => {
    const at = now();
    if (readiness && at - readiness.checkedAt < readinessCacheMs) return readiness.ready;
    const ready = withTimeout(storage.checkHealth(), options.readinessTimeoutMs ?? 5000).then(
      () => true,
      (error: unknown) => {
        logger.warn('readiness.storage_unavailable', { storage: storage.kind, ...errorFields(error) });
        return false;
      },
    );
    readiness = { checkedAt: at, ready };
    return ready;
  };

  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    if (await checkReadiness()) sendJson(res, 200, { status: 'ready', storage: storage.kind });
    else sendJson(res, 503, { status: 'unavailable' });
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
      // A refused token is logged by the adapter, sampled, so that a flood of forged requests cannot flood the log.
      else if (outcome.status !== 401) logger.warn('http.messages.refused', fields);
      // Teams retries a 503; the verifier's keys are usually back within seconds.
      if (outcome.status === 503) res.setHeader('Retry-After', '5');
      sendJson(res, outcome.status, neutralErrorBody(outcome.status));
    } else if (outcome.body === undefined) {
      res.statusCode = outcome.status;
      res.end();
    } else {
      sendJson(res, outcome.status, outcome.body);
    }
  });

  const httpServer = server.server;
  const limits = { ...defaultConnectionLimits, ...options.connectionLimits };
  httpServer.headersTimeout = limits.headersTimeoutMs;
  httpServer.requestTimeout = limits.requestTimeoutMs;
  httpServer.keepAliveTimeout = limits.keepAliveTimeoutMs;
  httpServer.maxConnections = limits.maxConnections;
  // restify makes the http.Server without options, and Node reads this one when listening starts.
  (httpServer as { connectionsCheckingInterval?: number }).connectionsCheckingInterval =
    limits.checkIntervalMs;
  httpServer.on('request', (_req, res) => {
    // A keep-alive connection that finishes its last request while we close would otherwise hold close() open.
    res.on('finish', () => {
      if (closing) setImmediate(() => httpServer.closeIdleConnections());
    });
  });

  return {
    listen(port, host) {
      return new Promise((resolve, reject) => {
        // restify re-emits the HTTP server's errors on itself, where an unheard 'error' would be thrown as an
        // uncaught exception: a port in use must reach the caller instead.
        server.once('error', reject);
        // Without a host Node listens on every interface, IPv6 included, as App Service expects.
        httpServer.listen({ port, ...(host !== undefined ? { host } : {}) }, () => {
          server.off('error', reject);
          const bound = httpServer.address() as AddressInfo;
          logger.info('server.listening', { port: bound.port, address: bound.address });
          resolve(bound.port);
        });
      });
    },
    address() {
      const bound = httpServer.address();
      return bound !== null && typeof bound === 'object' ? bound : undefined;
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
