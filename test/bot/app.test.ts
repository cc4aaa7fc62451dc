import assert from 'node:assert/strict';
import sinon from 'sinon';
import { seedSampleRegisterIfEmpty } from '../../src/infrastructure/registerFile/sampleRegister';
import { silentLogger } from '../../src/shared/logger';
import { messageActivity } from '../support/activities';
import { startTestBot, type TestBot } from '../support/botServer';

describe('the bot application', () => {
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot();
    await seedSampleRegisterIfEmpty(bot.storage, silentLogger);
  });

  afterEach(async () => {
    sinon.restore();
    await bot.stop();
  });

  it('sends no typing activity even when a turn takes longer than teams-ai’s one-second typing delay', async () => {
    const list = bot.storage.systems.list.bind(bot.storage.systems);
    // Only the timers: the turn's own clock moves 1.3 s while it reads the register, and a typing timer
    // teams-ai started would fire then. The HTTP server and client keep real time.
    const clock = sinon.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    sinon.stub(bot.storage.systems, 'list').callsFake(async () => {
      await clock.tickAsync(1_300);
      return list();
    });

    const replies = await bot.send(messageActivity({ text: 'Vem äger Agresso?' }));

    assert.deepEqual(
      replies.map((reply) => reply.type),
      ['message'],
    );
    assert.match(String(replies[0]?.text), /Agresso/);
  });
});
