/**
 * Structured logging, one JSON object per line. Fields are ids, counts and codes only: never message text,
 * names or e-mail addresses (the type allows primitives, the discipline is ours; tests check the output).
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** For a line written on every request: its fields need not be built when nobody will read them. */
  isEnabled(level: LogLevel): boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogSink = (line: string) => void;

export function createLogger(options: { level?: LogLevel; sink?: LogSink } = {}): Logger {
  const minimum = levelRank[options.level ?? 'info'];
  const sink: LogSink = options.sink ?? ((line) => process.stdout.write(line + '\n'));
  const write = (level: LogLevel, event: string, fields?: LogFields) => {
    if (levelRank[level] < minimum) return;
    sink(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    isEnabled: (level) => levelRank[level] >= minimum,
  };
}

/** The error's class and code, never its message: messages from SDKs can echo request content. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    return {
      errorType: error.name,
      errorCode: typeof code === 'string' || typeof code === 'number' ? String(code) : undefined,
      statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    };
  }
  return { errorType: typeof error };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  isEnabled: () => false,
};
