import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAdapter } from '../../../src/bot/adapter';
import {
  ConversationReferenceCache,
  conversationReferenceCacheLimits,
} from '../../../src/bot/conversationReferenceCache';
import type { ReminderRunnerSeams } from '../../../src/bot/reminders/reminderRunner';
import { reminderRunnerFor } from '../../../src/composition';
import { loadConfig, type AppConfig } from '../../../src/config';
import type { Review } from '../../../src/domain/checklist/review';
import type { Storage } from '../../../src/domain/ports';
import type { ConversationReferenceRecord } from '../../../src/domain/reminders/conversationReference';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { createLogger, silentLogger, type Logger } from '../../../src/shared/logger';
import { aCompleteReview } from '../../domain/checklist/checklistMother';
import { startFakeConnector, type FakeActivity, type FakeConnector } from '../../support/fakeConnector';
import { aReference } from '../../infrastructure/storage/reminderStorageContract';
import { aCompleteSystem } from '../../support/systemMother';

interface Person {
  name: string;
  email: string;
  aadObjectId: string;
  userId: string;
  language?: 'sv' | 'en';
}

const people: Person[] = [
  {
    name: 'Anna Berg',
    email: 'anna.berg@kommun.se',
    aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
    userId: '29:anna',
  },
  {
    name: 'Per Nordin',
    email: 'per.nordin@kommun.se',
    aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002',
    userId: '29:per',
    language: 'en',
  },
  {
    name: 'Eva Ek',
    email: 'eva.ek@kommun.se',
    aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000003',
    userId: '29:eva',
  },
];
const [anna, per, eva] = people as [Person, Person, Person];

const systems = [
  aCompleteSystem({ name: 'Procapita', responsible: anna }),
  aCompleteSystem({ name: 'Treserva', responsible: anna }),
  aCompleteSystem({ name: 'Lifecare', responsible: per }),
  aCompleteSystem({ name: 'Visma Window', responsible: eva }),
];

// Follow-up 2025, due Sunday 1 March 2026; reminders at 08:00 Stockholm (07:00Z in winter).
const friday20Feb = new Date('2026-02-20T07:00:30Z');
const friday27Feb = new Date('2026-02-27T07:00:30Z');

function submitted(systemId: string): Review {
  return { ...aCompleteReview({ systemId, year: 2025 }), status: 'submitted' };
}

describe('reminders through the Bot Connector', function () {
  this.timeout(60_000);
  let fake: FakeConnector;
  let dataDir: string;
  let storage: Storage;
  const opened: Storage[] = [];
  let clock: Date;

  beforeEach(async () => {
    fake = await startFakeConnector();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-reminders-'));
    storage = await open();
    await storage.systems.apply({ create: systems, replace: [], remove: [] });
    for (const person of people) await storage.conversationReferences.save(referenceFor(person), null);
    clock = friday20Feb;
  });

  afterEach(async () => {
    await fake.stop();
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  async function open(): Promise<Storage> {
    const store = await createLocalStorage(dataDir);
    opened.push(store);
    return store;
  }

  function referenceFor(
    person: Person,
    overrides: Partial<ConversationReferenceRecord> = {},
  ): ConversationReferenceRecord {
    return aReference({
      aadObjectId: person.aadObjectId,
      userId: person.userId,
      email: person.email,
      userPrincipalName: person.email,
      serviceUrl: fake.serviceUrl,
      conversationId: fake.conversationIdFor(person.userId),
      botId: '28:bot',
      language: person.language ?? 'sv',
      authenticated: false,
      ...overrides,
    });
  }

  /** A process's reminder runner, made as the composition makes it, on its own adapter and cache. */
  function runner(
    { config, ...options }: ReminderRunnerSeams & { config?: Partial<AppConfig>; logger?: Logger } = {},
    store: Storage = storage,
  ) {
    return reminderRunnerFor(
      { ...loadConfig({ NODE_ENV: 'test' }), ...config },
      {
        adapter: createAdapter({ credentials: undefined, allowedTenantIds: undefined, logger: silentLogger }),
        storage: store,
        logger: silentLogger,
        conversationReferenceCache: new ConversationReferenceCache(conversationReferenceCacheLimits),
        now: () => clock,
        retry: { baseDelayMs: 5, maxDelayMs: 100 },
        ...options,
      },
    );
  }

  const messagesTo = (person: Person) => fake.messagesTo(fake.conversationIdFor(person.userId));
  const cardOf = (activity: FakeActivity) => activity.attachments?.[0]?.content as Record<string, unknown>;
  const startButtons = (activity: FakeActivity) => {
    const found: { verb: string; data: { systemId: string; year: number; lang: string } }[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const element = node as Record<string, unknown>;
        if (element.type === 'Action.Execute') found.push(element as never);
        Object.values(element).forEach(walk);
      }
    };
    walk(cardOf(activity));
    return found;
  };

  it('sends on the reminder days only, from the reminder time, and weekly after the deadline', async () => {
    const reminders = runner();
    const sentOn: string[] = [];
    for (
      let day = Date.parse('2026-01-26T00:00:00Z');
      day <= Date.parse('2026-03-10T00:00:00Z');
      day += 86_400_000
    ) {
      for (const time of ['06:59:00', '07:00:30', '15:00:00']) {
        clock = new Date(`${new Date(day).toISOString().slice(0, 10)}T${time}Z`);
        const before = messagesTo(anna).length;
        await reminders.run();
        if (messagesTo(anna).length > before) sentOn.push(clock.toISOString().slice(0, 16));
      }
    }
    assert.deepEqual(sentOn, [
      '2026-01-30T07:00',
      '2026-02-13T07:00',
      '2026-02-20T07:00',
      '2026-02-27T07:00',
      '2026-03-02T07:00',
      '2026-03-09T07:00',
    ]);
  });

  it('sends each person one message listing all their open systems, each with a start button', async () => {
    const report = await runner().run();
    assert.equal(report.sent, 3);
    const [message, ...others] = messagesTo(anna);
    assert.equal(others.length, 0);
    assert.ok(message);
    assert.deepEqual(
      startButtons(message.activity).map((b) => [b.verb, b.data.systemId, b.data.year, b.data.lang]),
      [
        ['checklist.start', 'procapita', 2025, 'sv'],
        ['checklist.start', 'treserva', 2025, 'sv'],
      ],
    );
    assert.match(JSON.stringify(cardOf(message.activity)), /Påminnelse: årlig uppföljning 2025/);
    assert.equal(message.activity.replyToId, undefined);
  });

  it('writes in English to people who last wrote in English', async () => {
    await runner().run();
    const [message] = messagesTo(per);
    assert.ok(message);
    assert.match(JSON.stringify(cardOf(message.activity)), /Reminder: annual follow-up 2025/);
    assert.equal(startButtons(message.activity)[0]?.data.lang, 'en');
    assert.match(message.activity.text ?? '', /^Reminder: 1 system left/);
  });

  it('sends nothing more to someone whose systems are submitted, and drops submitted systems from the list', async () => {
    await runner().run();
    await storage.reviews.save(submitted('lifecare'), null);
    await storage.reviews.save(submitted('procapita'), null);
    clock = friday27Feb;
    await runner().run();
    assert.equal(messagesTo(per).length, 1);
    const annas = messagesTo(anna);
    assert.equal(annas.length, 2);
    assert.deepEqual(
      startButtons((annas[1] as { activity: FakeActivity }).activity).map((b) => b.data.systemId),
      ['treserva'],
    );
  });

  it('sends nothing twice when the same run is repeated', async () => {
    const reminders = runner();
    await reminders.run();
    const again = await reminders.run();
    assert.equal(again.sent, 0);
    assert.equal(again.skipped, 3);
    assert.equal(fake.allMessages().length, 3);
  });

  it('sends each message once when two instances run at the same moment on the same store', async () => {
    const other = await open();
    const [first, second] = await Promise.all([runner().run(), runner({}, other).run()]);
    assert.equal(first.sent + second.sent, 3);
    for (const person of people) assert.equal(messagesTo(person).length, 1, person.name);
  });

  it('finishes an interrupted run when run again, without sending anything twice', async () => {
    let sends = 0;
    const crashing = runner({
      concurrency: 1,
      sender: async () => {
        sends++;
        if (sends === 2) throw new Error('the process died');
        const reference = (await storage.conversationReferences.get(anna.aadObjectId))?.value;
        assert.ok(reference);
        return { ok: true, activityId: `1:${sends}` };
      },
    });
    await assert.rejects(crashing.run(), /the process died/);
    // The crashed message is held by its claim until the lease ends; everything else goes out now.
    const rerun = await runner().run();
    assert.equal(rerun.sent, 1);
    assert.equal(rerun.skipped, 2);
    clock = new Date(clock.getTime() + 16 * 60_000);
    const afterLease = await runner().run();
    assert.equal(afterLease.sent, 1);
    assert.equal(afterLease.skipped, 2);
    // The fake sender "sent" one message (never reaching the connector); the two reruns sent the other two.
    assert.equal(fake.allMessages().length, 2);
    assert.equal(
      await runner()
        .run()
        .then((r) => r.sent),
      0,
    );
    const claims = await storage.reminderClaims.listByYear(2025);
    assert.deepEqual(claims.map((c) => c.value.state).sort(), ['sent', 'sent', 'sent']);
    assert.deepEqual(claims.map((c) => c.value.attempts).sort(), [1, 1, 2]);
  });

  it('loses nothing when Teams throttles with 429 and Retry-After, nor on 412, 502 and 504', async () => {
    fake.fail({
      status: 429,
      conversationId: fake.conversationIdFor(anna.userId),
      times: 3,
      retryAfterSeconds: 0.05,
    });
    fake.fail({ status: 412, conversationId: fake.conversationIdFor(per.userId), times: 1 });
    fake.fail({ status: 502, conversationId: fake.conversationIdFor(eva.userId), times: 1 });
    fake.fail({ status: 504, conversationId: fake.conversationIdFor(eva.userId), times: 1 });
    const report = await runner().run();
    assert.equal(report.sent, 3);
    assert.deepEqual(report.failed, []);
    for (const person of people) assert.equal(messagesTo(person).length, 1, person.name);
    const toAnna = fake.requests.filter((r) => r.conversationId === fake.conversationIdFor(anna.userId));
    assert.deepEqual(
      toAnna.map((r) => r.status),
      [429, 429, 429, 201],
    );
    // The waits honoured Retry-After (50 ms each).
    for (let i = 1; i < toAnna.length; i++) {
      assert.ok((toAnna[i]?.at ?? 0) - (toAnna[i - 1]?.at ?? 0) >= 45, `wait ${i}`);
    }
  });

  it('marks the reminder failed after bounded retries, and records a 500 without retrying', async () => {
    fake.fail({ status: 503, conversationId: fake.conversationIdFor(anna.userId) });
    fake.fail({ status: 500, conversationId: fake.conversationIdFor(eva.userId) });
    const report = await runner({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } }).run();
    assert.deepEqual(report.failed.map((f) => [f.recipientId, f.code, f.status]).sort(), [
      [anna.aadObjectId, 'retriesExhausted', 503],
      [eva.aadObjectId, 'rejected', 500],
    ]);
    assert.equal(
      fake.requests.filter((r) => r.conversationId === fake.conversationIdFor(anna.userId)).length,
      3,
    );
    assert.equal(
      fake.requests.filter((r) => r.conversationId === fake.conversationIdFor(eva.userId)).length,
      1,
    );
    const claim = await storage.reminderClaims.get(`${anna.aadObjectId}:2025:2026-02-20`);
    assert.equal(claim?.value.state, 'failed');
  });

  it('marks a reference inactive when Teams answers 403, and lists the person as unreachable next time', async () => {
    fake.fail({ status: 403, conversationId: fake.conversationIdFor(per.userId) });
    const first = await runner().run();
    assert.deepEqual(
      first.failed.map((f) => [f.recipientId, f.code, f.status]),
      [[per.aadObjectId, 'unreachable', 403]],
    );
    assert.equal(first.markedInactive, 1);
    const stored = await storage.conversationReferences.get(per.aadObjectId);
    assert.deepEqual([stored?.value.active, stored?.value.inactiveReason], [false, 'forbidden']);

    clock = friday27Feb;
    const requestsBefore = fake.requests.length;
    const second = await runner().run();
    assert.deepEqual(
      second.unreachable.map((p) => [p.email, p.reason]),
      [[per.email, 'inactive']],
    );
    assert.equal(
      fake.requests
        .slice(requestsBefore)
        .filter((r) => r.conversationId === fake.conversationIdFor(per.userId)).length,
      0,
    );
  });

  it('tells admins who cannot be reached, and what is overdue after the deadline', async () => {
    const admin: Person = {
      name: 'Admin',
      email: 'admin@kommun.se',
      aadObjectId: 'eeeeeeee-0000-4000-8000-000000000005',
      userId: '29:admin',
    };
    await storage.conversationReferences.save(referenceFor(admin), null);
    await storage.systems.apply({
      create: [
        aCompleteSystem({ name: 'Okänt', responsible: { name: 'Ny Person', email: 'ny.person@kommun.se' } }),
      ],
      replace: [],
      remove: [],
    });
    const config = {
      bot: undefined,
      production: false,
      checklistAccess: { admins: [admin.email], securityCoordinators: [] },
    };
    await runner({ config }).run();
    const [summary] = messagesTo(admin);
    assert.ok(summary);
    const text = JSON.stringify(cardOf(summary.activity));
    assert.match(text, /Installera appen för de här personerna/);
    assert.match(text, /Ny Person \(ny.person@kommun.se\)/);

    clock = new Date('2026-03-02T07:01:00Z');
    await runner({ config }).run();
    const overdue = JSON.stringify(cardOf((messagesTo(admin)[1] as { activity: FakeActivity }).activity));
    assert.match(overdue, /5 system är försenade/);
  });

  it('refuses in production to send to a service URL that is not https on a Bot Framework host', async () => {
    for (const person of people) {
      const stored = await storage.conversationReferences.get(person.aadObjectId);
      assert.ok(stored);
      await storage.conversationReferences.save({ ...stored.value, authenticated: true }, stored.version);
    }
    const lines: string[] = [];
    const report = await runner({
      config: { bot: undefined, production: true },
      logger: createLogger({ level: 'warn', sink: (line) => lines.push(line) }),
    }).run();
    assert.equal(report.sent, 0);
    assert.deepEqual(
      report.failed.map((f) => f.code),
      ['serviceUrlRefused', 'serviceUrlRefused', 'serviceUrlRefused'],
    );
    assert.equal(fake.requests.length, 0);
    assert.ok(lines.some((line) => line.includes('reminders.service_url_refused')));
    assert.ok(
      lines.every((line) => !line.includes('@kommun.se')),
      'no e-mail address in the log',
    );
  });
});
