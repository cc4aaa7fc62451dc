import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import sinon from 'sinon';
import { messageActivity, testBotAppId, testTenantId } from '../support/activities';
import {
  channelToken,
  channelTokenIssuer,
  startBotFrameworkChannel,
  type BotFrameworkChannel,
} from '../support/botFrameworkChannel';
import { startTestBot, type TestBot } from '../support/botServer';

describe('bot authentication against Bot Framework tokens', () => {
  let channel: BotFrameworkChannel;
  let bot: TestBot;

  beforeEach(async () => {
    channel = await startBotFrameworkChannel();
    bot = await startTestBot({
      env: { BOT_ID: testBotAppId, BOT_PASSWORD: 'test-client-secret', BOT_TENANT_ID: testTenantId },
      channelAuthentication: { openIdMetadataUrl: channel.metadataUrl, tokenIssuer: channelTokenIssuer },
    });
    // botbuilder prints refused tokens to the console itself; keep the test output readable.
    sinon.stub(console, 'error');
  });

  afterEach(async () => {
    sinon.restore();
    await bot.stop();
    await channel.close();
  });

  it('runs the bot for a message signed with the channel key', async () => {
    const activity = messageActivity({ text: 'hej' });
    const bearer = channelToken(channel.signingKey, channel.keyId, { serviceurl: activity.serviceUrl });
    const replies = await bot.send(activity, { Authorization: `Bearer ${bearer}` });
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /Fråga mig vem som äger/);
  });

  it('refuses a token signed with another key under the same key id, and never runs the bot', async () => {
    // Answering reads the register index, which starts with the newest import record.
    const listRecent = sinon.spy(bot.storage.imports, 'listRecent');
    const activity = messageActivity({ text: 'hej' });
    const { privateKey: wrongKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bearer = channelToken(wrongKey, channel.keyId, { serviceurl: activity.serviceUrl });
    const response = await bot.post(
      { ...activity, deliveryMode: 'expectReplies' },
      { Authorization: `Bearer ${bearer}` },
    );
    assert.equal(response.status, 401);
    assert.equal(response.body, '{"error":"unauthorized"}');
    assert.equal(listRecent.callCount, 0);
    const refused = bot.logEntries().find((entry) => entry.event === 'auth.request_refused');
    assert.equal(refused?.errorType, 'JsonWebTokenError');
    assert.ok(
      !bot.logLines.join('\n').includes(bearer.split('.')[2] ?? 'no signature'),
      'the token is not logged',
    );
  });

  it('refuses a correctly signed token meant for another bot', async () => {
    const activity = messageActivity({ text: 'hej' });
    const bearer = channelToken(channel.signingKey, channel.keyId, {
      serviceurl: activity.serviceUrl,
      aud: '00000000-1111-2222-3333-444444444444',
    });
    const response = await bot.post(
      { ...activity, deliveryMode: 'expectReplies' },
      { Authorization: `Bearer ${bearer}` },
    );
    assert.equal(response.status, 401);
    assert.doesNotMatch(response.body, /AppId|00000000-1111/);
  });

  it('refuses a correctly signed token issued for another service URL', async () => {
    const activity = messageActivity({ text: 'hej' });
    const bearer = channelToken(channel.signingKey, channel.keyId, {
      serviceurl: 'https://smba.trafficmanager.net/evil/',
    });
    const response = await bot.post(
      { ...activity, deliveryMode: 'expectReplies' },
      { Authorization: `Bearer ${bearer}` },
    );
    assert.equal(response.status, 401);
  });

  describe('when the verifier itself fails', () => {
    const signedMessage = () => {
      const activity = { ...messageActivity({ text: 'hej' }), deliveryMode: 'expectReplies' };
      const bearer = channelToken(channel.signingKey, channel.keyId, { serviceurl: activity.serviceUrl });
      return { activity, headers: { Authorization: `Bearer ${bearer}` } };
    };

    it('answers a valid request 503, which Teams retries, while the key endpoint is down, and serves it once back', async () => {
      channel.keyEndpoint = 'failing';
      const { activity, headers } = signedMessage();
      const during = await bot.post(activity, headers);
      assert.equal(during.status, 503);
      assert.equal(during.headers.get('retry-after'), '5');
      assert.equal(during.body, '{"error":"unavailable"}');
      const unavailable = bot.logEntries().find((entry) => entry.event === 'auth.verifier_unavailable');
      assert.equal(unavailable?.statusCode, 500);

      channel.keyEndpoint = 'serving';
      assert.equal((await bot.post(activity, headers)).status, 200);
    });

    it('answers 503 when the key endpoint never answers, after the verifier timeout', async () => {
      const patient = await startTestBot({
        env: { BOT_ID: testBotAppId, BOT_PASSWORD: 'test-client-secret', BOT_TENANT_ID: testTenantId },
        channelAuthentication: { openIdMetadataUrl: channel.metadataUrl, tokenIssuer: channelTokenIssuer },
        timeouts: { verifierMs: 200 },
      });
      try {
        channel.keyEndpoint = 'silent';
        const { activity, headers } = signedMessage();
        const response = await patient.post(activity, headers);
        assert.equal(response.status, 503);
        assert.equal(channel.keyRequests, 1);
        assert.ok(patient.logEntries().some((entry) => entry.event === 'auth.verifier_unavailable'));
      } finally {
        await patient.stop();
      }
    });
  });

  it('writes nothing to stderr and only a few log lines for 100 forged requests', async () => {
    sinon.restore();
    const stderr = sinon.spy(process.stderr, 'write');
    const activity = { ...messageActivity({ text: 'hej' }), deliveryMode: 'expectReplies' };
    const { privateKey: wrongKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const expired = channelToken(channel.signingKey, channel.keyId, {
      serviceurl: activity.serviceUrl,
      nbf: 1_000_000,
      exp: 1_000_060,
    });
    const forged = channelToken(wrongKey, channel.keyId, { serviceurl: activity.serviceUrl });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const bearer = i % 2 === 0 ? forged : expired;
      statuses.push((await bot.post(activity, { Authorization: `Bearer ${bearer}` })).status);
    }
    stderr.restore();
    assert.ok(statuses.every((status) => status === 401));
    assert.equal(stderr.callCount, 0, 'nothing on stderr');
    const refusalLines = bot.logLines.filter((line) => /refused|unauthori[sz]ed|401/.test(line));
    assert.ok(refusalLines.length <= 3, `${refusalLines.length} log lines about refusals`);
    assert.ok(refusalLines.length >= 1, 'the first refusal is logged');
  });
});
