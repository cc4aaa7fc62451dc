import assert from 'node:assert/strict';
import { MessageFactory, TeamsInfo } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { startFakeConnector, type FakeConnector, type FakeMember } from './fakeConnector';

const anna: FakeMember = {
  id: '29:1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
  name: 'Anna Lindström',
  aadObjectId: 'b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e',
  email: 'anna.lindstrom@example.se',
  userPrincipalName: 'anna.lindstrom@example.se',
  tenantId: '6f1c8d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
  userRole: 'user',
};

describe('fake Bot Connector', () => {
  let fake: FakeConnector | undefined;

  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
  });

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(new URL(`v3/${path}`, (fake as FakeConnector).serviceUrl), {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  it('creates the same 1:1 conversation for a member every time, as Teams does', async () => {
    fake = await startFakeConnector();
    const first = await call('POST', 'conversations', {
      members: [{ id: anna.id }],
      tenantId: anna.tenantId,
    });
    const second = await call('POST', 'conversations', {
      members: [{ id: anna.id }],
      tenantId: anna.tenantId,
    });
    assert.equal(first.status, 201);
    assert.equal(first.body.id, fake.conversationIdFor(anna.id));
    assert.equal(second.body.id, first.body.id);
    assert.equal(fake.requests[0]?.operation, 'createConversation');
    assert.equal(fake.requests[0]?.conversationId, first.body.id);
  });

  it('records sends, replies and updates per conversation, with the update applied in place', async () => {
    fake = await startFakeConnector();
    const sent = await call('POST', 'conversations/a%3A1one/activities', { type: 'message', text: 'hej' });
    await call('POST', 'conversations/a%3A1one/activities/x1', { type: 'message', text: 'svar' });
    await call('POST', 'conversations/a%3A1two/activities', { type: 'message', text: 'annan' });
    const updated = await call(
      'PUT',
      `conversations/a%3A1one/activities/${encodeURIComponent(sent.body.id)}`,
      {
        type: 'message',
        text: 'ändrad',
      },
    );
    assert.equal(sent.status, 201);
    assert.equal(updated.status, 200);
    assert.deepEqual(
      fake.messagesTo('a:1one').map((m) => [m.activity.text, m.updated]),
      [
        ['ändrad', true],
        ['svar', false],
      ],
    );
    assert.equal(fake.messagesTo('a:1two').length, 1);
    assert.deepEqual(
      fake.requests.map((r) => r.operation),
      ['sendActivity', 'replyToActivity', 'sendActivity', 'updateActivity'],
    );
  });

  it('answers an update of an activity it never delivered with 404', async () => {
    fake = await startFakeConnector();
    const response = await call('PUT', 'conversations/a%3A1one/activities/nope', { type: 'message' });
    assert.equal(response.status, 404);
  });

  it('looks members up by Teams id or Entra object id, and answers 404 for strangers', async () => {
    fake = await startFakeConnector({ members: [anna] });
    assert.deepEqual(
      (await call('GET', `conversations/a%3A1x/members/${encodeURIComponent(anna.id)}`)).body,
      anna,
    );
    assert.deepEqual((await call('GET', `conversations/a%3A1x/members/${anna.aadObjectId}`)).body, anna);
    assert.deepEqual((await call('GET', 'conversations/a%3A1x/members')).body, [anna]);
    assert.equal((await call('GET', 'conversations/a%3A1x/members/29%3Anobody')).status, 404);
  });

  it('limits a member to the conversations it was set for', async () => {
    fake = await startFakeConnector();
    fake.setMember(anna, ['a:1mine']);
    assert.equal((await call('GET', `conversations/a%3A1mine/members/${anna.aadObjectId}`)).status, 200);
    assert.equal((await call('GET', `conversations/a%3A1other/members/${anna.aadObjectId}`)).status, 404);
    fake.removeMember(anna.aadObjectId);
    assert.equal((await call('GET', `conversations/a%3A1mine/members/${anna.aadObjectId}`)).status, 404);
  });

  it('fails a conversation as scripted, with Retry-After on 429, and counts the hits', async () => {
    fake = await startFakeConnector();
    const blocked = fake.fail({ status: 403, conversationId: 'a:1blocked' });
    const throttled = fake.fail({ status: 429, conversationId: 'a:1busy', times: 2, retryAfterSeconds: 3 });
    assert.equal((await call('POST', 'conversations/a%3A1blocked/activities', {})).status, 403);
    const first429 = await call('POST', 'conversations/a%3A1busy/activities', {});
    assert.equal(first429.status, 429);
    assert.equal(first429.headers.get('retry-after'), '3');
    assert.equal(first429.body.error.code, 'Throttled');
    assert.equal((await call('POST', 'conversations/a%3A1busy/activities', {})).status, 429);
    assert.equal((await call('POST', 'conversations/a%3A1busy/activities', {})).status, 201);
    assert.equal(blocked.hits, 1);
    assert.equal(throttled.hits, 2);
    assert.equal(fake.messagesTo('a:1busy').length, 1);
    assert.equal(fake.messagesTo('a:1blocked').length, 0);
    blocked.remove();
    assert.equal((await call('POST', 'conversations/a%3A1blocked/activities', {})).status, 201);
  });

  it('fails exactly the request with a given number', async () => {
    fake = await startFakeConnector();
    fake.fail({ status: 502, requestNumber: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await call('POST', 'conversations/a%3A1c/activities', {})).status);
    assert.deepEqual(statuses, [201, 502, 201]);
    assert.deepEqual(
      fake.requests.map((r) => r.status),
      [201, 502, 201],
    );
  });

  for (const status of [404, 412, 500, 504]) {
    it(`answers ${status} with a Bot Connector error body when told to`, async () => {
      fake = await startFakeConnector();
      fake.fail({ status, operation: 'sendActivity' });
      const response = await call('POST', 'conversations/a%3A1c/activities', {});
      assert.equal(response.status, status);
      assert.equal(typeof response.body.error.code, 'string');
    });
  }

  it('enforces 7 messages a second per conversation with 429 and a Retry-After that frees the window', async () => {
    let clock = 1_000_000;
    fake = await startFakeConnector({ enforceLimits: true, now: () => clock });
    const statuses = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await call('POST', 'conversations/a%3A1c/activities', {})).status);
    assert.deepEqual(statuses, [201, 201, 201, 201, 201, 201, 201, 429]);
    // Another conversation is not affected by this one's limit.
    assert.equal((await call('POST', 'conversations/a%3A1d/activities', {})).status, 201);
    clock += 1_000;
    assert.equal((await call('POST', 'conversations/a%3A1c/activities', {})).status, 201);
  });

  it('enforces 60 messages per 30 seconds per conversation', async () => {
    let clock = 0;
    fake = await startFakeConnector({ enforceLimits: true, now: () => clock });
    for (let i = 0; i < 60; i++) {
      clock += 200; // 5 a second: under the per-second limit
      assert.equal((await call('POST', 'conversations/a%3A1c/activities', {})).status, 201, `message ${i}`);
    }
    clock += 200;
    const refused = await call('POST', 'conversations/a%3A1c/activities', {});
    assert.equal(refused.status, 429);
    // The first message left the window 30 s after it was sent, at 200 ms: 17.8 s from now.
    assert.equal(refused.headers.get('retry-after'), '18');
  });

  it('enforces 1800 messages an hour per conversation', async () => {
    let clock = 0;
    fake = await startFakeConnector({ enforceLimits: true, now: () => clock });
    for (let i = 0; i < 1800; i++) {
      clock += 600; // 50 per 30 s, under both shorter limits
      const response = await call('POST', 'conversations/a%3A1c/activities', {});
      if (response.status !== 201) assert.fail(`message ${i} answered ${response.status}`);
    }
    clock += 600;
    assert.equal((await call('POST', 'conversations/a%3A1c/activities', {})).status, 429);
  });

  it('enforces about 50 requests a second per app and tenant across conversations', async () => {
    const clock = 0;
    fake = await startFakeConnector({ enforceLimits: true, now: () => clock });
    const statuses = [];
    for (let i = 0; i < 51; i++) {
      statuses.push(
        (
          await call('POST', `conversations/a%3A1c${i}/activities`, {
            conversation: { tenantId: anna.tenantId },
          })
        ).status,
      );
    }
    assert.equal(statuses.filter((s) => s === 201).length, 50);
    assert.equal(statuses.at(-1), 429);
    // Another tenant has its own budget.
    assert.equal(
      (await call('POST', 'conversations/a%3A1z/activities', { conversation: { tenantId: 'other' } })).status,
      201,
    );
    assert.equal(fake.peakMessages(1_000), 51);
  });

  it('serves botbuilder itself: a proactive send and a Teams member lookup through the real SDK', async () => {
    fake = await startFakeConnector({ members: [anna] });
    const adapter = new TeamsAdapter({});
    const conversationId = fake.conversationIdFor(anna.id);
    const reference = {
      serviceUrl: fake.serviceUrl,
      channelId: 'msteams',
      conversation: {
        id: conversationId,
        tenantId: anna.tenantId,
        isGroup: false,
        name: '',
        conversationType: 'personal',
      },
      bot: { id: '28:bot', name: 'Systemkollen' },
      user: { id: anna.id, name: '' },
    };
    let email: string | undefined;
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity(MessageFactory.text('Påminnelse'));
      email = (await TeamsInfo.getMember(context, anna.id)).email;
    });
    assert.equal(email, anna.email);
    assert.equal(fake.messagesTo(conversationId)[0]?.activity.text, 'Påminnelse');
  });
});
