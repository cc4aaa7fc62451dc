/**
 * The one in-memory cache of the process: at most `maxEntries` entries, the least recently used leaving first,
 * each trusted for its lifetime only. The composition (src/composition.ts) makes one per use and passes it in,
 * so nothing keeps a cache of its own in a module.
 *
 * Our own, rather than lru-cache: every user needs a clock that tests set (a plain `() => number`, shared with
 * the code that decides lifetimes), and one lifetime per entry (a failed lookup is retried sooner than a good one
 * expires). lru-cache does both, but reads time through its own cached `performance.now`; configuring that away
 * costs more than these few lines of Map, whose insertion order already is the recency order.
 */
export interface BoundedCacheOptions {
  /** Entries kept at most; the least recently used leave first. */
  maxEntries: number;
  /** How long an entry is trusted unless `set` says otherwise; default for ever. */
  ttlMs?: number;
  /** Milliseconds since the epoch; default Date.now. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export class BoundedCache<V> {
  readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry<V>>();
  private newestKey: string | undefined;

  constructor(options: BoundedCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError('maxEntries must be a whole number of at least 1');
    }
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The live value for key, now the most recently used; an expired one is dropped. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Most turns come from the key of the turn before, already last: moving it again would only cost.
    if (key !== this.newestKey) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newestKey = key;
    }
    return entry.value;
  }

  /** Stores value as the most recently used, for ttlMs (default the cache's). */
  set(key: string, value: V, ttlMs: number = this.ttlMs): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    this.newestKey = key;
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
    if (key === this.newestKey) this.newestKey = undefined;
  }
}
