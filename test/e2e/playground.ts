import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const projectDir = path.resolve(__dirname, '..', '..');
const playgroundCli = path.join(projectDir, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
/** Who the Playground says the user is: the same file `npm run playground` uses. */
export const playgroundConfigPath = path.join(projectDir, '.m365agentsplayground.yml');

export const chromiumInstallHint =
  'apt-get update && apt-get install -y --no-install-recommends chromium (npm test and .ci/run do this when they run as root)';

/**
 * Debian's Chromium (or CHROMIUM_PATH). Missing is a failure, not a skip: CI installs it, so a missing browser
 * means a broken setup that must not pass as green.
 */
export function chromiumExecutable(): string {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    throw new Error(`Chromium is missing at ${candidate}. Install it: ${chromiumInstallHint}`);
  }
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    // The background-networking flags keep Chromium from calling Google's hosts: the machine has no internet.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPlayground {
  /** Where the Playground's web client is served. */
  url: string;
  /** Everything the Playground printed, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the Playground's CLI pointed at the bot, in a temporary folder so its devTools log stays out of the
 * project. It falls back to a random port when the one asked for is taken, so the port is read from its
 * "Listening on" line rather than assumed.
 */
export async function startPlayground(options: {
  botEndpoint: string;
  timeoutMs?: number;
}): Promise<RunningPlayground> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-playground-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [playgroundCli, '--port', String(port), '--app-endpoint', options.botEndpoint, '--disable-telemetry'],
    {
      cwd: workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        BOT_ENDPOINT: options.botEndpoint,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: playgroundConfigPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'playground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));

  const stop = async () => {
    await stopChild(child);
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    const listeningPort = await waitForListening(child, () => output, options.timeoutMs ?? 30_000);
    return { url: `http://127.0.0.1:${listeningPort}/`, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = setInterval(() => {
      const match = /Listening on (\d+)/.exec(output());
      if (match?.[1] !== undefined) {
        clearInterval(check);
        resolve(Number(match[1]));
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`the Playground exited with code ${child.exitCode}:\n${output()}`));
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(check);
        reject(new Error(`the Playground did not start within ${timeoutMs} ms:\n${output()}`));
      }
    }, 100);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killTimer);
}
