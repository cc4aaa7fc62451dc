import { config as loadDotenv } from 'dotenv';
import type { Application } from './composition';
import { ConfigError, localModeWarning, type AppConfig } from './config';
import { loadStartupConfig, type ConfiguredContent } from './configuredContent';
import { noTelemetry, type Telemetry } from './infrastructure/telemetry/telemetry';
import { createLogger, errorFields } from './shared/logger';

/** Wiring only: configuration, composition, listening, and the process's life cycle. */
async function main(): Promise<void> {
  // A developer's .env is optional; DOTENV_CONFIG_PATH points elsewhere (tests use /dev/null).
  loadDotenv({ quiet: true });
  const { config, content } = configOrExit();
  const telemetry = await startTelemetry(config.applicationInsightsConnectionString);
  const logger = telemetry.withLogs(createLogger({ level: config.logLevel }));

  process.on('unhandledRejection', (reason) => {
    // Logged and survived: one failed background promise must not take every conversation down.
    logger.error('process.unhandled_rejection', errorFields(reason));
  });
  process.on('uncaughtException', (error) => {
    // State after a synchronous throw nobody caught is unknown; exit and let the host restart us.
    logger.error('process.uncaught_exception', errorFields(error));
    process.exit(1);
  });

  const { compose } = await import('./composition');
  const application = await compose(config, { logger, content, telemetry });
  const port = await startOrExit(application, config.port);
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
    await telemetry.flush();
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

/** A port already taken is an operator's problem, not a crash: say which port and what to do, and exit 1. */
async function startOrExit(application: Application, port: number): Promise<number> {
  try {
    return await application.start(port);
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

/**
 * Before the bot's modules load: the distro instruments HTTP and the Azure SDKs as they are required. It is
 * loaded only when there is somewhere to send telemetry: loading it costs about a second of CPU at every start,
 * which a bot without Application Insights (every local run, every test that starts the app) should not pay.
 */
async function startTelemetry(connectionString: string | undefined): Promise<Telemetry> {
  if (connectionString === undefined) return noTelemetry;
  const { startAzureMonitor } = await import('./infrastructure/telemetry/azureMonitor');
  return startAzureMonitor(connectionString);
}

main().catch((error: unknown) => {
  process.stderr.write(`Systemkollen failed to start (${String(errorFields(error).errorType)}).\n`);
  createLogger().error('process.start_failed', errorFields(error));
  process.exit(1);
});
