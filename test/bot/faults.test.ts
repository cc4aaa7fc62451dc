import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Activity, Attachment } from 'botbuilder';
import sinon from 'sinon';
import { checklistNextVerb, checklistSaveLaterVerb } from '../../src/bot/cards/checklistActions';
import type { Review } from '../../src/domain/checklist';
import { StorageUnavailableError } from '../../src/domain/errors';
import type { Storage } from '../../src/domain/ports';
import { importRegister } from '../../src/domain/register/registerImport';
import type { Versioned } from '../../src/domain/register/system';
import { loadChecklistSync } from '../../src/infrastructure/checklist/loadChecklist';
import { readRegisterFile } from '../../src/infrastructure/registerFile/readRegisterFile';
import {
  sampleRegisterPath,
  seedSampleRegisterIfEmpty,
} from '../../src/infrastructure/registerFile/sampleRegister';
import { createCosmosStorage } from '../../src/infrastructure/storage/cosmos/cosmosStorage';
import { silentLogger } from '../../src/shared/logger';
import { botTexts } from '../../src/texts/bot';
import {
  cardActionActivity,
  messageActivity,
  type InvokeResponseBody,
  type TestUser,
} from '../support/activities';
import { cardActions, cardTexts, inputsOf, type CardAction } from '../support/adaptiveCards';
import { startTestBot, type TestBot } from '../support/botServer';
import { eventually } from '../support/eventually';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { currentFollowUpYear } from '../support/followUpYear';
import {
  startFaultyCosmosServer,
  writesTo,
  type CosmosRequest,
  type FaultyCosmosServer,
} from '../support/faultyCosmosServer';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const invokeMessageType = 'application/vnd.microsoft.activity.message';
const checklist = loadChecklistSync();
const sectionCount = checklist.sections.length;
const tryAgain = botTexts.storageUnavailable;

/** Systemansvarig and ansvarig chef for Agresso in the sample register. */
const karin: TestUser & { email: string } = {
  id: '29:1karinHolmberg000000000000000000000',
  aadObjectId: 'e5e5e5e5-0000-4000-8000-000000000005',
  name: 'Karin Holmberg',
  email: 'karin.holmberg@exempelkommun.se',
};
const agressoId = 'agresso';

/** No test may wait long for storage: these are the bounds the bot must keep while storage is failing. */
const requestTimeoutMs = 2_000;

/** The sample register's text with another owner for Agresso. */
async function withAgressoOwnedBy(owner: string): Promise<string> {
  const sample = await readFile(sampleRegisterPath, 'utf8');
  const agresso = 'Agresso;Ekonomisystem för redovisning, leverantörsfakturor och kundfakturor;';
  assert.ok(sample.includes(`${agresso}Kommunstyrelsen;`));
  return sample.replace(`${agresso}Kommunstyrelsen;`, `${agresso}${owner};`);
}

function registerTable(text: string) {
  return readRegisterFile({ fileName: 'register.csv', bytes: new TextEncoder().encode(text) });
}

interface Shown {
  text: string;
  card: Record<string, unknown>;
  texts: string[];
  actions: CardAction[];
}

describe('faults: storage on Cosmos DB failing and returning (through /api/messages)', () => {
  let cosmos: FaultyCosmosServer;
  let connector: FakeConnector;
  let storage: Storage;
  let bot: TestBot;
  let databaseNumber = 0;
  const year = currentFollowUpYear(new Date());

  beforeEach(async () => {
    cosmos = await startFaultyCosmosServer();
    connector = await startFakeConnector();
    connector.setMember({
      id: karin.id,
      name: karin.name,
      aadObjectId: karin.aadObjectId,
      email: karin.email,
      userPrincipalName: karin.email,
    });
    storage = await openStorage();
    assert.equal(await seedSampleRegisterIfEmpty(storage, silentLogger), true);
    bot = await startTestBot({ storage });
  });

  afterEach(async () => {
    sinon.restore();
    await bot?.stop();
    await storage?.close();
    await connector?.stop();
    await cosmos?.stop();
  });

  function openStorage(): Promise<Storage> {
    databaseNumber++;
    return createCosmosStorage({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      agent: cosmos.agent,
      databaseName: `faults-${process.pid}-${databaseNumber}`,
      logger: silentLogger,
      requestTimeoutMs,
    });
  }

  /** A message and the one reply to it. */
  async function write(text: string, options: { locale?: string } = {}): Promise<Shown> {
    const replies = await bot.send(
      messageActivity({ text, from: karin, serviceUrl: connector.serviceUrl, ...options }),
    );
    assert.equal(replies.length, 1, `expected one reply to "${text}", got ${replies.length}`);
    const reply = replies[0] as Activity;
    const attachment = ((reply.attachments ?? []) as Attachment[])[0];
    if (attachment?.contentType !== adaptiveCardType) {
      return { text: reply.text ?? '', card: {}, texts: [], actions: [] };
    }
    const card = attachment.content as Record<string, unknown>;
    return { text: reply.text ?? '', card, texts: cardTexts(card), actions: cardActions(card) };
  }

  async function press(verb: string, data: unknown): Promise<InvokeResponseBody> {
    const response = await bot.post(
      cardActionActivity({ verb, data, from: karin, serviceUrl: connector.serviceUrl }),
    );
    assert.equal(response.status, 200, response.body);
    return JSON.parse(response.body) as InvokeResponseBody;
  }

  function cardOf(body: InvokeResponseBody): Shown {
    assert.equal(body.type, adaptiveCardType, `expected a card, got ${JSON.stringify(body.value)}`);
    const card = body.value as Record<string, unknown>;
    return { text: '', card, texts: cardTexts(card), actions: cardActions(card) };
  }

  function messageOf(body: InvokeResponseBody): string {
    assert.equal(body.type, invokeMessageType, JSON.stringify(body.value).slice(0, 300));
    return body.value as string;
  }

  function button(shown: Shown, verb: string): CardAction {
    const found = shown.actions.find((action) => action.verb === verb);
    assert.ok(found, `no button ${verb} among ${shown.actions.map((a) => a.verb).join(', ')}`);
    return found;
  }

  /** Presses the card's button with every question of the section answered yes. */
  function submitAllYes(
    shown: Shown,
    sectionIndex: number,
    verb = checklistNextVerb,
  ): Promise<InvokeResponseBody> {
    const inputs = inputsOf(shown.card);
    for (const question of checklist.sections[sectionIndex]!.questions) {
      inputs[`${question.id}.answer`] = 'yes';
    }
    return press(verb, { ...(button(shown, verb).data as object), ...inputs });
  }

  function sectionHeading(index: number): string {
    return `Avsnitt ${index + 1} av ${sectionCount}: ${checklist.sections[index]!.title.sv}`;
  }

  /** The checklist opened and its first section stored: the card for section 2. */
  async function startedChecklist(): Promise<Shown> {
    const start = await write('checklista Agresso');
    assert.ok(start.texts.includes(sectionHeading(0)), start.texts.join(' | '));
    const second = cardOf(await submitAllYes(start, 0));
    assert.ok(second.texts.includes(sectionHeading(1)), second.texts.join(' | '));
    return second;
  }

  async function storedReview(): Promise<Versioned<Review> | undefined> {
    return storage.reviews.get(agressoId, year);
  }

  async function readyStatus(): Promise<number> {
    return (await bot.get('/readyz')).status;
  }

  const agressoOwner = 'Systemägare för Agresso: Kommunstyrelsen.';

  describe('when the Cosmos DB service stops and comes back', () => {
    it('answers a question with a short "try again" (Swedish, English for English) and answers again once storage returns, without a restart', async () => {
      await cosmos.goDown();

      const swedish = await write('vem äger Agresso?');
      assert.equal(swedish.text, tryAgain.sv);
      const english = await write('who owns Agresso?', { locale: 'en-US' });
      assert.equal(english.text, tryAgain.en);

      await cosmos.comeBack();
      assert.equal((await write('vem äger Agresso?')).text, agressoOwner);
      assert.equal(
        (await write('who owns Agresso?', { locale: 'en-US' })).text,
        'System owner of Agresso: Kommunstyrelsen.',
      );
    });

    it('reports the fault on /readyz while storage is down, quickly, and ready again once it returns', async () => {
      assert.equal(await readyStatus(), 200);
      await cosmos.goDown();
      const down = await bot.get('/readyz');
      assert.equal(down.status, 503);
      assert.deepEqual(JSON.parse(down.body), { status: 'unavailable' });
      assert.equal((await bot.get('/healthz')).status, 200, 'the process itself is alive');

      await cosmos.comeBack();
      assert.equal(await readyStatus(), 200);
    });

    it('answers a checklist step sent while storage is down with "try again", writes nothing, and takes the same step once storage returns', async () => {
      const second = await startedChecklist();
      const before = await storedReview();
      assert.equal(before?.value.currentSectionIndex, 1);

      await cosmos.goDown();
      assert.equal(messageOf(await submitAllYes(second, 1)), tryAgain.sv);
      await cosmos.comeBack();

      assert.deepEqual(await storedReview(), before, 'the review is exactly as before the failed step');
      // The card Teams still shows (drawn from the stored version) works now.
      const third = cardOf(await submitAllYes(second, 1));
      assert.ok(third.texts.includes(sectionHeading(2)), third.texts.join(' | '));
      assert.equal((await storedReview())?.value.currentSectionIndex, 2);
    });
  });

  describe('when the service throttles (429) or is unavailable (503)', () => {
    it('retries a briefly throttled request itself and answers normally', async () => {
      const seen = cosmos.requests.length;
      cosmos.answerWith({ status: 429, times: 2 });
      const reply = await write('vem äger Agresso?');
      assert.equal(reply.text, agressoOwner);
      assert.equal(cosmos.requests.slice(seen).filter((request) => request.faultStatus === 429).length, 2);
    });

    it('answers "try again" within bounds when throttling lasts, and normally when it ends', async () => {
      const seen = cosmos.requests.length;
      cosmos.answerWith({ status: 429 });
      const throttled = await write('who owns Agresso?', { locale: 'en-US' });
      assert.equal(throttled.text, tryAgain.en);
      const attempts = cosmos.requests
        .slice(seen)
        .filter(
          (request) =>
            request.faultStatus === 429 && request.query && request.path.includes('/colls/imports/'),
        );
      assert.equal(attempts.length, 6, 'the register version query: the first attempt and five retries');
      assert.equal(await readyStatus(), 503);

      cosmos.heal();
      assert.equal(await readyStatus(), 200);
      assert.equal((await write('vem äger Agresso?')).text, agressoOwner);
    });

    it('answers "try again" to a question and a checklist step while the service answers 503, writing nothing', async () => {
      const second = await startedChecklist();
      const before = await storedReview();

      cosmos.answerWith({ status: 503 });
      // The index was built by the checklist command, so the question is answered from memory.
      assert.equal((await write('vem äger Agresso?')).text, agressoOwner);
      assert.equal(messageOf(await submitAllYes(second, 1)), tryAgain.sv);
      assert.equal((await write('checklista Agresso')).text, tryAgain.sv);
      assert.equal(await readyStatus(), 503);

      cosmos.heal();
      assert.deepEqual(await storedReview(), before);
      assert.equal(await readyStatus(), 200);
      const resumed = await write('checklista Agresso');
      assert.ok(resumed.texts.includes(sectionHeading(1)), resumed.texts.join(' | '));
    });
  });

  describe('nothing half-written', () => {
    it('stores a checklist step wholly or not at all when its write is refused (503)', async () => {
      const second = await startedChecklist();
      const before = await storedReview();

      cosmos.answerWith({ status: 503, when: writesTo('reviews') });
      assert.equal(messageOf(await submitAllYes(second, 1)), tryAgain.sv);
      assert.deepEqual(await storedReview(), before);
    });

    it('stores a checklist step wholly when only its answer is lost, and the repeated step then shows the stored state', async () => {
      const second = await startedChecklist();
      const before = await storedReview();

      cosmos.loseResponses(writesTo('reviews'));
      assert.equal(messageOf(await submitAllYes(second, 1)), tryAgain.sv);

      // The write reached the service: the whole new version is stored, never part of it.
      const after = await storedReview();
      assert.ok(after && before);
      assert.notEqual(after.version, before.version);
      assert.equal(after.value.currentSectionIndex, 2);
      for (const question of checklist.sections[1]!.questions) {
        assert.equal(after.value.answers[question.id]?.answer, 'yes', question.id);
      }
      for (const question of checklist.sections[0]!.questions) {
        assert.deepEqual(after.value.answers[question.id], before.value.answers[question.id]);
      }

      // Pressing the same button again finds the step already stored: the current state, nothing written.
      const again = cardOf(await submitAllYes(second, 1));
      assert.ok(
        again.texts.some((text) => text.startsWith('Det avsnittet är redan sparat')),
        again.texts.join(' | '),
      );
      assert.ok(again.texts.includes(sectionHeading(2)), again.texts.join(' | '));
      assert.equal((await storedReview())?.version, after.version);
    });

    it('leaves the register whole when an import is cut short, and a rerun converges', async () => {
      // One system changed, one added, one removed.
      const lines = (await withAgressoOwnedBy('Ekonominämnden')).split('\n');
      const removedLine = lines.findIndex((line) => line.includes(';Stratsys;'));
      assert.ok(removedLine > 0);
      const edited = await registerTable(
        [
          ...lines.slice(0, removedLine),
          ...lines.slice(removedLine + 1),
          'Kommunledningsförvaltningen;IT-avdelningen;Nytt Ärendesystem;Ärenden;Kommunstyrelsen;Per Nordin <per.nordin@exempelkommun.se>;;;;;10;Nej;2025-01-01;K1 R1 T1;Leverantören',
        ].join('\n'),
      );
      const oldSystems = new Map(
        (await storage.systems.list()).map((stored) => [stored.value.id, stored.value]),
      );
      const importsBefore = await storage.imports.listRecent(10);

      // The creates and replaces go through; the service fails before the removes.
      let systemBulks = 0;
      cosmos.answerWith({
        status: 503,
        when: (request: CosmosRequest) =>
          request.bulk && request.path.includes('/colls/systems/') && ++systemBulks > 1,
      });
      await assert.rejects(
        importRegister({ storage }, edited, { fileName: 'register.csv', actor: 'cli:test' }),
        StorageUnavailableError,
      );
      cosmos.heal();

      const cut = new Map((await storage.systems.list()).map((stored) => [stored.value.id, stored.value]));
      for (const id of oldSystems.keys()) assert.ok(cut.has(id), `${id} is kept`);
      assert.equal(cut.get('agresso')?.owner, 'Ekonominämnden', 'the replace was written whole');
      assert.equal(cut.get('nytt-arendesystem')?.name, 'Nytt Ärendesystem');
      assert.deepEqual(cut.get('stratsys'), oldSystems.get('stratsys'), 'the remove did not happen');
      // The cut import is recorded as started and never finished, so the next import or start reports it.
      const unfinished = await storage.imports.listUnfinished();
      assert.equal(unfinished.length, 1, 'the cut import is recorded as unfinished');
      assert.equal(unfinished[0]?.status, 'started');
      assert.equal((await storage.imports.listRecent(10)).length, importsBefore.length + 1);

      const rerun = await importRegister({ storage }, edited, {
        fileName: 'register.csv',
        actor: 'cli:test',
      });
      assert.equal(rerun.outcome, 'applied');
      assert.deepEqual(
        { added: rerun.added.length, changed: rerun.changed.length, removed: rerun.removed.map((s) => s.id) },
        { added: 0, changed: 0, removed: ['stratsys'] },
      );
      const converged = await importRegister({ storage }, edited, {
        fileName: 'register.csv',
        actor: 'cli:test',
      });
      assert.equal(converged.written, false, 'a third run finds nothing to do');
      assert.deepEqual(await storage.imports.listUnfinished(), [], 'the rerun completed the cut import');
      assert.equal((await storage.systems.list()).length, oldSystems.size);
    });
  });

  describe('a restart in the middle of a checklist', () => {
    it('continues from the last stored step with a new bot on the same Cosmos DB storage', async () => {
      const second = await startedChecklist();
      const saved = cardOf(await submitAllYes(second, 1, checklistSaveLaterVerb));
      assert.ok(
        saved.texts.some((text) => text.startsWith('Sparat.')),
        saved.texts.join(' | '),
      );

      await bot.stop();
      await storage.close();
      storage = await createCosmosStorage({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        agent: cosmos.agent,
        databaseName: `faults-${process.pid}-${databaseNumber}`,
        logger: silentLogger,
        requestTimeoutMs,
      });
      bot = await startTestBot({ storage });

      const resumed = await write('checklista Agresso');
      assert.ok(resumed.texts.includes(sectionHeading(1)), resumed.texts.join(' | '));
      for (const question of checklist.sections[1]!.questions) {
        assert.equal(inputsOf(resumed.card)[`${question.id}.answer`], 'yes', 'the saved answers are shown');
      }
      const third = cardOf(await submitAllYes(resumed, 1));
      assert.ok(third.texts.includes(sectionHeading(2)), third.texts.join(' | '));
    });
  });

  describe('the answers index', () => {
    it('answers from the last index while storage is down when a refresh is due, and picks up a new import once storage returns', async () => {
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'], shouldAdvanceTime: true });
      assert.equal((await write('vem äger Agresso?')).text, agressoOwner);
      const refreshFailures = () =>
        bot.logEntries().filter((entry) => entry.event === 'register.refresh_failed').length;

      await cosmos.goDown();
      clock.tick(60_000);
      assert.equal((await write('vem äger Agresso?')).text, agressoOwner, 'answered from the last index');
      await eventually('the background refresh to fail', () => refreshFailures() === 1);
      await cosmos.comeBack();

      await importRegister({ storage }, await registerTable(await withAgressoOwnedBy('Ekonominämnden')), {
        fileName: 'register.csv',
        actor: 'cli:test',
      });
      const indexed = () => bot.logEntries().filter((entry) => entry.event === 'register.indexed').length;
      const indexedBefore = indexed();

      clock.tick(60_000);
      await write('vem äger Agresso?');
      await eventually('the index to be rebuilt', () => indexed() > indexedBefore);
      assert.equal((await write('vem äger Agresso?')).text, 'Systemägare för Agresso: Ekonominämnden.');
      assert.equal(refreshFailures(), 1);
    });
  });
});
