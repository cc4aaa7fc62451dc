import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity, Attachment } from 'botbuilder';
import sinon from 'sinon';
import {
  checklistBackVerb,
  checklistGoToVerb,
  checklistNextVerb,
  checklistReopenVerb,
  checklistSaveLaterVerb,
  checklistStartVerb,
  checklistSubmitVerb,
} from '../../../src/bot/cards/checklistActions';
import type { Review } from '../../../src/domain/checklist';
import type { Storage } from '../../../src/domain/ports';
import { loadChecklistSync } from '../../../src/infrastructure/checklist/loadChecklist';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { say } from '../../../src/texts';
import { followUpYearTexts } from '../../../src/texts/followUpYear';
import { inputGuardTexts } from '../../../src/texts/inputGuard';
import {
  cardActionActivity,
  messageActivity,
  type InvokeResponseBody,
  type TestUser,
} from '../../support/activities';
import {
  assertValidAdaptiveCard,
  cardActions,
  inputsOf,
  cardTexts,
  type CardAction,
} from '../../support/adaptiveCards';
import { startTestBot, type TestBot } from '../../support/botServer';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';
import { currentFollowUpYear } from '../../support/followUpYear';
import { aPerson, aSystem } from '../../support/systemMother';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const checklist = loadChecklistSync();
const sectionCount = checklist.sections.length;

const chief: TestUser & { email: string } = {
  id: '29:1chiefKarinLarsson0000000000000000000',
  aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001',
  name: 'Karin Larsson',
  email: 'karin.larsson@kommun.se',
};
const outsider: TestUser & { email: string } = {
  id: '29:1outsiderPerHolm00000000000000000000',
  aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002',
  name: 'Per Holm',
  email: 'per.holm@kommun.se',
};
const admin: TestUser & { email: string } = {
  id: '29:1adminLisaAdmin000000000000000000000',
  aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003',
  name: 'Lisa Admin',
  email: 'lisa.admin@kommun.se',
};
const coordinator: TestUser & { email: string } = {
  id: '29:1coordinatorOlaSamordnare0000000000',
  aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004',
  name: 'Ola Samordnare',
  email: 'ola.samordnare@kommun.se',
};

const env = {
  ADMIN_USERS: admin.aadObjectId,
  SECURITY_COORDINATORS: coordinator.email,
};

const procapitaIfo = aSystem({
  name: 'Procapita IFO',
  departments: ['Socialförvaltningen'],
  responsibleChief: aPerson('Karin Larsson', chief.email),
  responsible: aPerson('Sven Berg', 'sven.berg@kommun.se'),
});
const procapitaVoo = aSystem({
  name: 'Procapita VoO',
  departments: ['Socialförvaltningen'],
  responsible: aPerson('Sven Berg', 'sven.berg@kommun.se'),
});
const vismaWindow = aSystem({
  name: 'Visma Window',
  departments: ['Kommunledningsförvaltningen'],
  responsible: aPerson('Karin Larsson', chief.email),
});

interface Shown {
  text: string;
  card: Record<string, unknown>;
  texts: string[];
  actions: CardAction[];
}

describe('the annual follow-up dialog (through /api/messages)', () => {
  let connector: FakeConnector;
  let storage: Storage;
  let dataDir: string;
  let bot: TestBot;
  const year = currentFollowUpYear(new Date());

  beforeEach(async () => {
    connector = await startFakeConnector();
    for (const user of [chief, outsider, admin, coordinator]) {
      connector.setMember({
        id: user.id,
        name: user.name,
        aadObjectId: user.aadObjectId,
        email: user.email,
        userPrincipalName: user.email,
      });
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-checklist-bot-'));
    storage = await createLocalStorage(dataDir);
    await storage.systems.apply({
      create: [procapitaIfo, procapitaVoo, vismaWindow],
      replace: [],
      remove: [],
    });
    bot = await startTestBot({ storage, env });
  });

  afterEach(async () => {
    await bot?.stop();
    await storage?.close();
    await connector?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A message from `from`, and the one reply. */
  async function write(
    text: string,
    from: TestUser = chief,
    options: { conversationType?: 'personal' | 'groupChat' } = {},
  ): Promise<Shown> {
    const replies = await bot.send(
      messageActivity({ text, from, serviceUrl: connector.serviceUrl, ...options }),
    );
    assert.equal(replies.length, 1, `expected one reply to "${text}", got ${replies.length}`);
    const reply = replies[0] as Activity;
    const attachment = ((reply.attachments ?? []) as Attachment[])[0];
    if (attachment?.contentType !== adaptiveCardType) {
      return { text: reply.text ?? '', card: {}, texts: [], actions: [] };
    }
    const card = attachment.content as Record<string, unknown>;
    assertValidAdaptiveCard(card, `the reply to "${text}"`);
    return { text: reply.text ?? '', card, texts: cardTexts(card), actions: cardActions(card) };
  }

  async function press(verb: string, data: unknown, from: TestUser = chief): Promise<InvokeResponseBody> {
    const response = await bot.post(
      cardActionActivity({ verb, data, from, serviceUrl: connector.serviceUrl }),
    );
    assert.equal(response.status, 200, response.body);
    return JSON.parse(response.body) as InvokeResponseBody;
  }

  /** The card that replaced the pressed one. */
  function cardOf(body: InvokeResponseBody): Shown {
    assert.equal(body.type, adaptiveCardType, `expected a card, got ${JSON.stringify(body.value)}`);
    assertValidAdaptiveCard(body.value, 'the card in the invoke response');
    const card = body.value as Record<string, unknown>;
    return { text: '', card, texts: cardTexts(card), actions: cardActions(card) };
  }

  function messageOf(body: InvokeResponseBody): string {
    assert.equal(body.type, 'application/vnd.microsoft.activity.message', JSON.stringify(body.value));
    return body.value as string;
  }

  function button(shown: Shown, verb: string, title?: string): CardAction {
    const found = shown.actions.find(
      (action) => action.verb === verb && (title === undefined || action.title === title),
    );
    assert.ok(
      found,
      `no button ${verb} ${title ?? ''} among ${shown.actions.map((a) => `${a.verb}:${a.title}`).join(', ')}`,
    );
    return found;
  }

  type Typed = Record<
    string,
    { answer?: string; comment?: string; what?: string; who?: string; due?: string }
  >;

  /** Presses a section card's button with the inputs as shown, changed where `typed` says. */
  async function submitSection(shown: Shown, verb: string, typed: Typed = {}, from: TestUser = chief) {
    const inputs = inputsOf(shown.card);
    for (const [questionId, fields] of Object.entries(typed)) {
      for (const [field, value] of Object.entries(fields)) inputs[`${questionId}.${field}`] = value as string;
    }
    const action = button(shown, verb);
    return press(verb, { ...(action.data as object), ...inputs }, from);
  }

  function allYes(sectionIndex: number): Typed {
    const section = checklist.sections[sectionIndex]!;
    return Object.fromEntries(section.questions.map((question) => [question.id, { answer: 'yes' }]));
  }

  async function stored(system = procapitaIfo): Promise<Review | undefined> {
    return (await storage.reviews.get(system.id, year))?.value;
  }

  async function storedVersion(system = procapitaIfo): Promise<string | undefined> {
    return (await storage.reviews.get(system.id, year))?.version;
  }

  describe('for the responsible chief', () => {
    it('runs the whole follow-up: start, every section, back, save for later, summary, submit and reopen', async () => {
      const start = await write('checklista Procapita IFO');
      assert.equal(start.texts[0], 'Procapita IFO');
      assert.ok(
        start.texts.includes(`Avsnitt 1 av ${sectionCount}: Organisation och roller`),
        start.texts.join(' | '),
      );
      assert.ok(start.texts.some((text) => text.includes('ansvarig chef')));
      assert.deepEqual(
        start.actions.filter((action) => action.type === 'Action.Execute').map((action) => action.verb),
        [checklistNextVerb, checklistSaveLaterVerb],
        'no Back on the first section',
      );
      assert.equal(await stored(), undefined, 'opening stores nothing');

      // Section 1: one deviation with its planned action.
      const firstQuestion = checklist.sections[0]!.questions[0]!.id;
      let shown = cardOf(
        await submitSection(start, checklistNextVerb, {
          ...allYes(0),
          [firstQuestion]: {
            answer: 'no',
            comment: 'Planen är från 2019.',
            what: 'Skriv en ny förvaltningsplan',
            who: 'Karin Larsson',
            due: `${year + 1}-06-30`,
          },
        }),
      );
      assert.ok(shown.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`), shown.texts.join(' | '));
      let review = await stored();
      assert.equal(review?.answers[firstQuestion]?.answer, 'no');
      assert.deepEqual(review?.answers[firstQuestion]?.action, {
        what: 'Skriv en ny förvaltningsplan',
        who: 'Karin Larsson',
        dueDate: `${year + 1}-06-30`,
      });
      assert.equal(review?.answers[firstQuestion]?.answeredBy.aadObjectId, chief.aadObjectId);
      assert.equal(review?.currentSectionIndex, 1);

      // Back from section 2 keeps what was typed there as a draft and shows section 1 with its answers.
      const accessQuestion = checklist.sections[1]!.questions[0]!.id;
      shown = cardOf(
        await submitSection(shown, checklistBackVerb, { [accessQuestion]: { answer: 'partly' } }),
      );
      assert.ok(shown.texts.includes(`Avsnitt 1 av ${sectionCount}: Organisation och roller`));
      assert.equal(inputsOf(shown.card)[`${firstQuestion}.answer`], 'no');
      assert.equal(inputsOf(shown.card)[`${firstQuestion}.what`], 'Skriv en ny förvaltningsplan');
      assert.equal((await stored())?.drafts.access?.[accessQuestion]?.answer, 'partly');

      shown = cardOf(await submitSection(shown, checklistNextVerb));
      assert.equal(inputsOf(shown.card)[`${accessQuestion}.answer`], 'partly', 'the draft is shown again');

      // Save and continue later: stored, and the card says so with a Continue button.
      const saved = cardOf(await submitSection(shown, checklistSaveLaterVerb, allYes(1)));
      assert.ok(saved.texts.some((text) => text.startsWith('Sparat.')));
      assert.ok(saved.texts.includes(`2 av ${sectionCount} avsnitt klara.`), saved.texts.join(' | '));
      shown = cardOf(await press(checklistStartVerb, button(saved, checklistStartVerb).data));
      assert.ok(shown.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
      assert.equal(inputsOf(shown.card)[`${accessQuestion}.answer`], 'yes');

      for (let index = 1; index < sectionCount; index++) {
        const last = index === sectionCount - 1;
        assert.equal(button(shown, checklistNextVerb).title, last ? 'Till sammanfattningen' : 'Nästa');
        shown = cardOf(await submitSection(shown, checklistNextVerb, allYes(index)));
      }

      // The summary: every answer, the deviation with its action, and Skicka in.
      assert.ok(shown.texts.includes('Sammanfattning'));
      assert.ok(shown.texts.includes('Avvikelser och planerade åtgärder (1)'));
      assert.ok(
        shown.texts.some(
          (text) => text.includes('Skriv en ny förvaltningsplan') && text.includes('Karin Larsson'),
        ),
      );
      assert.equal(shown.texts.filter((text) => text === 'Svar: Ja').length, 16);
      assert.ok(shown.texts.includes('Kommentar: Planen är från 2019.'));
      const submit = button(shown, checklistSubmitVerb, 'Skicka in');
      assert.equal(
        shown.actions.filter((action) => action.verb === checklistGoToVerb && action.title === 'Ändra')
          .length,
        sectionCount,
      );

      const submitted = cardOf(await press(checklistSubmitVerb, submit.data));
      assert.ok(
        submitted.texts.some((text) =>
          text.startsWith(`Tack! Uppföljningen av Procapita IFO för ${year} är inskickad.`),
        ),
      );
      assert.ok(submitted.texts.some((text) => text.startsWith('Inskickad av Karin Larsson')));
      assert.ok(!submitted.actions.some((action) => action.verb === checklistSubmitVerb));
      review = await stored();
      assert.equal(review?.status, 'submitted');
      assert.equal(review?.submitted?.by.aadObjectId, chief.aadObjectId);

      const reopened = cardOf(
        await press(checklistReopenVerb, button(submitted, checklistReopenVerb, 'Öppna igen').data),
      );
      assert.ok(
        reopened.texts.some((text) =>
          text.startsWith(`Uppföljningen av Procapita IFO för ${year} är öppnad igen.`),
        ),
      );
      review = await stored();
      assert.equal(review?.status, 'inProgress');
      assert.deepEqual(
        review?.history.map((entry) => entry.event),
        ['submitted', 'reopened'],
      );
      button(reopened, checklistSubmitVerb, 'Skicka in');
    });

    it('answers in English when the dialog is started in English', async () => {
      const start = await write('checklist Procapita IFO');
      assert.ok(
        start.texts.includes(`Section 1 of ${sectionCount}: Organisation and roles`),
        start.texts.join(' | '),
      );
      const next = cardOf(await submitSection(start, checklistNextVerb, allYes(0)));
      assert.ok(next.texts.includes(`Section 2 of ${sectionCount}: Access rights`), next.texts.join(' | '));
      assert.equal(button(next, checklistSaveLaterVerb).title, 'Save and continue later');
    });

    it('shows what is missing next to the question, keeps what was typed, and writes nothing', async () => {
      const start = await write('checklista Procapita IFO');
      const [first, second] = checklist.sections[0]!.questions;
      const body = await submitSection(start, checklistNextVerb, {
        [first!.id]: { answer: 'partly', comment: 'Delvis klar', what: 'Uppdatera planen' },
        [second!.id]: { answer: '' },
      });
      const shown = cardOf(body);
      assert.ok(shown.texts.includes(`Avsnitt 1 av ${sectionCount}: Organisation och roller`));
      assert.ok(
        shown.texts.includes('Några svar saknas eller behöver kompletteras. Det du har skrivit finns kvar.'),
      );
      assert.ok(shown.texts.includes('Ange vem som gör åtgärden.'));
      assert.ok(shown.texts.includes('Ange när åtgärden ska vara klar.'));
      assert.ok(shown.texts.includes('Välj ett svar.'));
      // The error sits right after the field it is about.
      const whoError = shown.texts.indexOf('Ange vem som gör åtgärden.');
      const missingAnswer = shown.texts.indexOf('Välj ett svar.');
      assert.ok(missingAnswer > whoError, 'the second question comes after the first');
      const inputs = inputsOf(shown.card);
      assert.equal(inputs[`${first!.id}.answer`], 'partly');
      assert.equal(inputs[`${first!.id}.comment`], 'Delvis klar');
      assert.equal(inputs[`${first!.id}.what`], 'Uppdatera planen');
      assert.equal(await stored(), undefined, 'nothing written');
      // The redrawn card carries the same version: fixing the answers goes on normally.
      const fixed = cardOf(
        await submitSection(shown, checklistNextVerb, {
          ...allYes(0),
          [first!.id]: { answer: 'partly', who: 'Karin', due: `${year + 1}-01-31` },
        }),
      );
      assert.ok(fixed.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
      assert.equal((await stored())?.answers[first!.id]?.action?.what, 'Uppdatera planen');
    });
  });

  describe('the action fields', () => {
    /** For each question of the shown section: are its action fields open, and is there an "add" toggle? */
    function actionFieldsOf(shown: Shown): { open: boolean; toggle: boolean }[] {
      const elements: Record<string, unknown>[] = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (typeof node !== 'object' || node === null) return;
        elements.push(node as Record<string, unknown>);
        Object.values(node).forEach(visit);
      };
      visit(shown.card.body);
      const toggled = new Set(
        elements
          .filter((element) => element.type === 'Action.ToggleVisibility')
          .flatMap((element) => element.targetElements as string[]),
      );
      return elements
        .filter((element) => typeof element.id === 'string' && element.id.endsWith('.actionFields'))
        .map((element) => ({ open: element.isVisible !== false, toggle: toggled.has(element.id as string) }));
    }

    it('stay closed behind "Lägg till åtgärd" until an answer needs them, and open with the message when it does', async () => {
      const start = await write('checklista Procapita IFO');
      const questions = checklist.sections[0]!.questions;
      assert.deepEqual(
        actionFieldsOf(start),
        questions.map(() => ({ open: false, toggle: true })),
      );

      // Nej chosen on the card and Nästa pressed without opening the fields: nothing stored, the fields open.
      const refused = cardOf(
        await submitSection(start, checklistNextVerb, {
          ...allYes(0),
          [questions[0]!.id]: { answer: 'no', comment: 'Planen saknas' },
        }),
      );
      assert.deepEqual(actionFieldsOf(refused), [
        { open: true, toggle: false },
        ...questions.slice(1).map(() => ({ open: false, toggle: true })),
      ]);
      assert.ok(refused.texts.includes('Beskriv vilken åtgärd som ska göras.'));
      const inputs = inputsOf(refused.card);
      assert.equal(inputs[`${questions[0]!.id}.answer`], 'no');
      assert.equal(inputs[`${questions[0]!.id}.comment`], 'Planen saknas');
      assert.equal(await stored(), undefined);

      const saved = cardOf(
        await submitSection(refused, checklistNextVerb, {
          [questions[0]!.id]: { what: 'Skriv planen', who: 'Karin', due: `${year + 1}-02-01` },
        }),
      );
      assert.ok(saved.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
      // Back to the first section: the stored Nej has its fields open, the Ja answers do not.
      const back = cardOf(await submitSection(saved, checklistBackVerb));
      assert.deepEqual(actionFieldsOf(back), [
        { open: true, toggle: false },
        ...questions.slice(1).map(() => ({ open: false, toggle: true })),
      ]);
      assert.equal(inputsOf(back.card)[`${questions[0]!.id}.what`], 'Skriv planen');
    });
  });

  describe('the due date of a planned action', () => {
    it('must be today or later in the municipality, with a clear message, keeping what was typed', async () => {
      // 23:30 UTC on 31 December: already 1 January in Stockholm.
      const clock = sinon.useFakeTimers({ now: Date.parse(`${year}-12-31T23:30:00.000Z`), toFake: ['Date'] });
      try {
        const start = await write('checklista Procapita IFO');
        const firstQuestion = checklist.sections[0]!.questions[0]!.id;
        const action = { answer: 'no', what: 'Skriv planen', who: 'Karin' };

        for (const due of ['2020-01-01', `${year}-12-31`]) {
          const refused = cardOf(
            await submitSection(start, checklistNextVerb, {
              ...allYes(0),
              [firstQuestion]: { ...action, due },
            }),
          );
          assert.ok(
            refused.texts.includes(
              `Datumet har redan passerat. Ange i dag (${year + 1}-01-01) eller ett senare datum.`,
            ),
            refused.texts.join(' | '),
          );
          const inputs = inputsOf(refused.card);
          assert.equal(inputs[`${firstQuestion}.due`], due, 'the date typed is kept');
          assert.equal(inputs[`${firstQuestion}.what`], 'Skriv planen');
          assert.equal(await stored(), undefined, 'nothing written');
        }

        const accepted = cardOf(
          await submitSection(start, checklistNextVerb, {
            ...allYes(0),
            [firstQuestion]: { ...action, due: `${year + 1}-01-01` },
          }),
        );
        assert.ok(accepted.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
        assert.equal((await stored())?.answers[firstQuestion]?.action?.dueDate, `${year + 1}-01-01`);
      } finally {
        clock.restore();
      }
    });
  });

  describe('stale and repeated submits', () => {
    it('shows the current state and writes nothing when a card of an older version is submitted', async () => {
      const start = await write('checklista Procapita IFO');
      const second = cardOf(await submitSection(start, checklistNextVerb, allYes(0)));
      const versionAfterFirst = await storedVersion();
      const third = cardOf(await submitSection(second, checklistNextVerb, allYes(1)));
      assert.ok(third.texts.includes(`Avsnitt 3 av ${sectionCount}: Loggning och spårbarhet`));
      const versionNow = await storedVersion();
      assert.notEqual(versionNow, versionAfterFirst);

      // The section 2 card from before (another window, another device) is sent again with other answers.
      const accessQuestion = checklist.sections[1]!.questions[0]!.id;
      const stale = cardOf(
        await submitSection(second, checklistNextVerb, {
          ...allYes(1),
          [accessQuestion]: { answer: 'notApplicable' },
        }),
      );
      assert.ok(
        stale.texts.some((text) => text.startsWith('Checklistan har ändrats sedan det här kortet visades')),
        stale.texts.join(' | '),
      );
      assert.ok(
        stale.texts.includes(`Avsnitt 3 av ${sectionCount}: Loggning och spårbarhet`),
        'the current step',
      );
      assert.equal(await storedVersion(), versionNow, 'nothing written');
      assert.equal((await stored())?.answers[accessQuestion]?.answer, 'yes');
    });

    const alreadySaved =
      'Det avsnittet är redan sparat, du behöver inte trycka igen. Här är checklistan som den ser ut nu.';

    it('stores a double click on Next once and tells the second press it is already saved', async () => {
      const start = await write('checklista Procapita IFO');
      const action = button(start, checklistNextVerb);
      const data = {
        ...(action.data as object),
        ...inputsOf(start.card),
        ...Object.fromEntries(Object.keys(allYes(0)).map((id) => [`${id}.answer`, 'yes'])),
      };
      const [first, second] = await Promise.all([
        press(checklistNextVerb, data),
        press(checklistNextVerb, data),
      ]);
      const cards = [cardOf(first), cardOf(second)];
      assert.equal(
        cards.filter((card) => card.texts.includes(alreadySaved)).length,
        1,
        'exactly one of the two is told it was already saved',
      );
      for (const card of cards) {
        assert.ok(card.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
        assert.ok(!card.texts.some((text) => text.startsWith('Checklistan har ändrats')), 'no failure');
      }
      const review = await stored();
      assert.equal(review?.currentSectionIndex, 1);
      assert.equal(review?.history.length, 0);
    });

    it('answers Next pressed again on the same card with "already saved" and the current step, writing nothing', async () => {
      const start = await write('checklista Procapita IFO');
      const firstQuestion = checklist.sections[0]!.questions[0]!.id;
      const typed: Typed = {
        ...allYes(0),
        [firstQuestion]: { answer: 'no', what: 'Skriv planen', who: 'Karin', due: `${year + 1}-02-01` },
      };
      const next = cardOf(await submitSection(start, checklistNextVerb, typed));
      const version = await storedVersion();

      const again = cardOf(await submitSection(start, checklistNextVerb, typed));

      assert.ok(again.texts.includes(alreadySaved), again.texts.join(' | '));
      assert.ok(again.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`), 'the current step');
      assert.deepEqual(inputsOf(again.card), inputsOf(next.card));
      assert.equal(await storedVersion(), version, 'nothing written');
    });

    it('still calls it a change that came too late when the repeated card carries other answers', async () => {
      const start = await write('checklista Procapita IFO');
      await submitSection(start, checklistNextVerb, allYes(0));
      const firstQuestion = checklist.sections[0]!.questions[0]!.id;
      const version = await storedVersion();

      const late = cardOf(
        await submitSection(start, checklistNextVerb, {
          ...allYes(0),
          [firstQuestion]: { answer: 'notApplicable' },
        }),
      );

      assert.ok(late.texts.some((text) => text.startsWith('Checklistan har ändrats')));
      assert.ok(!late.texts.includes(alreadySaved));
      assert.equal(await storedVersion(), version);
    });

    it('lets only the first of two people sending the same step at once store it', async () => {
      const shared = await write('checklista Procapita IFO', admin);
      const firstQuestion = checklist.sections[0]!.questions[0]!.id;
      const [byAdmin, byChief] = await Promise.all([
        submitSection(shared, checklistNextVerb, allYes(0), admin),
        submitSection(
          shared,
          checklistNextVerb,
          { ...allYes(0), [firstQuestion]: { answer: 'notApplicable' } },
          chief,
        ),
      ]);
      const stale = [cardOf(byAdmin), cardOf(byChief)].filter((card) =>
        card.texts.some((text) => text.startsWith('Checklistan har ändrats')),
      );
      assert.equal(stale.length, 1);
      const review = await stored();
      const winner = review?.answers[firstQuestion]?.answer === 'yes' ? admin : chief;
      assert.equal(
        review?.updatedBy.aadObjectId,
        winner.aadObjectId,
        "the stored step is wholly one person's",
      );
    });

    it('answers Submit pressed again with "already submitted", writing nothing, and offers to reopen', async () => {
      let shown = await write('checklista Procapita IFO');
      for (let index = 0; index < sectionCount; index++)
        shown = cardOf(await submitSection(shown, checklistNextVerb, allYes(index)));
      const submit = button(shown, checklistSubmitVerb);
      const submitted = cardOf(await press(checklistSubmitVerb, submit.data));
      const version = await storedVersion();
      const again = cardOf(await press(checklistSubmitVerb, submit.data));
      assert.ok(
        again.texts.includes(
          `Uppföljningen av Procapita IFO för ${year} är redan inskickad, du behöver inte trycka igen.`,
        ),
        again.texts.join(' | '),
      );
      assert.ok(!again.texts.some((text) => text.startsWith('Checklistan har ändrats')));
      button(again, checklistReopenVerb, 'Öppna igen');
      assert.equal(await storedVersion(), version);
      assert.equal((await stored())?.history.length, 1);
      assert.ok(submitted.texts.some((text) => text.startsWith('Inskickad av')));
    });

    it('submits a double click on Submit once and tells the second press it is already submitted', async () => {
      let shown = await write('checklista Procapita IFO');
      for (let index = 0; index < sectionCount; index++)
        shown = cardOf(await submitSection(shown, checklistNextVerb, allYes(index)));
      const submit = button(shown, checklistSubmitVerb);
      const cards = (
        await Promise.all([press(checklistSubmitVerb, submit.data), press(checklistSubmitVerb, submit.data)])
      ).map(cardOf);
      assert.equal(
        cards.filter((card) => card.texts.some((text) => text.includes('är redan inskickad, du behöver')))
          .length,
        1,
      );
      assert.equal(cards.filter((card) => card.texts.some((text) => text.startsWith('Tack!'))).length, 1);
      assert.equal((await stored())?.history.length, 1);
    });
  });

  describe('a restart in the middle', () => {
    it('continues from the stored step with a new bot on the same storage', async () => {
      let shown = await write('checklista Procapita IFO');
      shown = cardOf(await submitSection(shown, checklistNextVerb, allYes(0)));
      shown = cardOf(await submitSection(shown, checklistNextVerb, allYes(1)));
      const accessQuestion = checklist.sections[2]!.questions[0]!.id;
      await submitSection(shown, checklistSaveLaterVerb, {
        [accessQuestion]: { answer: 'partly', what: 'Gå igenom loggarna' },
      });

      await bot.stop();
      bot = await startTestBot({ storage, env });

      // The old card still works against the new instance: its version is the stored one's... no, it was
      // replaced by the saved card; the person continues with "checklista" or the Continue button.
      const resumed = await write('checklista procapita ifo');
      assert.ok(
        resumed.texts.includes(`Avsnitt 3 av ${sectionCount}: Loggning och spårbarhet`),
        resumed.texts.join(' | '),
      );
      assert.equal(inputsOf(resumed.card)[`${accessQuestion}.answer`], 'partly');
      assert.equal(inputsOf(resumed.card)[`${accessQuestion}.what`], 'Gå igenom loggarna');
      const next = cardOf(await submitSection(resumed, checklistNextVerb, allYes(2)));
      assert.ok(next.texts.includes(`Avsnitt 4 av ${sectionCount}: Informationssäkerhet`));
      assert.equal((await stored())?.answers[accessQuestion]?.answer, 'yes');
    });
  });

  describe('who may answer', () => {
    it('refuses someone else politely, naming who can answer, and writes nothing', async () => {
      const refused = await write('checklista Procapita IFO', outsider);
      assert.equal(
        refused.text,
        'Du kan inte fylla i checklistan för Procapita IFO. Den fylls i av Karin Larsson (ansvarig chef), eller av en administratör.',
      );
      assert.equal(refused.actions.length, 0);

      // Pressing buttons of the chief's card (forwarded, or data crafted) is refused the same way.
      const start = await write('checklista Procapita IFO');
      const body = await submitSection(start, checklistNextVerb, allYes(0), outsider);
      assert.match(
        messageOf(body),
        /^Du kan inte fylla i checklistan för Procapita IFO\. Den fylls i av Karin Larsson \(ansvarig chef\)/,
      );
      const startBody = await press(checklistStartVerb, { systemId: procapitaIfo.id, lang: 'en' }, outsider);
      assert.match(
        messageOf(startBody),
        /^You cannot fill in the checklist for Procapita IFO\. It is filled in by Karin Larsson \(responsible manager\)/,
      );
      assert.equal(await stored(), undefined, 'nothing written');
      assert.ok(
        bot
          .logEntries()
          .some((entry) => entry.event === 'checklist.refused' && entry.systemId === procapitaIfo.id),
      );
    });

    it('lets an admin answer any system, recognised by object id', async () => {
      const start = await write('checklista Procapita VoO', admin);
      assert.ok(
        start.texts.some((text) => text.includes('Du svarar som administratör.')),
        start.texts.join(' | '),
      );
      cardOf(await submitSection(start, checklistNextVerb, allYes(0), admin));
      assert.equal((await stored(procapitaVoo))?.updatedBy.aadObjectId, admin.aadObjectId);
    });

    it('never takes identity from card data', async () => {
      const start = await write('checklista Procapita IFO');
      const action = button(start, checklistNextVerb);
      const forged = {
        ...(action.data as object),
        ...inputsOf(start.card),
        aadObjectId: chief.aadObjectId,
        email: chief.email,
        from: { aadObjectId: chief.aadObjectId },
      };
      const body = await press(checklistNextVerb, forged, outsider);
      assert.match(messageOf(body), /^Du kan inte fylla i checklistan/);
      assert.equal(await stored(), undefined);
    });

    it('falls back to the object id when the Teams member lookup fails, and logs it with ids only', async () => {
      connector.fail({ status: 404, operation: 'getMember' });
      // The chief is known by e-mail only: without the lookup she is asked to try again, not told she may not ...
      const refused = await write('checklista Procapita IFO');
      assert.match(refused.text, /^Teams kunde inte tala om vem du är just nu/);
      // ... while an admin listed by object id is still recognised.
      const adminStart = await write('checklista Procapita IFO', admin);
      assert.ok(adminStart.texts.includes(`Avsnitt 1 av ${sectionCount}: Organisation och roller`));
      const failures = bot.logEntries().filter((entry) => entry.event === 'identity.lookup_failed');
      assert.ok(failures.length >= 2);
      assert.ok(failures.some((entry) => entry.aadObjectId === chief.aadObjectId));
      assert.ok(!bot.logLines.some((line) => line.includes(chief.email) || line.includes('Karin')));
    });

    it('looks a person up once and answers the next steps from the cache', async () => {
      let shown = await write('checklista Procapita IFO');
      shown = cardOf(await submitSection(shown, checklistNextVerb, allYes(0)));
      cardOf(await submitSection(shown, checklistNextVerb, allYes(1)));
      const lookups = connector.requests.filter(
        (request) => request.operation === 'getMember' && request.memberId === chief.id,
      );
      assert.equal(lookups.length, 1);
    });
  });

  describe('card data', () => {
    it('refuses data of the wrong types politely, changing nothing', async () => {
      const start = await write('checklista Procapita IFO');
      const action = button(start, checklistNextVerb);
      const wrongVersion = await press(checklistNextVerb, { ...(action.data as object), version: 42 });
      assert.match(messageOf(wrongVersion), /^Det här kortet gick inte att använda/);
      const firstQuestion = checklist.sections[0]!.questions[0]!.id;
      const wrongInput = await press(checklistNextVerb, {
        ...(action.data as object),
        [`${firstQuestion}.answer`]: ['yes'],
      });
      assert.match(messageOf(wrongInput), /^Det här kortet gick inte att använda/);
      const unknownVerb = await press('checklist.somethingElse', { lang: 'en' });
      assert.equal(messageOf(unknownVerb), say('en', inputGuardTexts.unknownAction));
      assert.equal(await stored(), undefined);
    });

    it('ignores unknown fields', async () => {
      const start = await write('checklista Procapita IFO');
      const action = button(start, checklistNextVerb);
      const body = await press(checklistNextVerb, {
        ...(action.data as object),
        ...inputsOf(start.card),
        ...Object.fromEntries(Object.keys(allYes(0)).map((id) => [`${id}.answer`, 'yes'])),
        extra: { nested: true },
        'unknown-question.answer': 'no',
      });
      assert.ok(cardOf(body).texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
    });
  });

  describe('starting', () => {
    it('offers buttons when the name fits several systems, and a button opens the dialog', async () => {
      const choice = await write('checklista procapita');
      assert.equal(choice.text, 'Flera system passar ”procapita”. Vilket vill du följa upp?');
      assert.deepEqual(
        choice.actions.map((action) => [action.verb, action.title]),
        [
          [checklistStartVerb, 'Procapita IFO'],
          [checklistStartVerb, 'Procapita VoO'],
        ],
      );
      const opened = cardOf(await press(checklistStartVerb, choice.actions[0]!.data));
      assert.equal(opened.texts[0], 'Procapita IFO');
    });

    it('starts from the button on the system answer card', async () => {
      const answer = await write('vem är systemansvarig för Visma Window?');
      const start = button(answer, checklistStartVerb, 'Starta årlig uppföljning');
      const opened = cardOf(await press(checklistStartVerb, start.data));
      assert.equal(opened.texts[0], 'Visma Window');
      assert.ok(opened.texts.some((text) => text.includes('systemansvarig')));
    });

    it('starts from a reminder for the year it names', async () => {
      const opened = cardOf(
        await press(checklistStartVerb, { systemId: vismaWindow.id, year: year - 1, lang: 'sv' }),
      );
      assert.ok(
        opened.texts.includes(`Årlig uppföljning ${year - 1} · Du svarar som systemansvarig.`),
        opened.texts.join(' | '),
      );
      const next = cardOf(await submitSection(opened, checklistNextVerb, allYes(0)));
      assert.ok(next.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));
      assert.ok(await storage.reviews.get(vismaWindow.id, year - 1));
    });

    it('says so when no system fits', async () => {
      const reply = await write('checklista Kvantdatorn');
      assert.match(reply.text, /^Jag hittar inget system som heter ”Kvantdatorn”/);
    });
  });

  describe('mina checklistor', () => {
    it('lists the systems the person answers for with their status and a start button', async () => {
      let shown = await write('checklista Visma Window');
      await submitSection(shown, checklistNextVerb, allYes(0));
      shown = await write('mina checklistor');
      assert.equal(shown.text, `Dina checklistor för ${year}: 2 system.`);
      assert.equal(shown.texts[0], `Mina checklistor ${year}`);
      assert.deepEqual(shown.texts.slice(1), [
        'Procapita IFO',
        `Ej påbörjad · senast ${year + 1}-03-01`,
        'Visma Window',
        `Pågår, avsnitt 2 av ${sectionCount} · senast ${year + 1}-03-01`,
      ]);
      assert.deepEqual(
        shown.actions.map((action) => action.title),
        ['Starta', 'Fortsätt'],
      );
      const opened = cardOf(await press(checklistStartVerb, shown.actions[1]!.data));
      assert.ok(opened.texts.includes(`Avsnitt 2 av ${sectionCount}: Behörigheter`));

      const english = await write('my checklists', outsider);
      assert.equal(english.text, `Your checklists for ${year}: 0 systems.`);
      assert.ok(english.texts.some((text) => text.startsWith('You are not named')));
    });
  });

  describe('follow-up years', () => {
    const errorsLogged = () => bot.logEntries().filter((entry) => entry.level === 'error');

    it('tells anyone but admins which years they can open when they ask for another, in their language', async () => {
      const closed = await write('mina checklistor 2019');
      assert.equal(
        closed.text,
        say('sv', followUpYearTexts.yearNotOpen, { year: 2019, previous: year - 1, current: year }),
      );
      assert.match(closed.text, new RegExp(`du kan öppna ${year - 1} och ${year}`, 'i'));
      const english = await write('my checklists 1999', outsider);
      assert.equal(
        english.text,
        say('en', followUpYearTexts.yearNotOpen, { year: 1999, previous: year - 1, current: year }),
      );
      const previous = await write(`mina checklistor ${year - 1}`);
      assert.equal(previous.text, `Dina checklistor för ${year - 1}: 2 system.`);

      assert.deepEqual(errorsLogged(), []);
      const refusals = bot.logEntries().filter((entry) => entry.event === 'checklist.year_refused');
      assert.deepEqual(
        refusals.map((entry) => [entry.level, entry.year, entry.reason]),
        [
          ['info', 2019, 'year-not-open'],
          ['info', 1999, 'year-not-open'],
        ],
      );
    });

    it('refuses a start button for a closed year with the years that are open, writing nothing', async () => {
      const body = await press(checklistStartVerb, { systemId: vismaWindow.id, year: year - 2, lang: 'sv' });
      assert.equal(
        messageOf(body),
        say('sv', followUpYearTexts.yearNotOpen, { year: year - 2, previous: year - 1, current: year }),
      );
      assert.equal(await storage.reviews.get(vismaWindow.id, year - 2), undefined);
      assert.deepEqual(errorsLogged(), []);
    });

    it('lets an admin open any year from 2000 to 2199, and says which years there are for any other', async () => {
      const old = await write('mina checklistor 2019', admin);
      assert.equal(old.text, 'Dina checklistor för 2019: 0 system.');
      const opened = cardOf(
        await press(checklistStartVerb, { systemId: vismaWindow.id, year: 2019, lang: 'sv' }, admin),
      );
      assert.ok(
        opened.texts.some((text) => text.startsWith('Årlig uppföljning 2019')),
        opened.texts.join(' | '),
      );

      const tooEarly = await write('mina checklistor 1999', admin);
      assert.equal(
        tooEarly.text,
        say('sv', followUpYearTexts.yearOutOfRange, { year: 1999, min: 2000, max: 2199, current: year }),
      );
      const tooLate = await write('my checklists 2200', coordinator);
      assert.equal(
        tooLate.text,
        say('en', followUpYearTexts.yearOutOfRange, { year: 2200, min: 2000, max: 2199, current: year }),
      );
      assert.deepEqual(errorsLogged(), []);
    });
  });
});
