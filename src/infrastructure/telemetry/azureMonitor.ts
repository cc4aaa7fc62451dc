/**
 * Telemetry to Application Insights through Microsoft's Azure Monitor OpenTelemetry distro, when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set; nothing at all when it is not.
 *
 * What is sent: incoming requests (/api/messages, /api/reminders/run; not the health probes), dependencies, the
 * app's own log lines as traces (imports and refusals among them), and a custom event per reminder run with its
 * counts. Everything passes the privacy processors (privacy.ts) first. Dependencies come from three
 * instrumentations:
 * - the distro's HTTP instrumentation (Node's http/https modules): the Bot Connector, token endpoints;
 * - the distro's Azure SDK instrumentation: Cosmos DB;
 * - the undici instrumentation, registered here beside the distro (it does not cover global `fetch`, which is
 *   undici): Microsoft Graph's app install, the register file download and the file consent upload. Pinned to
 *   0.28.0, the release built on the same @opentelemetry/instrumentation (0.218) as the distro 1.18; later ones
 *   need a newer one and Node 22.
 *
 * Traces are sampled as the distro does by default: at most five a second, which a bot of a municipality rarely
 * reaches, and which keeps a flood of refused requests from running up the bill. An operator changes it with
 * OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG (e.g. always_on, or microsoft.rate_limited and a number).
 *
 * What is not: Live Metrics (it streams unsampled documents to another endpoint) and the SDK's own usage
 * statistics ("statsbeat", sent to Microsoft, which also queries the VM metadata address): a municipality's
 * telemetry goes to its own Application Insights resource and nowhere else.
 *
 * The distro patches modules as they are loaded, so start this before the bot's modules are required.
 */
import { useAzureMonitor, shutdownAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics, trace } from '@opentelemetry/api';
import { logs, SeverityNumber, type Logger as OtelLogger } from '@opentelemetry/api-logs';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { LogFields, Logger, LogLevel } from '../../shared/logger';
import type { Telemetry } from './telemetry';
import { PrivacyLogRecordProcessor, PrivacySpanProcessor } from './privacy';

const severityOf: Record<LogLevel, SeverityNumber> = {
  debug: SeverityNumber.DEBUG,
  info: SeverityNumber.INFO,
  warn: SeverityNumber.WARN,
  error: SeverityNumber.ERROR,
};

/** Requests that say nothing an operator needs: App Service's health probes arrive every minute per instance. */
const probePaths = new Set(['/healthz', '/readyz']);

export function startAzureMonitor(connectionString: string): Telemetry {
  // Read by the exporter from the environment only (no option exists); see the header for why they are off.
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED = 'true';
  process.env.APPLICATIONINSIGHTS_SDKSTATS_DISABLED = 'true';
  // The cloud role name in Application Insights' application map; an operator's own OTEL_SERVICE_NAME wins.
  process.env.OTEL_SERVICE_NAME ??= 'systemkollen';
  // The HTTP instrumentation's own options (a subtype of what the distro's type names).
  const http = {
    enabled: true,
    ignoreIncomingRequestHook: (request: { url?: string }) =>
      probePaths.has((request.url ?? '').split('?')[0] ?? ''),
  };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http,
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    spanProcessors: [new PrivacySpanProcessor()],
    logRecordProcessors: [new PrivacyLogRecordProcessor()],
  });
  // The distro's documented way to add an instrumentation it does not bundle: on its global providers, after it.
  registerInstrumentations({
    tracerProvider: trace.getTracerProvider(),
    meterProvider: metrics.getMeterProvider(),
    // No request or response headers as attributes (the default): they carry tokens.
    instrumentations: [new UndiciInstrumentation()],
  });
  const otelLogger: OtelLogger = logs.getLogger('systemkollen');
  return {
    trackEvent(name, properties = {}) {
      otelLogger.emit({
        body: name,
        severityNumber: SeverityNumber.INFO,
        // The distro turns a log record with this attribute into an App Insights custom event.
        attributes: { 'microsoft.custom_event.name': name, ...definedOnly(properties) },
      });
    },
    withLogs: (logger) => teeLogger(logger, otelLogger),
    flush: () => shutdownAzureMonitor() ?? Promise.resolve(),
  };
}

function definedOnly(fields: LogFields): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** Writes each line as before and sends it as a trace at the same level; the level filter applies to both. */
function teeLogger(logger: Logger, otelLogger: OtelLogger): Logger {
  const write = (level: LogLevel) => (event: string, fields?: LogFields) => {
    logger[level](event, fields);
    if (!logger.isEnabled(level)) return;
    otelLogger.emit({
      body: event,
      severityNumber: severityOf[level],
      severityText: level.toUpperCase(),
      attributes: definedOnly(fields ?? {}),
    });
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    isEnabled: (level) => logger.isEnabled(level),
  };
}
