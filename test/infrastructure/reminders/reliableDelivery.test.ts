import assert from 'node:assert/strict';
import type { PlannedReminder } from '../../../src/domain/reminders/plan';
import { RateLimiter } from '../../../src/infrastructure/reminders/rateLimiter';
import {
  createReliableDelivery,
  type AttemptResult,
} from '../../../src/infrastructure/reminders/reliableDelivery';
import {
  isBotFrameworkServiceUrl,
  mayUseServiceUrl,
} from '../../../src/infrastructure/reminders/serviceUrlGuard';
import { silentLogger } from '../../../src/shared/logger';
import { aReference } from '../storage/reminderStorageContract';

function aMessage(serviceUrl = 'https://smba.trafficmanager.net/emea/'): PlannedReminder {
  return {
    kind: 'reminder',
    claimId: 'x:2025:2026-02-27',
    recipient: aReference({ serviceUrl }),
    lang: 'sv',
    year: 2025,
    occasion: { date: '2026-02-27', kind: 'beforeDeadline', deadline: '2026-03-01', daysBefore: 1 },
    day: '2026-02-27',
    systems: [],
  };
}

function scripted(results: AttemptResult[]) {
  const waits: number[] = [];
  let calls = 0;
  let now = 0;
  const delivery = createReliableDelivery({
    attempt: async () => results[calls++] ?? { ok: true },
    limiter: new RateLimiter({ now: () => now, sleep: async (ms) => void (now += ms) }),
    production: true,
    logger: silentLogger,
    maxAttempts: 4,
    baseDelayMs: 1_000,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    random: () => 0.5,
  });
  return { delivery, waits, calls: () => calls };
}

describe('reliable delivery', () => {
  it('waits at least the Retry-After Teams asks for, with jitter, then sends', async () => {
    const { delivery, waits } = scripted([
      { ok: false, status: 429, retryAfterMs: 3_000 },
      { ok: true, activityId: '1:a' },
    ]);
    assert.deepEqual(await delivery.deliver(aMessage()), { outcome: 'sent', activityId: '1:a' });
    assert.deepEqual(waits, [3_250]);
  });

  it('backs off exponentially on 412, 502, 504 and network failures, and gives up after the bounded attempts', async () => {
    const { delivery, waits, calls } = scripted([
      { ok: false, status: 412 },
      { ok: false, status: 502 },
      { ok: false },
      { ok: false, status: 504 },
    ]);
    assert.deepEqual(await delivery.deliver(aMessage()), {
      outcome: 'failed',
      code: 'retriesExhausted',
      status: 504,
    });
    assert.equal(calls(), 4);
    assert.deepEqual(waits, [750, 1_500, 3_000]);
  });

  it('reports 403 and 404 as unreachable, and other errors at once, without retrying', async () => {
    for (const status of [403, 404] as const) {
      const { delivery, calls } = scripted([{ ok: false, status }]);
      assert.deepEqual(await delivery.deliver(aMessage()), { outcome: 'unreachable', status });
      assert.equal(calls(), 1);
    }
    const { delivery, calls } = scripted([{ ok: false, status: 500 }]);
    assert.deepEqual(await delivery.deliver(aMessage()), {
      outcome: 'failed',
      code: 'rejected',
      status: 500,
    });
    assert.equal(calls(), 1);
  });

  it('refuses in production a service URL that is not https on a Bot Framework host, without trying', async () => {
    const { delivery, calls } = scripted([]);
    assert.deepEqual(await delivery.deliver(aMessage('http://127.0.0.1:3978/')), {
      outcome: 'failed',
      code: 'serviceUrlRefused',
    });
    assert.equal(calls(), 0);
  });
});

describe('service URL guard', () => {
  it('accepts the Teams and Bot Framework hosts over https only', () => {
    for (const url of [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/teams/',
      'https://europe.webchat.botframework.com/',
      'https://smba.infra.gcc.teams.microsoft.com/gcc/',
    ]) {
      assert.ok(isBotFrameworkServiceUrl(url), url);
    }
    for (const url of [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net.evil.example/',
      'https://evilbotframework.com/',
      'https://user:pw@smba.trafficmanager.net/',
      'https://smba.trafficmanager.net:8443/',
      'not a url',
    ]) {
      assert.ok(!isBotFrameworkServiceUrl(url), url);
    }
  });

  it('allows loopback outside production only', () => {
    assert.ok(mayUseServiceUrl('http://127.0.0.1:9/teams/', false));
    assert.ok(!mayUseServiceUrl('http://127.0.0.1:9/teams/', true));
    assert.ok(!mayUseServiceUrl('file:///etc/passwd', false));
  });
});
