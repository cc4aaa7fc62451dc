/**
 * Systemkollen as people meet it: the real bot behind Microsoft 365 Agents Playground (Microsoft's Teams
 * simulator, which renders the cards with Teams' own Adaptive Card renderer), driven in headless Chromium.
 * Everything stays on loopback: requests the Playground's page makes to the internet (Office CDN fonts) are
 * refused. Screenshots of every step go to test-results/playground/.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Storage } from '../../src/domain/ports';
import { seedSampleRegisterIfEmpty } from '../../src/infrastructure/registerFile/sampleRegister';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { createLogger } from '../../src/shared/logger';
import { startTestBot, type TestBot } from '../support/botServer';
import { eventually } from '../support/eventually';
import { chromiumExecutable, launchChromium, startPlayground, type RunningPlayground } from './playground';

const screenshotDir = path.resolve(__dirname, '..', '..', 'test-results', 'playground');
/** Long enough for a cold bot turn on a loaded CI machine, short enough that a hang fails the run quickly. */
const turnTimeoutMs = 15_000;
/** currentUser.email in .m365agentsplayground.yml (its object id is not a real GUID). */
const playgroundUserEmail = 'per.nordin@exempelkommun.se';

describe('Systemkollen in the Microsoft 365 Agents Playground', function () {
  this.timeout(60_000);

  let dataDir: string;
  let storage: Storage;
  let bot: TestBot;
  let playground: RunningPlayground | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let step = 0;
  let sharedCardIndex = -1;
  let messagesHandledBeforeShare = -1;

  before(async function () {
    // First, so that a machine without Chromium fails here with the install step, before anything starts.
    chromiumExecutable();
    await rm(screenshotDir, { recursive: true, force: true });
    await mkdir(screenshotDir, { recursive: true });

    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-e2e-'));
    storage = await createLocalStorage(dataDir);
    assert.equal(await seedSampleRegisterIfEmpty(storage, createLogger({ sink: () => undefined })), true);
    // The Playground's user (Per Nordin, .m365agentsplayground.yml) is an admin here, to see "status".
    bot = await startTestBot({ storage, env: { ADMIN_USERS: playgroundUserEmail } });
    playground = await startPlayground({ botEndpoint: `${bot.baseUrl}/api/messages` });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'sv-SE' });
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      return hostname === '127.0.0.1' || hostname === 'localhost' ? route.continue() : route.abort();
    });
    await page.goto(playground.url, { waitUntil: 'load' });
  });

  after(async function () {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
    await storage?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(screenshotDir, `failed-${slug(this.currentTest.title)}.png`) });
    }
  });

  const cards = () => page.locator('.ac-adaptiveCard');

  /** Messages the answers feature has finished with, answered or ignored: each logs one of these at its end. */
  const messagesHandled = () =>
    bot
      .logEntries()
      .filter(
        (entry) => entry.event === 'answers.answered' || entry.event === 'answers.attachments_only_ignored',
      ).length;

  async function snap(name: string, card?: Locator): Promise<void> {
    step += 1;
    const prefix = path.join(screenshotDir, `${String(step).padStart(2, '0')}-${name}`);
    await page.screenshot({ path: `${prefix}.png` });
    if (card) await card.screenshot({ path: `${prefix}.card.png` });
  }

  /** Types into the compose box as a person would, sends, and returns the bot's card in answer. */
  async function ask(text: string): Promise<Locator> {
    const before = await cards().count();
    await page.locator('[data-lexical-editor="true"]').click();
    await page.keyboard.type(text);
    await page.getByRole('button', { name: 'Send Message' }).click();
    const answer = cards().nth(before);
    await answer.waitFor({ timeout: turnTimeoutMs });
    return answer;
  }

  it('shows the welcome card when the app is installed', async function () {
    const welcome = cards().first();
    await welcome.waitFor({ timeout: turnTimeoutMs });
    await welcome.getByText('Hej! Jag är Systemkollen').waitFor({ timeout: turnTimeoutMs });
    assert.match(await welcome.innerText(), /Vem är systemansvarig för/);
    await snap('welcome', welcome);
  });

  it('answers who is responsible for Visma Window with a card naming Per Nordin', async function () {
    const card = await ask('Vem är systemansvarig för Visma Window?');
    await card.getByText('Per Nordin', { exact: true }).first().waitFor({ timeout: turnTimeoutMs });
    const text = await card.innerText();
    assert.match(text, /Visma Window/);
    assert.match(text, /Systemansvarig/);
    assert.match(text, /per\.nordin@exempelkommun\.se/);
    await snap('responsible-for-visma-window', card);
  });

  it('answers an English question in English', async function () {
    const card = await ask('Who manages Visma Window?');
    await card.getByText('Åsa Öberg', { exact: true }).first().waitFor({ timeout: turnTimeoutMs });
    const text = await card.innerText();
    assert.match(text, /System manager/);
    assert.doesNotMatch(text, /Systemförvaltare/);
    await snap('english-who-manages', card);
  });

  it('runs the checklist of Visma Window through every section to the summary and submits it', async function () {
    this.timeout(90_000);
    const card = await ask('checklista Visma Window');
    await card.getByText(/Avsnitt 1 av \d+/).waitFor({ timeout: turnTimeoutMs });
    assert.match(await card.innerText(), /Du svarar som systemansvarig/);
    const total = Number(/Avsnitt 1 av (\d+)/.exec(await card.innerText())?.[1]);
    assert.ok(total >= 2, `expected several sections, saw ${total}`);
    await snap('checklist-section-1', card);

    for (let section = 1; section <= total; section += 1) {
      await card.getByText(new RegExp(`Avsnitt ${section} av ${total}`)).waitFor({ timeout: turnTimeoutMs });
      const questions = card.locator('[role=radiogroup]');
      const count = await questions.count();
      assert.ok(count > 0, `section ${section} shows no questions`);
      // The action fields of 1.1 are opened before any answer is chosen: in the Playground, "Lägg till åtgärd"
      // (Action.ToggleVisibility) redraws the card and clears the choices made before it.
      if (section === 1) await card.getByRole('button', { name: 'Lägg till åtgärd' }).first().click();
      for (let question = 0; question < count; question += 1) {
        const answer = section === 1 && question === 0 ? 'Delvis' : 'Ja';
        await questions.nth(question).getByText(answer, { exact: true }).click();
      }
      if (section === 1) {
        // Delvis needs an action: what, who and by when, the date chosen in the card's date picker. The fields
        // open with "Lägg till åtgärd" (a choice cannot open them on an unsaved card in Adaptive Cards 1.5).
        await card.getByLabel('Vad ska göras?').first().fill('Skriva en förvaltningsplan');
        await card.getByLabel('Vem gör det?').first().fill('Åsa Öberg');
        const due = card.locator('input[placeholder="Select a date..."]').first();
        await due.click();
        await page
          .locator(
            '[role=dialog] td[role=gridcell]:not(.fui-CalendarDayGrid__dayOutsideNavigatedMonth) button',
          )
          .last()
          .click();
        assert.notEqual(await due.inputValue(), '', 'the date picker left the due date empty');
        await snap('checklist-section-1-filled', card);
      }
      await card.getByRole('button', { name: /^(Nästa|Till sammanfattningen)$/ }).click();
      if (section < total) {
        await card
          .getByText(new RegExp(`Avsnitt ${section + 1} av ${total}`))
          .waitFor({ timeout: turnTimeoutMs });
        if (section === 1) await snap('checklist-section-2', card);
      }
    }

    const submit = card.getByRole('button', { name: 'Skicka in' });
    await submit.waitFor({ timeout: turnTimeoutMs });
    const summary = await card.innerText();
    assert.match(summary, /Skriva en förvaltningsplan/);
    assert.match(summary, /Åsa Öberg/);
    assert.match(summary, /Klart senast \d{4}-\d{2}-\d{2}/);
    await snap('checklist-summary', card);

    assert.match(summary, /Sammanfattning/);
    await submit.click();
    await card.getByText(/Inskickad av Per Nordin/).waitFor({ timeout: turnTimeoutMs });
    await snap('checklist-submitted', card);
  });

  it("shows an admin the year's progress as a chart, with the figures as text", async function () {
    const card = await ask('status');
    await card.getByText(/Årlig uppföljning \d{4}: status/).waitFor({ timeout: turnTimeoutMs });
    const text = await card.innerText();
    // Visma Window was submitted above: one of the sample register's systems.
    assert.match(text, /1 av \d+ system inskickade/);
    await snap('status-overview', card);
  });

  it('finds Visma Window with the message extension and shares its card in the chat', async function () {
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByRole('menuitem', { name: 'Search Command' }).click();
    // The Playground ignores the manifest, so the command and its parameter are named by hand, as in Teams' manifest.
    await page.getByText('Specify Command ID or Parameter').click();
    await page.getByPlaceholder('Command ID').fill('searchSystems');
    await page.getByPlaceholder('Parameter name').fill('systemName');
    await page.getByPlaceholder('Enter a search term').fill('visma');
    const result = page.getByText('Visma Window', { exact: true }).last();
    await result.waitFor({ timeout: turnTimeoutMs });
    await snap('message-extension-results');

    const before = await cards().count();
    sharedCardIndex = before;
    messagesHandledBeforeShare = messagesHandled();
    await result.click();
    await page.getByRole('button', { name: 'Send Message' }).click();
    // The card the user shares is the first new one; the bot may answer after it.
    const shared = cards().nth(before);
    await shared.getByText('Per Nordin', { exact: true }).first().waitFor({ timeout: turnTimeoutMs });
    assert.match(await shared.innerText(), /Visma Window/);
    await snap('message-extension-shared', shared);
  });

  it('does not take a card shared from the message extension for a question', async function () {
    // Teams (and the Playground) deliver the shared card to the bot as a message whose text is only the
    // compose-card markup; answering it (a "not found" or the help card) is noise in the chat.
    assert.ok(sharedCardIndex >= 0, 'the message extension test shared no card');
    // Once the bot has finished the shared card's turn, anything it answered is on its way to the chat; a question
    // asked after that is shown after it, so when its answer is there the chat holds all the bot said.
    const sharedCardHandled = () => messagesHandled() > messagesHandledBeforeShare;
    await eventually('the bot to finish the shared card', sharedCardHandled, { timeoutMs: turnTimeoutMs });
    const later = await ask('Vem är systemansvarig för Visma Window?');
    await later.getByText('Per Nordin', { exact: true }).first().waitFor({ timeout: turnTimeoutMs });
    const afterShared = (await cards().allInnerTexts()).slice(sharedCardIndex + 1);
    assert.deepEqual(afterShared, [await later.innerText()], 'only the later question is answered');
  });

  it('logged no errors on the bot during the whole session', function () {
    const errors = bot.logEntries().filter((entry) => entry.level === 'error');
    assert.deepEqual(
      errors.map((entry) => entry.event),
      [],
    );
  });
});

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60);
}
