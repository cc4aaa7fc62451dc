import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/shared/projectRoot';
import { eventually } from './eventually';

/** A start includes ts-node compiling the app; two at once on a busy machine take longer still. */
const startTimeoutMs = 30_000;
/** The app's own shutdown gives up after 20 s (index.ts); a test does not wait that long for a clean exit. */
const stopTimeoutMs = 10_000;

export interface AppProcess {
  /** http://127.0.0.1:<port>, the port the app bound (it was given PORT=0). */
  baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, and SIGKILL when the app has not exited after a while; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The app as a process, from its start: what it wrote so far and how it ended, whether or not it listens. */
export interface SpawnedApp {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

export interface SpawnOptions {
  /** Code run in the process before src/index.ts is required (to plant a fault, say). */
  runFirst?: string;
}

/**
 * Starts src/index.ts in a process of its own, as `npm start` would, with only the environment given (no
 * developer .env, no shell variables; PORT 0 unless given). Should the test runner exit first, the process is
 * killed then, so none is left behind.
 */
export function spawnApp(env: Record<string, string>, options: SpawnOptions = {}): SpawnedApp {
  const entry = options.runFirst
    ? ['-e', `${options.runFirst}\nrequire('./src/index.ts');`]
    : ['src/index.ts'];
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...entry], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', DOTENV_CONFIG_PATH: '/dev/null', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * Starts the app as spawnApp does and resolves once it listens. Fails naming the app's stderr when it exits
 * first.
 */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const { child, stdout, stderr, exited } = spawnApp(env);
  const stop = async () => {
    if (!isRunning(child)) return exited;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, stopTimeoutMs)));
    await Promise.race([exited, late]);
    clearTimeout(timer);
    if (isRunning(child)) child.kill('SIGKILL');
    return exited;
  };

  try {
    const port = await eventually(
      'the app to listen',
      () => {
        if (!isRunning(child)) throw new Error(`the app exited before listening:\n${stderr()}`);
        return listeningPort(stdout());
      },
      { timeoutMs: startTimeoutMs },
    );
    return { baseUrl: `http://127.0.0.1:${port}`, stdout, stderr, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** The port of the app's `server.listening` log line, once written (a line still being written is not read). */
export function listeningPort(stdout: string): number | undefined {
  for (const line of stdout.split('\n').slice(0, -1)) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { event?: string; port?: number };
    if (entry.event === 'server.listening') return entry.port;
  }
  return undefined;
}
