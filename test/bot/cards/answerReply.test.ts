import assert from 'node:assert/strict';
import { replyToAnswer, helpReply } from '../../../src/bot/cards/answerReply';
import { askedPeopleShown, otherPeopleShown } from '../../../src/bot/cards/systemAnswerCard';
import { listedSystemsShown, systemsShownWhole } from '../../../src/bot/cards/systemListCard';
import { chooseSystemVerb, choosePersonVerb } from '../../../src/bot/cards/verbs';
import { teamsChatUrl } from '../../../src/bot/cards/people';
import { RegisterIndex, type Answer } from '../../../src/domain/answers';
import {
  readRoleGuidelineFile,
  defaultRoleGuidelinePath,
} from '../../../src/infrastructure/content/roleGuidelineFile';
import { cardActions, cardTexts } from '../../support/adaptiveCards';
import { aPerson, aSystem } from '../../support/systemMother';
import {
  emptyIndex,
  hostile,
  hostileSystem,
  manySystems,
  personRef,
  sampleAnswers,
  sampleIndex,
  vismaWindow,
} from './cardSamples';

const guideline = readRoleGuidelineFile(defaultRoleGuidelinePath);
const reply = (answer: Answer, index = sampleIndex) => replyToAnswer(answer, { index, guideline });

describe('answer replies', () => {
  describe('a system', () => {
    it('puts the asked role first, with the person and e-mail in the text', () => {
      const { text, card } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: vismaWindow,
        roles: ['responsible'],
        matchedBy: 'name',
        query: 'Visma Window',
      });
      assert.equal(text, 'Systemansvarig för Visma Window: Per Nordin (per.nordin@exempelkommun.se).');
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Visma Window');
      assert.equal(texts[1], 'Systemansvarig');
      assert.equal(texts[2], 'Per Nordin');
      assert.equal(texts[3], 'per.nordin@exempelkommun.se');
      assert.ok(texts.indexOf('Övriga roller') > 3);
      for (const other of [
        'Systemägare',
        'Kommunstyrelsen',
        'Systemförvaltare',
        'Åsa Öberg',
        'Systemadministratörer',
      ]) {
        assert.ok(texts.indexOf(other) > texts.indexOf('Övriga roller'), other);
      }
    });

    it('shows the description, department, unit, business-critical, users, go-live date and information class', () => {
      const { card } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: vismaWindow,
        roles: [],
        matchedBy: 'name',
        query: 'x',
      });
      const texts = cardTexts(card);
      for (const expected of [
        vismaWindow.description,
        'Förvaltning',
        'Kommunledningsförvaltningen',
        'Avdelning',
        'HR-avdelningen',
        'Verksamhetskritiskt',
        'Nej',
        'Antal användare',
        '15',
        'Driftsatt',
        '2004-03-15',
        'Informationsklass',
        'K3 R3 T1',
        'Leverantör',
        'Visma',
      ]) {
        assert.ok(texts.includes(expected), `${expected} missing from ${texts.join(' | ')}`);
      }
    });

    it('answers every role when none was asked, in the text too', () => {
      const { text } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: vismaWindow,
        roles: [],
        matchedBy: 'name',
        query: 'x',
      });
      assert.equal(
        text,
        'Visma Window – Systemägare: Kommunstyrelsen. Systemansvarig: Per Nordin (per.nordin@exempelkommun.se). ' +
          'Systemförvaltare: Åsa Öberg (asa.oberg@exempelkommun.se). ' +
          'Systemadministratörer: Mikael Strand (mikael.strand@exempelkommun.se), Oliver Nilsson.',
      );
    });

    it('answers in English with English role names', () => {
      const { text, card } = reply({
        kind: 'systemRoles',
        lang: 'en',
        system: vismaWindow,
        roles: ['manager', 'owner'],
        matchedBy: 'name',
        query: 'Visma Window',
      });
      assert.equal(
        text,
        'System manager of Visma Window: Åsa Öberg (asa.oberg@exempelkommun.se). System owner of Visma Window: Kommunstyrelsen.',
      );
      const texts = cardTexts(card);
      assert.deepEqual(texts.slice(0, 5), [
        'Visma Window',
        'System manager',
        'Åsa Öberg',
        'asa.oberg@exempelkommun.se',
        'System owner',
      ]);
      assert.ok(texts.includes('Other roles'));
      assert.ok(texts.includes('Business critical'));
    });

    it('gives everyone with an e-mail a button opening a Teams chat, and nobody without one', () => {
      const { card } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: vismaWindow,
        roles: [],
        matchedBy: 'name',
        query: 'x',
      });
      const chats = cardActions(card).filter((action) => action.type === 'Action.OpenUrl');
      assert.deepEqual(
        chats.map((action) => [action.title, action.url]),
        [
          [
            'Chatta med Per Nordin',
            'https://teams.microsoft.com/l/chat/0/0?users=per.nordin%40exempelkommun.se',
          ],
          [
            'Chatta med Åsa Öberg',
            'https://teams.microsoft.com/l/chat/0/0?users=asa.oberg%40exempelkommun.se',
          ],
          [
            'Chatta med Mikael Strand',
            'https://teams.microsoft.com/l/chat/0/0?users=mikael.strand%40exempelkommun.se',
          ],
        ],
      );
      assert.ok(cardTexts(card).includes('Oliver Nilsson'));
    });

    it('encodes the address in the chat link', () => {
      assert.equal(
        teamsChatUrl('a+b&c=d@kommun.se'),
        'https://teams.microsoft.com/l/chat/0/0?users=a%2Bb%26c%3Dd%40kommun.se',
      );
    });

    it('cuts long role lists with a count of the rest, in the card and the text', () => {
      const { text, card } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: hostileSystem,
        roles: ['manager'],
        matchedBy: 'name',
        query: 'x',
      });
      const texts = cardTexts(card);
      assert.ok(texts.includes(`och ${30 - askedPeopleShown} till`), 'managers cut');
      assert.ok(texts.includes(`och ${12 - otherPeopleShown} till`), 'administrators cut');
      assert.match(
        text,
        new RegExp(`Nummer${askedPeopleShown}@?[^,]*\\) och ${30 - askedPeopleShown} till\\.$`),
      );
      assert.doesNotMatch(text, new RegExp(`Nummer${askedPeopleShown + 1}\\b`));
    });

    it('says so when a role has nobody, rather than leaving it out', () => {
      const system = aSystem({ name: 'Tomt', owner: '', responsible: undefined, managers: [] });
      const { text, card } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system,
        roles: ['manager'],
        matchedBy: 'name',
        query: 'Tomt',
      });
      assert.equal(text, 'Systemförvaltare för Tomt: ingen angiven i registret.');
      assert.equal(cardTexts(card).filter((line) => line === 'Ingen angiven i registret').length, 3);
    });

    it('says how a misspelt name or a description was read', () => {
      const typo = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: vismaWindow,
        roles: ['responsible'],
        matchedBy: 'typo',
        query: 'visma windo',
      });
      assert.match(
        typo.text,
        /^Jag tolkade ”visma windo” som Visma Window\. Systemansvarig för Visma Window: Per Nordin/,
      );
      assert.ok(cardTexts(typo.card).includes('Jag tolkade ”visma windo” som Visma Window.'));
      const byDescription = reply({
        kind: 'systemRoles',
        lang: 'en',
        system: vismaWindow,
        roles: [],
        matchedBy: 'description',
        query: 'payroll',
      });
      assert.match(
        byDescription.text,
        /^I found Visma Window through the description of the system \(“payroll”\)\./,
      );
    });

    it('escapes register text in the card but keeps the plain text as the register has it', () => {
      const { text, card } = reply({
        kind: 'systemRoles',
        lang: 'sv',
        system: hostileSystem,
        roles: ['responsible'],
        matchedBy: 'name',
        query: 'x',
      });
      assert.ok(text.includes(`Anna ${hostile}`));
      assert.ok(cardTexts(card).some((line) => line.startsWith('Anna \\*bold\\* \\[link\\]')));
      const chat = cardActions(card).find((action) => action.title.startsWith('Chatta med Anna'));
      assert.equal(chat?.title, `Chatta med Anna ${hostile}`, 'button titles are plain text');
    });
  });

  describe('choices and suggestions', () => {
    it('offers each candidate system as an Action.Execute button carrying its id, the roles and the language', () => {
      const candidates = [vismaWindow, hostileSystem];
      const { text, card } = reply({
        kind: 'chooseSystem',
        lang: 'en',
        query: 'visma',
        candidates,
        roles: ['manager'],
      });
      assert.match(text, /^Several systems fit “visma”: Visma Window and \*bold\*/);
      const buttons = cardActions(card);
      assert.deepEqual(
        buttons.map((button) => [button.type, button.verb, button.title, button.data]),
        candidates.map((system) => [
          'Action.Execute',
          chooseSystemVerb,
          system.name,
          { systemId: system.id, roles: ['manager'], lang: 'en' },
        ]),
      );
    });

    it('says plainly that a system is not in the register, and marks the close names as suggestions', () => {
      const { text, card } = reply({
        kind: 'systemNotFound',
        lang: 'sv',
        query: 'Visma Windoze Pro',
        suggestions: [{ id: vismaWindow.id, name: vismaWindow.name }],
        roles: ['responsible'],
      });
      assert.equal(
        text,
        'Det finns inget system som heter ”Visma Windoze Pro” i registret. Förslag på liknande namn: Visma Window.',
      );
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Det finns inget system som heter ”Visma Windoze Pro” i registret.');
      assert.ok(texts.includes('Förslag på liknande namn (inget av dem är svaret på frågan):'));
      assert.deepEqual(cardActions(card), [
        {
          type: 'Action.Execute',
          title: 'Visma Window',
          verb: chooseSystemVerb,
          data: { systemId: vismaWindow.id, roles: ['responsible'], lang: 'sv' },
        },
      ]);
      // The suggestion's people are not shown: a suggestion is never the answer.
      assert.doesNotMatch(JSON.stringify(card), /Per Nordin/);
    });

    it('offers each candidate person as a button carrying their key and the role asked', () => {
      const candidates = [aPerson('Anna Bergström'), aPerson('Anna Lindqvist')].map(personRef);
      const { text, card } = reply({
        kind: 'choosePerson',
        lang: 'sv',
        query: 'anna',
        people: candidates,
        role: 'manager',
      });
      assert.equal(text, 'Flera personer passar ”anna”: Anna Bergström och Anna Lindqvist. Vem menar du?');
      assert.deepEqual(
        cardActions(card).map((button) => [button.verb, button.title, button.data]),
        candidates.map((person) => [
          choosePersonVerb,
          person.name,
          { personKey: person.key, role: 'manager', lang: 'sv' },
        ]),
      );
    });
  });

  describe('a person and lists', () => {
    it("lists a person's systems with their roles when no role was asked", () => {
      const { text, card } = reply({
        kind: 'personSystems',
        lang: 'sv',
        person: personRef(vismaWindow.responsible!),
        systems: [{ system: vismaWindow, roles: ['responsible', 'manager'] }],
      });
      assert.equal(
        text,
        'Per Nordin har en roll i 1 system: Visma Window (systemansvarig, systemförvaltare).',
      );
      assert.ok(cardTexts(card).includes('Per Nordin'));
      assert.ok(cardTexts(card).includes('systemansvarig, systemförvaltare · Kommunledningsförvaltningen'));
      assert.equal(cardActions(card)[0]?.url, teamsChatUrl('per.nordin@exempelkommun.se'));
    });

    it('says when a person holds the asked role nowhere', () => {
      const { text } = reply({
        kind: 'personSystems',
        lang: 'en',
        person: personRef(vismaWindow.responsible!),
        role: 'pilot',
        systems: [],
      });
      assert.equal(text, 'Per Nordin is not pilot for any system in the register.');
    });

    it(`shows ${listedSystemsShown} systems of a long list and counts the rest, in the card and the text`, () => {
      const { text, card } = reply({
        kind: 'systemList',
        lang: 'sv',
        filter: { department: 'Socialförvaltningen', businessCritical: true },
        systems: manySystems.slice(0, 25),
        total: 200,
      });
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Verksamhetskritiska system på Socialförvaltningen (200)');
      assert.ok(texts.includes(`och ${200 - listedSystemsShown} till`));
      assert.equal(
        texts.filter((line) => /^(System|\\\*bold).* \d\d$/.test(line)).length,
        listedSystemsShown,
      );
      assert.match(text, /^Verksamhetskritiska system på Socialförvaltningen \(200\): .* och 185 till\.$/);
      assert.equal(text.split(', ').length, listedSystemsShown);
    });

    it(`shows a list of up to ${systemsShownWhole} systems whole, rather than hiding a few`, () => {
      const whole = reply({
        kind: 'systemList',
        lang: 'sv',
        filter: {},
        systems: manySystems.slice(0, 20),
        total: 20,
      });
      assert.doesNotMatch(whole.text, /till\.$/);
      assert.equal(whole.text.split(', ').length, 20);
      const cut = reply({
        kind: 'systemList',
        lang: 'sv',
        filter: {},
        systems: manySystems.slice(0, 20),
        total: 21,
      });
      assert.match(cut.text, new RegExp(`och ${21 - listedSystemsShown} till\\.$`));
    });

    it('says so when a list is empty', () => {
      const { text } = reply({
        kind: 'systemList',
        lang: 'en',
        filter: { owner: 'Kulturnämnden', businessCritical: true },
        systems: [],
        total: 0,
      });
      assert.equal(text, 'I find no business-critical systems owned by Kulturnämnden in the register.');
    });

    it('cuts a person with many systems the same way', () => {
      const many = sampleAnswers().find(
        (answer) => answer.kind === 'personSystems' && answer.systems.length === 40,
      )!;
      const { text, card } = reply(many);
      assert.ok(cardTexts(card).includes(`och ${40 - listedSystemsShown} till`));
      assert.match(text, new RegExp(`och ${40 - listedSystemsShown} till\\.$`));
    });
  });

  describe('roles, help and the empty register', () => {
    it('answers what a role means from the guideline, with an example question from the register', () => {
      const { text, card } = reply({ kind: 'roleDefinition', lang: 'sv', role: 'manager' });
      const first = guideline.roles.manager.sv.split('\n\n')[0]!;
      assert.equal(text, `Systemförvaltare: ${first}`);
      const texts = cardTexts(card);
      assert.equal(texts[0], 'Systemförvaltare');
      assert.ok(texts.some((line) => line.startsWith('Fråga till exempel: ”Vem förvaltar ')));
      assert.ok(texts.some((line) => line.startsWith('Källa: ')));
    });

    it('gives help with examples naming systems, a person and a department of the register', () => {
      const index = RegisterIndex.build([
        vismaWindow,
        aSystem({
          name: 'Agresso',
          departments: ['Ekonomiförvaltningen'],
          responsible: undefined,
          managers: [aPerson('Jörgen Häggström')],
        }),
        aSystem({ name: 'W3D3' }),
      ]);
      const { text, card } = helpReply('sv', index);
      assert.equal(
        text,
        'Fråga mig vem som äger, ansvarar för, förvaltar eller administrerar ett system, till exempel: ”Vem är systemansvarig för Visma Window?”',
      );
      const texts = cardTexts(card);
      for (const example of [
        '”Vem är systemansvarig för Visma Window?”',
        '”Vem förvaltar Agresso?”',
        '”Vem kan jag fråga om W3D3?”',
        '”Vilka system är Jörgen Häggström systemförvaltare för?”',
        '”Vilka system finns på Kommunledningsförvaltningen?”',
        '”Vilka av dem är verksamhetskritiska?”',
        '”Vad gör en systemförvaltare?”',
      ]) {
        assert.ok(texts.includes(example), `${example} missing from ${texts.join(' | ')}`);
      }
      const english = cardTexts(helpReply('en', index).card);
      assert.ok(english.includes('“Which systems does Jörgen Häggström manage?”'), english.join(' | '));
    });

    it('says the register is empty instead of answering from nothing', () => {
      const { text, card } = reply(
        { kind: 'systemNotFound', lang: 'sv', query: 'Agresso', suggestions: [], roles: [] },
        emptyIndex,
      );
      assert.match(text, /^Registret är tomt just nu\./);
      assert.match(cardTexts(card)[1] ?? '', /^Registret är tomt just nu\./);
    });

    it('asks which system when only a role was understood', () => {
      const { text } = reply({ kind: 'notUnderstood', lang: 'en', roles: ['administrator'] });
      assert.match(text, /^Which system do you mean\? Write for example: “Who administers .+\?”$/);
    });
  });

  it('names the other names of a system among its facts, and says which system an alias meant', () => {
    const system = { ...vismaWindow, aliases: ['Window', 'Lön gamla'] };
    const { text, card } = reply({
      kind: 'systemRoles',
      lang: 'sv',
      system,
      roles: ['responsible'],
      matchedBy: 'alias',
      query: 'lön gamla',
    });
    assert.match(text, /^”lön gamla” är Visma Window\./);
    const texts = cardTexts(card!);
    assert.ok(texts.includes('Även kallat') && texts.includes('Window, Lön gamla'), texts.join(' | '));
  });

  it("answers thanks with a you're-welcome in words only, in the language of the thanks", () => {
    assert.deepEqual(reply({ kind: 'thanks', lang: 'sv' }), {
      text: 'Varsågod! Fråga gärna igen när du undrar vem som ansvarar för ett system.',
    });
    assert.match(reply({ kind: 'thanks', lang: 'en' }).text, /^You're welcome!/);
  });

  it('says what a person does hold when they hold the asked role nowhere, with the roles in each system', () => {
    const { text, card } = reply({
      kind: 'personSystems',
      lang: 'sv',
      person: { key: 'name:per nordin', name: 'Per Nordin' },
      role: 'manager',
      systems: [],
      otherRoles: [{ system: vismaWindow, roles: ['responsible'] }],
    });
    assert.equal(
      text,
      'Per Nordin är inte systemförvaltare för något system i registret, men har en annan roll i 1 system: Visma Window (systemansvarig).',
    );
    assert.ok(card);
    assert.ok(
      cardTexts(card).includes('systemansvarig · Kommunledningsförvaltningen'),
      cardTexts(card).join(' | '),
    );
  });

  it('keeps every reply, card and text together, under the 28 KB Teams accepts in one message', () => {
    for (const answer of sampleAnswers()) {
      const { text, card } = reply(answer);
      const bytes = Buffer.byteLength(card ? JSON.stringify(card) : '') + Buffer.byteLength(text);
      assert.ok(bytes < 28_000, `${answer.kind}: ${bytes} bytes`);
    }
  });
});
