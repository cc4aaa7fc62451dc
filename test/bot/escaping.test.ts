import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity, Attachment } from 'botbuilder';
import { checklistNextVerb } from '../../src/bot/cards/checklistActions';
import { importRegister } from '../../src/domain/register/registerImport';
import { loadChecklistSync } from '../../src/infrastructure/checklist/loadChecklist';
import { readRegisterFile } from '../../src/infrastructure/registerFile/readRegisterFile';
import { silentLogger } from '../../src/shared/logger';
import { cardActionActivity, messageActivity, type TestUser } from '../support/activities';
import { cardActions, cardTexts } from '../support/adaptiveCards';
import { startTestBot, type TestBot } from '../support/botServer';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const checklist = loadChecklistSync();

/** Markup and template syntax as a register or a user may carry it; "Zqx" marks every hostile value. */
const hostile =
  '**fet** _kursiv_ [klick](https://evil.example) <script>alert(1)</script> ${$root.verbs.chooseSystem} ' +
  '{{DATE(2017-02-14T06:08:39Z, SHORT)}}';
const hostileSystem = `Alfa Zqx ${hostile}`;
const hostileDescription = `Beskrivning Zqx ${hostile}\n# Rubrik\n- punkt\n> citat\n1. nummer`;
const hostilePerson = 'Zqx Mallory **Fet** ~~genom~~ `kod`';
const answerer: TestUser & { email: string } = {
  id: '29:1zqxAnswerer000000000000000000000000',
  aadObjectId: 'c9c9c9c9-0000-4000-8000-000000000009',
  name: 'Zqx Svarare',
  email: 'zqx.svarare@exempelkommun.se',
};

const header =
  'Förvaltning;Avdelning;IT-systemets namn;Beskrivning;Systemägare;Systemansvarig;Systemförvaltare;Systemadministratör';
const csv = [
  header,
  [
    'Kommunledningsförvaltningen',
    `Avd Zqx ${hostile}`,
    hostileSystem,
    `"${hostileDescription.replace(/"/g, '""')}"`,
    `Nämnd Zqx ${hostile}`,
    `${answerer.name} <${answerer.email}>`,
    `${hostilePerson} <mallory@evil.example>`,
    'Zqx Admin [x](javascript:alert(1)) <zqx.admin@exempelkommun.se>',
  ].join(';'),
].join('\n');

/**
 * Markup that Teams would act on in a TextBlock: an unescaped emphasis, code, strike or link character, an HTML
 * bracket, or a heading, list or quote marker at the start of a line. A character is escaped when an odd number
 * of backslashes stands before it.
 */
function activeMarkup(text: string): string[] {
  const found: string[] = [];
  const escapedAt = (index: number) => {
    let slashes = 0;
    for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
    return slashes % 2 === 1;
  };
  for (let i = 0; i < text.length; i++) {
    const character = text[i] as string;
    if ('*_~`[]<>'.includes(character) && !escapedAt(i)) found.push(`${character} at ${i}`);
    // Teams' date and time functions: two braces in a row, neither escaped.
    if (character === '{' && text[i + 1] === '{' && !escapedAt(i) && !escapedAt(i + 1)) {
      found.push(`{{ at ${i}`);
    }
  }
  for (const line of text.split('\n')) {
    if (/^\s*([#>+=-]|\d+[.)])/.test(line)) found.push(`line start: ${line.slice(0, 20)}`);
  }
  return found;
}

/** Teams' own markdown unescaping, so a text can be compared with what the register says. */
const unescaped = (text: string) => text.replace(/\\(.)/g, '$1');

describe('register values and typed text in cards are shown as text, never as markup or links', () => {
  let dataDir: string;
  let connector: FakeConnector;
  let bot: TestBot;

  before(async () => {
    connector = await startFakeConnector();
    connector.setMember({ ...answerer, userPrincipalName: answerer.email });
    bot = await startTestBot();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-escaping-'));
    const file = path.join(dataDir, 'register.csv');
    await writeFile(file, csv, 'utf8');
    const report = await importRegister(
      { storage: bot.storage, logger: silentLogger },
      await readRegisterFile(file),
      { fileName: 'register.csv', actor: 'cli:test' },
    );
    assert.equal(report.outcome, 'applied', JSON.stringify(report));
  });

  after(async () => {
    await bot?.stop();
    await connector?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function cardFor(text: string, from?: TestUser): Promise<unknown> {
    const replies = await bot.send(
      messageActivity({ text, serviceUrl: connector.serviceUrl, ...(from ? { from } : {}) }),
    );
    const reply = replies.find((activity) => activity.type === 'message') as Activity;
    const attachment = ((reply?.attachments ?? []) as Attachment[])[0];
    assert.equal(attachment?.contentType, adaptiveCardType, `a card for "${text}": ${reply?.text}`);
    return attachment.content;
  }

  function assertInert(card: unknown, what: string): string[] {
    const hostileTexts = cardTexts(card).filter((text) => text.includes('Zqx'));
    assert.ok(hostileTexts.length > 0, `${what}: the card shows the hostile values`);
    for (const text of hostileTexts) {
      assert.deepEqual(activeMarkup(text), [], `${what}: active markup in ${JSON.stringify(text)}`);
    }
    // The template syntax is shown as typed; it was not evaluated into the verb it names.
    const json = JSON.stringify(card);
    assert.ok(!cardTexts(card).some((text) => text.includes('answers.chooseSystem')), `${what}: evaluated`);
    for (const action of cardActions(card)) {
      if (action.url !== undefined) {
        assert.match(action.url, /^https:\/\/teams\.microsoft\.com\//, `${what}: ${action.url}`);
      }
    }
    assert.ok(!/"(url|href|iconUrl)"\s*:\s*"(?!https:\/\/)/.test(json), `${what}: a link that is not https`);
    return hostileTexts;
  }

  it('escapes a system name, description, department, owner and people in the answer card', async () => {
    const card = await cardFor('vem kan jag fråga om Alfa Zqx?');
    const texts = assertInert(card, 'the answer card');
    assert.ok(
      texts.map(unescaped).some((text) => text.includes(hostileSystem)),
      `the name shown exactly as the register spells it: ${texts.join(' | ')}`,
    );
    assert.ok(texts.map(unescaped).some((text) => text.includes('${$root.verbs.chooseSystem}')));
    assert.ok(
      texts.map(unescaped).some((text) => text.includes(hostilePerson)),
      texts.join(' | '),
    );
  });

  it('escapes a person asked about by name', async () => {
    assertInert(await cardFor('vilka system har Zqx Mallory?'), 'the person card');
  });

  it('escapes what a user typed in a checklist comment when the summary shows it', async () => {
    const start = await cardFor('checklista Alfa Zqx', answerer);
    const comment = `Zqx kommentar ${hostile}\n# Rubrik`;
    let card: unknown = start;
    for (let index = 0; index < checklist.sections.length; index++) {
      const inputs: Record<string, string> = {};
      for (const question of checklist.sections[index]!.questions) {
        inputs[`${question.id}.answer`] = 'yes';
        inputs[`${question.id}.comment`] = comment;
      }
      const next = cardActions(card).find((action) => action.verb === checklistNextVerb);
      assert.ok(next, `a Next button on section ${index + 1}`);
      const response = await bot.post(
        cardActionActivity({
          verb: checklistNextVerb,
          data: { ...(next.data as object), ...inputs },
          from: answerer,
          serviceUrl: connector.serviceUrl,
        }),
      );
      assert.equal(response.status, 200, response.body);
      card = (JSON.parse(response.body) as { value: unknown }).value;
    }
    assert.ok(cardTexts(card).includes('Sammanfattning'), cardTexts(card).join(' | '));
    const texts = assertInert(card, 'the summary');
    assert.ok(
      texts.map(unescaped).some((text) => text.includes(`Zqx kommentar ${hostile}`)),
      texts.join(' | '),
    );
  });
});
