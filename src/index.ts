import { config as loadDotenv } from 'dotenv';
import { createServer } from './bot/server';
import { ConfigError, loadConfig, localModeWarning, type AppConfig } from './config';
import { seedSampleRegisterIfEmpty } from './infrastructure/registerFile/sampleRegister';
import { startReminderScheduler } from './infrastructure/reminders/scheduler';
import { createStorage } from './infrastructure/storage/createStorage';
import { createLogger, errorFields } from './shared/logger';

/** Wiring only: configuration, logger, storage, sample data, server, and the process's life cycle. */
async function main(): Promise<void> {
  // A developer's .env is optional; DOTENV_CONFIG_PATH points elsewhere (tests use /dev/null).
  loadDotenv({ quiet: true });
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel });

  process.on('unhandledRejection', (reason) => {
    // Logged and survived: one failed background promise must not take every conversation down.
    logger.error('process.unhandled_rejection', errorFields(reason));
  });
  process.on('uncaughtException', (error) => {
    // State after a synchronous throw nobody caught is unknown; exit and let the host restart us.
    logger.error('process.uncaught_exception', errorFields(error));
    process.exit(1);
  });

  logger.info('process.starting', {
    nodeEnv: config.nodeEnv,
    storage: config.storage.kind,
    authentication: config.bot ? config.bot.type : 'off',
    tenantFilter: config.allowedTenantIds ? config.allowedTenantIds.length : 'off',
    checklist: config.checklist.id,
    admins: config.checklistAccess.admins.length,
    securityCoordinators: config.checklistAccess.securityCoordinators.length,
  });
  if (config.production && config.storage.kind === 'local') {
    logger.warn('storage.local_in_production', {
      hint: 'set COSMOS_ENDPOINT; local files are lost on redeploy',
    });
  }

  const storage = await createStorage(config.storage, logger);
  if (config.sampleRegister) {
    try {
      await seedSampleRegisterIfEmpty(storage, logger);
    } catch (error) {
      logger.error('sample_register.failed', errorFields(error));
    }
  }

  const server = createServer({ config, storage, logger });
  const port = await listenOrExit(server, config.port);
  if (config.localMode) process.stderr.write(localModeWarning(port) + '\n');
  const reminderScheduler = config.reminders.schedule
    ? startReminderScheduler({
        run: () => server.reminders.run(),
        schedule: server.reminders.schedule,
        logger,
      })
    : undefined;

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('process.stopping', { signal });
    // Should anything below hang, the host's own kill comes later than this.
    setTimeout(() => process.exit(1), 20_000).unref();
    reminderScheduler?.stop();
    await server.close();
    try {
      await storage.close();
    } catch (error) {
      logger.error('storage.close_failed', errorFields(error));
    }
    logger.info('process.stopped', { signal });
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

/** A port already taken is an operator's problem, not a crash: say which port and what to do, and exit 1. */
async function listenOrExit(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  try {
    return await server.listen(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') throw error;
    process.stderr.write(
      `Systemkollen cannot start: port ${port} is already in use, perhaps by another Systemkollen ` +
        `or a Playground still running.\nStop that program, or start Systemkollen on a free port ` +
        `with PORT, for example PORT=${port + 1}.\n`,
    );
    process.exit(1);
  }
}

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Systemkollen cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Systemkollen failed to start (${String(errorFields(error).errorType)}).\n`);
  createLogger().error('process.start_failed', errorFields(error));
  process.exit(1);
});
