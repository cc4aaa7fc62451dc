import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../../../src/shared/projectRoot';
import { messageActivity, testUser } from '../../support/activities';
import { eventually } from '../../support/eventually';

/** What the stand-in Application Insights ingestion endpoint received: one JSON envelope per telemetry item. */
interface Envelope {
  name: string;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

/**
 * A stand-in for Application Insights' ingestion endpoint on loopback (HTTPS, as the exporter requires), with the
 * Cosmos DB test server's self-signed certificate; the app under test is told to accept it.
 */
async function startIngestion() {
  const certDir = path.join(projectRoot, 'node_modules', '@vercel', 'cosmosdb-server');
  const bodies: string[] = [];
  const server = https.createServer(
    {
      cert: await readFile(path.join(certDir, 'cert.pem')),
      key: await readFile(path.join(certDir, 'key.pem')),
    },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let body = Buffer.concat(chunks);
        if (request.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
        bodies.push(body.toString('utf8'));
        const items = (JSON.parse(body.toString('utf8') || '[]') as unknown[]).length;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ itemsReceived: items, itemsAccepted: items, errors: [] }));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}/`,
    envelopes: () => bodies.flatMap((body) => JSON.parse(body) as Envelope[]),
    text: () => bodies.join('\n'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('telemetry to Application Insights (the app as a process, against a stand-in ingestion endpoint)', () => {
  let dataDir: string;
  let ingestion: Awaited<ReturnType<typeof startIngestion>>;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-telemetry-'));
    ingestion = await startIngestion();
  });

  afterEach(async () => {
    await ingestion.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends requests and log traces, and no message text, names or e-mail addresses', async function () {
    this.timeout(60_000);
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        DOTENV_CONFIG_PATH: '/dev/null',
        NODE_ENV: 'development',
        PORT: '0',
        DATA_DIR: dataDir,
        REMINDERS_SCHEDULE: 'off',
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${ingestion.endpoint};LiveEndpoint=${ingestion.endpoint}`,
        // The stand-in's certificate is self-signed; only this child process, talking to loopback, accepts it.
        NODE_TLS_REJECT_UNAUTHORIZED: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.resume();
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const port = await eventually(
        'the app to listen',
        () => /"event":"server\.listening","port":(\d+)/.exec(stdout)?.[1],
        { timeoutMs: 30_000 },
      );
      const question = 'Vem förvaltar Visma Window? Fråga från Zqxhemlig';
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...messageActivity({ text: question, serviceUrl: 'http://127.0.0.1:9/' }),
          deliveryMode: 'expectReplies',
        }),
      });
      const reply = await response.text();
      assert.equal(response.status, 200, reply);
      assert.match(reply, /Per Nordin/, 'the answer names the register person');

      child.kill('SIGTERM');
      await exited;
    } finally {
      child.kill('SIGKILL');
    }

    const envelopes = ingestion.envelopes();
    const requests = envelopes.filter((item) => item.data?.baseType === 'RequestData');
    assert.ok(
      requests.some((item) => String(item.data?.baseData?.url).endsWith('/api/messages')),
      `a request for /api/messages in ${envelopes.map((item) => item.data?.baseType).join(', ')}`,
    );
    const traces = envelopes.filter((item) => item.data?.baseType === 'MessageData');
    assert.ok(traces.some((item) => item.data?.baseData?.message === 'server.listening'));

    const sent = ingestion.text();
    assert.doesNotMatch(sent, /[\w.+-]+@[\w-]+\.[a-z]{2,}/i, 'an e-mail address in the telemetry');
    for (const personal of ['Zqxhemlig', 'Visma Window', testUser.name, 'Per Nordin', 'exempelkommun.se']) {
      const at = sent.indexOf(personal);
      assert.ok(at < 0, `telemetry carries "${personal}": ${sent.slice(Math.max(0, at - 300), at + 100)}`);
    }
  });
});
