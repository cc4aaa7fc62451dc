import assert from 'node:assert/strict';
import type { Activity, MessagingExtensionAttachment, MessagingExtensionResult } from 'botbuilder';
import { checklistStartVerb } from '../../../src/bot/cards/verbs';
import { maxSearchResults } from '../../../src/bot/features/systemSearch';
import { importRegister } from '../../../src/domain/register/registerImport';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import { seedSampleRegisterIfEmpty } from '../../../src/infrastructure/registerFile/sampleRegister';
import { silentLogger } from '../../../src/shared/logger';
import { messageActivity, type ConversationType } from '../../support/activities';
import { assertValidAdaptiveCard, cardActions, cardTexts } from '../../support/adaptiveCards';
import { startTestBot, type TestBot } from '../../support/botServer';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const thumbnailCardType = 'application/vnd.microsoft.card.thumbnail';
const conversationTypes: ConversationType[] = ['personal', 'groupChat', 'channel'];

interface SearchOptions {
  conversationType?: ConversationType;
  locale?: string;
}

/** composeExtension/query as Teams posts it when someone types in the compose box (no expectReplies). */
function searchActivity(value: unknown, options: SearchOptions = {}): Partial<Activity> {
  const base = messageActivity({ text: '', ...options });
  delete base.text;
  delete base.textFormat;
  return { ...base, type: 'invoke', name: 'composeExtension/query', value };
}

function typed(systemName: string) {
  return {
    commandId: 'searchSystems',
    parameters: [{ name: 'systemName', value: systemName }],
    queryOptions: { skip: 0, count: 25 },
  };
}

interface Listed {
  title: string;
  text: string;
  card: Record<string, unknown>;
}

describe('system search message extension (through /api/messages)', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot();
    await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
  });

  afterEach(async () => {
    await bot?.stop();
  });

  /** Posts the query and returns the message extension's answer; every answer is a 200 with a result. */
  async function query(value: unknown, options: SearchOptions = {}): Promise<MessagingExtensionResult> {
    const response = await bot.post(searchActivity(value, options));
    assert.equal(response.status, 200, response.body);
    const body = JSON.parse(response.body) as { composeExtension?: MessagingExtensionResult };
    assert.ok(body.composeExtension, 'no composeExtension in the invoke response');
    return body.composeExtension;
  }

  /** The systems listed: each a preview (a thumbnail card) and the Adaptive Card it inserts. */
  async function search(text: string, options: SearchOptions = {}): Promise<Listed[]> {
    const result = await query(typed(text), options);
    assert.equal(result.type, 'result');
    assert.equal(result.attachmentLayout, 'list');
    return (result.attachments ?? []).map((attachment: MessagingExtensionAttachment) => {
      assert.equal(attachment.contentType, adaptiveCardType);
      assert.equal(attachment.preview?.contentType, thumbnailCardType);
      const preview = attachment.preview?.content as { title: string; text: string };
      return {
        title: preview.title,
        text: preview.text,
        card: attachment.content as Record<string, unknown>,
      };
    });
  }

  /** Replaces the register; the bot has not read it yet when a test starts, so the first search sees this. */
  async function importCsv(csv: string): Promise<void> {
    const table = await readRegisterFile({ fileName: 'register.csv', bytes: Buffer.from(csv, 'utf8') });
    const report = await importRegister({ storage: bot.storage, logger: silentLogger }, table, {
      fileName: 'register.csv',
      actor: 'cli:test',
      // Each test swaps in a register of its own: removing the sample's systems is the point, not a mistake.
      allowRemovals: true,
    });
    assert.equal(report.outcome, 'applied');
  }

  async function message(value: unknown, options: SearchOptions = {}): Promise<string> {
    const result = await query(value, options);
    assert.equal(result.type, 'message');
    assert.ok(result.text);
    return result.text;
  }

  for (const conversationType of conversationTypes) {
    it(`lists the systems a name's beginning fits, with their responsible person, in a ${conversationType} chat`, async () => {
      const listed = await search('agres', { conversationType });
      assert.deepEqual(
        listed.map((item) => item.title),
        ['Agresso', 'Agresso Ekonomi'],
      );
      assert.equal(listed[0]?.text, 'Systemansvarig: Karin Holmberg · Kommunledningsförvaltningen');
      assert.equal(listed[1]?.text, 'Systemansvarig: Jörgen Häggström · Kommunledningsförvaltningen');
    });
  }

  it('lists every system named by a whole name, the exact one first', async () => {
    const listed = await search('Agresso');
    assert.deepEqual(
      listed.map((item) => item.title),
      ['Agresso', 'Agresso Ekonomi'],
    );
  });

  it('lists systems from the first letters typed, names that begin with them first', async () => {
    const titles = async (text: string) => (await search(text)).map((item) => item.title);
    assert.equal((await titles('W3'))[0], 'W3D3');
    assert.equal((await titles('w3d'))[0], 'W3D3');
    assert.deepEqual((await titles('vi')).slice(0, 4), [
      'Viva',
      'Visma Window',
      'Visma Personec',
      'EDP Vision',
    ]);
    assert.deepEqual((await titles('V')).slice(0, 3), ['Viva', 'Visma Window', 'Visma Personec']);
    assert.deepEqual((await titles('pers')).slice(0, 1), ['Visma Personec']);
    assert.deepEqual((await titles('office-3')).slice(0, 1), ['Office 365']);
  });

  it("puts the system first whose other name the register gives is typed whole ('AD', 'O365')", async () => {
    assert.equal((await search('AD'))[0]?.title, 'Active Directory');
    assert.equal((await search('o365'))[0]?.title, 'Office 365');
  });

  it('finds a system through a typing error, as the chat answers do', async () => {
    assert.equal((await search('Agreso'))[0]?.title, 'Agresso');
    assert.equal((await search('visma windw'))[0]?.title, 'Visma Window');
  });

  it('inserts the system answer card: valid at 1.5, every role, chat links, no follow-up button', async () => {
    const [agresso] = await search('agres', { conversationType: 'groupChat' });
    assert.ok(agresso);
    assertValidAdaptiveCard(agresso.card, 'the inserted card');
    const texts = cardTexts(agresso.card);
    assert.equal(texts[0], 'Agresso');
    for (const shown of [
      'Systemägare',
      'Kommunstyrelsen',
      'Systemansvarig',
      'Karin Holmberg',
      'Jörgen Häggström',
    ]) {
      assert.ok(texts.includes(shown), `${shown} on the card`);
    }
    const actions = cardActions(agresso.card);
    assert.ok(
      actions.some(
        (action) => action.type === 'Action.OpenUrl' && action.title === 'Chatta med Karin Holmberg',
      ),
    );
    assert.ok(!actions.some((action) => action.verb === checklistStartVerb));
    assert.ok(!actions.some((action) => action.type === 'Action.Execute'));
  });

  it('says politely that nothing matched, instead of an empty list', async () => {
    assert.match(await message(typed('xyzzyqwv')), /^Inget system i registret matchar sökningen/);
  });

  it('answers in English for an English Teams client', async () => {
    const [agresso] = await search('agres', { locale: 'en-US' });
    assert.equal(agresso?.text, 'Responsible: Karin Holmberg · Kommunledningsförvaltningen');
    assert.ok(cardTexts(agresso?.card).includes('System owner'));
    assert.match(await message(typed('xyzzyqwv'), { locale: 'en-GB' }), /^No system in the register matches/);
  });

  it('lists the first systems in name order before anything is typed (the initial run)', async () => {
    const result = await query({
      commandId: 'searchSystems',
      parameters: [{ name: 'initialRun', value: 'true' }],
      queryOptions: { skip: 0, count: 25 },
    });
    const titles = (result.attachments ?? []).map((a) => (a.preview?.content as { title: string }).title);
    assert.equal(titles.length, maxSearchResults);
    assert.deepEqual(titles.slice(0, 3), ['Abacus VA', 'Active Directory', 'Agresso']);
    assert.deepEqual(await search('   '), await search(''));
  });

  it('never lists more than the limit, and a page past the results is empty', async () => {
    const names = 'Alfa Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda My Ny Xi Omikron'.split(
      ' ',
    );
    await importCsv(
      'IT-systemets namn;Förvaltning;Systemägare;Systemansvarig\n' +
        names
          .map((name) => `Visma ${name};Kommunledningsförvaltningen;Kommunstyrelsen;Per Nordin`)
          .join('\n'),
    );
    const listed = await search('visma');
    assert.equal(listed.length, maxSearchResults);
    assert.ok(listed.every((item) => item.title.startsWith('Visma ')));
    const past = await query({ ...typed('visma'), queryOptions: { skip: 25, count: 25 } });
    assert.equal(past.type, 'result');
    assert.deepEqual(past.attachments, []);
  });

  it('cuts a very long search and answers it without an error', async () => {
    assert.match(await message(typed('x'.repeat(20_000))), /^Inget system/);
    // The cut keeps the beginning: what follows the first hundred characters is not searched.
    const listed = await search(`Agresso${' '.repeat(120)}Ekonomi`);
    assert.equal(listed[0]?.title, 'Agresso');
  });

  it('answers a payload it cannot read with a message, never an error status', async () => {
    const payloads: unknown[] = [
      { commandId: 'searchSystems', parameters: 'agres' },
      { commandId: 'searchSystems', parameters: [null] },
      { commandId: 'searchSystems', parameters: [{ name: 'systemName', value: 42 }] },
      { commandId: 'searchSystems', parameters: [{ name: 'systemName', value: { $gt: '' } }] },
    ];
    for (const payload of payloads) {
      assert.match(await message(payload), /^Sökningen kunde inte läsas/, JSON.stringify(payload));
    }
    // Paging options are only advice: odd ones fall back to the defaults.
    const listed = await query({ ...typed('agres'), queryOptions: { skip: 'x', count: -3 } });
    assert.equal(listed.attachments?.length, 2);
    // No parameters at all is the initial run.
    assert.equal((await query({ commandId: 'searchSystems' })).attachments?.length, maxSearchResults);
  });

  it('tells that the register is empty before anything is imported', async () => {
    const empty = await startTestBot();
    try {
      const response = await empty.post(searchActivity(typed('agres')));
      assert.equal(response.status, 200);
      const result = (JSON.parse(response.body) as { composeExtension: MessagingExtensionResult })
        .composeExtension;
      assert.equal(result.type, 'message');
      assert.match(result.text ?? '', /^Registret är tomt/);
    } finally {
      await empty.stop();
    }
  });

  it('escapes register text in the preview and the card as the answer cards do', async () => {
    const csv =
      'IT-systemets namn;Förvaltning;Systemägare;Systemansvarig\n' +
      '*Lön* [klicka](http://x);<b>Förvaltning</b>;Kommunstyrelsen;Eva _Hedlund_ <eva.hedlund@exempelkommun.se>\n';
    await importCsv(csv);
    const [found] = (await query(typed('lön klicka'))).attachments ?? [];
    assert.ok(found, 'the system is found');
    const preview = found.preview?.content as { title: string; text: string };
    assert.equal(preview.title, '*Lön* [klicka](http://x)');
    assert.equal(preview.text, 'Systemansvarig: Eva \\_Hedlund\\_ · \\<b\\>Förvaltning\\</b\\>');
    assert.equal(cardTexts(found.content)[0], '\\*Lön\\* \\[klicka\\](http://x)');
  });

  it('logs ids and counts, never the search text or what was found', async () => {
    await search('Agresso');
    const entries = bot.logEntries().filter((entry) => entry.event === 'systemSearch.queried');
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.found, 2);
    assert.ok(!bot.logLines.some((line) => /agresso|Karin/i.test(line)));
  });
});
