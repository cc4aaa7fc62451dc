import assert from 'node:assert/strict';
import type { Activity, Attachment } from 'botbuilder';
import sinon from 'sinon';
import {
  checklistBackVerb,
  checklistNextVerb,
  checklistSaveLaterVerb,
  checklistStartVerb,
  checklistSubmitVerb,
} from '../../src/bot/cards/checklistActions';
import { choosePersonVerb } from '../../src/bot/cards/verbs';
import { maxMessageLength } from '../../src/bot/features/inputGuard';
import type { Person } from '../../src/domain/register/system';
import { loadChecklistSync } from '../../src/infrastructure/checklist/loadChecklist';
import { seedSampleRegisterIfEmpty } from '../../src/infrastructure/registerFile/sampleRegister';
import { silentLogger } from '../../src/shared/logger';
import {
  cardActionActivity,
  messageActivity,
  otherTenantId,
  testTenantId,
  type TestUser,
} from '../support/activities';
import { cardActions, cardTexts } from '../support/adaptiveCards';
import { startTestBot, type TestBot } from '../support/botServer';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const checklist = loadChecklistSync();

/** Systemansvarig of Visma Window in the sample register: the one who answers its follow-up. */
const perNordin: TestUser & { email: string } = {
  id: '29:1perNordinPrivacy00000000000000000',
  aadObjectId: 'e5e5e5e5-0000-4000-8000-0000000000aa',
  name: 'Per Nordin',
  email: 'per.nordin@exempelkommun.se',
};
const visitor: TestUser & { email: string } = {
  id: '29:1visitorPrivacy000000000000000000000',
  aadObjectId: 'f6f6f6f6-0000-4000-8000-0000000000bb',
  name: 'Göran Besökare',
  email: 'goran.besokare@exempelkommun.se',
};

describe('the log of a whole dialog', () => {
  let connector: FakeConnector;
  let bot: TestBot;
  const typed: string[] = [];
  const consoleOutput: string[] = [];

  before(async () => {
    connector = await startFakeConnector();
    for (const user of [perNordin, visitor]) connector.setMember({ ...user, userPrincipalName: user.email });
    // The SDKs write to the console on their own; that is log output too.
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      sinon.stub(console, method).callsFake((...args: unknown[]) => {
        consoleOutput.push(
          args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack}` : String(arg))).join(' '),
        );
      });
    }
    bot = await startTestBot({ env: { ALLOWED_TENANT_IDS: testTenantId } });
    await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
  });

  after(async () => {
    sinon.restore();
    await bot?.stop();
    await connector?.stop();
  });

  async function write(
    text: string,
    from: TestUser,
    tenantId = testTenantId,
  ): Promise<{ text: string; card: unknown }> {
    // A one-word command ("status") is also the name of its log event; anything longer is someone's text.
    if (text.includes(' ')) typed.push(text);
    const replies = await bot.send(
      messageActivity({ text, from, tenantId, serviceUrl: connector.serviceUrl }),
    );
    const reply = replies.find((activity) => activity.type === 'message') as Activity | undefined;
    const attachment = ((reply?.attachments ?? []) as Attachment[])[0];
    return {
      text: reply?.text ?? '',
      card: attachment?.contentType === adaptiveCardType ? attachment.content : {},
    };
  }

  async function press(verb: string, data: object, from: TestUser = perNordin): Promise<unknown> {
    for (const value of Object.values(data))
      if (typeof value === 'string' && value.includes(' ')) typed.push(value);
    const response = await bot.post(
      cardActionActivity({ verb, data, from, serviceUrl: connector.serviceUrl }),
    );
    assert.equal(response.status, 200, response.body);
    return (JSON.parse(response.body) as { value: unknown }).value;
  }

  function dataOf(card: unknown, verb: string): object {
    const action = cardActions(card).find((candidate) => candidate.verb === verb);
    assert.ok(
      action,
      `a ${verb} button among ${cardActions(card)
        .map((a) => a.verb)
        .join(', ')}`,
    );
    return action.data as object;
  }

  function answers(sectionIndex: number, comment: (questionId: string) => string): Record<string, string> {
    const inputs: Record<string, string> = {};
    for (const question of checklist.sections[sectionIndex]!.questions) {
      inputs[`${question.id}.answer`] = 'yes';
      inputs[`${question.id}.comment`] = comment(question.id);
    }
    return inputs;
  }

  it('holds no message text, no name and no e-mail address from the register or the conversation', async () => {
    // Questions, with names in them and in the answers.
    assert.match((await write('Vem är systemansvarig för Visma Window?', visitor)).text, /Per Nordin/);
    await write('Who manages Agresso?', visitor);
    await write('vilka system har Åsa Öberg?', visitor);
    await write('vem är Linnéa Sjögren?', visitor);
    await write(
      'vem kan jag fråga om Procapita, jag heter Göran och min mejl är goran.privat@example.com',
      visitor,
    );
    await write('status', visitor);
    await write(`Lång fråga om Mikael Strand ${'och mer '.repeat(maxMessageLength / 8)}`, visitor);
    await write('vem äger Agresso? hemligt från en annan organisation', visitor, otherTenantId);
    const person = await write('vilka system har Per Nordin?', visitor);
    const personButton = cardActions(person.card).find((action) => action.verb === choosePersonVerb);
    if (personButton) await press(choosePersonVerb, personButton.data as object, visitor);
    await press(choosePersonVerb, { personKey: 'Hemlig Person <hemlig@example.com>', lang: 'sv' }, visitor);

    // The follow-up: a section with comments and an action, back, save for later, the summary and submit.
    const start = await write('checklista Visma Window', perNordin);
    const firstQuestion = checklist.sections[0]!.questions[0]!.id;
    const firstSection = {
      ...answers(
        0,
        (id) => `Kommentar om ${id}: Mikael Strand har planen, fråga mikael.strand@exempelkommun.se`,
      ),
      [`${firstQuestion}.answer`]: 'no',
      [`${firstQuestion}.what`]: 'Skriv en ny förvaltningsplan med Åsa Öberg',
      [`${firstQuestion}.who`]: 'Åsa Öberg',
      [`${firstQuestion}.due`]: '2031-06-30',
    };
    let card = await press(checklistNextVerb, { ...dataOf(start.card, checklistNextVerb), ...firstSection });
    card = await press(checklistBackVerb, {
      ...dataOf(card, checklistBackVerb),
      ...answers(1, () => 'Ett utkast av Per Nordin'),
    });
    card = await press(checklistNextVerb, { ...dataOf(card, checklistNextVerb), ...firstSection });
    const saved = await press(checklistSaveLaterVerb, {
      ...dataOf(card, checklistSaveLaterVerb),
      ...answers(1, () => 'Behörigheter gicks igenom med Jörgen Häggström'),
    });
    card = await press(checklistStartVerb, dataOf(saved, checklistStartVerb));
    for (let index = 1; index < checklist.sections.length; index++) {
      card = await press(checklistNextVerb, {
        ...dataOf(card, checklistNextVerb),
        ...answers(index, () => `Avsnitt ${index + 1} klart enligt Karin Holmberg`),
      });
    }
    assert.ok(cardTexts(card).includes('Sammanfattning'), cardTexts(card).join(' | '));
    card = await press(checklistSubmitVerb, dataOf(card, checklistSubmitVerb));
    assert.ok(
      cardTexts(card).some((text) => text.startsWith('Tack!')),
      cardTexts(card).join(' | '),
    );

    const output = [...bot.logLines, ...consoleOutput].join('\n');
    assert.ok(bot.logLines.length > 20, 'the dialog was logged');

    const people = (await bot.storage.systems.list()).flatMap(({ value: system }) =>
      [
        system.responsible,
        system.responsibleChief,
        ...system.managers,
        ...system.administrators,
        ...system.pilots,
      ].filter((entry): entry is Person => entry !== undefined),
    );
    assert.ok(people.length > 20);
    const secrets = new Set<string>([
      ...people.map((entry) => entry.name),
      ...people.flatMap((entry) => (entry.email ? [entry.email] : [])),
      ...[perNordin, visitor].flatMap((user) => [user.name, user.email]),
      'goran.privat@example.com',
      'hemlig@example.com',
      ...typed,
    ]);
    const leaks = [...secrets].filter((secret) => output.toLowerCase().includes(secret.toLowerCase()));
    assert.deepEqual(leaks, []);
    // Not even a piece of a name or an address: every e-mail-like string in the log is none.
    assert.deepEqual(output.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [], []);
  });
});
