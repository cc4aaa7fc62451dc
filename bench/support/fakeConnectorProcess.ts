/**
 * The fake Bot Connector (test/support/fakeConnector.ts) in a process of its own, as the service URL of a
 * benchmark's activities: the bot's Teams member lookup gets an answer, as it would from Teams, and answering it
 * takes no time from the benchmark's own process (autocannon) or the server under test.
 *
 * The parent calls startFakeConnectorProcess; the child (this file run directly) starts the connector with the
 * members in FAKE_CONNECTOR_MEMBERS (JSON) and writes its service URL as its first line on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { startFakeConnector, type FakeMember } from '../../test/support/fakeConnector';

export interface FakeConnectorProcess {
  serviceUrl: string;
  child: ChildProcess;
  /** Every line the process wrote after its service URL. */
  output: string[];
  stop(): Promise<void>;
}

const serviceUrlLine = /^serviceUrl (\S+)$/;

export async function startFakeConnectorProcess(
  members: readonly FakeMember[],
  cwd: string,
): Promise<FakeConnectorProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      TS_NODE_TRANSPILE_ONLY: 'true',
      FAKE_CONNECTOR_MEMBERS: JSON.stringify(members),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopOnExit = () => child.kill('SIGKILL');
  process.on('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output: string[] = [];
  const serviceUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fake connector did not start within 30 s')), 30_000);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const match = serviceUrlLine.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        } else output.push(line);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fake connector exited (${code}) before it started:\n${output.join('\n')}`));
    });
  });
  return {
    serviceUrl,
    child,
    output,
    async stop() {
      process.off('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function runChild(): Promise<void> {
  const members = JSON.parse(process.env.FAKE_CONNECTOR_MEMBERS ?? '[]') as FakeMember[];
  const connector = await startFakeConnector({ members });
  process.stdout.write(`serviceUrl ${connector.serviceUrl}\n`);
  process.on('SIGTERM', () => {
    void connector.stop().then(() => process.exit(0));
  });
}

if (require.main === module) {
  runChild().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
