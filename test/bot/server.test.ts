import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import sinon from 'sinon';
import { defaultConnectionLimits, defaultReadinessCacheMs } from '../../src/bot/server';
import { StorageUnavailableError } from '../../src/domain/errors';
import type { Storage } from '../../src/domain/ports';
import type { SystemRecord } from '../../src/domain/register/system';
import {
  installActivity,
  messageActivity,
  otherTenantId,
  testTenantId,
  testUser,
} from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';

const credentials = {
  BOT_ID: '2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d',
  BOT_PASSWORD: 'test-client-secret',
  BOT_TENANT_ID: testTenantId,
};

function system(name: string): SystemRecord {
  return {
    id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    departments: ['Socialförvaltningen'],
    unit: 'IT',
    description: '',
    owner: 'Socialnämnden',
    managers: [],
    administrators: [],
    pilots: [],
    extra: {},
  };
}

/** Spies on every method of the storage, so a test can show that nothing was read or written. */
function spyOnStorage(storage: Storage): sinon.SinonSpy[] {
  const targets: object[] = [storage, storage.systems, storage.imports];
  return targets.flatMap((target) =>
    Object.entries(target)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => sinon.spy(target as Record<string, (...args: unknown[]) => unknown>, name)),
  );
}

describe('bot server', () => {
  let bot: TestBot | undefined;

  afterEach(async () => {
    sinon.restore();
    await bot?.stop();
    bot = undefined;
  });

  describe('health endpoints', () => {
    it('answers /healthz with 200 while running', async () => {
      bot = await startTestBot();
      const response = await bot.get('/healthz');
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(response.body), { status: 'ok' });
    });

    it('answers /readyz with 503 while storage fails, without its error text, and 200 once it recovers', async () => {
      bot = await startTestBot();
      assert.equal((await bot.get('/readyz')).status, 200);

      const failure = new StorageUnavailableError('checkHealth', {
        cause: new Error('connect ECONNREFUSED 10.1.2.3:443'),
      });
      const checkHealth = sinon.stub(bot.storage, 'checkHealth').rejects(failure);
      const failing = await bot.get('/readyz');
      assert.equal(failing.status, 503);
      assert.deepEqual(JSON.parse(failing.body), { status: 'unavailable' });
      assert.doesNotMatch(failing.body, /ECONNREFUSED|storage unavailable|checkHealth/);

      checkHealth.restore();
      assert.equal((await bot.get('/readyz')).status, 200);
    });

    it('reads storage once for many /readyz calls within five seconds, and again after', async () => {
      let clock = Date.parse('2026-03-02T09:00:00Z');
      const running = await startTestBot({
        now: () => new Date(clock),
        readinessCacheMs: defaultReadinessCacheMs,
      });
      bot = running;
      const checkHealth = sinon.spy(running.storage, 'checkHealth');
      const first = await Promise.all(Array.from({ length: 20 }, () => running.get('/readyz')));
      clock += 4_999;
      const later = await Promise.all(Array.from({ length: 20 }, () => running.get('/readyz')));
      assert.ok([...first, ...later].every((response) => response.status === 200));
      assert.equal(checkHealth.callCount, 1);

      clock += 1;
      assert.equal((await bot.get('/readyz')).status, 200);
      assert.equal(checkHealth.callCount, 2);
    });

    it('answers an unknown path with 404 and a neutral body that does not echo the path', async () => {
      bot = await startTestBot();
      const response = await bot.get('/admin/secret-path');
      assert.equal(response.status, 404);
      assert.doesNotMatch(response.body, /secret-path/);
    });
  });

  describe('messages', () => {
    it('answers a Swedish question from the register with a card, and the answer in the text', async () => {
      bot = await startTestBot();
      await bot.storage.systems.apply({
        create: [system('Agresso Ekonomi'), system('W3D3')],
        replace: [],
        remove: [],
      });
      const replies = await bot.send(messageActivity({ text: 'vem äger Agresso?' }));
      assert.equal(replies.length, 1);
      assert.equal(replies[0]?.text, 'Systemägare för Agresso Ekonomi: Socialnämnden.');
      assert.equal(replies[0]?.attachments?.length, 1);
      assert.equal(replies[0]?.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    });

    it('answers in English a question asked in English', async () => {
      bot = await startTestBot();
      await bot.storage.systems.apply({ create: [system('Office 365')], replace: [], remove: [] });
      const replies = await bot.send(messageActivity({ text: 'Who owns Office 365?', locale: 'en-US' }));
      assert.equal(replies[0]?.text, 'System owner of Office 365: Socialnämnden.');
    });

    it('welcomes the team when the app is installed, and not when someone else joins later', async () => {
      bot = await startTestBot();
      const welcome = await bot.send(installActivity());
      assert.equal(welcome.length, 1);
      assert.match(welcome[0]?.text ?? '', /^Hej! Jag är Systemkollen\./);
      assert.equal(welcome[0]?.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');

      const someoneJoins = await bot.send(installActivity({ includeBot: false, alsoAdded: [testUser] }));
      assert.deepEqual(someoneJoins, []);
    });

    it('logs no message text or user name while handling a message', async () => {
      bot = await startTestBot();
      await bot.send(messageActivity({ text: 'vem förvaltar Lifecare?' }));
      const log = bot.logLines.join('\n');
      assert.doesNotMatch(log, /Lifecare|förvaltar|Lindström/);
    });
  });

  describe('tenant filter', () => {
    it('drops an activity from a tenant outside ALLOWED_TENANT_IDS before the storage is read', async () => {
      bot = await startTestBot({ env: { ALLOWED_TENANT_IDS: testTenantId } });
      const spies = spyOnStorage(bot.storage);

      const replies = await bot.send(messageActivity({ text: 'hej', tenantId: otherTenantId }));

      assert.deepEqual(replies, []);
      for (const spy of spies) assert.equal(spy.callCount, 0, `storage was used: ${spy.toString()}`);
      const dropped = bot.logEntries().find((entry) => entry.event === 'activity.dropped.tenant_not_allowed');
      assert.ok(dropped, 'the drop is logged');
      assert.equal(dropped.tenantId, otherTenantId);
      assert.equal(typeof dropped.activityId, 'string');
      assert.doesNotMatch(JSON.stringify(dropped), /hej|Lindström/);
    });

    it('serves an allowed tenant, read from conversation.tenantId or from channelData.tenant.id', async () => {
      bot = await startTestBot({
        env: { ALLOWED_TENANT_IDS: `${otherTenantId},${testTenantId.toUpperCase()}` },
      });
      assert.equal((await bot.send(messageActivity({ text: 'hej' }))).length, 1);

      const onlyChannelData = messageActivity({ text: 'hej' });
      delete (onlyChannelData.conversation as { tenantId?: string }).tenantId;
      assert.equal((await bot.send(onlyChannelData)).length, 1);
    });

    it('drops an activity that states no tenant at all when a tenant list is set', async () => {
      bot = await startTestBot({ env: { ALLOWED_TENANT_IDS: testTenantId } });
      const activity = messageActivity({ text: 'hej' });
      delete (activity.conversation as { tenantId?: string }).tenantId;
      activity.channelData = {};
      assert.deepEqual(await bot.send(activity), []);
    });
  });

  describe('authentication', () => {
    beforeEach(() => {
      // botbuilder prints the authentication error to the console itself; keep the test output readable.
      sinon.stub(console, 'error');
    });

    it('refuses an activity without an Authorization header with 401 and never runs the bot', async () => {
      bot = await startTestBot({ env: credentials });
      const spies = spyOnStorage(bot.storage);
      const response = await bot.post({ ...messageActivity({ text: 'hej' }), deliveryMode: 'expectReplies' });
      assert.equal(response.status, 401);
      assert.deepEqual(JSON.parse(response.body), { error: 'unauthorized' });
      for (const spy of spies) assert.equal(spy.callCount, 0, `the bot ran: ${spy.toString()}`);
    });

    it('refuses a garbage token with 401, a neutral body and no bot logic', async () => {
      bot = await startTestBot({ env: credentials });
      const spies = spyOnStorage(bot.storage);
      const response = await bot.post(
        { ...messageActivity({ text: 'hej' }), deliveryMode: 'expectReplies' },
        { Authorization: 'Bearer not.a.token' },
      );
      assert.equal(response.status, 401);
      assert.equal(response.body, '{"error":"unauthorized"}');
      assert.doesNotMatch(response.body, /Unauthori[sz]ed Access|token|Error/);
      for (const spy of spies) assert.equal(spy.callCount, 0, `the bot ran: ${spy.toString()}`);
    });
  });

  describe('turn errors', () => {
    it('answers politely in Swedish when storage is unavailable, and logs ids only', async () => {
      bot = await startTestBot();
      sinon
        .stub(bot.storage.systems, 'list')
        .rejects(new StorageUnavailableError('list', { cause: new Error('ECONNRESET 10.1.2.3') }));
      const activity = messageActivity({ text: 'vem äger Procapita?' });

      const replies = await bot.send(activity);

      assert.equal(replies.length, 1);
      assert.equal(replies[0]?.text, 'Jag når inte registret just nu. Försök igen om en liten stund.');
      const failed = bot.logEntries().find((entry) => entry.event === 'turn.failed');
      assert.ok(failed, 'the failure is logged');
      assert.equal(failed.activityId, activity.id);
      assert.equal(failed.conversationId, activity.conversation?.id);
      assert.equal(failed.errorType, 'StorageUnavailableError');
      assert.equal(failed.errorCode, 'storage-unavailable');
      assert.doesNotMatch(bot.logLines.join('\n'), /ECONNRESET|Procapita|storage unavailable during/);
    });

    it('answers an unexpected error in English for an English message, with no stack or internal message', async () => {
      bot = await startTestBot();
      sinon
        .stub(bot.storage.systems, 'list')
        .rejects(new TypeError('Cannot read properties of undefined (secret)'));

      const replies = await bot.send(messageActivity({ text: 'who owns Procapita?' }));

      assert.equal(replies.length, 1);
      const text = replies[0]?.text ?? '';
      assert.match(text, /^Something went wrong while I was answering\./);
      assert.doesNotMatch(text, /secret|TypeError|at |\.ts:/);
      const failed = bot.logEntries().find((entry) => entry.event === 'turn.failed');
      assert.equal(failed?.errorType, 'TypeError');
      assert.doesNotMatch(bot.logLines.join('\n'), /secret|Procapita|Cannot read/);
    });
  });

  describe('request limits', () => {
    it('cuts off a POST whose body trickles in slower than the request deadline, answering 408', async () => {
      bot = await startTestBot({
        connectionLimits: { headersTimeoutMs: 200, requestTimeoutMs: 300, checkIntervalMs: 50 },
      });
      const { port } = new URL(bot.baseUrl);
      const socket = net.connect(Number(port), '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write(
        'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      );
      // One byte at a time keeps the socket busy, so only the request deadline can end it.
      let sent = 1;
      const trickle = setInterval(() => {
        if (!socket.destroyed) socket.write(' ');
        sent += 1;
      }, 20);
      try {
        await closed;
      } finally {
        clearInterval(trickle);
      }
      assert.match(received, /^HTTP\/1\.1 408/);
      assert.ok(sent < 100_000, 'the body was never completed');
    });

    it('limits connections and keeps deadlines fitting what Teams sends', () => {
      assert.ok(defaultConnectionLimits.headersTimeoutMs <= defaultConnectionLimits.requestTimeoutMs);
      assert.ok(defaultConnectionLimits.requestTimeoutMs <= 60_000);
      assert.ok(defaultConnectionLimits.maxConnections > 0 && defaultConnectionLimits.maxConnections <= 1024);
    });

    it('refuses a body over 256 KB with 413', async () => {
      bot = await startTestBot();
      const spies = spyOnStorage(bot.storage);
      const response = await bot.post(messageActivity({ text: 'x'.repeat(300 * 1024) }));
      assert.equal(response.status, 413);
      assert.deepEqual(JSON.parse(response.body), { error: 'payload-too-large' });
      for (const spy of spies) assert.equal(spy.callCount, 0);
    });

    it('refuses an oversized chunked body, which declares no length, with 413', async () => {
      bot = await startTestBot({ maxBodyBytes: 1024 });
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request(`${bot?.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
        });
        request.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.write('{"text":"');
        request.write('y'.repeat(4096));
        request.end('"}');
      });
      assert.equal(status, 413);
    });

    it('answers a body that is not a JSON object with 400 and a neutral body', async () => {
      bot = await startTestBot();
      const response = await bot.post('{"type": "message", oops');
      assert.equal(response.status, 400);
      assert.deepEqual(JSON.parse(response.body), { error: 'bad-request' });
    });
  });

  describe('shutdown', () => {
    it('finishes a request in flight before it stops, and then refuses connections', async () => {
      const started = await startTestBot();
      bot = started;
      const list = started.storage.systems.list.bind(started.storage.systems);
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let listCalled: () => void = () => {};
      const listReached = new Promise<void>((resolve) => (listCalled = resolve));
      sinon.stub(started.storage.systems, 'list').callsFake(async () => {
        listCalled();
        await held;
        return list();
      });

      const inFlight = started.send(messageActivity({ text: 'hej' }));
      await listReached;
      const stopped = started.stop();
      bot = undefined;
      release();

      const replies = await inFlight;
      await stopped;
      assert.equal(replies.length, 1);
      await assert.rejects(fetch(`${started.baseUrl}/healthz`));
    });
  });
});
