import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileDownloadInfoType } from '../../../src/bot/features/registerImport';
import { redacted } from '../../../src/infrastructure/telemetry/privacy';
import { projectRoot } from '../../../src/shared/projectRoot';
import { messageActivity, testUser, type TestUser } from '../../support/activities';
import { startAppProcess } from '../../support/appProcess';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';

/** What the stand-in Application Insights ingestion endpoint received: one JSON envelope per telemetry item. */
interface Envelope {
  name: string;
  tags?: Record<string, string>;
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

/**
 * A stand-in for the SharePoint download a register file sent in Teams comes from: a OneDrive path naming its owner,
 * a file name naming a person, and a token in the query, as Teams' pre-authenticated download URLs have.
 */
async function startFileHost(fileName: string, body: string) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/csv' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    downloadUrl:
      `${origin}/personal/zqxagare_kommun_se/Documents/${encodeURIComponent(fileName)}` +
      '?UniqueId=F0A1B2C3&tempauth=zqxtoken',
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const registerFileName = 'Register från Zqxfilnamn.csv';

const admin: TestUser = {
  id: '29:1qW3eR5tY7uI9oP1aS3dF5gH7jK9lZ1xC3vB',
  aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003',
  name: 'Zqxadmin Zqxadminsson',
};

describe('telemetry to Application Insights (the app as a process, against a stand-in ingestion endpoint)', () => {
  let dataDir: string;
  let ingestion: Awaited<ReturnType<typeof startIngestion>>;
  let fileHost: Awaited<ReturnType<typeof startFileHost>>;
  let connector: FakeConnector;

  beforeEach(async () => {
    // Teams' side of the turns: the member lookups answer with addresses, which must not reach the telemetry.
    connector = await startFakeConnector({
      members: [
        {
          ...testUser,
          email: 'anna.lindstrom@exempelkommun.se',
          userPrincipalName: 'anna.lindstrom@exempelkommun.se',
        },
        { ...admin, email: 'zqxadmin@exempelkommun.se', userPrincipalName: 'zqxadmin@exempelkommun.se' },
      ],
    });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-telemetry-'));
    ingestion = await startIngestion();
    fileHost = await startFileHost(
      registerFileName,
      'IT-systemets namn;Förvaltning;Systemansvarig;Ansvarig chef\r\n' +
        'Zqxsystem;Socialförvaltningen;Zqxsven Berg <zqxsven.berg@kommun.se>;Eva Ek <eva.ek@kommun.se>\r\n',
    );
  });

  afterEach(async () => {
    await fileHost.close();
    await connector.stop();
    await ingestion.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends requests, dependencies (global fetch too) and traces, without message text, names, addresses or tokens', async function () {
    this.timeout(60_000);
    const app = await startAppProcess({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      REMINDERS_SCHEDULE: 'off',
      ADMIN_USERS: admin.aadObjectId,
      // Every trace: the distro's default keeps at most five a second, adaptively, and may drop a turn here.
      OTEL_TRACES_SAMPLER: 'always_on',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=${ingestion.endpoint};LiveEndpoint=${ingestion.endpoint}`,
      // The stand-in's certificate is self-signed; only this child process, talking to loopback, accepts it.
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
    });
    try {
      const question = 'Vem förvaltar Visma Window? Fråga från Zqxhemlig';
      const response = await fetch(`${app.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...messageActivity({ text: question, serviceUrl: connector.serviceUrl }),
          deliveryMode: 'expectReplies',
        }),
      });
      const reply = await response.text();
      assert.equal(response.status, 200, reply);
      assert.match(reply, /Per Nordin/, 'the answer names the register person');

      // An admin sends a register file: the bot downloads it with global fetch (undici), a dependency of its own.
      const fileMessage: Record<string, unknown> = {
        ...messageActivity({ text: '', from: admin, serviceUrl: connector.serviceUrl }),
        attachments: [
          {
            contentType: fileDownloadInfoType,
            name: registerFileName,
            content: { downloadUrl: fileHost.downloadUrl, uniqueId: 'F0A1B2C3', fileType: 'csv' },
          },
        ],
        deliveryMode: 'expectReplies',
      };
      delete fileMessage.text;
      const fileResponse = await fetch(`${app.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fileMessage),
      });
      const preview = await fileResponse.text();
      assert.equal(fileResponse.status, 200, preview);
      assert.match(preview, /Zqxsystem/, 'the preview shows the downloaded register');
    } finally {
      // SIGTERM: the app flushes its telemetry before it exits.
      await app.stop();
    }

    const envelopes = ingestion.envelopes();
    const requests = envelopes.filter((item) => item.data?.baseType === 'RequestData');
    assert.ok(
      requests.some((item) => String(item.data?.baseData?.url).endsWith('/api/messages')),
      `a request for /api/messages in ${envelopes.map((item) => item.data?.baseType).join(', ')}`,
    );
    const download = envelopes.find(
      (item) =>
        item.data?.baseType === 'RemoteDependencyData' &&
        String(item.data.baseData?.data).startsWith(fileHost.origin),
    );
    const dependencies = envelopes.filter((item) => item.data?.baseType === 'RemoteDependencyData');
    assert.ok(
      download,
      `a dependency for the download among ${JSON.stringify(dependencies.map((item) => item.data?.baseData?.data))}`,
    );
    assert.equal(download.data?.baseData?.data, `${fileHost.origin}/personal/${redacted}`);
    assert.equal(download.data?.baseData?.type, 'Http');
    assert.equal(download.data?.baseData?.resultCode, '200');
    const fileTurn = requests.find(
      (item) => item.tags?.['ai.operation.id'] === download.tags?.['ai.operation.id'],
    );
    assert.ok(fileTurn, 'the download belongs to the /api/messages request that brought the file');
    const traces = envelopes.filter((item) => item.data?.baseType === 'MessageData');
    assert.ok(traces.some((item) => item.data?.baseData?.message === 'server.listening'));

    const sent = ingestion.text();
    assert.doesNotMatch(sent, /[\w.+-]+@[\w-]+\.[a-z]{2,}/i, 'an e-mail address in the telemetry');
    for (const personal of [
      'Zqxhemlig',
      'Visma Window',
      testUser.name,
      'Per Nordin',
      'exempelkommun.se',
      'Zqxadmin',
      'zqxagare',
      'Zqxfilnamn',
      'zqxtoken',
      'Zqxsven',
    ]) {
      const at = sent.toLowerCase().indexOf(personal.toLowerCase());
      assert.ok(at < 0, `telemetry carries "${personal}": ${sent.slice(Math.max(0, at - 300), at + 100)}`);
    }
  });
});
