import https from 'node:https';
import type { AddressInfo } from 'node:net';

import { createHttpsServer } from '@vercel/cosmosdb-server';

export interface CosmosTestServer {
  endpoint: string;
  /** Any key works: the test server does not check signatures. */
  key: string;
  /** Accepts the server's self-signed certificate. For tests only. */
  agent: https.Agent;
  stop(): Promise<void>;
}

export interface CosmosTestServerOptions {
  /**
   * Keep connections open between requests, as Cosmos DB and the SDK's own agent do. On by default: a TLS
   * handshake per request, with both ends in one process, costs more CPU than most tests' own work.
   */
  keepAlive?: boolean;
}

/** Starts an in-memory Cosmos DB server on a free loopback port, in this process. Empty at every start. */
export async function startCosmosTestServer(
  options: CosmosTestServerOptions = {},
): Promise<CosmosTestServer> {
  const keepAlive = options.keepAlive ?? true;
  const server = createHttpsServer(keepAlive ? { keepAlive } : undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive });
  let stopped = false;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    key: 'test-key-not-a-secret',
    agent,
    async stop() {
      if (stopped) return;
      stopped = true;
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
