import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { createTeamsIdentity } from '../../src/bot/teamsIdentity';
import { BoundedCache } from '../../src/shared/boundedCache';
import { createLogger } from '../../src/shared/logger';

function contextFor(
  user: { id: string; aadObjectId?: string; name?: string },
  tenantId = 'tenant-1',
): TurnContext {
  return {
    activity: {
      id: 'activity-1',
      type: 'message',
      from: user,
      conversation: { id: 'conversation-1', tenantId },
    },
  } as unknown as TurnContext;
}

const anna = { id: '29:anna', aadObjectId: 'A1A1A1A1-0000-4000-8000-000000000001', name: 'Anna Berg' };
const erik = { id: '29:erik', aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002', name: 'Erik Lund' };

describe('the Teams identity of a turn', () => {
  let clock: number;
  let lookups: string[];
  let lines: string[];
  let failing: boolean;

  const identity = ({
    maxEntries = 5_000,
    ...options
  }: { maxEntries?: number; lookupTimeoutMs?: number } = {}) =>
    createTeamsIdentity({
      logger: createLogger({ level: 'debug', sink: (line) => lines.push(line) }),
      cache: new BoundedCache({ maxEntries, ttlMs: 60_000, now: () => clock }),
      failureTtlMs: 5_000,
      ...options,
      lookup: async (_context, userId) => {
        lookups.push(userId);
        if (failing) throw Object.assign(new Error('Not Found'), { statusCode: 404 });
        return {
          email: `${userId.slice(3)}@kommun.se`,
          userPrincipalName: `${userId.slice(3)}@kommun.onmicrosoft.com`,
        };
      },
    });

  beforeEach(() => {
    clock = 1_000_000;
    lookups = [];
    lines = [];
    failing = false;
  });

  it('takes the object id from the activity and the e-mail and UPN from the member lookup', async () => {
    const actor = await identity().actorOf(contextFor(anna));
    assert.deepEqual(actor, {
      aadObjectId: anna.aadObjectId,
      name: 'Anna Berg',
      email: 'anna@kommun.se',
      userPrincipalName: 'anna@kommun.onmicrosoft.com',
    });
  });

  it('knows nobody without an Entra object id, and asks Teams nothing', async () => {
    assert.equal(await identity().actorOf(contextFor({ id: '29:guest', name: 'Gäst' })), undefined);
    assert.deepEqual(lookups, []);
  });

  it('looks a person up once within the time to live, and again after it', async () => {
    const teams = identity();
    await teams.actorOf(contextFor(anna));
    clock += 59_000;
    await teams.actorOf(contextFor(anna));
    assert.equal(lookups.length, 1);
    clock += 2_000;
    await teams.actorOf(contextFor(anna));
    assert.equal(lookups.length, 2);
  });

  it('keeps a bounded number of people, forgetting the least recently used first', async () => {
    const teams = identity({ maxEntries: 2 });
    const carl = { id: '29:carl', aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003', name: 'Carl' };
    await teams.actorOf(contextFor(anna));
    await teams.actorOf(contextFor(erik));
    await teams.actorOf(contextFor(anna));
    await teams.actorOf(contextFor(carl));
    assert.deepEqual(lookups, ['29:anna', '29:erik', '29:carl']);
    await teams.actorOf(contextFor(anna));
    await teams.actorOf(contextFor(erik));
    assert.deepEqual(lookups, ['29:anna', '29:erik', '29:carl', '29:erik']);
  });

  it('falls back to the object id when the lookup fails, logs it with ids only, and retries later', async () => {
    failing = true;
    const teams = identity();
    const actor = await teams.actorOf(contextFor(anna));
    assert.deepEqual(actor, { aadObjectId: anna.aadObjectId, name: 'Anna Berg' });
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(logged[0]?.event, 'identity.lookup_failed');
    assert.equal(logged[0]?.aadObjectId, anna.aadObjectId.toLowerCase());
    assert.equal(logged[0]?.statusCode, 404);
    assert.ok(!lines.some((line) => line.includes('Anna') || line.includes('Not Found')));

    failing = false;
    await teams.actorOf(contextFor(anna));
    assert.equal(lookups.length, 1, 'a failure is remembered for a while');
    clock += 5_001;
    assert.equal((await teams.actorOf(contextFor(anna)))?.email, 'anna@kommun.se');
  });

  it('goes on without the lookup when it takes too long', async () => {
    const teams = createTeamsIdentity({
      logger: createLogger({ level: 'debug', sink: (line) => lines.push(line) }),
      cache: new BoundedCache({ maxEntries: 10 }),
      lookupTimeoutMs: 20,
      lookup: () => new Promise(() => undefined),
    });
    const actor = await teams.actorOf(contextFor(erik));
    assert.deepEqual(actor, { aadObjectId: erik.aadObjectId, name: 'Erik Lund' });
    assert.match(lines[0] ?? '', /"errorType":"LookupTimeoutError"/);
  });
});
