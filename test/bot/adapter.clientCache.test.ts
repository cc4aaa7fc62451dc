import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageFactory, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { AppCredentials } from 'botframework-connector';
import { createAdapter } from '../../src/bot/adapter';
import { sharedClient } from '../../src/bot/clientCache';
import { BoundedCache } from '../../src/shared/boundedCache';
import { silentLogger } from '../../src/shared/logger';
import { messageActivity, testBotAppId, testTenantId } from '../support/activities';
import { channelToken, channelTokenIssuer, startBotFrameworkChannel } from '../support/botFrameworkChannel';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';

interface TurnClients {
  connector: unknown;
  userToken: unknown;
}

/** One inbound turn straight through the adapter; optionally replies through the connector (no expectReplies). */
async function turn(
  adapter: TeamsAdapter,
  activity: Partial<Activity>,
  options: { reply?: string; authHeader?: string } = {},
): Promise<TurnClients> {
  let clients: TurnClients | undefined;
  await adapter.processActivityDirect(options.authHeader ?? '', activity as Activity, async (context) => {
    clients = {
      connector: context.turnState.get(adapter.ConnectorClientKey),
      userToken: context.turnState.get(adapter.UserTokenClientKey),
    };
    if (options.reply !== undefined) await context.sendActivity(MessageFactory.text(options.reply));
  });
  assert.ok(clients, 'the turn ran');
  assert.ok(clients.connector, 'the turn had a connector client');
  assert.ok(clients.userToken, 'the turn had a user-token client');
  return clients;
}

function localAdapter(maxCachedClients = 100): TeamsAdapter {
  return createAdapter({
    credentials: undefined,
    allowedTenantIds: undefined,
    logger: silentLogger,
    clientCaches: {
      connectors: new BoundedCache({ maxEntries: maxCachedClients }),
      userTokens: new BoundedCache({ maxEntries: maxCachedClients }),
    },
  });
}

/** Service URLs nobody listens on: turns that do not reply never call them. */
const unusedServiceUrl = (name: string) => `http://127.0.0.1:9/${name}/`;

describe('adapter: connector and user-token clients reused across turns', () => {
  const connectors: FakeConnector[] = [];

  async function fakeConnector(): Promise<FakeConnector> {
    const connector = await startFakeConnector();
    connectors.push(connector);
    return connector;
  }

  afterEach(async () => {
    await Promise.all(connectors.splice(0).map((connector) => connector.stop()));
  });

  it('reuses the same connector and user-token client for two turns from the same service URL, and both replies arrive', async () => {
    const teams = await fakeConnector();
    const adapter = localAdapter();
    const first = await turn(adapter, messageActivity({ text: 'ett', serviceUrl: teams.serviceUrl }), {
      reply: 'svar ett',
    });
    const second = await turn(adapter, messageActivity({ text: 'två', serviceUrl: teams.serviceUrl }), {
      reply: 'svar två',
    });
    assert.equal(second.connector, first.connector);
    assert.equal(second.userToken, first.userToken);
    assert.deepEqual(
      teams.allMessages().map((message) => message.activity.text),
      ['svar ett', 'svar två'],
    );
  });

  it('gives a turn from another service URL a client of its own, which replies to that URL', async () => {
    const europe = await fakeConnector();
    const america = await fakeConnector();
    const adapter = localAdapter();
    const fromEurope = await turn(adapter, messageActivity({ text: 'hej', serviceUrl: europe.serviceUrl }), {
      reply: 'till Europa',
    });
    const fromAmerica = await turn(adapter, messageActivity({ text: 'hi', serviceUrl: america.serviceUrl }), {
      reply: 'to America',
    });
    assert.notEqual(fromAmerica.connector, fromEurope.connector);
    assert.deepEqual(
      europe.allMessages().map((message) => message.activity.text),
      ['till Europa'],
    );
    assert.deepEqual(
      america.allMessages().map((message) => message.activity.text),
      ['to America'],
    );
  });

  it('keeps a bounded number of clients, letting the least recently used go first', async () => {
    const adapter = localAdapter(2);
    const at = (name: string) =>
      turn(adapter, messageActivity({ text: 'hej', serviceUrl: unusedServiceUrl(name) }));
    const a = await at('a');
    const b = await at('b');
    assert.equal((await at('a')).connector, a.connector, 'a is used again, so b is now the oldest');
    const c = await at('c');
    assert.equal((await at('a')).connector, a.connector, 'a stayed');
    assert.equal((await at('c')).connector, c.connector, 'c stayed');
    assert.notEqual((await at('b')).connector, b.connector, 'b was let go when c came');
  });

  it('gives a service URL that is kilobytes long a client of its own each turn rather than keeping it', async () => {
    const adapter = localAdapter();
    const longUrl = unusedServiceUrl('x'.repeat(4_000));
    const first = await turn(adapter, messageActivity({ text: 'hej', serviceUrl: longUrl }));
    const second = await turn(adapter, messageActivity({ text: 'hej', serviceUrl: longUrl }));
    assert.notEqual(second.connector, first.connector);
  });

  it('still sends proactive messages, with a client of their own so their tuning never reaches turn replies', async () => {
    const teams = await fakeConnector();
    const adapter = localAdapter();
    const inbound = await turn(adapter, messageActivity({ text: 'hej', serviceUrl: teams.serviceUrl }));
    const conversationId = teams.conversationIdFor('29:anna');
    const reference = {
      serviceUrl: teams.serviceUrl,
      channelId: 'msteams',
      conversation: {
        id: conversationId,
        tenantId: testTenantId,
        isGroup: false,
        name: '',
        conversationType: 'personal',
      },
      bot: { id: `28:${testBotAppId}`, name: 'Systemkollen' },
      user: { id: '29:anna', name: '' },
    };
    const proactiveClients: unknown[] = [];
    for (const text of ['Påminnelse 1', 'Påminnelse 2']) {
      await adapter.continueConversationAsync('', reference, async (context) => {
        proactiveClients.push(context.turnState.get(adapter.ConnectorClientKey));
        await context.sendActivity(MessageFactory.text(text));
      });
    }
    assert.deepEqual(
      teams.messagesTo(conversationId).map((message) => message.activity.text),
      ['Påminnelse 1', 'Påminnelse 2'],
    );
    assert.ok(proactiveClients.every((client) => client !== undefined && client !== inbound.connector));
    const after = await turn(adapter, messageActivity({ text: 'hej igen', serviceUrl: teams.serviceUrl }));
    assert.equal(after.connector, inbound.connector);
  });
});

describe('adapter: a reused client with real credentials', () => {
  const outboundScope = 'https://api.botframework.com';
  const tokenCacheKey = `${testBotAppId}${outboundScope}-cache`;
  let servers: http.Server[] = [];
  /** The Authorization header of every reply the bot sent, in order. */
  let replyAuthorizations: (string | undefined)[] = [];

  async function listen(server: http.Server): Promise<string> {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Answers replies like the Bot Connector and keeps the Authorization header each one carried. */
  async function startRecordingConnector(): Promise<string> {
    const server = http.createServer((req, res) => {
      replyAuthorizations.push(req.headers.authorization);
      req.resume();
      req.on('end', () => {
        res.statusCode = 201;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ id: randomUUID() }));
      });
    });
    return `${await listen(server)}/teams/`;
  }

  /** Where botframework-connector's credentials keep the token MSAL gave them (private in its types). */
  const outboundTokens = (
    AppCredentials as unknown as { cache: Map<string, { accessToken: string; expiresOn: Date }> }
  ).cache;

  function seedOutboundToken(accessToken: string): void {
    outboundTokens.set(tokenCacheKey, { accessToken, expiresOn: new Date(Date.now() + 3_600_000) });
  }

  afterEach(async () => {
    outboundTokens.delete(tokenCacheKey);
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    servers = [];
    replyAuthorizations = [];
  });

  it('signs every request of the reused client with the token current at the time, not one taken when it was made', async () => {
    const channel = await startBotFrameworkChannel();
    try {
      const serviceUrl = await startRecordingConnector();
      const adapter = createAdapter({
        credentials: {
          appId: testBotAppId,
          type: 'SingleTenant',
          tenantId: testTenantId,
          password: 'test-secret',
        },
        allowedTenantIds: undefined,
        logger: silentLogger,
        channelAuthentication: { openIdMetadataUrl: channel.metadataUrl, tokenIssuer: channelTokenIssuer },
        clientCaches: {
          connectors: new BoundedCache({ maxEntries: 2 }),
          userTokens: new BoundedCache({ maxEntries: 2 }),
        },
      });
      const authHeader = `Bearer ${channelToken(channel.signingKey, channel.keyId, { serviceurl: serviceUrl })}`;

      // Stands in for MSAL: the credentials read the outbound token from this cache on every request.
      seedOutboundToken('first-outbound-token');
      const first = await turn(adapter, messageActivity({ text: 'hej', serviceUrl }), {
        reply: 'ett',
        authHeader,
      });
      seedOutboundToken('renewed-outbound-token');
      const second = await turn(adapter, messageActivity({ text: 'hej', serviceUrl }), {
        reply: 'två',
        authHeader,
      });

      assert.equal(second.connector, first.connector);
      assert.deepEqual(replyAuthorizations, ['Bearer first-outbound-token', 'Bearer renewed-outbound-token']);
    } finally {
      await channel.close();
    }
  });
});

describe('sharedClient', () => {
  it('does not keep a client whose creation failed, so the next turn tries again', async () => {
    const cache = new BoundedCache<Promise<string>>({ maxEntries: 2 });
    await assert.rejects(sharedClient(cache, 'k', () => Promise.reject(new Error('token endpoint down'))));
    assert.equal(await sharedClient(cache, 'k', () => Promise.resolve('client')), 'client');
    assert.equal(await sharedClient(cache, 'k', () => Promise.resolve('another')), 'client');
  });

  it('shares one creation between turns that ask at the same time', async () => {
    const cache = new BoundedCache<Promise<object>>({ maxEntries: 2 });
    let created = 0;
    const create = async () => ({ n: ++created });
    const [a, b] = await Promise.all([sharedClient(cache, 'k', create), sharedClient(cache, 'k', create)]);
    assert.equal(a, b);
    assert.equal(created, 1);
  });
});
