import assert from 'node:assert/strict';
import { MessageFactory, type Activity } from 'botbuilder';
import { AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import sinon from 'sinon';
import { createAdapter } from '../../src/bot/adapter';
import { silentLogger } from '../../src/shared/logger';
import { messageActivity, testBotAppId } from '../support/activities';

const localAdapter = () =>
  createAdapter({ credentials: undefined, allowedTenantIds: undefined, logger: silentLogger });

/** A fresh activity each time: processing fixes its timestamps in place, as botbuilder's process() does. */
const question = (extra: Partial<Activity> = {}) =>
  ({ ...messageActivity({ text: 'vem äger agresso' }), deliveryMode: 'expectReplies', ...extra }) as Activity;

describe('adapter: an activity the server has already checked', () => {
  afterEach(() => sinon.restore());

  it('gives the turn its timestamps as Dates and keeps the text as sent, as CloudAdapter.process does', async () => {
    const sent = '2026-11-24T08:15:30.123+01:00';
    let seen: (Partial<Activity> & { rawTimestamp?: string; rawLocalTimestamp?: string }) | undefined;
    await localAdapter().processCheckedActivity(
      question({ timestamp: sent as unknown as Date, localTimestamp: sent as unknown as Date }),
      '',
      async (context) => {
        seen = context.activity;
      },
    );
    assert.ok(seen?.timestamp instanceof Date);
    assert.equal(seen.timestamp.toISOString(), '2026-11-24T07:15:30.123Z');
    assert.equal(seen.rawTimestamp, sent);
    assert.ok(seen.localTimestamp instanceof Date);
    assert.equal(seen.rawLocalTimestamp, sent);
    assert.equal(seen.expiration, undefined, 'a field that was not sent stays absent');
  });

  it('answers an expectReplies request with 200 and the replies as the body', async () => {
    const outcome = await localAdapter().processCheckedActivity(question(), '', async (context) => {
      await context.sendActivity(MessageFactory.text('Kommunstyrelsen'));
    });
    assert.equal(outcome.status, 200);
    const replies = (outcome.body as { activities: Partial<Activity>[] }).activities;
    assert.deepEqual(
      replies.map((reply) => reply.text),
      ['Kommunstyrelsen'],
    );
    assert.equal(outcome.error, undefined);
  });

  it('answers 200 without a body when the turn sends nothing back in the response', async () => {
    const outcome = await localAdapter().processCheckedActivity(
      question({ deliveryMode: undefined }),
      '',
      async () => undefined,
    );
    assert.deepEqual(outcome, { status: 200, body: undefined });
  });

  it('refuses a request without a token with 401 when the bot has credentials, and never runs the turn', async () => {
    const adapter = createAdapter({
      credentials: { appId: testBotAppId, type: 'MultiTenant', password: 'not-used' },
      allowedTenantIds: undefined,
      logger: silentLogger,
    });
    let ran = false;
    const outcome = await adapter.processCheckedActivity(question(), '', async () => {
      ran = true;
    });
    assert.equal(outcome.status, 401);
    assert.ok(outcome.error instanceof AuthenticationError, 'the error is returned for the log');
    assert.equal(outcome.body, undefined, 'nothing of the error goes into the response');
    assert.equal(ran, false);
  });

  it('answers 500 for a fault inside botbuilder, returning the error rather than printing it', async () => {
    const adapter = localAdapter();
    const fault = new Error('connector factory unavailable');
    // Protected in botbuilder; the adapter's authentication is the first thing processActivity calls.
    const { botFrameworkAuthentication } = adapter as unknown as {
      botFrameworkAuthentication: BotFrameworkAuthentication;
    };
    sinon.stub(botFrameworkAuthentication, 'authenticateRequest').rejects(fault);
    let ran = false;
    const outcome = await adapter.processCheckedActivity(question(), '', async () => {
      ran = true;
    });
    assert.equal(outcome.status, 500);
    assert.equal(outcome.error, fault);
    assert.equal(outcome.body, undefined);
    assert.equal(ran, false);
  });
});
