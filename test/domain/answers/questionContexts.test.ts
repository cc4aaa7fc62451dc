import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseQuestion } from '../../../src/domain/answers';
import { mayBuildOnPrevious, QuestionContexts } from '../../../src/domain/answers/questionContexts';
import type { Storage } from '../../../src/domain/ports';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';

describe('QuestionContexts', () => {
  let clock = 0;
  let dataDir: string;
  let storage: Storage;
  const now = () => new Date(clock);
  const contextsWith = (ttlMs?: number) =>
    new QuestionContexts(storage.questionContexts, { now, ...(ttlMs ? { ttlMs } : {}) });

  beforeEach(async () => {
    clock = Date.parse('2026-03-01T10:00:00Z');
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-contexts-'));
    storage = await createLocalStorage(dataDir);
  });

  afterEach(async () => {
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps each user's context per conversation", async () => {
    const contexts = contextsWith();
    await contexts.set('chat-1', 'anna', { systemId: 'agresso' });
    await contexts.set('chat-1', 'per', { filter: { businessCritical: true } });
    await contexts.set('chat-2', 'anna', { systemId: 'w3d3' });

    assert.deepEqual(await contexts.get('chat-1', 'anna'), { systemId: 'agresso' });
    assert.deepEqual(await contexts.get('chat-1', 'per'), { filter: { businessCritical: true } });
    assert.deepEqual(await contexts.get('chat-2', 'anna'), { systemId: 'w3d3' });
    assert.equal(await contexts.get('chat-2', 'per'), undefined);
  });

  it('does not confuse ids that run together', async () => {
    const contexts = contextsWith();
    await contexts.set('ab', 'c', { systemId: 'one' });
    assert.equal(await contexts.get('a', 'bc'), undefined);
  });

  it('replaces a context with the newer one', async () => {
    const contexts = contextsWith();
    await contexts.set('chat', 'anna', { systemId: 'agresso' });
    await contexts.set('chat', 'anna', { systemId: 'w3d3' });
    assert.deepEqual(await contexts.get('chat', 'anna'), { systemId: 'w3d3' });
  });

  it('forgets a context after 30 minutes', async () => {
    const contexts = contextsWith();
    await contexts.set('chat', 'anna', { systemId: 'agresso' });
    clock += 30 * 60_000 - 1;
    assert.deepEqual(await contexts.get('chat', 'anna'), { systemId: 'agresso' });
    clock += 1;
    assert.equal(await contexts.get('chat', 'anna'), undefined);
  });

  it('counts the age from when the context was stored, not when it was last read', async () => {
    const contexts = contextsWith(1000);
    await contexts.set('chat', 'anna', { systemId: 'agresso' });
    clock += 900;
    assert.ok(await contexts.get('chat', 'anna'));
    clock += 100;
    assert.equal(await contexts.get('chat', 'anna'), undefined);
  });

  it('is shared by every instance on the same store', async () => {
    await contextsWith().set('chat', 'anna', { systemId: 'agresso' });
    assert.deepEqual(await contextsWith().get('chat', 'anna'), { systemId: 'agresso' });
  });
});

describe('which questions build on the previous answer', () => {
  for (const text of [
    'vilka av dem är verksamhetskritiska?',
    'vem förvaltar det?',
    'Which of them are business critical?',
  ]) {
    it(`reads the previous answer for "${text}"`, () => {
      assert.equal(mayBuildOnPrevious(parseQuestion(text)), true);
    });
  }
  for (const text of ['vem äger Procapita IFO?', 'vilka system finns på socialförvaltningen?', 'hjälp']) {
    it(`does not read it for "${text}"`, () => {
      assert.equal(mayBuildOnPrevious(parseQuestion(text)), false);
    });
  }
});
