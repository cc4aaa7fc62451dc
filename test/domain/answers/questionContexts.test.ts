import assert from 'node:assert/strict';
import { QuestionContexts, questionContextLimits } from '../../../src/domain/answers/questionContexts';
import { BoundedCache } from '../../../src/shared/boundedCache';

describe('QuestionContexts', () => {
  let clock = 0;
  const now = () => clock;
  const contextsWith = (limits: { maxEntries?: number; ttlMs?: number } = {}) =>
    new QuestionContexts(new BoundedCache({ ...questionContextLimits, ...limits, now }));

  beforeEach(() => {
    clock = 1_000_000;
  });

  it("keeps each user's context per conversation", () => {
    const contexts = contextsWith();
    contexts.set('chat-1', 'anna', { systemId: 'agresso' });
    contexts.set('chat-1', 'per', { filter: { businessCritical: true } });
    contexts.set('chat-2', 'anna', { systemId: 'w3d3' });

    assert.deepEqual(contexts.get('chat-1', 'anna'), { systemId: 'agresso' });
    assert.deepEqual(contexts.get('chat-1', 'per'), { filter: { businessCritical: true } });
    assert.deepEqual(contexts.get('chat-2', 'anna'), { systemId: 'w3d3' });
    assert.equal(contexts.get('chat-2', 'per'), undefined);
  });

  it('does not confuse ids that run together', () => {
    const contexts = contextsWith();
    contexts.set('ab', 'c', { systemId: 'one' });
    assert.equal(contexts.get('a', 'bc'), undefined);
  });

  it('replaces a context with the newer one', () => {
    const contexts = contextsWith();
    contexts.set('chat', 'anna', { systemId: 'agresso' });
    contexts.set('chat', 'anna', { systemId: 'w3d3' });
    assert.deepEqual(contexts.get('chat', 'anna'), { systemId: 'w3d3' });
    assert.equal(contexts.size, 1);
  });

  it('forgets a context after 30 minutes', () => {
    const contexts = contextsWith();
    contexts.set('chat', 'anna', { systemId: 'agresso' });
    clock += 30 * 60_000 - 1;
    assert.deepEqual(contexts.get('chat', 'anna'), { systemId: 'agresso' });
    clock += 1;
    assert.equal(contexts.get('chat', 'anna'), undefined);
    assert.equal(contexts.size, 0);
  });

  it('counts the age from when the context was stored, not when it was last read', () => {
    const contexts = contextsWith({ ttlMs: 1000 });
    contexts.set('chat', 'anna', { systemId: 'agresso' });
    clock += 900;
    assert.ok(contexts.get('chat', 'anna'));
    clock += 100;
    assert.equal(contexts.get('chat', 'anna'), undefined);
  });

  it('forgets the least recently used context when full', () => {
    const contexts = contextsWith({ maxEntries: 3 });
    contexts.set('c', 'one', { systemId: '1' });
    contexts.set('c', 'two', { systemId: '2' });
    contexts.set('c', 'three', { systemId: '3' });
    contexts.get('c', 'one'); // used, so "two" is now the oldest
    contexts.set('c', 'four', { systemId: '4' });

    assert.equal(contexts.size, 3);
    assert.equal(contexts.get('c', 'two'), undefined);
    assert.ok(contexts.get('c', 'one'));
    assert.ok(contexts.get('c', 'three'));
    assert.ok(contexts.get('c', 'four'));
  });

  it('stays within its bound under many users', () => {
    const contexts = contextsWith({ maxEntries: 100 });
    for (let i = 0; i < 10_000; i++) contexts.set(`chat-${i}`, `user-${i}`, { systemId: String(i) });
    assert.equal(contexts.size, 100);
    assert.deepEqual(contexts.get('chat-9999', 'user-9999'), { systemId: '9999' });
    assert.equal(contexts.get('chat-0', 'user-0'), undefined);
  });
});
