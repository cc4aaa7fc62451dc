import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for Microsoft Graph's `POST /v1.0/users/{id}/teamwork/installedApps`. It records every
 * request and answers 201, or what a test scripted: 409, 403, 404, 429 with Retry-After, 5xx.
 */
export interface RecordedGraphRequest {
  method: string;
  path: string;
  /** The decoded {id} of /users/{id}/teamwork/installedApps. */
  user?: string;
  body?: unknown;
  authorization?: string;
  status: number;
  at: number;
}

export interface GraphAnswer {
  status: number;
  /** Only for this user (the decoded path segment); default every user. */
  user?: string;
  /** How many matching requests get this answer; default every one. */
  times?: number;
  /** Retry-After in seconds, fractions sent as given. */
  retryAfterSeconds?: number;
}

export interface FakeGraph {
  /** http://127.0.0.1:<port>/v1.0 */
  baseUrl: string;
  readonly requests: readonly RecordedGraphRequest[];
  /** The users the app was installed for (201), in order. */
  installedFor(): string[];
  /** The first matching scripted answer (in the order added) decides. */
  answer(rule: GraphAnswer): void;
  stop(): Promise<void>;
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const requests: RecordedGraphRequest[] = [];
  const rules: (GraphAnswer & { used: number })[] = [];
  const installed = new Set<string>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(url.pathname);
      const user = match?.[1] !== undefined ? decodeURIComponent(match[1]) : undefined;
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
      const rule = rules.find(
        (r) => (r.user === undefined || r.user === user) && (r.times === undefined || r.used < r.times),
      );
      let status: number;
      if (req.method !== 'POST' || user === undefined) status = 404;
      else if (rule) {
        rule.used++;
        status = rule.status;
      } else status = installed.has(user) ? 409 : 201;
      if (status === 201 && user !== undefined) installed.add(user);
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        ...(user !== undefined ? { user } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        status,
        at: Date.now(),
      });
      const headers: Record<string, string> = { 'request-id': `req-${requests.length}` };
      if (status === 429) headers['Retry-After'] = String(rule?.retryAfterSeconds ?? 1);
      if (status === 201) {
        res.writeHead(201, { ...headers, 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `installed-${requests.length}` }));
      } else {
        res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: `Status${status}`, message: 'scripted' } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1.0`,
    requests,
    installedFor: () => requests.filter((r) => r.status === 201).map((r) => r.user as string),
    answer: (rule) => rules.push({ ...rule, used: 0 }),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
