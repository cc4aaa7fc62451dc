import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Storage } from '../../../src/domain/ports';
import type { UnreachablePerson } from '../../../src/domain/reminders/plan';
import {
  appInstallAttemptIdFor,
  appInstallAttemptStore,
  refusedInstallAddresses,
} from '../../../src/infrastructure/graph/appInstallAttempts';
import {
  createAppInstallStep,
  type AppInstallStepOptions,
} from '../../../src/infrastructure/graph/appInstallStep';
import { createGraphAppInstaller } from '../../../src/infrastructure/graph/graphAppInstaller';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../../../src/shared/logger';
import { startFakeGraph, type FakeGraph } from './fakeGraph';

const catalogAppId = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const day = 86_400_000;

function unreachable(
  email: string | undefined,
  reason: UnreachablePerson['reason'] = 'noReference',
): UnreachablePerson {
  return { name: email ?? 'Utan Adress', ...(email ? { email } : {}), reason, systemIds: ['procapita'] };
}

describe('the Graph install step of a reminder run', function () {
  this.timeout(20_000);
  let graph: FakeGraph;
  let dataDir: string;
  let storage: Storage;
  let clock: Date;

  beforeEach(async () => {
    graph = await startFakeGraph();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-graph-'));
    storage = await createLocalStorage(dataDir);
    clock = new Date('2026-01-20T07:00:00Z');
  });

  afterEach(async () => {
    await graph.stop();
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const step = (options: Partial<AppInstallStepOptions> = {}, store: Storage = storage) =>
    createAppInstallStep({
      installer: createGraphAppInstaller({
        catalogAppId,
        token: async () => 'fake-graph-token',
        logger: silentLogger,
        baseUrl: graph.baseUrl,
        baseDelayMs: 10,
        maxAttempts: 2,
      }),
      attempts: appInstallAttemptStore(store.appInstallAttempts),
      logger: silentLogger,
      now: () => clock,
      ...options,
    });

  it('installs only for people the bot has never heard from, once per address', async () => {
    const report = await step()([
      unreachable('Anna.Berg@Kommun.se'),
      unreachable('anna.berg@kommun.se'),
      unreachable('per@kommun.se', 'inactive'),
      unreachable('eva@kommun.se', 'unverified'),
      unreachable(undefined, 'noAddress'),
    ]);
    assert.deepEqual(graph.installedFor(), ['anna.berg@kommun.se']);
    assert.equal(report.candidates, 1);
    assert.equal(report.installed, 1);
  });

  it('tries a person again only after the interval, and a failure sooner', async () => {
    graph.answer({ user: 'per@kommun.se', status: 503 });
    const people = [unreachable('anna@kommun.se'), unreachable('per@kommun.se')];
    await step()(people);
    assert.equal(graph.requests.length, 3);

    clock = new Date(clock.getTime() + 2 * day);
    const second = await step()(people);
    assert.deepEqual(
      graph.requests.slice(3).map((r) => r.user),
      ['per@kommun.se', 'per@kommun.se'],
    );
    assert.equal(second.notDue, 1);

    clock = new Date(clock.getTime() + 6 * day);
    const third = await step()(people);
    assert.equal(third.alreadyInstalled, 1, 'a week later Anna is tried again and Graph says 409');
  });

  it('lists 403 and 404 for the admins and records them', async () => {
    graph.answer({ user: 'eva@kommun.se', status: 403 });
    graph.answer({ user: 'fel@kommun.se', status: 404 });
    const report = await step()([
      unreachable('eva@kommun.se'),
      unreachable('fel@kommun.se'),
      unreachable('anna@kommun.se'),
    ]);
    assert.deepEqual(report.refused.map((r) => [r.email, r.status]).sort(), [
      ['eva@kommun.se', 403],
      ['fel@kommun.se', 404],
    ]);
    const recorded = await appInstallAttemptStore(storage.appInstallAttempts).list();
    assert.deepEqual(recorded.map((a) => [a.userPrincipalName, a.result, a.status]).sort(), [
      ['anna@kommun.se', 'installed', undefined],
      ['eva@kommun.se', 'refused', 403],
      ['fel@kommun.se', 'refused', 404],
    ]);
    assert.deepEqual(await storage.reminderClaims.listByYear(2025), []);
    assert.ok(recorded.every((a) => a.id === appInstallAttemptIdFor(a.userPrincipalName)));
    assert.ok(recorded.every((a) => !a.id.includes('@')));
    assert.deepEqual(
      [...(await refusedInstallAddresses(appInstallAttemptStore(storage.appInstallAttempts)))].sort(),
      ['eva@kommun.se', 'fel@kommun.se'],
    );
  });

  it('calls Graph once per person when two instances run the step at the same moment', async () => {
    const other = await createLocalStorage(dataDir);
    try {
      const people = Array.from({ length: 8 }, (_, i) => unreachable(`person${i}@kommun.se`));
      const [a, b] = await Promise.all([step()(people), step({}, other)(people)]);
      assert.equal(graph.requests.length, 8);
      assert.equal(a.attempted + b.attempted, 8);
      assert.equal(a.notDue + b.notDue, 8);
    } finally {
      await other.close();
    }
  });

  it('leaves the rest for the next run beyond its limit per run', async () => {
    const people = Array.from({ length: 5 }, (_, i) => unreachable(`person${i}@kommun.se`));
    const first = await step({ maxPerRun: 3 })(people);
    assert.equal(first.attempted, 3);
    assert.equal(first.deferred, 2);
    const second = await step({ maxPerRun: 3 })(people);
    assert.equal(second.attempted, 2);
    assert.equal(graph.requests.length, 5);
  });

  it('stops at once without a Graph token, and tries again the next day', async () => {
    const people = Array.from({ length: 5 }, (_, i) => unreachable(`person${i}@kommun.se`));
    const noToken = createGraphAppInstaller({
      catalogAppId,
      token: async () => {
        throw new Error('no identity');
      },
      logger: silentLogger,
      baseUrl: graph.baseUrl,
    });
    const report = await step({ installer: noToken, concurrency: 1 })(people);
    assert.equal(report.stopped, 'noToken');
    assert.equal(report.attempted, 1);
    assert.equal(report.deferred, 4);
    assert.equal(graph.requests.length, 0);
    clock = new Date(clock.getTime() + day + 1);
    assert.equal((await step()(people)).installed, 5);
  });
});
