import assert from 'node:assert/strict';
import { BoundedCache } from '../../src/shared/boundedCache';

describe('BoundedCache', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('keeps at most its limit, the least recently used leaving first', () => {
    const cache = new BoundedCache<number>({ maxEntries: 3, now });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    assert.equal(cache.get('a'), 1); // used, so "b" is now the oldest
    cache.set('d', 4);
    assert.equal(cache.size, 3);
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((key) => cache.get(key)),
      [1, undefined, 3, 4],
    );
  });

  it('forgets an entry when its lifetime is over, counted from when it was stored', () => {
    const cache = new BoundedCache<string>({ maxEntries: 10, ttlMs: 1_000, now });
    cache.set('k', 'value');
    clock += 999;
    assert.equal(cache.get('k'), 'value');
    clock += 1;
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.size, 0);
  });

  it('lets one entry have a lifetime of its own', () => {
    const cache = new BoundedCache<string>({ maxEntries: 10, ttlMs: 60_000, now });
    cache.set('failed', 'retry soon', 5_000);
    cache.set('found', 'keep');
    clock += 5_000;
    assert.equal(cache.get('failed'), undefined);
    assert.equal(cache.get('found'), 'keep');
  });

  it('keeps an entry for ever without a lifetime, and forgets one when told', () => {
    const cache = new BoundedCache<string>({ maxEntries: 2, now });
    cache.set('k', 'value');
    clock += 365 * 24 * 3_600_000;
    assert.equal(cache.get('k'), 'value');
    cache.delete('k');
    assert.equal(cache.get('k'), undefined);
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new BoundedCache({ maxEntries: 0 }), RangeError);
  });
});
