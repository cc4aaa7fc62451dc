/**
 * Paces requests to the Bot Connector under Teams' limits (learn.microsoft.com, "Rate limiting for bots"): per
 * conversation 7 a second, 8 in 2 seconds, 60 in 30 seconds, 1,800 an hour; 50 requests a second per app and
 * tenant. Teams counts requests as they arrive, which we cannot see; but every request arrives after we start it
 * and before we have its answer. So a request holds a place in each of its windows from the moment it may start
 * until its answer (or failure) is in plus the window's length. Then no window, wherever it lies on Teams' clock,
 * ever holds more than the limit, whatever the network's delays, and the pace is the limit itself, less only
 * the time a request takes (milliseconds on the same continent). Requests go spread out (at most one every
 * 10 ms for 50 a second), not in bursts. See docs/reminders.md, "Teams limits".
 */
export interface RateLimit {
  count: number;
  windowMs: number;
}

export interface RateLimits {
  perConversation: readonly RateLimit[];
  perTenant: readonly RateLimit[];
}

/** Teams' documented limits, as they are: the limiter keeps them exactly, not with a guessed margin below. */
export const teamsReminderLimits: RateLimits = {
  perConversation: [
    { count: 7, windowMs: 1_000 },
    { count: 8, windowMs: 2_000 },
    { count: 60, windowMs: 30_000 },
    { count: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ count: 50, windowMs: 1_000 }],
};

/**
 * Each of `instances` senders working at once (App Service instances, each with its own limiter) takes an equal
 * share of every limit, rounded down: together they stay within the limits without talking to each other.
 */
export function limitsShared(limits: RateLimits, instances: number): RateLimits {
  const share = Math.max(1, Math.floor(instances));
  const each = (list: readonly RateLimit[]) =>
    list.map(({ count, windowMs }) => ({ count: Math.max(1, Math.floor(count / share)), windowMs }));
  return { perConversation: each(limits.perConversation), perTenant: each(limits.perTenant) };
}

/** Called once the request's answer (or its failure) is in; later calls do nothing. */
export type ReleasePlace = () => void;

export interface RateLimiterOptions {
  limits?: RateLimits;
  /**
   * Added to every window: our clock and Teams' (or the stand-in's) tick differently (Date.now counts whole
   * milliseconds, performance.now fractions), so an interval one of them measures as a full window may be a
   * fraction of a millisecond less on the other.
   */
  clockMarginMs?: number;
  /** A monotonic clock in ms; performance.now by default (a wall-clock step would open or close windows). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface KeyState {
  /** Requests started and not answered yet. */
  inFlight: number;
  /** When the answers of finished requests came in, ascending. */
  answered: number[];
  pausedUntil: number;
  /** When a request to the key last went; -Infinity before the first. */
  lastGrant: number;
}

interface Waiter {
  keys: readonly string[];
  resolve: (release: ReleasePlace) => void;
}

export class RateLimiter {
  private readonly keys = new Map<string, KeyState>();
  private readonly queue: Waiter[] = [];
  private readonly limits: RateLimits;
  private readonly clockMarginMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private wakeAt = Infinity;
  private granted = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.limits = options.limits ?? teamsReminderLimits;
    this.clockMarginMs = options.clockMarginMs ?? 2;
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * Resolves when a request to the conversation may start now, holding its place; call the function it gives once
   * the request's answer (or failure) is in. Waiters are served in order, except that one held back by its own
   * conversation does not hold back the others.
   */
  acquire(tenantId: string, conversationId: string): Promise<ReleasePlace> {
    return new Promise((resolve) => {
      this.queue.push({ keys: [`t:${tenantId.toLowerCase()}`, `c:${conversationId}`], resolve });
      this.serve();
    });
  }

  /** Holds every request to the conversation (a 429 with Retry-After for it) until `ms` from now. */
  pauseConversation(conversationId: string, ms: number): void {
    const state = this.stateOf(`c:${conversationId}`);
    state.pausedUntil = Math.max(state.pausedUntil, this.now() + ms);
    this.serve();
  }

  /** Grants every waiter whose windows have room now, in order, and wakes up again when the next one will. */
  private serve(): void {
    const now = this.now();
    let nextWake = Infinity;
    // Waiters share keys (all of them the tenant's): each key's wait is worked out once a pass, until a grant.
    const waits = new Map<string, number>();
    const waitOf = (key: string) => {
      let wait = waits.get(key);
      if (wait === undefined) {
        wait = this.waitFor(key, now);
        waits.set(key, wait);
      }
      return wait;
    };
    for (let i = 0; i < this.queue.length;) {
      const waiter = this.queue[i] as Waiter;
      let wait = 0;
      for (const key of waiter.keys) wait = Math.max(wait, waitOf(key));
      if (wait > 0) {
        nextWake = Math.min(nextWake, now + wait);
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      for (const key of waiter.keys) waits.delete(key);
      waiter.resolve(this.take(waiter.keys));
    }
    if (Number.isFinite(nextWake)) this.wakeUpAt(nextWake);
  }

  /** One timer at a time, for the earliest moment a waiter may go; answers coming in wake the queue as well. */
  private wakeUpAt(at: number): void {
    if (at >= this.wakeAt) return;
    this.wakeAt = at;
    // Whole milliseconds, at least one: a timer for a fraction would fire at once and find the waiter not due yet.
    void this.sleep(Math.max(1, Math.ceil(at - this.now()))).then(() => {
      if (this.wakeAt === at) this.wakeAt = Infinity;
      this.serve();
    });
  }

  private take(keys: readonly string[]): ReleasePlace {
    const now = this.now();
    for (const key of keys) {
      const state = this.stateOf(key);
      state.inFlight++;
      state.lastGrant = now;
    }
    if (++this.granted % 1000 === 0) this.prune(now);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const at = this.now();
      for (const key of keys) {
        const state = this.stateOf(key);
        state.inFlight--;
        insertSorted(state.answered, at);
      }
      this.serve();
    };
  }

  /** 0 when one more request fits every window of the key now; Infinity when only an answer can make room. */
  private waitFor(key: string, now: number): number {
    const state = this.keys.get(key);
    if (state === undefined) return 0;
    let wait = Math.max(0, state.pausedUntil - now, state.lastGrant + this.spacingOf(key) - now);
    const { answered } = state;
    for (const { count, windowMs } of this.limitsOf(key)) {
      const window = windowMs + this.clockMarginMs;
      // An answer at or before now - window: that request arrived a whole window before any request started now.
      const firstInWindow = firstAfter(answered, now - window);
      const inWindow = answered.length - firstInWindow;
      const over = state.inFlight + inWindow - count + 1;
      if (over <= 0) continue;
      if (over > inWindow) return Infinity;
      wait = Math.max(wait, (answered[firstInWindow + over - 1] as number) + window - now);
    }
    return wait;
  }

  /**
   * Requests to a key go spread out, at most twice the pace of its loosest limit (50 a second: one every 10 ms),
   * not in bursts of the whole limit: a burst's last request waits for the others' round trips, and its place
   * stays held that much longer, which costs pace. Twice, not once: after the event loop stalled (a garbage
   * collection, a busy machine) the requests catch up on the time lost, as far as the windows allow.
   */
  private spacingOf(key: string): number {
    let spacing = Infinity;
    for (const { count, windowMs } of this.limitsOf(key)) spacing = Math.min(spacing, windowMs / count / 2);
    return Number.isFinite(spacing) ? spacing : 0;
  }

  private limitsOf(key: string): readonly RateLimit[] {
    return key.startsWith('t:') ? this.limits.perTenant : this.limits.perConversation;
  }

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (state === undefined) {
      state = { inFlight: 0, answered: [], pausedUntil: 0, lastGrant: -Infinity };
      this.keys.set(key, state);
    }
    return state;
  }

  /** Forgets answers that have left every window, and keys with nothing left. */
  private prune(now: number): void {
    for (const [key, state] of this.keys) {
      const longest = Math.max(...this.limitsOf(key).map((limit) => limit.windowMs)) + this.clockMarginMs;
      const gone = firstAfter(state.answered, now - longest);
      if (gone > 0) state.answered.splice(0, gone);
      if (state.inFlight === 0 && state.answered.length === 0 && state.pausedUntil <= now) {
        this.keys.delete(key);
      }
    }
  }
}

/** The index of the first value greater than `limit` in an ascending array. */
function firstAfter(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) > limit) high = middle;
    else low = middle + 1;
  }
  return low;
}

function insertSorted(values: number[], value: number): void {
  let index = values.length;
  while (index > 0 && (values[index - 1] as number) > value) index--;
  values.splice(index, 0, value);
}
