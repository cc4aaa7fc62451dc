import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

import { createHttpsServer } from '@vercel/cosmosdb-server';

/** One request as the Cosmos DB test server received it. */
export interface CosmosRequest {
  method: string;
  /** The resource path, e.g. "/dbs/db/colls/reviews/docs/agresso:2025". */
  path: string;
  /** A bulk request (`container.items.bulk`): a POST to /docs carrying the batch header. */
  bulk: boolean;
  /** A query: a POST to /docs carrying the query header. */
  query: boolean;
  /** The status an injected fault answered with; undefined when the server served the request. */
  faultStatus?: number;
}

export type RequestMatcher = (request: CosmosRequest) => boolean;

export interface StatusFault {
  status: 429 | 503;
  /** Only requests this matches are answered with the status; default every request. */
  when?: RequestMatcher;
  /** How many matching requests get the status before the server answers normally again; default unlimited. */
  times?: number;
}

export interface FaultyCosmosServer {
  endpoint: string;
  /** Any key works: the test server does not check signatures. */
  key: string;
  /** Accepts the server's self-signed certificate; no keep-alive, so a cut connection is never reused. */
  agent: https.Agent;
  /** Every request that reached the server (answered normally or by a fault), oldest first. */
  requests: CosmosRequest[];
  /** Storage stops: the port refuses connections and open connections are cut. The data is kept. */
  goDown(): Promise<void>;
  /** Storage returns on the same port, with everything it held. */
  comeBack(): Promise<void>;
  /** The service answers matching requests with 429 (with a short retry-after) or 503 instead of serving them. */
  answerWith(fault: StatusFault): void;
  /**
   * The service does the work of a matching request but the connection breaks before the answer arrives: the
   * client cannot tell whether its write happened.
   */
  loseResponses(when: RequestMatcher, times?: number): void;
  /** Clears every status fault and lost response. */
  heal(): void;
  stop(): Promise<void>;
}

/** The retry-after a 429 carries; short, so the SDK's retries finish quickly. */
export const throttleRetryAfterMs = 20;

/**
 * The in-memory Cosmos DB test server behind a loopback TCP proxy that the test can cut and restore. The server
 * itself keeps running (its data lives in the listening server: re-listening would empty it), so "down" is the
 * proxy refusing connections, as a stopped service does. Status faults are injected in front of the server's
 * own request handler, where the HTTP request is visible.
 */
export async function startFaultyCosmosServer(): Promise<FaultyCosmosServer> {
  const backend = createHttpsServer({ keepAlive: true });
  await listen(backend, 0);
  const backendPort = (backend.address() as AddressInfo).port;

  const requests: CosmosRequest[] = [];
  let statusFaults: StatusFault[] = [];
  let lostResponses: { when: RequestMatcher; remaining: number }[] = [];

  const [serve] = backend.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (serve === undefined) throw new Error('the Cosmos DB test server has no request handler');
  backend.removeAllListeners('request');
  backend.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const request: CosmosRequest = {
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'https://localhost').pathname,
      bulk: isTrue(req.headers['x-ms-cosmos-is-batch-request']),
      query: isTrue(req.headers['x-ms-documentdb-isquery']),
    };
    requests.push(request);
    const fault = statusFaults.find((candidate) => candidate.when?.(request) ?? true);
    if (fault !== undefined) {
      if (fault.times !== undefined && --fault.times <= 0) {
        statusFaults = statusFaults.filter((candidate) => candidate !== fault);
      }
      request.faultStatus = fault.status;
      req.resume();
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        'x-ms-activity-id': '00000000-0000-0000-0000-000000000000',
        ...(fault.status === 429 ? { 'x-ms-retry-after-ms': String(throttleRetryAfterMs) } : {}),
        connection: 'close',
      });
      res.end(JSON.stringify({ code: fault.status === 429 ? 'TooManyRequests' : 'ServiceUnavailable' }));
      return;
    }
    const lost = lostResponses.find((candidate) => candidate.when(request));
    if (lost !== undefined) {
      if (--lost.remaining <= 0) lostResponses = lostResponses.filter((candidate) => candidate !== lost);
      // The server finishes its work; only the answer never leaves.
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as ServerResponse['end'];
    }
    serve.call(backend, req, res);
  });

  const connections = new Set<net.Socket>();
  const proxy = net.createServer((client) => {
    const upstream = net.connect(backendPort, '127.0.0.1');
    connections.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      connections.delete(client);
      connections.delete(upstream);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    client.pipe(upstream).pipe(client);
  });
  await listen(proxy, 0);
  const port = (proxy.address() as AddressInfo).port;
  // Connections stay open between requests, as with Cosmos DB; going down destroys them, as an outage does.
  const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true });

  let stopped = false;
  const closeProxy = async () => {
    if (!proxy.listening) return;
    const closed = new Promise<void>((resolve) => proxy.close(() => resolve()));
    for (const socket of connections) socket.destroy();
    connections.clear();
    await closed;
  };

  return {
    endpoint: `https://127.0.0.1:${port}/`,
    key: 'test-key-not-a-secret',
    agent,
    requests,
    goDown: closeProxy,
    async comeBack() {
      if (!proxy.listening) await listen(proxy, port);
    },
    answerWith(fault) {
      statusFaults.push({ ...fault });
    },
    loseResponses(when, times = 1) {
      lostResponses.push({ when, remaining: times });
    },
    heal() {
      statusFaults = [];
      lostResponses = [];
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      agent.destroy();
      await closeProxy();
      backend.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        backend.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Matches writes of documents in one container ("reviews", "systems", "imports"): creates, replaces, deletes, bulk. */
export function writesTo(container: string): RequestMatcher {
  return (request) =>
    request.method !== 'GET' && !request.query && request.path.includes(`/colls/${container}/docs`);
}

function isTrue(header: string | string[] | undefined): boolean {
  return typeof header === 'string' && header.toLowerCase() === 'true';
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
