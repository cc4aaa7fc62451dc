import assert from 'node:assert/strict';
import {
  createGraphAppInstaller,
  installRequestBody,
  type GraphAppInstallerOptions,
} from '../../../src/infrastructure/graph/graphAppInstaller';
import { createLogger } from '../../../src/shared/logger';
import { startFakeGraph, type FakeGraph } from './fakeGraph';

const catalogAppId = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('installing the app through Microsoft Graph', function () {
  this.timeout(20_000);
  let graph: FakeGraph;
  let logLines: string[];

  beforeEach(async () => {
    graph = await startFakeGraph();
    logLines = [];
  });

  afterEach(() => graph.stop());

  const installer = (options: Partial<GraphAppInstallerOptions> = {}) =>
    createGraphAppInstaller({
      catalogAppId,
      token: async () => 'fake-graph-token',
      logger: createLogger({ level: 'debug', sink: (line) => logLines.push(line) }),
      baseUrl: graph.baseUrl,
      baseDelayMs: 20,
      maxDelayMs: 2_000,
      ...options,
    });

  it('posts the catalog app for the person by UPN, with the app token, and counts 201 as installed', async () => {
    const outcome = await installer().install('anna.berg@kommun.se');
    assert.deepEqual(outcome, { outcome: 'installed' });
    const [request, ...others] = graph.requests;
    assert.equal(others.length, 0);
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/v1.0/users/anna.berg%40kommun.se/teamwork/installedApps');
    assert.equal(request.user, 'anna.berg@kommun.se');
    assert.equal(request.authorization, 'Bearer fake-graph-token');
    assert.deepEqual(request.body, {
      'teamsApp@odata.bind': `${graph.baseUrl}/appCatalogs/teamsApps/${catalogAppId}`,
    });
  });

  it('binds the app in the real Graph catalog by default', () => {
    assert.deepEqual(installRequestBody(catalogAppId), {
      'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${catalogAppId}`,
    });
  });

  it('counts 409 as already installed, and reports 403 and 404 as refused without retrying', async () => {
    graph.answer({ user: 'per@kommun.se', status: 409 });
    graph.answer({ user: 'eva@kommun.se', status: 403 });
    graph.answer({ user: 'nobody@kommun.se', status: 404 });
    const graphInstaller = installer();
    assert.deepEqual(await graphInstaller.install('per@kommun.se'), { outcome: 'alreadyInstalled' });
    assert.deepEqual(await graphInstaller.install('eva@kommun.se'), { outcome: 'refused', status: 403 });
    assert.deepEqual(await graphInstaller.install('nobody@kommun.se'), { outcome: 'refused', status: 404 });
    assert.equal(graph.requests.length, 3);
  });

  it('waits at least Retry-After on 429 and then installs', async () => {
    graph.answer({ status: 429, times: 2, retryAfterSeconds: 0.3 });
    const outcome = await installer().install('anna.berg@kommun.se');
    assert.deepEqual(outcome, { outcome: 'installed' });
    assert.deepEqual(
      graph.requests.map((r) => r.status),
      [429, 429, 201],
    );
    const [first, second, third] = graph.requests.map((r) => r.at) as [number, number, number];
    assert.ok(second - first >= 290, `waited ${second - first} ms`);
    assert.ok(third - second >= 290, `waited ${third - second} ms`);
  });

  it('gives up after bounded retries, and fails a 400 at once', async () => {
    graph.answer({ user: 'anna.berg@kommun.se', status: 503 });
    graph.answer({ user: 'per@kommun.se', status: 400 });
    const graphInstaller = installer({ maxAttempts: 3 });
    assert.deepEqual(await graphInstaller.install('anna.berg@kommun.se'), { outcome: 'failed', status: 503 });
    assert.deepEqual(await graphInstaller.install('per@kommun.se'), { outcome: 'failed', status: 400 });
    assert.deepEqual(
      graph.requests.map((r) => r.status),
      [503, 503, 503, 400],
    );
  });

  it('reports no answer at all as failed, after its retries', async () => {
    const stopped = graph.baseUrl;
    await graph.stop();
    const outcome = await installer({ baseUrl: stopped, maxAttempts: 2 }).install('anna.berg@kommun.se');
    assert.deepEqual(outcome, { outcome: 'failed' });
    graph = await startFakeGraph();
  });

  it('keeps to a few requests a second however many are asked for at once', async () => {
    const graphInstaller = installer({
      limits: {
        perConversation: [{ count: 4, windowMs: 1_000 }],
        perTenant: [{ count: 4, windowMs: 1_000 }],
      },
    });
    const started = Date.now();
    await Promise.all(Array.from({ length: 9 }, (_, i) => graphInstaller.install(`person${i}@kommun.se`)));
    const times = graph.requests.map((r) => r.at).sort((a, b) => a - b);
    assert.equal(times.length, 9);
    for (let i = 4; i < times.length; i++) {
      assert.ok((times[i] as number) - (times[i - 4] as number) >= 990, `request ${i + 1} came too soon`);
    }
    assert.ok(Date.now() - started >= 1_990);
  });

  it('throws when there is no token, sending nothing', async () => {
    await assert.rejects(
      installer({
        token: async () => {
          throw new Error('no identity');
        },
      }).install('anna.berg@kommun.se'),
    );
    assert.equal(graph.requests.length, 0);
  });

  it('logs statuses and request ids, never the address', async () => {
    graph.answer({ status: 403 });
    await installer().install('anna.berg@kommun.se');
    assert.ok(logLines.some((line) => JSON.parse(line).statusCode === 403));
    assert.ok(logLines.every((line) => !/anna|kommun\.se/i.test(line)));
  });
});
