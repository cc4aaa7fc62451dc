/**
 * The in-memory Cosmos DB server (test/support/cosmosTestServer.ts) in a process of its own, as Cosmos DB is
 * another machine in production: a benchmark's process then spends its CPU on the bot's side of each request only.
 *
 * The parent calls startCosmosServerProcess; the child (this file run directly) starts the server with connections
 * kept open and writes its endpoint as its first line on stdout.
 */
import { spawn } from 'node:child_process';
import https from 'node:https';
import { startCosmosTestServer } from '../../test/support/cosmosTestServer';

export interface CosmosServerProcess {
  endpoint: string;
  key: string;
  /** Accepts the server's self-signed certificate and keeps connections open. */
  agent: https.Agent;
  stop(): Promise<void>;
}

const endpointLine = /^endpoint (\S+)$/;

export async function startCosmosServerProcess(cwd: string): Promise<CosmosServerProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename], {
    cwd,
    env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopOnExit = () => child.kill('SIGKILL');
  process.on('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const output: string[] = [];
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the Cosmos server did not start within 60 s')), 60_000);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const match = endpointLine.exec(line);
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
      reject(new Error(`the Cosmos server exited (${code}) before it started:\n${output.join('\n')}`));
    });
  });
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });
  return {
    endpoint,
    key: 'test-key-not-a-secret',
    agent,
    async stop() {
      agent.destroy();
      process.off('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function runChild(): Promise<void> {
  const server = await startCosmosTestServer();
  process.stdout.write(`endpoint ${server.endpoint}\n`);
  process.on('SIGTERM', () => {
    void server.stop().then(() => process.exit(0));
  });
}

if (require.main === module) {
  runChild().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
