import assert from 'node:assert/strict';
import { startTestBot, type TestBot } from '../../support/botServer';

const secret = 'a-long-random-secret-for-the-timer-0123456789';

describe('POST /api/reminders/run', () => {
  let bot: TestBot | undefined;

  afterEach(async () => {
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
    for (const headers of attempts) {
      const response = await run(headers);
      assert.equal(response.status, 401, JSON.stringify(headers));
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.doesNotMatch(await response.text(), /secret|reminder/i);
    }
    assert.ok(bot.logEntries().every((entry) => entry.event !== 'reminders.run.started'));
    assert.equal(bot.logEntries().filter((entry) => entry.event === 'reminders.run_refused').length, 3);
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
