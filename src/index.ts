import { config as loadDotenv } from 'dotenv';
import { compose, loadStartupConfig, type ConfiguredContent } from './composition';
import { ConfigError, localModeWarning, type AppConfig } from './config';
import { createLogger, errorFields } from './shared/logger';

/** Wiring only: configuration, composition, listening, and the process's life cycle. */
async function main(): Promise<void> {
  // A developer's .env is optional; DOTENV_CONFIG_PATH points elsewhere (tests use /dev/null).
  loadDotenv({ quiet: true });
  const { config, content } = configOrExit();
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

  const application = await compose(config, { logger, content });
  const port = await application.start(config.port);
  if (config.localMode) process.stderr.write(localModeWarning(port, config.host) + '\n');

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('process.stopping', { signal });
    // Should anything below hang, the host's own kill comes later than this.
    setTimeout(() => process.exit(1), 20_000).unref();
    await application.stop();
    logger.info('process.stopped', { signal });
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

function configOrExit(): { config: AppConfig; content: ConfiguredContent } {
  try {
    return loadStartupConfig(process.env);
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
