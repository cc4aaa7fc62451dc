import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import { checklistNextVerb } from '../src/bot/cards/checklistActions';
import { localDate } from '../src/domain/checklist/reviewStatus';
import type { Storage } from '../src/domain/ports';
import { addDays } from '../src/domain/reminders/schedule';
import { loadChecklistSync } from '../src/infrastructure/checklist/loadChecklist';
import { createCosmosStorage } from '../src/infrastructure/storage/cosmos/cosmosStorage';
import { defaultTimeZone } from '../src/shared/dateTime';
import { silentLogger } from '../src/shared/logger';
import { say } from '../src/texts';
import { checklistTexts } from '../src/texts/checklist';
import {
  cardActionActivity,
  messageActivity,
  type InvokeResponseBody,
  type TestUser,
} from './support/activities';
import { cardActions, cardTexts, inputsOf } from './support/adaptiveCards';
import { startAppProcess, type AppProcess } from './support/appProcess';
import { startCosmosTestServer, type CosmosTestServer } from './support/cosmosTestServer';
import { startFakeConnector, type FakeConnector } from './support/fakeConnector';
import { aPerson, aSystem } from './support/systemMother';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const checklist = loadChecklistSync();

interface Person extends TestUser {
  email: string;
}
const karin: Person = {
  id: '29:1karin',
  aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001',
  name: 'Karin Larsson',
  email: 'karin.larsson@kommun.se',
};
const sven: Person = {
  id: '29:1sven',
  aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000002',
  name: 'Sven Berg',
  email: 'sven.berg@kommun.se',
};
const eva: Person = {
  id: '29:1eva',
  aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000003',
  name: 'Eva Ek',
  email: 'eva.ek@kommun.se',
};
const people = [karin, sven, eva];

const procapita = aSystem({
  name: 'Procapita IFO',
  departments: ['Socialförvaltningen'],
  businessCritical: true,
  responsible: aPerson(karin.name, karin.email),
});
const lifecare = aSystem({
  name: 'Lifecare SP',
  departments: ['Socialförvaltningen'],
  businessCritical: false,
  responsible: aPerson(sven.name, sven.email),
});
const treserva = aSystem({
  name: 'Treserva',
  departments: ['Socialförvaltningen'],
  businessCritical: true,
  responsible: aPerson(eva.name, eva.email),
});
/** Business-critical too, but in another department: a follow-up about the list leaves it out. */
const visma = aSystem({
  name: 'Visma Window',
  departments: ['Kommunledningsförvaltningen'],
  businessCritical: true,
  responsible: aPerson(eva.name, eva.email),
});

/**
 * The processes run on the real clock, so the follow-up's deadline is put a week from today: today is then a
 * reminder day (REMINDER_DAYS=7 from 00:00), and on a weekend or holiday the working day before it is, which a run
 * still catches up. The follow-up of year N has its deadline in N+1.
 */
const reminderDaysBefore = 7;
const deadline = addDays(localDate(new Date(), defaultTimeZone), reminderDaysBefore);
const followUpYear = Number(deadline.slice(0, 4)) - 1;

/**
 * Two bot processes (src/index.ts, each with its own adapter, caches and Cosmos DB client) on one Cosmos
 * DB-compatible server, in local mode on loopback, replying to one fake Bot Connector: what the README promises
 * for several instances, through real HTTP posts to each process.
 */
describe('several instances on one store (two app processes)', function () {
  this.timeout(60_000);
  const runSecret = randomBytes(32).toString('base64');
  let server: CosmosTestServer;
  let store: Storage;
  let connector: FakeConnector;
  let first: AppProcess;
  let second: AppProcess;

  before(async () => {
    [server, connector] = await Promise.all([startCosmosTestServer(), startFakeConnector()]);
    const databaseName = `several-${randomUUID()}`;
    // The register is in the store before either process starts, as after an import.
    store = await createCosmosStorage({
      endpoint: server.endpoint,
      key: server.key,
      agent: server.agent,
      databaseName,
      logger: silentLogger,
    });
    await store.systems.apply({ create: [procapita, lifecare, treserva, visma], replace: [], remove: [] });
    for (const person of people) connector.setMember({ ...person, userPrincipalName: person.email });

    const env = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      COSMOS_ENDPOINT: server.endpoint,
      COSMOS_KEY: server.key,
      COSMOS_DATABASE: databaseName,
      // The Cosmos DB test server's certificate is self-signed; only these processes, talking to loopback, accept it.
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      SAMPLE_REGISTER: 'off',
      TIME_ZONE: defaultTimeZone,
      CHECKLIST_DEADLINE: deadline.slice(5),
      REMINDER_DAYS: String(reminderDaysBefore),
      REMINDER_TIME: '00:00',
      // Runs only when the test asks for one, on both processes at once.
      REMINDERS_SCHEDULE: 'off',
      REMINDERS_RUN_SECRET: runSecret,
      REMINDERS_INSTANCES: '2',
    };
    const started = await Promise.allSettled([startAppProcess(env), startAppProcess(env)]);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((result) => result.status === 'fulfilled' && result.value.stop()));
      throw failed.reason;
    }
    [first, second] = started.map((result) => (result as PromiseFulfilledResult<AppProcess>).value) as [
      AppProcess,
      AppProcess,
    ];
  });

  after(async () => {
    const codes = await Promise.all([first?.stop(), second?.stop()]);
    await Promise.all([store?.close(), connector?.stop()]);
    await server?.stop();
    assert.deepEqual(codes, [0, 0], 'both processes stop cleanly on SIGTERM');
  });

  /** Posts to /api/messages as Teams does; a card press is answered in the response's body anyway. */
  async function post(app: AppProcess, activity: Partial<Activity>): Promise<Response> {
    return fetch(`${app.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(activity),
    });
  }

  async function write(app: AppProcess, text: string, from: Person): Promise<Activity> {
    const response = await post(app, {
      ...messageActivity({ text, from, serviceUrl: connector.serviceUrl }),
      deliveryMode: 'expectReplies',
    });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    const replies = (JSON.parse(body) as { activities?: Activity[] }).activities ?? [];
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    return replies[0] as Activity;
  }

  function cardIn(reply: Activity): Record<string, unknown> {
    const attachment = ((reply.attachments ?? []) as Attachment[]).find(
      (candidate) => candidate.contentType === adaptiveCardType,
    );
    assert.ok(attachment, `a card, got ${reply.text ?? ''}`);
    return attachment.content as Record<string, unknown>;
  }

  it('stores the same checklist step pressed on both once, and tells the other press it was already saved', async () => {
    const start = cardIn(await write(first, 'checklista Procapita IFO', karin));
    const next = cardActions(start).find((action) => action.verb === checklistNextVerb);
    assert.ok(next, 'the first section has a next button');
    const allYes = Object.fromEntries(
      checklist.sections[0]!.questions.map((question) => [`${question.id}.answer`, 'yes']),
    );
    const data = { ...(next.data as object), ...inputsOf(start), ...allYes };
    const press = async (app: AppProcess) => {
      const response = await post(
        app,
        cardActionActivity({ verb: checklistNextVerb, data, from: karin, serviceUrl: connector.serviceUrl }),
      );
      const text = await response.text();
      assert.equal(response.status, 200, text);
      const body = JSON.parse(text) as InvokeResponseBody;
      assert.equal(body.type, adaptiveCardType, JSON.stringify(body.value));
      return cardTexts(body.value as Record<string, unknown>);
    };

    const answers = await Promise.all([press(first), press(second)]);

    // The press that lost carries what the other stored: it is told so (or, caught mid-write, that the card is
    // stale), and both see the checklist as it now is, at the second section.
    const notices = [say('sv', checklistTexts.alreadySaved), say('sv', checklistTexts.stale)];
    assert.equal(
      answers.filter((texts) => notices.some((notice) => texts.includes(notice))).length,
      1,
      `exactly one press is told the step was already taken: ${JSON.stringify(answers)}`,
    );
    const progress = say('sv', checklistTexts.progress, { index: 2, total: checklist.sections.length });
    const title = say('sv', checklist.sections[1]!.title);
    for (const texts of answers) {
      assert.ok(
        texts.some((text) => text.includes(progress) && text.includes(title)),
        `at the second section: ${JSON.stringify(texts)}`,
      );
    }
    const review = (await store.reviews.get(procapita.id, followUpYear))?.value;
    assert.equal(review?.currentSectionIndex, 1, 'the step was stored');
    assert.equal(review?.history.length, 0, 'and stored once');
  });

  it('reminds each person once when both processes run reminders at the same moment', async () => {
    // Each person has written to the bot, to one process or the other: their conversation references are stored.
    for (const [index, person] of people.entries()) {
      await write(index % 2 === 0 ? first : second, 'hjälp', person);
    }

    const run = async (app: AppProcess) => {
      const response = await fetch(`${app.baseUrl}/api/reminders/run?wait=true`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${runSecret}` },
      });
      const text = await response.text();
      assert.equal(response.status, 200, text);
      return JSON.parse(text) as { year: number; sent: number };
    };
    const reports = await Promise.all([run(first), run(second)]);

    for (const report of reports) assert.equal(report.year, followUpYear);
    assert.equal(reports[0].sent + reports[1].sent, people.length, JSON.stringify(reports));
    for (const person of people) {
      const conversationId = `a:1${person.aadObjectId.replace(/-/g, '')}`;
      assert.equal(connector.messagesTo(conversationId).length, 1, `${person.name} is reminded once`);
    }
    assert.equal(connector.allMessages().length, people.length, 'and nobody else is sent anything');
  });

  it('answers a follow-up question on the other process from the list the first one gave', async () => {
    const listed = await write(first, 'Vilka system finns på socialförvaltningen?', karin);
    const all = JSON.stringify([listed.text, listed.attachments]);
    for (const system of [procapita, lifecare, treserva]) assert.ok(all.includes(system.name), system.name);
    assert.ok(!all.includes(visma.name), 'the list is of one department');

    const followUp = await write(second, 'vilka av dem är verksamhetskritiska?', karin);

    const shown = JSON.stringify([followUp.text, followUp.attachments]);
    assert.ok(shown.includes(procapita.name), shown);
    assert.ok(shown.includes(treserva.name), shown);
    assert.ok(!shown.includes(lifecare.name), 'only the critical ones ...');
    assert.ok(!shown.includes(visma.name), '... of the list the first process gave');
  });
});
