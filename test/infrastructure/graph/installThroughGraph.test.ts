import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAdapter } from '../../../src/bot/adapter';
import {
  ConversationReferenceCache,
  conversationReferenceCacheLimits,
} from '../../../src/bot/conversationReferenceCache';
import { reminderRunnerFor } from '../../../src/composition';
import { loadConfig } from '../../../src/config';
import type { Storage } from '../../../src/domain/ports';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../../../src/shared/logger';
import { installActivity, testTenantId } from '../../support/activities';
import { startTestBot, type TestBot } from '../../support/botServer';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';
import { aCompleteSystem } from '../../support/systemMother';
import { startFakeGraph, type FakeGraph } from './fakeGraph';

const catalogAppId = '7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const anna = {
  id: '29:anna-never-wrote',
  name: 'Anna Berg',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a1',
  email: 'anna.berg@kommun.se',
};

describe('reaching someone who never opened the bot, through a Graph install', function () {
  this.timeout(30_000);
  let graph: FakeGraph;
  let connector: FakeConnector;
  let bot: TestBot;
  let dataDir: string;
  let storage: Storage;
  let clock: Date;

  beforeEach(async () => {
    graph = await startFakeGraph();
    connector = await startFakeConnector({
      members: [{ ...anna, userPrincipalName: anna.email, tenantId: testTenantId }],
    });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-graph-e2e-'));
    storage = await createLocalStorage(dataDir);
    await storage.systems.apply({
      create: [aCompleteSystem({ name: 'Procapita', responsible: { name: anna.name, email: anna.email } })],
      replace: [],
      remove: [],
    });
    bot = await startTestBot({ storage });
    // A reminder day of the 2025 follow-up (due 1 March 2026), after 08:00 Stockholm.
    clock = new Date('2026-02-20T07:00:30Z');
  });

  afterEach(async () => {
    await bot.stop();
    await storage.close();
    await connector.stop();
    await graph.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const runner = (graphAppInstall: { catalogAppId: string } | undefined) =>
    reminderRunnerFor(
      { ...loadConfig({ NODE_ENV: 'test' }), graphAppInstall },
      {
        adapter: createAdapter({ credentials: undefined, allowedTenantIds: undefined, logger: silentLogger }),
        storage,
        logger: silentLogger,
        conversationReferenceCache: new ConversationReferenceCache(conversationReferenceCacheLimits),
        now: () => clock,
        retry: { baseDelayMs: 5, maxDelayMs: 100 },
        graph: { token: async () => 'fake-graph-token', baseUrl: graph.baseUrl },
      },
    );

  const annasConversation = () => connector.conversationIdFor(anna.id);

  it('installs the app, stores the reference from the install event, and the next run reaches the person', async () => {
    const reminders = runner({ catalogAppId });
    const first = await reminders.run();
    assert.equal(first.sent, 0);
    assert.deepEqual(
      first.unreachable.map((p) => [p.email, p.reason]),
      [[anna.email, 'noReference']],
    );
    assert.equal(first.appInstall?.installed, 1);
    assert.deepEqual(graph.installedFor(), [anna.email]);
    assert.equal(connector.messagesTo(annasConversation()).length, 0);

    // Teams answers the install with conversationUpdate in Anna's personal scope, to /api/messages.
    await bot.send(
      installActivity({
        from: { id: anna.id, aadObjectId: anna.aadObjectId, name: anna.name },
        serviceUrl: connector.serviceUrl,
        conversationId: annasConversation(),
      }),
    );
    // The bot answers when the turn is done, its reference capture included.
    const reference = (await storage.conversationReferences.get(anna.aadObjectId))?.value;
    assert.equal(reference?.email, anna.email);
    assert.equal(reference?.conversationId, annasConversation());

    clock = new Date(clock.getTime() + 60_000);
    const second = await reminders.run();
    assert.equal(second.sent, 1);
    assert.deepEqual(second.unreachable, []);
    assert.equal(second.appInstall?.candidates, 0);
    assert.equal(connector.messagesTo(annasConversation()).length, 1);
    assert.equal(graph.requests.length, 1, 'Graph is not called again for someone the bot can reach');
  });

  it('tells the admins whom Teams refused the install for, and tries them again a week later', async () => {
    graph.answer({ user: anna.email, status: 403 });
    const reminders = runner({ catalogAppId });
    const first = await reminders.run();
    assert.deepEqual(
      first.appInstall?.refused.map((r) => [r.email, r.status]),
      [[anna.email, 403]],
    );

    clock = new Date(clock.getTime() + 60_000);
    const second = await reminders.run();
    assert.deepEqual(
      second.unreachable.map((p) => [p.email, p.reason]),
      [[anna.email, 'installRefused']],
    );
    assert.equal(graph.requests.length, 1, 'not asked again within the week');

    clock = new Date(clock.getTime() + 7 * 86_400_000);
    const weekLater = await reminders.run();
    assert.equal(weekLater.appInstall?.attempted, 1);
    assert.equal(graph.requests.length, 2);
  });

  it('calls Graph for nobody when the install is off (the default)', async () => {
    const report = await runner(undefined).run();
    assert.equal(report.unreachable.length, 1);
    assert.equal(report.appInstall, undefined);
    assert.equal(graph.requests.length, 0);
  });
});
