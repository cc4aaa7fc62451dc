import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sinon from 'sinon';
import { messageActivity, testBotAppId, testTenantId } from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';

/**
 * Bot Framework signs every request to the bot with a key published in its OpenID metadata. A loopback server
 * plays that part here, so the whole verification (signature, issuer, audience, service URL, endorsement) runs
 * for real without the internet.
 */
const issuer = 'https://api.botframework.test';

interface Channel {
  metadataUrl: string;
  signingKey: KeyObject;
  keyId: string;
  close(): Promise<void>;
}

async function startChannelKeys(): Promise<Channel> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/openid') {
      res.end(
        JSON.stringify({
          issuer,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: keyId, use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    signingKey: privateKey,
    keyId,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function token(key: KeyObject, keyId: string, claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${encode({
    iss: issuer,
    aud: testBotAppId,
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  })}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}

describe('bot authentication against Bot Framework tokens', () => {
  let channel: Channel;
  let bot: TestBot;

  beforeEach(async () => {
    channel = await startChannelKeys();
    bot = await startTestBot({
      env: { BOT_ID: testBotAppId, BOT_PASSWORD: 'test-client-secret', BOT_TENANT_ID: testTenantId },
      channelAuthentication: { openIdMetadataUrl: channel.metadataUrl, tokenIssuer: issuer },
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
    const bearer = token(channel.signingKey, channel.keyId, { serviceurl: activity.serviceUrl });
    const replies = await bot.send(activity, { Authorization: `Bearer ${bearer}` });
    assert.equal(replies.length, 1);
    assert.match(replies[0]?.text ?? '', /Fråga mig vem som äger/);
  });

  it('refuses a token signed with another key under the same key id, and never runs the bot', async () => {
    // Answering reads the register index, which starts with the newest import record.
    const listRecent = sinon.spy(bot.storage.imports, 'listRecent');
    const activity = messageActivity({ text: 'hej' });
    const { privateKey: wrongKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bearer = token(wrongKey, channel.keyId, { serviceurl: activity.serviceUrl });
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
    const bearer = token(channel.signingKey, channel.keyId, {
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
    const bearer = token(channel.signingKey, channel.keyId, {
      serviceurl: 'https://smba.trafficmanager.net/evil/',
    });
    const response = await bot.post(
      { ...activity, deliveryMode: 'expectReplies' },
      { Authorization: `Bearer ${bearer}` },
    );
    assert.equal(response.status, 401);
  });
});
