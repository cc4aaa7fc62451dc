/**
 * What the app reports beyond its log lines, and whether it does at all: Application Insights through the Azure
 * Monitor distro (azureMonitor.ts) when APPLICATIONINSIGHTS_CONNECTION_STRING is set, nothing when it is not.
 */
import type { LogFields, Logger } from '../../shared/logger';

export interface Telemetry {
  /** A custom event (App Insights customEvents) with ids and counts only. */
  trackEvent(name: string, properties?: LogFields): void;
  /** The logger that also sends each line it writes as a trace. */
  withLogs(logger: Logger): Logger;
  /** Sends what is buffered; call at shutdown. */
  flush(): Promise<void>;
}

/** No connection string: nothing is collected or sent. */
export const noTelemetry: Telemetry = {
  trackEvent() {},
  withLogs: (logger) => logger,
  flush: () => Promise.resolve(),
};

/**
 * Starts telemetry when there is somewhere to send it. The distro and its instrumentations are loaded only then:
 * loading them costs about a second of CPU at every start, which a bot without Application Insights (every
 * local run, every test that starts the app) should not pay. Call it before the bot's modules are required.
 */
export async function startTelemetry(connectionString: string | undefined): Promise<Telemetry> {
  if (connectionString === undefined) return noTelemetry;
  const { startAzureMonitor } = await import('./azureMonitor');
  return startAzureMonitor(connectionString);
}
