import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Attachment } from 'botbuilder';
import sinon from 'sinon';
import { checklistStartVerb } from '../../../src/bot/cards/checklistActions';
import { choosePersonVerb, chooseSystemVerb } from '../../../src/bot/cards/verbs';
import { defaultFollowUpCalendar } from '../../support/followUpYear';
import { delegatesIdFor } from '../../../src/domain/checklist/permissions';
import { allRoles } from '../../../src/domain/answers';
import { importRegister } from '../../../src/domain/register/registerImport';
import type { RegisterTable } from '../../../src/domain/register/registerTable';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import {
  sampleRegisterPath,
  seedSampleRegisterIfEmpty,
} from '../../../src/infrastructure/registerFile/sampleRegister';
import { silentLogger } from '../../../src/shared/logger';
import { say } from '../../../src/texts';
import { inputGuardTexts } from '../../../src/texts/inputGuard';
import {
  cardActionActivity,
  installActivity,
  messageActivity,
  testUser,
  type InvokeResponseBody,
  type TestUser,
} from '../../support/activities';
import {
  assertValidAdaptiveCard,
  cardActions,
  cardTexts,
  type CardAction,
} from '../../support/adaptiveCards';
import { startTestBot, type TestBot } from '../../support/botServer';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const otherUser: TestUser = {
  id: '29:9z8Y7x6W5v4U3t2S1r0QpOnMlKjIhGfEdCbA',
  aadObjectId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Per Testsson',
};

describe('answers (through /api/messages)', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot();
    await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
  });

  afterEach(async () => {
    sinon.restore();
    await bot?.stop();
  });

  /** The address Teams' member lookup gives for the test user. */
  function teamsKnowsTestUserAs(email: string): void {
    const { id, name, aadObjectId } = testUser;
    bot.connector.setMember({ id, name, aadObjectId, email, userPrincipalName: email.toLowerCase() });
  }

  /** Asks as the test user and returns the one reply: exactly one message per question. */
  async function ask(text: string, options: Partial<Parameters<typeof messageActivity>[0]> = {}) {
    const replies = await bot.send(messageActivity({ text, ...options }));
    assert.equal(replies.length, 1, `expected one reply to "${text}", got ${replies.length}`);
    const reply = replies[0]!;
    assert.equal(reply.type, 'message');
    assert.equal(reply.textFormat, 'plain');
    const attachments = (reply.attachments ?? []) as Attachment[];
    assert.equal(attachments.length, 1);
    assert.equal(attachments[0]?.contentType, adaptiveCardType);
    const card = attachments[0]?.content as Record<string, unknown>;
    assertValidAdaptiveCard(card, `the reply to "${text}"`);
    return { text: reply.text ?? '', card, texts: cardTexts(card), actions: cardActions(card) };
  }

  async function press(verb: string, data: unknown, from?: TestUser): Promise<InvokeResponseBody> {
    const response = await bot.post(cardActionActivity({ verb, data, from }));
    assert.equal(response.status, 200, response.body);
    return JSON.parse(response.body) as InvokeResponseBody;
  }

  function pressed(button: CardAction | undefined, from?: TestUser): Promise<InvokeResponseBody> {
    assert.ok(button, 'no such button');
    assert.equal(button.type, 'Action.Execute');
    return press(button.verb ?? '', button.data, from);
  }

  const answeredKinds = () =>
    bot
      .logEntries()
      .filter((entry) => entry.event === 'answers.answered')
      .map((entry) => entry.kind);

  describe('one role of one system', () => {
    it('answers with a card naming the asked role first and clearly, and the answer in the text', async () => {
      const { text, texts, actions } = await ask('Vem är systemansvarig för Visma Window?');
      assert.equal(text, 'Systemansvarig för Visma Window: Per Nordin (per.nordin@exempelkommun.se).');
      assert.deepEqual(texts.slice(0, 4), [
        'Visma Window',
        'Systemansvarig',
        'Per Nordin',
        'per.nordin@exempelkommun.se',
      ]);
      const others = texts.indexOf('Övriga roller');
      assert.ok(others > 3);
      for (const below of [
        'Systemägare',
        'Kommunstyrelsen',
        'Systemförvaltare',
        'Åsa Öberg',
        'Mikael Strand',
      ]) {
        assert.ok(texts.indexOf(below) > others, `${below} below the asked role`);
      }
      for (const fact of [
        'HR-avdelningen',
        'Kommunledningsförvaltningen',
        'Nej',
        '15',
        '2004-03-15',
        'K3 R3 T1',
      ]) {
        assert.ok(texts.includes(fact), `${fact} in the facts`);
      }
      assert.deepEqual(actions[0], {
        type: 'Action.OpenUrl',
        title: 'Chatta med Per Nordin',
        url: 'https://teams.microsoft.com/l/chat/0/0?users=per.nordin%40exempelkommun.se',
      });
    });

    it('answers about a retired system that it is retired, without a follow-up button', async () => {
      const visma = await bot.storage.systems.get('visma-window');
      assert.ok(visma);
      await bot.storage.systems.apply({
        create: [],
        replace: [{ value: { ...visma.value, status: 'Avvecklad 2024' }, version: visma.version }],
        remove: [],
      });
      const { text, texts, actions } = await ask('Vem är systemansvarig för Visma Window?');
      assert.match(text, /^Visma Window är avvecklat enligt registret \(status: Avvecklad 2024\)\./);
      assert.match(text, /Systemansvarig för Visma Window: Per Nordin/);
      assert.equal(texts[0], 'Visma Window');
      assert.match(texts[1] ?? '', /är avvecklat enligt registret/);
      assert.ok(texts.includes('Avvecklad 2024'), 'the status is among the facts');
      assert.ok(!actions.some((action) => action.title === 'Starta årlig uppföljning'));
    });

    it('answers an English question in English', async () => {
      const { text, texts } = await ask('Who manages Agresso?');
      assert.equal(
        text,
        'System managers of Agresso: Jörgen Häggström (jorgen.haggstrom@exempelkommun.se), ' +
          'Linnéa Sjögren (linnea.sjogren@exempelkommun.se).',
      );
      assert.equal(texts[1], 'System managers');
      assert.ok(texts.includes('Other roles'));
      assert.ok(!texts.includes('Övriga roller'));
    });

    it('answers two roles asked at once, both first', async () => {
      const { text, texts } = await ask('Vem äger Office 365 och vem är systemförvaltare?');
      assert.equal(
        text,
        'Systemägare för Office 365: Kommunstyrelsen. Systemförvaltare för Office 365: ' +
          'René Ekström (rene.ekstrom@exempelkommun.se), Fatima Haddad (fatima.haddad@exempelkommun.se).',
      );
      assert.deepEqual(texts.slice(1, 4), ['Systemägare', 'Kommunstyrelsen', 'Systemförvaltare']);
    });

    it('answers an @mention in a channel, without the mention', async () => {
      const activity = messageActivity({
        text: '<at>Systemkollen</at> vem äger W3D3?',
        conversationType: 'channel',
      });
      activity.entities = [
        ...(activity.entities ?? []),
        { type: 'mention', mentioned: { ...activity.recipient }, text: '<at>Systemkollen</at>' },
      ];
      const replies = await bot.send(activity);
      assert.equal(replies.length, 1);
      assert.equal(replies[0]?.text, 'Systemägare för W3D3: Kommunstyrelsen.');
    });
  });

  describe('choosing with buttons', () => {
    it('offers the systems that fit, and answers the one pressed as the invoke response card', async () => {
      const { text, actions } = await ask('vem äger procapita');
      assert.equal(
        text,
        'Flera system passar ”procapita”: Procapita Gymnasie, Procapita IFO och Procapita VoO. Vilket menar du?',
      );
      assert.deepEqual(
        actions.map((action) => [action.type, action.verb, action.title]),
        ['Procapita Gymnasie', 'Procapita IFO', 'Procapita VoO'].map((name) => [
          'Action.Execute',
          chooseSystemVerb,
          name,
        ]),
      );

      const body = await pressed(actions.find((action) => action.title === 'Procapita IFO'));
      assert.equal(body.statusCode, 200);
      assert.equal(body.type, adaptiveCardType);
      assertValidAdaptiveCard(body.value, 'the chosen system');
      const texts = cardTexts(body.value);
      assert.deepEqual(texts.slice(0, 3), ['Procapita IFO', 'Systemägare', 'Socialnämnden']);
      assert.ok(texts.includes('Leila Karimi'));
    });

    it('offers the people that fit, and answers the one pressed with their systems in the asked role', async () => {
      const { text, actions } = await ask('vad förvaltar anna');
      assert.equal(text, 'Flera personer passar ”anna”: Anna Bergström och Anna Lindqvist. Vem menar du?');
      assert.ok(actions.every((action) => action.verb === choosePersonVerb));

      const body = await pressed(actions.find((action) => action.title === 'Anna Lindqvist'));
      assert.equal(body.type, adaptiveCardType);
      assertValidAdaptiveCard(body.value, 'the chosen person');
      const texts = cardTexts(body.value);
      assert.equal(texts[0], 'Anna Lindqvist');
      assert.equal(texts[2], 'Anna Lindqvist är systemförvaltare för 1 system');
      assert.ok(texts.includes('Tendsign'));
      assert.ok(!texts.includes('Agresso'), 'Agresso is administered, not managed, by her');
    });

    it('remembers the system chosen with a button for a follow-up question', async () => {
      const { actions } = await ask('vem äger procapita');
      await pressed(actions.find((action) => action.title === 'Procapita VoO'));
      const { text } = await ask('vem är pilot för det?');
      assert.equal(text, 'Piloter/ombud för Procapita VoO: Sara Holm, Petra Lind.');
    });
  });

  describe('card data is never trusted', () => {
    const refusal = 'Den knappen kunde jag inte använda. Ställ gärna frågan igen i chatten.';

    it('refuses a system id that is not in the register, politely and without a crash', async () => {
      const body = await press(chooseSystemVerb, { systemId: 'hemligt-system', roles: [], lang: 'sv' });
      assert.deepEqual(body, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'Det systemet finns inte längre i registret. Ställ gärna frågan igen i chatten.',
      });
      const person = await press(choosePersonVerb, { personKey: 'ingen@kommun.se', lang: 'en' });
      assert.equal(
        person.value,
        'That person is no longer in the register. Please ask the question again in the chat.',
      );
    });

    it('refuses data of the wrong shape or type, in the language the card asked in when it can tell', async () => {
      const tampered: [string, unknown][] = [
        [chooseSystemVerb, { systemId: 42, roles: [], lang: 'sv' }],
        [chooseSystemVerb, { systemId: 'agresso', roles: 'owner', lang: 'sv' }],
        [chooseSystemVerb, { systemId: 'agresso', roles: ['boss'], lang: 'sv' }],
        [chooseSystemVerb, { systemId: 'agresso', roles: [], lang: 'de' }],
        [chooseSystemVerb, { systemId: 'x'.repeat(5000), roles: [], lang: 'sv' }],
        [chooseSystemVerb, 'agresso'],
        [chooseSystemVerb, null],
        [choosePersonVerb, { personKey: ['a'], lang: 'sv' }],
        [choosePersonVerb, { personKey: 'per.nordin@exempelkommun.se', role: 'king', lang: 'sv' }],
      ];
      for (const [verb, data] of tampered) {
        const body = await press(verb, data);
        assert.deepEqual(
          body,
          { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: refusal },
          `${verb} ${JSON.stringify(data)?.slice(0, 80)}`,
        );
      }
      const english = await press(chooseSystemVerb, { systemId: 7, lang: 'en' });
      assert.equal(english.value, "I couldn't use that button. Please ask the question again in the chat.");

      // A verb no feature knows gets the bot's one answer to unknown buttons.
      const unknown = await press('answers.deleteEverything', { systemId: 'agresso', lang: 'sv' });
      assert.equal(unknown.value, say('sv', inputGuardTexts.unknownAction));

      const refusals = bot.logEntries().filter((entry) => entry.event === 'answers.action_refused');
      assert.equal(refusals.length, tampered.length + 1);
      assert.doesNotMatch(JSON.stringify(refusals), /agresso|per\.nordin|xxxx/);

      // And the bot still answers.
      assert.equal((await ask('vem äger W3D3?')).text, 'Systemägare för W3D3: Kommunstyrelsen.');
    });
  });

  describe('not in the register', () => {
    it('says so plainly, and offers close names clearly marked as suggestions, as buttons', async () => {
      const { text, texts, actions, card } = await ask('vem äger Procapita Bygg');
      assert.equal(
        text,
        'Det finns inget system som heter ”Procapita Bygg” i registret. ' +
          'Förslag på liknande namn: Procapita Gymnasie, Procapita IFO, Procapita VoO.',
      );
      assert.equal(texts[0], 'Det finns inget system som heter ”Procapita Bygg” i registret.');
      assert.ok(texts.includes('Förslag på liknande namn (inget av dem är svaret på frågan):'));
      assert.deepEqual(
        actions.map((action) => [action.verb, action.title]),
        ['Procapita Gymnasie', 'Procapita IFO', 'Procapita VoO'].map((name) => [chooseSystemVerb, name]),
      );
      // Nobody's name is given as if it were the answer.
      assert.doesNotMatch(JSON.stringify(card), /Maria Sundberg|Cecilia Åkesson|Socialnämnden/);
    });

    it('answers a suggestion pressed with the role first asked', async () => {
      const { actions } = await ask('who owns Mikromark Pro');
      const body = await pressed(actions[0]);
      assert.deepEqual(cardTexts(body.value).slice(0, 3), [
        'Mikromarc',
        'System owner',
        'Kultur- och fritidsnämnden',
      ]);
    });
  });

  describe('lists and follow-ups', () => {
    it('cuts a long list with a count of the rest', async () => {
      const { text, texts } = await ask('vilka system finns');
      assert.match(text, /^Alla system i registret \(40\): Abacus VA, Active Directory, .* och 25 till\.$/);
      assert.equal(texts[0], 'Alla system i registret (40)');
      assert.ok(texts.includes('och 25 till'));
      assert.ok(texts.includes('Abacus VA'));
      assert.ok(!texts.includes('W3D3'), 'the last systems are counted, not shown');
    });

    it('narrows the last list for "vilka av dem", for the user who asked it only', async () => {
      const first = await ask('Vilka system finns på socialförvaltningen?');
      assert.match(first.text, /^System på Socialförvaltningen \(10\): /);

      const narrowed = await ask('vilka av dem är verksamhetskritiska');
      assert.equal(
        narrowed.text,
        'Verksamhetskritiska system på Socialförvaltningen (8): MedControl, Office 365, Phoniro, Procapita IFO, ' +
          'Procapita VoO, SSBTEK, Trygghetslarm 24, Viva.',
      );

      const someoneElse = await ask('vilka av dem är verksamhetskritiska', {
        from: otherUser,
        conversationId: `a:1${testUser.aadObjectId.replace(/-/g, '')}`,
      });
      assert.match(someoneElse.text, /^Verksamhetskritiska system \(\d+\): /);
      assert.doesNotMatch(someoneElse.text, /Socialförvaltningen/);
    });

    it('applies a role question to the last system', async () => {
      await ask('vem äger W3D3?');
      assert.equal(
        (await ask('och vem förvaltar det?')).text,
        'Systemförvaltare för W3D3: Sofia Dahl (sofia.dahl@exempelkommun.se).',
      );
    });

    it("lists a person's systems", async () => {
      const { text } = await ask('Vilka system är Per Nordin systemansvarig för?');
      assert.equal(text, 'Per Nordin är systemansvarig för 2 system: Visma Personec, Visma Window.');
    });
  });

  describe('help, welcome and roles', () => {
    it('welcomes on install with a card of examples taken from the register, each of which it answers', async () => {
      teamsKnowsTestUserAs('per.nordin@exempelkommun.se');
      const replies = await bot.send(installActivity());
      assert.equal(replies.length, 1);
      assert.match(
        replies[0]?.text ?? '',
        /^Hej! Jag är Systemkollen\. .*”Vem är systemansvarig för Abacus VA\?”$/,
      );
      const card = replies[0]?.attachments?.[0]?.content as object;
      assertValidAdaptiveCard(card, 'welcome');
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Hej! Jag är Systemkollen');
      const examples = texts.filter((line) => line.startsWith('”')).map((line) => line.slice(1, -1));
      assert.deepEqual(examples, [
        'Vem är systemansvarig för Abacus VA?',
        'Vem förvaltar Active Directory?',
        'Vem kan jag fråga om Agresso?',
        'Vilka system är René Ekström systemförvaltare för?',
        'Vilka är mina system?',
        'Vilka system finns på Samhällsbyggnadsförvaltningen?',
        'Vilka av dem är verksamhetskritiska?',
        'Vad gör en systemförvaltare?',
      ]);
      for (const example of examples) await ask(example);
      assert.deepEqual(answeredKinds(), [
        'systemRoles',
        'systemRoles',
        'systemRoles',
        'personSystems',
        'personSystems',
        'systemList',
        'systemList',
        'roleDefinition',
      ]);
    });

    it('answers "vilka är mina system" with the systems of whoever asks, found by the e-mail Teams knows', async () => {
      teamsKnowsTestUserAs('Per.Nordin@exempelkommun.se');
      const mine = await ask('vilka är mina system?');
      assert.match(
        mine.text,
        /^Per Nordin har roller i 2 system: Visma Personec \(.*\), Visma Window \(.*\)\.$/,
      );
      const responsible = await ask('which systems am I responsible for?');
      assert.match(
        responsible.text,
        /^Per Nordin is responsible for 2 systems: Visma Personec, Visma Window\.$/,
      );
    });

    it('says plainly when whoever asks about their own systems is not in the register, or not known', async () => {
      teamsKnowsTestUserAs('ny.medarbetare@exempelkommun.se');
      const [notListed] = await bot.send(messageActivity({ text: 'vad förvaltar jag?' }));
      assert.equal(
        notListed?.text,
        'Du finns inte med i systemregistret under ny.medarbetare@exempelkommun.se, så jag vet inte vilka system du har. Fråga gärna efter ett system eller en person i stället.',
      );
      // Teams does not know this member: no address to look for.
      const [unknown] = await bot.send(messageActivity({ text: 'mina system', from: otherUser }));
      assert.match(String(unknown?.text), /^Jag vet inte vem du är i registret just nu/);
      assert.doesNotMatch(String(unknown?.text), /Abacus VA/, 'never the whole register instead');
    });

    it("answers thanks with a short you're-welcome, without a card", async () => {
      const swedish = await bot.send(messageActivity({ text: 'tack!' }));
      assert.equal(swedish.length, 1);
      assert.match(String(swedish[0]?.text), /^Varsågod!/);
      assert.equal(swedish[0]?.attachments, undefined);
      const english = await bot.send(messageActivity({ text: 'thanks a lot' }));
      assert.match(String(english[0]?.text), /^You're welcome!/);
    });

    it('gives the same help for "hjälp", and in English for "help"', async () => {
      const swedish = await ask('hjälp');
      assert.equal(swedish.texts[0], 'Det här kan du fråga mig');
      assert.ok(swedish.texts.includes('”Vem förvaltar Active Directory?”'));
      const english = await ask('help');
      assert.equal(english.texts[0], 'What you can ask me');
      assert.ok(english.texts.includes('“Who manages Active Directory?”'));
      assert.match(english.text, /^Ask me who owns/);
    });

    it('explains a role from the guideline, in the language asked', async () => {
      const swedish = await ask('vad gör en systemförvaltare?');
      assert.match(swedish.text, /^Systemförvaltare: Systemförvaltaren har det operativa, dagliga ansvaret/);
      assert.equal(swedish.texts[0], 'Systemförvaltare');
      const english = await ask('what does a system owner do?');
      assert.match(
        english.text,
        /^System owner: The system owner has full financial and functional responsibility/,
      );
    });

    it("explains a role from the municipality's own guideline file when ROLE_GUIDELINE_FILE names one", async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-guideline-'));
      try {
        const file = path.join(dir, 'roller.json');
        const roles = Object.fromEntries(
          allRoles.map((role) => [role, { sv: `Vår text om ${role}.`, en: `Our ${role}.` }]),
        );
        await writeFile(file, JSON.stringify({ roles }));
        const own = await startTestBot({ env: { ROLE_GUIDELINE_FILE: file } });
        try {
          const replies = await own.send(messageActivity({ text: 'vad gör en systemadministratör?' }));
          assert.equal(replies[0]?.text, 'Systemadministratör: Vår text om administrator.');
        } finally {
          await own.stop();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('asks which system when only a role was understood', async () => {
      const { text } = await ask('vem är systemförvaltare?');
      assert.equal(text, 'Vilket system menar du? Skriv till exempel: ”Vem förvaltar Agresso?”');
    });
  });

  describe('a register that changes', () => {
    it('answers from a CLI import after the refresh interval, without a restart', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      assert.equal(
        (await ask('vem är systemansvarig för Visma Window?')).text,
        'Systemansvarig för Visma Window: Per Nordin (per.nordin@exempelkommun.se).',
      );

      const table = await readRegisterFile(sampleRegisterPath);
      const report = await importRegister(
        { storage: bot.storage, logger: silentLogger },
        withNewResponsible(table),
        {
          fileName: 'register.csv',
          actor: 'cli:test',
        },
      );
      assert.equal(report.outcome, 'applied');

      const listRecent = sinon.spy(bot.storage.imports, 'listRecent');
      clock.tick(14_000);
      assert.match((await ask('vem är systemansvarig för Visma Window?')).text, /Per Nordin/);
      assert.equal(listRecent.callCount, 0, 'the register is not checked within the interval');

      clock.tick(1_000);
      let text = '';
      for (let attempt = 0; attempt < 50 && !text.includes('Nora Nyman'); attempt++) {
        text = (await ask('vem är systemansvarig för Visma Window?')).text;
        if (!text.includes('Nora Nyman')) await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(text, 'Systemansvarig för Visma Window: Nora Nyman (nora.nyman@exempelkommun.se).');
      assert.equal(listRecent.callCount, 1);
    });

    it('says the register is empty when nothing has been imported', async () => {
      const empty = await startTestBot();
      try {
        const replies = await empty.send(messageActivity({ text: 'vem äger Agresso?' }));
        assert.equal(replies.length, 1);
        assert.match(replies[0]?.text ?? '', /^Registret är tomt just nu\./);
      } finally {
        await empty.stop();
      }
    });
  });

  describe('the annual follow-up button on a system card', () => {
    const hasFollowUp = (actions: readonly CardAction[]) =>
      actions.some((action) => action.verb === checklistStartVerb);

    it("shows to the system's answerer per the register", async () => {
      teamsKnowsTestUserAs('Per.Nordin@exempelkommun.se');
      const { actions } = await ask('Vem äger Visma Window?');
      assert.ok(hasFollowUp(actions), 'Per Nordin is systemansvarig for Visma Window');
    });

    it('is left out for an employee who may not start it', async () => {
      teamsKnowsTestUserAs('helena.vik@exempelkommun.se');
      const { actions, texts } = await ask('Vem äger Visma Window?');
      assert.ok(!hasFollowUp(actions));
      assert.ok(texts.includes('Per Nordin'), 'the answer itself is unchanged');
    });

    it('is left out when Teams cannot say who asks', async () => {
      const { actions } = await ask('Vem äger Visma Window?');
      assert.ok(!hasFollowUp(actions), 'the member lookup answered 404');
    });

    it('shows to a delegate of the system for this year', async () => {
      teamsKnowsTestUserAs('helena.vik@exempelkommun.se');
      const year = defaultFollowUpCalendar.currentYear(new Date());
      await bot.storage.reviewDelegates.save(
        {
          id: delegatesIdFor('visma-window', year),
          systemId: 'visma-window',
          year,
          delegates: [
            {
              name: 'Helena Vik',
              email: 'helena.vik@exempelkommun.se',
              addedBy: { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Admin' },
              addedAt: new Date().toISOString(),
            },
          ],
        },
        null,
      );
      const { actions } = await ask('Vem äger Visma Window?');
      assert.ok(hasFollowUp(actions));
      const other = await ask('Vem äger Visma Personec?');
      assert.ok(!hasFollowUp(other.actions), 'a delegate of one system only');
    });

    it('shows to an admin on every system, and per system when several are answered', async () => {
      await bot.stop();
      bot = await startTestBot({ env: { ADMIN_USERS: testUser.aadObjectId! } });
      await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
      const { card, actions } = await ask('Vem förvaltar Unikum och vem förvaltar Tempus?');
      assert.equal(actions.filter((action) => action.verb === checklistStartVerb).length, 2);
      assert.ok(JSON.stringify(card).length < 40_000);
    });
  });

  it('logs the kind of each answer with ids only: no question, names or e-mail addresses', async () => {
    await ask('Vem är systemansvarig för Visma Window?');
    await ask('vad förvaltar anna');
    const answered = bot.logEntries().filter((entry) => entry.event === 'answers.answered');
    assert.deepEqual(
      answered.map((entry) => entry.kind),
      ['systemRoles', 'choosePerson'],
    );
    assert.equal(answered[0]?.matchedBy, 'name');
    assert.equal(typeof answered[0]?.activityId, 'string');
    assert.doesNotMatch(bot.logLines.join('\n'), /Visma|Nordin|anna|exempelkommun|förvaltar|Lindström/i);
  });
});

/** The sample register with Visma Window's responsible person replaced, as an admin would edit the file. */
function withNewResponsible(table: RegisterTable): RegisterTable {
  const nameColumn = table.headers.indexOf('IT-systemets namn');
  const responsibleColumn = table.headers.indexOf('Systemansvarig');
  return {
    headers: table.headers,
    rows: table.rows.map((row) => {
      if (row.cells[nameColumn] !== 'Visma Window') return row;
      const cells = [...row.cells];
      cells[responsibleColumn] = 'Nora Nyman <nora.nyman@exempelkommun.se>';
      return { ...row, cells };
    }),
  };
}
