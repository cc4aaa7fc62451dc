import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import { checklistNextVerb } from '../src/bot/cards/checklistActions';
import { loadChecklistSync } from '../src/infrastructure/checklist/loadChecklist';
import type { Storage } from '../src/domain/ports';
import { createCosmosStorage } from '../src/infrastructure/storage/cosmos/cosmosStorage';
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
import { startTestBot, type TestBot } from './support/botServer';
import { startCosmosTestServer, type CosmosTestServer } from './support/cosmosTestServer';
import { aReference } from './infrastructure/storage/reminderStorageContract';
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

// Follow-up 2025, due Sunday 1 March 2026; a reminder is due at 08:00 Stockholm on Friday 20 February.
const clock = new Date('2026-02-20T07:00:30Z');

/**
 * Two instances of the bot, each composed as index.ts composes it (its own adapter, caches, connector and
 * Cosmos DB client), on one Cosmos DB-compatible store: what the README promises for several instances.
 */
describe('several instances on one store', function () {
  this.timeout(60_000);
  let server: CosmosTestServer;
  let stores: Storage[];
  let first: TestBot;
  let second: TestBot;

  beforeEach(async () => {
    server = await startCosmosTestServer();
    const databaseName = `several-${randomUUID()}`;
    const open = () =>
      createCosmosStorage({
        endpoint: server.endpoint,
        key: server.key,
        agent: server.agent,
        databaseName,
        logger: silentLogger,
      });
    stores = [await open(), await open()];
    const bots = await Promise.all(stores.map((storage) => startTestBot({ storage, now: () => clock })));
    [first, second] = bots as [TestBot, TestBot];
    await stores[0]!.systems.apply({
      create: [procapita, lifecare, treserva, visma],
      replace: [],
      remove: [],
    });
    // Each person wrote to the bot once, through the first instance's connector.
    for (const person of people) {
      first.connector.setMember({ ...person, userPrincipalName: person.email });
      second.connector.setMember({ ...person, userPrincipalName: person.email });
    }
  });

  afterEach(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await Promise.all(stores.map((storage) => storage.close()));
    await server.stop();
  });

  const serviceUrl = () => first.connector.serviceUrl;

  async function write(bot: TestBot, text: string, from: Person): Promise<Activity> {
    const replies = await bot.send(messageActivity({ text, from, serviceUrl: serviceUrl() }));
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

  it('stores the same checklist step posted to both once, and tells the other it was already saved', async () => {
    const start = cardIn(await write(first, 'checklista Procapita IFO', karin));
    const next = cardActions(start).find((action) => action.verb === checklistNextVerb);
    assert.ok(next);
    const allYes = Object.fromEntries(
      checklist.sections[0]!.questions.map((question) => [`${question.id}.answer`, 'yes']),
    );
    const data = { ...(next.data as object), ...inputsOf(start), ...allYes };
    const press = async (bot: TestBot) => {
      const response = await bot.post(
        cardActionActivity({ verb: checklistNextVerb, data, from: karin, serviceUrl: serviceUrl() }),
      );
      assert.equal(response.status, 200, response.body);
      const body = JSON.parse(response.body) as InvokeResponseBody;
      assert.equal(body.type, adaptiveCardType, JSON.stringify(body.value));
      return cardTexts(body.value as Record<string, unknown>);
    };

    const answers = await Promise.all([press(first), press(second)]);

    // The second press carries what the first stored: it is told so (or, caught mid-write, that the card is stale).
    const notices = [say('sv', checklistTexts.alreadySaved), say('sv', checklistTexts.stale)];
    assert.equal(
      answers.filter((texts) => notices.some((notice) => texts.includes(notice))).length,
      1,
      'exactly one is told the step was already taken',
    );
    const review = (await stores[1]!.reviews.get(procapita.id, 2025))?.value;
    assert.equal(review?.currentSectionIndex, 1, 'the step was stored');
    assert.equal(review?.history.length, 0, 'and stored once');
  });

  it('reminds each person once when both instances run reminders at the same moment', async () => {
    for (const person of people) {
      await stores[0]!.conversationReferences.save(
        aReference({
          aadObjectId: person.aadObjectId,
          userId: person.id,
          email: person.email,
          userPrincipalName: person.email,
          serviceUrl: serviceUrl(),
          conversationId: first.connector.conversationIdFor(person.id),
          botId: '28:bot',
          authenticated: false,
        }),
        null,
      );
    }

    const [one, two] = await Promise.all([first.reminders.run(), second.reminders.run()]);

    assert.equal(one.sent + two.sent, people.length);
    for (const person of people) {
      const messages = first.connector.messagesTo(first.connector.conversationIdFor(person.id));
      assert.equal(messages.length, 1, person.name);
    }
    assert.equal(second.connector.allMessages().length, 0);
  });

  it('answers a follow-up question on the other instance as the first one would', async () => {
    const listed = await write(first, 'Vilka system finns på socialförvaltningen?', karin);
    const all = JSON.stringify([listed.text, listed.attachments]);
    for (const system of [procapita, lifecare, treserva]) assert.ok(all.includes(system.name), system.name);
    assert.ok(!all.includes(visma.name));

    const followUp = await write(second, 'vilka av dem är verksamhetskritiska?', karin);

    const shown = JSON.stringify([followUp.text, followUp.attachments]);
    assert.ok(shown.includes(procapita.name), shown);
    assert.ok(shown.includes(treserva.name), shown);
    assert.ok(!shown.includes(lifecare.name), 'only the critical ones ...');
    assert.ok(!shown.includes(visma.name), '... of the list the first instance gave');
  });
});
