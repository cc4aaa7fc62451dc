/**
 * Paces proactive messages under Teams' limits (learn.microsoft.com, "Rate limiting for bots"): per conversation
 * 7 messages a second, 60 in 30 seconds, 1800 an hour; about 50 requests a second per app and tenant. Sliding
 * windows per key: a send waits until every window of its conversation and of its tenant has room, then counts.
 * The defaults keep a margin below the documented numbers, since Teams counts arrivals, not our departures: 46
 * requests per 1.05 s (about 44 a second) met no 429 in the benchmark, 48 a second met dozens.
 */
export interface RateLimit {
  count: number;
  windowMs: number;
}

export interface RateLimits {
  perConversation: readonly RateLimit[];
  perTenant: readonly RateLimit[];
}

export const teamsReminderLimits: RateLimits = {
  perConversation: [
    { count: 6, windowMs: 1_000 },
    { count: 55, windowMs: 30_000 },
    { count: 1_700, windowMs: 3_600_000 },
  ],
  perTenant: [{ count: 46, windowMs: 1_050 }],
};

export interface RateLimiterOptions {
  limits?: RateLimits;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly limits: RateLimits;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private acquired = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.limits = options.limits ?? teamsReminderLimits;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when a message to the conversation may be sent now, and counts it. */
  async acquire(tenantId: string, conversationId: string): Promise<void> {
    const tenantKey = `t:${tenantId.toLowerCase()}`;
    const conversationKey = `c:${conversationId}`;
    for (;;) {
      const now = this.now();
      const wait = Math.max(
        this.waitFor(tenantKey, this.limits.perTenant, now),
        this.waitFor(conversationKey, this.limits.perConversation, now),
      );
      if (wait <= 0) {
        this.record(tenantKey, now);
        this.record(conversationKey, now);
        if (++this.acquired % 1000 === 0) this.prune(now);
        return;
      }
      await this.sleep(wait);
    }
  }

  /** Holds every send to the conversation (a 429 with Retry-After for it) until `ms` from now. */
  pauseConversation(conversationId: string, ms: number): void {
    const key = `c:${conversationId}`;
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, this.now() + ms));
  }

  private waitFor(key: string, limits: readonly RateLimit[], now: number): number {
    let wait = Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
    const times = this.windows.get(key);
    if (times === undefined) return wait;
    for (const { count, windowMs } of limits) {
      if (times.length < count) continue;
      // The count-th newest send must have left the window before one more fits.
      const oldestThatMustLeave = times[times.length - count] as number;
      wait = Math.max(wait, oldestThatMustLeave + windowMs - now);
    }
    return wait;
  }

  private record(key: string, now: number): void {
    let times = this.windows.get(key);
    if (times === undefined) {
      times = [];
      this.windows.set(key, times);
    }
    times.push(now);
    const keep = Math.max(...this.limitsOf(key).map((limit) => limit.count));
    if (times.length > keep * 2) times.splice(0, times.length - keep);
  }

  private limitsOf(key: string): readonly RateLimit[] {
    return key.startsWith('t:') ? this.limits.perTenant : this.limits.perConversation;
  }

  /** Forgets keys whose every send has left the longest window. */
  private prune(now: number): void {
    for (const [key, times] of this.windows) {
      const longest = Math.max(...this.limitsOf(key).map((limit) => limit.windowMs));
      if ((times[times.length - 1] ?? 0) <= now - longest) this.windows.delete(key);
    }
    for (const [key, until] of this.pausedUntil) if (until <= now) this.pausedUntil.delete(key);
  }
}
