import assert from 'node:assert/strict';
import {
  ConversationReferenceCache,
  conversationReferenceCacheLimits,
  memberLookupMaxAgeMs,
} from '../../src/bot/conversationReferenceCache';
import type { ConversationReferenceRecord } from '../../src/domain/reminders/conversationReference';
import { aReference } from '../infrastructure/storage/reminderStorageContract';

describe('the cache of stored conversation references', () => {
  const observed = (reference: ConversationReferenceRecord) => ({ ...reference, language: undefined });
  const at = Date.parse('2026-02-20T07:00:00Z');
  const person = (n: number) =>
    aReference({
      id: `person-${n}`,
      aadObjectId: `person-${n}`,
      memberLookupAt: new Date(at).toISOString(),
    });

  it('keeps at most its limit of people, the least recently seen leaving first', () => {
    const cache = new ConversationReferenceCache({ ...conversationReferenceCacheLimits, maxEntries: 3 });
    for (const n of [1, 2, 3]) cache.remember(person(n), at);
    assert.equal(cache.isCurrent('person-1', observed(person(1)), at), true);
    cache.remember(person(4), at);
    assert.equal(cache.size, 3);
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => cache.isCurrent(`person-${n}`, observed(person(n)), at)),
      [true, false, true, true],
    );
  });

  it('sends a turn to storage when the member lookup is due, after a week or a minute after a failed one', () => {
    const cache = new ConversationReferenceCache({
      ...conversationReferenceCacheLimits,
      refreshMs: 2 * memberLookupMaxAgeMs,
    });
    cache.remember(person(1), at);
    const { memberLookupAt: _, ...withoutLookup } = person(2);
    cache.remember(withoutLookup, at);
    assert.equal(cache.isCurrent('person-1', observed(person(1)), at + memberLookupMaxAgeMs - 1), true);
    assert.equal(cache.isCurrent('person-1', observed(person(1)), at + memberLookupMaxAgeMs), false);
    assert.equal(cache.isCurrent('person-2', observed(person(2)), at + 59_000), true);
    assert.equal(cache.isCurrent('person-2', observed(person(2)), at + 60_000), false);
  });
});
