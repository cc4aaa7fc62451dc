import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { checklistSaveLaterVerb } from '../../src/bot/cards/checklistActions';
import { maxCardDataLength, maxMessageLength } from '../../src/bot/features/inputGuard';
import { seedSampleRegisterIfEmpty } from '../../src/infrastructure/registerFile/sampleRegister';
import { silentLogger } from '../../src/shared/logger';
import { say } from '../../src/texts';
import { inputGuardTexts } from '../../src/texts/inputGuard';
import { messageActivity, otherTenantId, testTenantId } from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';

const messageResponseType = 'application/vnd.microsoft.activity.message';

function invoke(name: string, value: unknown, tenantId = testTenantId): Partial<Activity> {
  const base = messageActivity({ text: '', tenantId });
  delete base.text;
  return { ...base, type: 'invoke', name, value };
}

const cardAction = (verb: unknown, data: unknown, tenantId?: string) =>
  invoke(
    'adaptiveCard/action',
    { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    tenantId,
  );

describe('input too large to read, and requests nobody handles (through /api/messages)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await startTestBot({ env: { ALLOWED_TENANT_IDS: testTenantId } });
    await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
  });

  after(async () => {
    await bot?.stop();
  });

  async function onlyReply(activity: Partial<Activity>): Promise<Activity> {
    const replies = await bot.send(activity);
    assert.equal(replies.length, 1);
    return replies[0] as Activity;
  }

  async function invokeAnswer(activity: Partial<Activity>): Promise<{ type: string; value: unknown }> {
    const response = await bot.post(activity);
    assert.equal(response.status, 200, response.body);
    return JSON.parse(response.body) as { type: string; value: unknown };
  }

  it('says a message is too long, in Swedish, with its length and the limit, instead of cutting it', async () => {
    const text = `Vem äger ${'Agresso '.repeat(70)}?`;
    const reply = await onlyReply(messageActivity({ text }));
    const length = Array.from(text).length;
    assert.ok(length > maxMessageLength);
    assert.equal(reply.text, say('sv', inputGuardTexts.messageTooLong, { length, max: maxMessageLength }));
    assert.equal(reply.attachments, undefined);
    const refused = bot.logEntries().find((entry) => entry.event === 'input.refused');
    assert.equal(refused?.reason, 'message-too-long');
    assert.equal(refused?.length, length);
  });

  it('says so in English when the long message is English', async () => {
    const text = `Who owns ${'the system called Agresso and '.repeat(20)}?`;
    const reply = await onlyReply(messageActivity({ text }));
    assert.match(reply.text ?? '', /^That message is too long for me \(\d+ characters, at most 500\)/);
  });

  it('counts characters, not UTF-16 units, and still answers a question of exactly the limit', async () => {
    const question = 'Vem är systemansvarig för Visma Window?';
    const text = question + ' '.repeat(maxMessageLength - question.length);
    const reply = await onlyReply(messageActivity({ text }));
    assert.equal(reply.text, 'Systemansvarig för Visma Window: Per Nordin (per.nordin@exempelkommun.se).');
    const emoji = await onlyReply(
      messageActivity({ text: `${question} ${'😀'.repeat(maxMessageLength - 60)}` }),
    );
    assert.doesNotMatch(emoji.text ?? '', /för långt/);
  });

  it('refuses an oversized card submit politely, before any feature reads it, and stores nothing', async () => {
    const data = {
      reviewId: `visma-window:2025`,
      version: null,
      sectionId: 'organisation',
      lang: 'en',
      'management-plan.comment': 'x'.repeat(maxCardDataLength),
    };
    const answer = await invokeAnswer(cardAction(checklistSaveLaterVerb, data));
    assert.deepEqual(answer, {
      statusCode: 200,
      type: messageResponseType,
      value: say('en', inputGuardTexts.cardDataTooLarge),
    });
    assert.deepEqual(await bot.storage.reviews.listByYear(2025), []);
    assert.ok(
      !bot.logEntries().some((entry) => entry.event === 'checklist.action_refused'),
      'no feature saw it',
    );
  });

  it('answers a verb no feature knows with a message, not a 501', async () => {
    const answer = await invokeAnswer(cardAction('someoneElses.verb', { lang: 'sv' }));
    assert.deepEqual(answer.value, say('sv', inputGuardTexts.unknownAction));
  });

  it('answers an invoke nobody handles with 400', async () => {
    const response = await bot.post(invoke('composeExtension/unknownThing', { anything: 1 }));
    assert.equal(response.status, 400);
    assert.deepEqual(JSON.parse(response.body), { error: 'bad-request' });
  });

  it('answers an invoke from a tenant that is not allowed with 403, and a message there with silence', async () => {
    const response = await bot.post(
      cardAction('answers.chooseSystem', { systemId: 'agresso', roles: [], lang: 'sv' }, otherTenantId),
    );
    assert.equal(response.status, 403);
    assert.deepEqual(
      await bot.send(messageActivity({ text: 'vem äger Agresso?', tenantId: otherTenantId })),
      [],
    );
  });

  it('refuses with 400 an activity without the fields every Teams activity has, or with them of the wrong type', async () => {
    const good = messageActivity({ text: 'vem äger Agresso?' }) as Record<string, unknown>;
    const broken: Record<string, unknown>[] = [
      { ...good, type: undefined },
      { ...good, type: 42 },
      { ...good, type: '' },
      { ...good, serviceUrl: undefined },
      { ...good, serviceUrl: ['http://127.0.0.1'] },
      { ...good, serviceUrl: 'file:///etc/passwd' },
      { ...good, channelId: undefined },
      { ...good, from: { name: 'Utan id' } },
      { ...good, recipient: 'bot' },
      { ...good, conversation: { tenantId: testTenantId } },
      { ...good, conversation: { ...(good.conversation as object), tenantId: 7 } },
      { ...good, text: { nested: 'text' } },
      { ...good, entities: 'none' },
    ];
    for (const activity of broken) {
      const response = await bot.post(activity as Partial<Activity>);
      assert.equal(response.status, 400, JSON.stringify(activity).slice(0, 200));
      assert.deepEqual(JSON.parse(response.body), { error: 'bad-request' });
    }
    // and the well-formed one still gets its answer
    assert.match((await onlyReply(good as Partial<Activity>)).text ?? '', /Kommunstyrelsen/);
  });
});
