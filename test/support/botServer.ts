import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { ChannelAuthenticationEndpoints } from '../../src/bot/adapter';
import type { ReminderRunner, ReminderRunnerSeams } from '../../src/bot/reminders/reminderRunner';
import type { ConnectionLimits } from '../../src/bot/server';
import { compose } from '../../src/composition';
import { loadConfig, type AppConfig } from '../../src/config';
import type { Storage } from '../../src/domain/ports';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { createLogger } from '../../src/shared/logger';
import { testServiceUrl } from './activities';
import { startFakeConnector, type FakeConnector } from './fakeConnector';

export interface StartTestBotOptions {
  /** Environment for loadConfig, on top of NODE_ENV=test and a fresh DATA_DIR. */
  env?: Record<string, string>;
  /** Defaults to local storage in a fresh temporary folder, removed by stop(). */
  storage?: Storage;
  maxBodyBytes?: number;
  /** How long one /readyz storage check stands; default 0 here, so each /readyz reads storage (production: 5 s). */
  readinessCacheMs?: number;
  /** Shorter connection deadlines than production's (src/bot/server.ts, defaultConnectionLimits). */
  connectionLimits?: Partial<ConnectionLimits>;
  /** Verify tokens against a loopback OpenID server instead of Bot Framework's. */
  channelAuthentication?: ChannelAuthenticationEndpoints;
  /** The clock of every service; default the system's. */
  now?: () => Date;
  /** Shorter waits on Bot Framework stand-ins than production's. */
  timeouts?: { verifierMs?: number; connectorMs?: number };
  /** Faster retries, a Graph stand-in, and the like for the bot's own reminder runner. */
  reminders?: ReminderRunnerSeams;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body as text, exactly as sent. */
  body: string;
}

export interface LogEntry {
  level: string;
  event: string;
  [field: string]: unknown;
}

export interface TestBot {
  baseUrl: string;
  config: AppConfig;
  storage: Storage;
  /** The bot's own reminder runner: it shares the bot's adapter and caches, as in production. */
  reminders: ReminderRunner;
  /** The Bot Connector activities with the default test service URL go to: set members for lookups here. */
  connector: FakeConnector;
  /** Every log line the server wrote, as written (JSON), debug level included. */
  logLines: string[];
  logEntries(): LogEntry[];
  /** Posts with deliveryMode expectReplies and returns the bot's replies; fails on a non-200 answer. */
  send(activity: Partial<Activity>, headers?: Record<string, string>): Promise<Activity[]>;
  /** Posts to /api/messages as is: an activity (sent as JSON) or a raw string body. */
  post(activity: Partial<Activity> | string, headers?: Record<string, string>): Promise<RawResponse>;
  get(pathname: string): Promise<RawResponse>;
  stop(): Promise<void>;
}

/** Composes the application as index.ts does (adapter, Application, features, reminders) on a loopback port. */
export async function startTestBot(options: StartTestBotOptions = {}): Promise<TestBot> {
  const dataDir = options.storage ? undefined : await mkdtemp(path.join(os.tmpdir(), 'systemkollen-bot-'));
  const config = loadConfig({ NODE_ENV: 'test', ...(dataDir ? { DATA_DIR: dataDir } : {}), ...options.env });
  const storage = options.storage ?? (await createLocalStorage(dataDir as string));
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => logLines.push(line) });
  const application = await compose(config, {
    storage,
    logger,
    http: {
      shutdownTimeoutMs: 2000,
      readinessCacheMs: options.readinessCacheMs ?? 0,
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.connectionLimits ? { connectionLimits: options.connectionLimits } : {}),
    },
    ...(options.channelAuthentication ? { channelAuthentication: options.channelAuthentication } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    ...(options.reminders ? { reminders: options.reminders } : {}),
  });
  // Listening only: no sample register and no scheduler, so each test sees exactly the data it wrote.
  const port = await application.server.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;

  const toRaw = async (response: Response): Promise<RawResponse> => ({
    status: response.status,
    headers: response.headers,
    body: await response.text(),
  });

  // Teams' service URL always answers; activities built with the default test URL are sent to a fake Bot
  // Connector, so the member lookups a turn makes get a quick answer (unknown members: 404) as they would in Teams.
  const connector = await startFakeConnector();
  const routed = (activity: Partial<Activity>) =>
    activity.serviceUrl === testServiceUrl ? { ...activity, serviceUrl: connector.serviceUrl } : activity;

  const post = async (activity: Partial<Activity> | string, headers: Record<string, string> = {}) =>
    toRaw(
      await fetch(`${baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
        // A signed token names the service URL it was issued for, so an authenticated request goes as written.
        body:
          typeof activity === 'string'
            ? activity
            : JSON.stringify(headers.Authorization ? activity : routed(activity)),
      }),
    );

  return {
    baseUrl,
    config,
    storage,
    reminders: application.reminders,
    connector,
    logLines,
    logEntries: () => logLines.map((line) => JSON.parse(line) as LogEntry),
    async send(activity, headers) {
      const response = await post({ ...activity, deliveryMode: 'expectReplies' }, headers);
      if (response.status !== 200) throw new Error(`expected 200 from /api/messages, got ${response.status}`);
      if (response.body === '') return [];
      return (JSON.parse(response.body) as { activities?: Activity[] }).activities ?? [];
    },
    post,
    async get(pathname) {
      return toRaw(await fetch(`${baseUrl}${pathname}`));
    },
    async stop() {
      await application.stop();
      await connector.stop();
      if (!options.storage) await storage.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
