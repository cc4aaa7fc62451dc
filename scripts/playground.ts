import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run playground`: the bot (built by the npm script first) and Microsoft 365 Agents Playground together,
 * for trying Systemkollen in a simulated Teams without a tenant. Both outputs go to this terminal; Ctrl-C, or
 * either of them stopping, stops both.
 *
 *   PORT                    the bot's port (default 3978)
 *   TEAMSAPPTESTER_PORT     the Playground's port (default 56150; it picks another when that one is taken)
 *   TEAMSAPPTESTER_BROWSER  set to "none" to keep the Playground from opening a browser
 *
 * Who you are in the Playground is set in .m365agentsplayground.yml.
 */

const projectDir = path.resolve(__dirname, '..');
const botPort = process.env.PORT ?? '3978';
const botEndpoint = `http://127.0.0.1:${botPort}/api/messages`;

const children: ChildProcess[] = [];
let stopping = false;

function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
    const lines = chunk.toString('utf8').replace(/\n$/, '').split('\n');
    target.write(lines.map((line) => prefix + line).join('\n') + '\n');
  };
  child.stdout?.on('data', forward(process.stdout));
  child.stderr?.on('data', forward(process.stderr));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(
        `${prefix}stopped (${signal ?? `exit code ${code}`}); stopping the other one too\n`,
      );
      stopAll(code === 0 ? 1 : (code ?? 1));
    }
  });
  children.push(child);
  return child;
}

function stopAll(exitCode: number): void {
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  if (running.length === 0) process.exit(exitCode);
  let left = running.length;
  for (const child of running) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(exitCode);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 10_000).unref();
}

async function waitForBot(timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (stopping) return;
    try {
      const response = await fetch(`http://127.0.0.1:${botPort}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the bot did not answer on port ${botPort} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  start('bot', ['--disable-warning=DEP0111', path.join(projectDir, 'dist', 'index.js')], {
    ...process.env,
    PORT: botPort,
  });
  // The Playground installs the app (and the bot sends its welcome) as soon as its page opens: the bot must listen.
  await waitForBot(60_000);
  if (stopping) return;
  start(
    'playground',
    [
      path.join(projectDir, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
      '--app-endpoint',
      botEndpoint,
      '--disable-telemetry',
    ],
    {
      // Its log would otherwise land in a devTools/ folder in the project.
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(os.tmpdir(), 'systemkollen-m365agentsplayground.log'),
      ...process.env,
      BOT_ENDPOINT: botEndpoint,
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm run playground failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  stopAll(1);
});
