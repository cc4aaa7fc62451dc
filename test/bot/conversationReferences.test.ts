import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { installActivity, messageActivity, testTenantId, testUser } from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';

const member = {
  id: testUser.id,
  name: testUser.name,
  aadObjectId: testUser.aadObjectId,
  email: 'Anna.Lindstrom@Kommun.se',
  userPrincipalName: 'anna.lindstrom@kommun.se',
  tenantId: testTenantId,
};

describe('conversation references', function () {
  this.timeout(30_000);
  let bot: TestBot;
  let fake: FakeConnector;

  beforeEach(async () => {
    fake = await startFakeConnector({ members: [member] });
    bot = await startTestBot();
  });

  afterEach(async () => {
    await bot.stop();
    await fake.stop();
  });

  const stored = async () => (await bot.storage.conversationReferences.get(testUser.aadObjectId))?.value;

  /** The capture runs beside the turn: wait until the store shows what the test expects, or fail after 5 s. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const storedWith = (done: (reference: Awaited<ReturnType<typeof stored>>) => boolean) =>
    eventually(stored, done);

  it('stores who wrote in a personal chat, with the e-mail and UPN Teams gives for them', async () => {
    const activity = messageActivity({ text: 'vem äger Procapita?', serviceUrl: fake.serviceUrl });
    await bot.send(activity);
    const reference = await storedWith((r) => r?.email !== undefined);
    assert.ok(reference);
    assert.deepEqual(
      {
        email: reference.email,
        userPrincipalName: reference.userPrincipalName,
        tenantId: reference.tenantId,
        serviceUrl: reference.serviceUrl,
        conversationId: reference.conversationId,
        botId: reference.botId,
        userId: reference.userId,
        language: reference.language,
        active: reference.active,
        authenticated: reference.authenticated,
      },
      {
        email: 'anna.lindstrom@kommun.se',
        userPrincipalName: 'anna.lindstrom@kommun.se',
        tenantId: testTenantId,
        serviceUrl: fake.serviceUrl,
        conversationId: (activity.conversation as { id: string }).id,
        botId: (activity.recipient as { id: string }).id,
        userId: testUser.id,
        language: 'sv',
        active: true,
        // Local mode: no token, so the reference is marked unverified and production would never use it.
        authenticated: false,
      },
    );
    assert.ok(fake.requests.some((r) => r.operation === 'getMember'));
  });

  it('remembers the language the person last wrote in', async () => {
    await bot.send(messageActivity({ text: 'vem äger Procapita?', serviceUrl: fake.serviceUrl }));
    assert.equal((await storedWith((r) => r?.email !== undefined))?.language, 'sv');
    await bot.send(messageActivity({ text: 'who owns Procapita?', serviceUrl: fake.serviceUrl }));
    assert.equal((await storedWith((r) => r?.language === 'en'))?.language, 'en');
  });

  it('writes nothing when nothing changed since the last turn', async () => {
    await bot.send(messageActivity({ text: 'vem äger Procapita?', serviceUrl: fake.serviceUrl }));
    await storedWith((r) => r?.email !== undefined);
    const first = await bot.storage.conversationReferences.get(testUser.aadObjectId);
    const lookups = fake.requests.filter((r) => r.operation === 'getMember').length;
    await bot.send(messageActivity({ text: 'vem äger Treserva?', serviceUrl: fake.serviceUrl }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await bot.storage.conversationReferences.get(testUser.aadObjectId);
    assert.equal(second?.version, first?.version);
    // The member lookup is not repeated within a week.
    assert.equal(fake.requests.filter((r) => r.operation === 'getMember').length, lookups);
  });

  it('stores the reference when the app is installed, before the person writes anything', async () => {
    await bot.post(installActivity({ serviceUrl: fake.serviceUrl }));
    assert.equal((await storedWith((r) => r?.email !== undefined))?.email, 'anna.lindstrom@kommun.se');
  });

  it('never stores a group chat or channel as the way to reach a person', async () => {
    await bot.send(
      messageActivity({
        text: 'vem äger Procapita?',
        serviceUrl: fake.serviceUrl,
        conversationType: 'groupChat',
      }),
    );
    assert.deepEqual(await bot.storage.conversationReferences.list(), []);
  });

  it('makes an inactive reference active again when the person writes, and inactive when they remove the app', async () => {
    await bot.send(messageActivity({ text: 'hej', serviceUrl: fake.serviceUrl }));
    await storedWith((r) => r?.email !== undefined);
    const first = await bot.storage.conversationReferences.get(testUser.aadObjectId);
    assert.ok(first);
    await bot.storage.conversationReferences.save(
      { ...first.value, active: false, inactiveReason: 'forbidden' },
      first.version,
    );
    await bot.send(messageActivity({ text: 'hej igen', serviceUrl: fake.serviceUrl }));
    const reactivated = await storedWith((r) => r?.active === true);
    assert.equal(reactivated?.active, true);
    assert.equal(reactivated?.inactiveReason, undefined);

    const base = messageActivity({ text: '', serviceUrl: fake.serviceUrl });
    await bot.post({
      ...base,
      type: 'installationUpdate',
      action: 'remove',
      text: undefined,
    } as Partial<Activity>);
    const removed = await storedWith((r) => r?.active === false);
    assert.deepEqual([removed?.active, removed?.inactiveReason], [false, 'uninstalled']);
  });

  it('keeps serving the turn when the member lookup fails, and looks the person up again next time', async () => {
    fake.fail({ status: 500, operation: 'getMember', times: 10 });
    const replies = await bot.send(
      messageActivity({ text: 'vem äger Procapita?', serviceUrl: fake.serviceUrl }),
    );
    assert.ok(replies.length > 0);
    const withoutAddress = await stored();
    assert.equal(withoutAddress?.email, undefined);
    assert.equal(withoutAddress?.memberLookupAt, undefined);
  });
});
