import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '../../src/cli/cliSupport';
import { projectRoot } from '../../src/shared/projectRoot';

/** What a command did: its exit code, and what it wrote to stdout and stderr, a line at a time. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandRunOptions {
  /** The whole environment the command sees; nothing comes from the test process or a .env file. */
  env: NodeJS.ProcessEnv;
  /** The folder relative file names are read against; default the project root, as under `npm run`. */
  cwd?: string;
}

/**
 * Runs a command in this process through the entry point its script calls, so a test costs what the command
 * does and not a ts-node start. The process wiring around it (argv, .env, exit code) is covered once per command
 * with runNpmScript.
 */
export async function runInProcess(
  command: Command,
  argv: readonly string[],
  options: CommandRunOptions,
): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const code = await command(argv, {
    out: (text) => void (stdout += text + '\n'),
    err: (text) => void (stderr += text + '\n'),
    env: { ...options.env },
    cwd: options.cwd ?? projectRoot,
  });
  return { code, stdout, stderr };
}

/**
 * Runs `npm run <script> -- <args>` as npm does (the script's command line in a shell, in the project root, with
 * node_modules/.bin first on PATH), without npm's own start-up. The environment is `env` and PATH only.
 */
export function runNpmScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CommandRun> {
  const scripts = (
    JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const commandLine = scripts[script];
  if (commandLine === undefined) throw new Error(`package.json has no script ${script}`);
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', `${commandLine} "$@"`, script, ...args], {
      cwd: projectRoot,
      env: {
        ...env,
        PATH: [path.join(projectRoot, 'node_modules', '.bin'), process.env.PATH ?? ''].join(path.delimiter),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null) reject(new Error(`${script} ended by ${signal ?? 'a signal'}`));
      else resolve({ code, stdout, stderr });
    });
  });
}
