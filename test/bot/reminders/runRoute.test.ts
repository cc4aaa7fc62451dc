import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import sinon from 'sinon';
import { refusalDelay } from '../../../src/bot/reminders/runRoute';
import { startTestBot, type TestBot } from '../../support/botServer';

const secret = 'a-long-random-secret-for-the-timer-0123456789';

describe('POST /api/reminders/run', () => {
  let bot: TestBot | undefined;

  afterEach(async () => {
    sinon.restore();
    await bot?.stop();
    bot = undefined;
  });

  const run = (headers: Record<string, string> = {}, query = '') =>
    fetch(`${(bot as TestBot).baseUrl}/api/reminders/run${query}`, { method: 'POST', headers });

  it('refuses a call without the secret, or with a wrong one, with 401 and nothing run', async () => {
    bot = await startTestBot({ env: { REMINDERS_RUN_SECRET: secret } });
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong' },
      { Authorization: `Basic ${secret}` },
    ];
    // Wrong secrets in a row are answered later and later; the fake clock lets that time pass at once.
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    for (const headers of attempts) {
      const response = await answeredAsTimePasses(run(headers), clock);
      assert.equal(response.status, 401, JSON.stringify(headers));
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.doesNotMatch(await response.text(), /secret|reminder/i);
    }
    assert.ok(bot.logEntries().every((entry) => entry.event !== 'reminders.run.started'));
    assert.equal(bot.logEntries().filter((entry) => entry.event === 'reminders.run_refused').length, 3);
  });

  it('answers wrong secrets in a row later and later, and the right secret at once', async () => {
    bot = await startTestBot({ env: { REMINDERS_RUN_SECRET: secret } });
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const wrong = { Authorization: 'Bearer wrong-guess' };

    assert.equal((await run(wrong)).status, 401);
    for (const expectedDelayMs of [
      refusalDelay.firstMs,
      refusalDelay.firstMs * 2,
      refusalDelay.firstMs * 4,
    ]) {
      let answered = false;
      const response = run(wrong).then((value) => {
        answered = true;
        return value;
      });
      await refusalLogged(bot, expectedDelayMs);
      await clock.tickAsync(expectedDelayMs - 1);
      assert.equal(answered, false, `answered before ${expectedDelayMs} ms`);
      await clock.tickAsync(1);
      assert.equal((await response).status, 401);
    }

    const right = await run({ Authorization: `Bearer ${secret}` });
    assert.equal(right.status, 202);
    assert.equal((await run(wrong)).status, 401, 'a right secret starts the count again');
  });

  it('runs with the secret and answers with counts only', async () => {
    bot = await startTestBot({ env: { REMINDERS_RUN_SECRET: secret } });
    const response = await run({ Authorization: `Bearer ${secret}` }, '?wait=true');
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.status, 'done');
    assert.deepEqual(Object.keys(body).sort(), [
      'day',
      'failed',
      'markedInactive',
      'planned',
      'sent',
      'skipped',
      'status',
      'unreachable',
      'year',
    ]);
    assert.ok(bot.logEntries().some((entry) => entry.event === 'reminders.run.finished'));
  });

  it('starts the run and answers 202 when the caller does not wait', async () => {
    bot = await startTestBot({ env: { REMINDERS_RUN_SECRET: secret } });
    const response = await run({ Authorization: `Bearer ${secret}` });
    assert.equal(response.status, 202);
  });

  it('does not exist when no secret is configured', async () => {
    bot = await startTestBot();
    assert.equal((await run({ Authorization: `Bearer ${secret}` })).status, 404);
  });
});

/** Waits for the refusal the server logs before it holds its answer back. */
async function refusalLogged(bot: TestBot, delayMs: number): Promise<void> {
  const seen = () =>
    bot.logEntries().some((entry) => entry.event === 'reminders.run_refused' && entry.delayMs === delayMs);
  for (let turn = 0; !seen(); turn++) {
    if (turn > 10_000) assert.fail(`no refusal held back ${delayMs} ms was logged`);
    await nextTurn();
  }
}

/** Lets fake time pass until the response arrives. */
async function answeredAsTimePasses(
  response: Promise<Response>,
  clock: sinon.SinonFakeTimers,
): Promise<Response> {
  let answered = false;
  void response.then(
    () => (answered = true),
    () => (answered = true),
  );
  while (!answered) {
    await clock.tickAsync(50);
    await nextTurn();
  }
  return response;
}
