/**
 * What the app reports beyond its log lines: Application Insights through the Azure Monitor distro
 * (azureMonitor.ts) when APPLICATIONINSIGHTS_CONNECTION_STRING is set, nothing (noTelemetry) when it is not.
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
