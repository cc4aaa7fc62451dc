import { config as loadDotenv } from 'dotenv';
import { createLogger, errorFields, type Logger } from '../shared/logger';
import { say, type Lang, type Text, type TextParams } from '../texts';

/** Where a command writes, a line at a time: the report to `out`, problems and logs to `err`. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text + '\n'),
  err: (text) => process.stderr.write(text + '\n'),
};

/**
 * All a command uses of its process besides the arguments: where it writes, the environment it is configured
 * from, and the folder the file names it is given are relative to. A command is a function of its arguments and
 * this, so tests run it in process with their own and read the exit code it returns.
 */
export interface CommandIo extends Output {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A command's entry point: what the script runs with the process's own io, and tests with theirs. */
export type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

export function processIo(): CommandIo {
  // npm runs scripts in the package's folder and passes the folder the command was typed in as INIT_CWD: a
  // relative path means the latter.
  const initCwd = process.env.INIT_CWD;
  return {
    ...processOutput,
    env: process.env,
    cwd: initCwd !== undefined && initCwd !== '' ? initCwd : process.cwd(),
  };
}

/** What a command's argument parser returns; `P` names the texts that describe a problem with the arguments. */
export type ParsedArguments<A, P extends string> =
  | { kind: 'run'; args: A }
  | { kind: 'help'; lang: Lang }
  | { kind: 'invalid'; lang: Lang; problem: P; params?: TextParams };

/** The exit code every command uses for a wrong command line. */
export const usageExitCode = 2;

/**
 * Answers `--help` and a wrong command line the same way in every command: usage on stdout for help, the
 * problem and the usage on stderr otherwise. Returns the exit code, or the arguments when the command should run.
 */
export function argumentsOrExitCode<A, P extends string>(
  parsed: ParsedArguments<A, P>,
  texts: Readonly<Record<P | 'usage', Text>>,
  output: Output,
): { args: A } | { exitCode: number } {
  if (parsed.kind === 'run') return { args: parsed.args };
  if (parsed.kind === 'help') {
    output.out(say(parsed.lang, texts.usage));
    return { exitCode: 0 };
  }
  output.err(say(parsed.lang, texts[parsed.problem], parsed.params));
  output.err(say(parsed.lang, texts.usage));
  return { exitCode: usageExitCode };
}

/** Logs go to stderr so the report on stdout stays readable and can be piped. */
export function cliLogger(output: Output): Logger {
  return createLogger({ level: 'warn', sink: (line) => output.err(line) });
}

/**
 * Runs a command as a process: a .env in the working folder configures storage as for the bot (quietly, so
 * stdout holds the report only), the command's exit code ends the process, and anything it did not handle is
 * logged with ids only under `failureEvent` and ends it with `failureExitCode`.
 */
export function runCommand(run: Command, failureEvent: string, failureExitCode: number): void {
  loadDotenv({ quiet: true });
  run(process.argv.slice(2), processIo()).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        JSON.stringify({ level: 'error', event: failureEvent, ...errorFields(error) }) + '\n',
      );
      process.exit(failureExitCode);
    },
  );
}
