import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { createAdapter } from '../../src/bot/adapter';
import { silentLogger } from '../../src/shared/logger';
import { messageActivity, testBotAppId } from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';
import { startFakeConnector } from '../support/fakeConnector';

describe('time limits on the Bot Connector', () => {
  let bot: TestBot | undefined;

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('gives up a reply to a service URL that never answers after the connector timeout, and answers the request', async () => {
    bot = await startTestBot({ timeouts: { connectorMs: 200 } });
    bot.connector.fail({ status: 0, silent: true });

    const response = await bot.post(messageActivity({ text: 'hej' }));

    assert.equal(response.status, 200);
    const replies = bot.connector.requests.filter(
      (request) => request.operation === 'replyToActivity' || request.operation === 'sendActivity',
    );
    // The reply and the polite error reply after it, each tried once: an aborted request is not retried.
    assert.equal(replies.length, 2);
    assert.ok(
      replies.every((request) => request.status === 0),
      'no reply was answered',
    );
    const failed = bot.logEntries().find((entry) => entry.event === 'turn.failed');
    assert.equal(failed?.errorType, 'AbortError', 'the turn failed on the time limit, and says so');
  });

  it('gives up a proactive send (a reminder) to a service URL that never answers', async () => {
    const connector = await startFakeConnector();
    try {
      connector.fail({ status: 0, silent: true });
      const adapter = createAdapter({
        credentials: undefined,
        allowedTenantIds: undefined,
        logger: silentLogger,
        timeouts: { connectorMs: 200 },
      });
      const reference = {
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        bot: { id: testBotAppId, name: 'Systemkollen' },
        conversation: { id: 'a:personal-chat', isGroup: false, conversationType: 'personal', name: '' },
      };
      let failure: unknown;
      await adapter.continueConversationAsync('', reference, async (context) => {
        const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
        try {
          await client.conversations.sendToConversation('a:personal-chat', {
            type: 'message',
            text: 'påminnelse',
          } as Activity);
        } catch (error) {
          failure = error;
        }
      });
      assert.equal((failure as Error | undefined)?.name, 'AbortError');
      assert.equal(connector.requests.length, 1);
    } finally {
      await connector.stop();
    }
  });
});
