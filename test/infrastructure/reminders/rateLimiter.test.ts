import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  limitsShared,
  RateLimiter,
  teamsReminderLimits,
  type RateLimits,
  type ReleasePlace,
} from '../../../src/infrastructure/reminders/rateLimiter';

/** A small deterministic generator (mulberry32), so that every random pattern can be repeated from its seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The largest number of arrival times in any window of `windowMs`, counted as the stand-in connector does. */
function peak(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

interface Traffic {
  requests: number;
  workers: number;
  conversations: number;
  /** The delay from the gate to Teams' arrival, and from the arrival to our answer, in ms. */
  toArrival: () => number;
  toAnswer: () => number;
}

interface Arrival {
  at: number;
  conversation: string;
}

/**
 * Requests sent by `workers` at once through the limiter, each arriving at "Teams" some time after its gate and
 * answered some time after that, all on sinon's clock: what arrives when, and when the last answer came.
 */
async function simulate(
  clock: sinon.SinonFakeTimers,
  limiter: RateLimiter,
  traffic: Traffic,
): Promise<{ arrivals: Arrival[]; finishedAt: number }> {
  const arrivals: Arrival[] = [];
  let next = 0;
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const worker = async () => {
    while (next < traffic.requests) {
      const conversation = `conversation-${next++ % traffic.conversations}`;
      const release: ReleasePlace = await limiter.acquire('tenant', conversation);
      await wait(traffic.toArrival());
      arrivals.push({ at: Date.now(), conversation });
      await wait(traffic.toAnswer());
      release();
    }
  };
  const done = Promise.all(Array.from({ length: traffic.workers }, worker));
  await clock.runAllAsync();
  await done;
  return { arrivals, finishedAt: Date.now() };
}

function peakPerConversation(arrivals: readonly Arrival[], windowMs: number): number {
  const byConversation = new Map<string, number[]>();
  for (const { at, conversation } of arrivals) {
    byConversation.set(conversation, [...(byConversation.get(conversation) ?? []), at]);
  }
  return Math.max(0, ...[...byConversation.values()].map((times) => peak(times, windowMs)));
}

describe('rate limiter', () => {
  let clock: sinon.SinonFakeTimers;

  beforeEach(() => {
    clock = sinon.useFakeTimers({
      now: 0,
      toFake: ['Date', 'setTimeout', 'clearTimeout', 'performance'],
      loopLimit: 1_000_000,
    });
  });

  afterEach(() => clock.restore());

  it('keeps every one-second window of arrivals within the tenant limit, however the network delays requests', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const random = randomFrom(seed);
      // Some runs fast and even, some with delays up to 400 ms and the odd request held up for seconds.
      const spread = [5, 50, 400][seed % 3] as number;
      const straggle = () => (random() < 0.02 ? 2_000 * random() : 0);
      const { arrivals } = await simulate(clock, new RateLimiter(), {
        requests: 400,
        workers: 1 + Math.floor(random() * 80),
        conversations: 400,
        toArrival: () => random() * spread + straggle(),
        toAnswer: () => random() * spread + straggle(),
      });
      assert.equal(arrivals.length, 400);
      const busiest = peak(
        arrivals.map((arrival) => arrival.at),
        1_000,
      );
      assert.ok(busiest <= 50, `seed ${seed}: ${busiest} requests arrived within one second`);
    }
  });

  it('keeps every window of a conversation: 7 a second, 8 in 2 seconds, 60 in 30 seconds', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const random = randomFrom(seed);
      const { arrivals } = await simulate(clock, new RateLimiter(), {
        requests: 150,
        workers: 20,
        conversations: 2,
        toArrival: () => random() * 200,
        toAnswer: () => random() * 200,
      });
      assert.ok(peakPerConversation(arrivals, 1_000) <= 7, `seed ${seed}: over 7 in a second`);
      assert.ok(peakPerConversation(arrivals, 2_000) <= 8, `seed ${seed}: over 8 in 2 seconds`);
      assert.ok(peakPerConversation(arrivals, 30_000) <= 60, `seed ${seed}: over 60 in 30 seconds`);
    }
  });

  it('reaches the limit itself when answers come quickly: 1,000 requests, spread out, in about 20 seconds', async () => {
    const { arrivals, finishedAt } = await simulate(clock, new RateLimiter(), {
      requests: 1_000,
      workers: 64,
      conversations: 1_000,
      toArrival: () => 3,
      toAnswer: () => 3,
    });
    const times = arrivals.map((arrival) => arrival.at);
    assert.equal(peak(times, 1_000), 50);
    // Not in bursts of 50: no two arrivals closer together than 10 ms.
    assert.equal(peak(times, 10), 1);
    assert.ok(finishedAt <= 20_200, `the last answer came at ${finishedAt} ms`);
    assert.ok(1_000 / (finishedAt / 1_000) >= 50 * 0.95);
  });

  it('holds a request back while the limit is taken by requests still unanswered, until an answer is a window old', async () => {
    const limiter = new RateLimiter({
      limits: { perConversation: [], perTenant: [{ count: 2, windowMs: 1_000 }] },
      clockMarginMs: 0,
    });
    const first = await limiter.acquire('tenant', 'a');
    // Two a second go at most one every 250 ms.
    const second = limiter.acquire('tenant', 'b');
    await clock.tickAsync(500);
    await second;
    let third = false;
    void limiter.acquire('tenant', 'c').then(() => (third = true));
    await clock.tickAsync(5_000);
    assert.equal(third, false, 'a third request started while two were unanswered');
    first();
    await clock.tickAsync(999);
    assert.equal(third, false, 'a third request started within a second of an answer');
    await clock.tickAsync(1);
    assert.equal(third, true);
  });

  it('lets other conversations go while one waits for its own window', async () => {
    const limiter = new RateLimiter({
      limits: {
        perConversation: [{ count: 1, windowMs: 1_000 }],
        perTenant: [{ count: 10, windowMs: 1_000 }],
      },
      clockMarginMs: 0,
    });
    (await limiter.acquire('tenant', 'a'))();
    const started: string[] = [];
    const waiting = ['a', 'b', 'c'].map((conversation) =>
      limiter.acquire('tenant', conversation).then((release) => {
        started.push(`${conversation}@${Date.now()}`);
        release();
      }),
    );
    await clock.tickAsync(1_000);
    await Promise.all(waiting);
    // The tenant's ten a second go at most one every 50 ms after the first "a"; "a" had its one for the second.
    assert.deepEqual(started, ['b@50', 'c@100', 'a@1000']);
  });

  it('holds a conversation paused after a 429 for the time asked', async () => {
    const limiter = new RateLimiter();
    limiter.pauseConversation('a', 2_500);
    let startedAt: number | undefined;
    void limiter.acquire('tenant', 'a').then(() => (startedAt = Date.now()));
    await clock.tickAsync(3_000);
    assert.equal(startedAt, 2_500);
  });

  it('counts a place once, however often its release is called', async () => {
    const limiter = new RateLimiter({
      limits: { perConversation: [], perTenant: [{ count: 1, windowMs: 1_000 }] },
      clockMarginMs: 0,
    });
    const release = await limiter.acquire('tenant', 'a');
    release();
    release();
    let second = false;
    void limiter.acquire('tenant', 'b').then(() => (second = true));
    await clock.tickAsync(999);
    assert.equal(second, false);
    await clock.tickAsync(1);
    assert.equal(second, true);
  });
});

describe('limits shared by instances', () => {
  it('gives each of two instances half of every limit, rounded down, so that together they keep the whole', () => {
    const shared: RateLimits = limitsShared(teamsReminderLimits, 2);
    assert.deepEqual(
      shared.perTenant.map((limit) => limit.count),
      [25],
    );
    assert.deepEqual(
      shared.perConversation.map((limit) => limit.count),
      [3, 4, 30, 900],
    );
  });

  it('leaves at least one request per window however many instances there are', () => {
    const shared = limitsShared(teamsReminderLimits, 100);
    assert.deepEqual(
      [...shared.perTenant, ...shared.perConversation].map((limit) => limit.count),
      [1, 1, 1, 1, 18],
    );
  });
});
