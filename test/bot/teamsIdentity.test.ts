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
  let member: { tenantId?: string; userRole?: string };

  const identity = ({
    maxEntries = 5_000,
    ...options
  }: { maxEntries?: number; lookupTimeoutMs?: number; allowedTenantIds?: string[] } = {}) =>
    createTeamsIdentity({
      logger: createLogger({ level: 'debug', sink: (line) => lines.push(line) }),
      cache: new BoundedCache({ maxEntries, ttlMs: 60_000, now: () => clock }),
      ...options,
      lookup: async (_context, userId) => {
        lookups.push(userId);
        if (failing) throw Object.assign(new Error('Not Found'), { statusCode: 404 });
        return {
          email: `${userId.slice(3)}@kommun.se`,
          userPrincipalName: `${userId.slice(3)}@kommun.onmicrosoft.com`,
          ...member,
        };
      },
    });

  beforeEach(() => {
    clock = 1_000_000;
    lookups = [];
    lines = [];
    failing = false;
    member = { tenantId: 'tenant-1', userRole: 'user' };
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

  for (const [what, record] of [
    ['a guest', { tenantId: 'tenant-1', userRole: 'guest' }],
    ['an anonymous member', { tenantId: 'tenant-1', userRole: 'anonymous' }],
    ['a member of another tenant', { tenantId: 'tenant-2', userRole: 'user' }],
    ['a member whose tenant Teams does not name', { userRole: 'user' }],
  ] as const) {
    it(`knows ${what} by object id only, whatever e-mail the directory gives`, async () => {
      member = record;
      const actor = await identity().actorOf(contextFor(anna));
      assert.deepEqual(actor, { aadObjectId: anna.aadObjectId, name: 'Anna Berg' });
      assert.ok(lines.some((line) => line.includes('"identity.addresses_ignored"')));
      assert.ok(!lines.some((line) => line.includes('@kommun')));
    });
  }

  it('trusts the addresses of a member of any allowed tenant, and of no other', async () => {
    member = { tenantId: 'TENANT-2', userRole: 'user' };
    const allowed = identity({ allowedTenantIds: ['tenant-1', 'tenant-2'] });
    assert.equal((await allowed.actorOf(contextFor(anna)))?.email, 'anna@kommun.se');
    const onlyOwn = identity({ allowedTenantIds: ['tenant-1'] });
    assert.equal((await onlyOwn.actorOf(contextFor(anna)))?.email, undefined);
  });

  it('falls back to the object id when the lookup fails, says so, logs ids only, and asks again next turn', async () => {
    failing = true;
    const teams = identity();
    const actor = await teams.actorOf(contextFor(anna));
    assert.deepEqual(actor, { aadObjectId: anna.aadObjectId, name: 'Anna Berg', addressesUnknown: true });
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(logged[0]?.event, 'identity.lookup_failed');
    assert.equal(logged[0]?.aadObjectId, anna.aadObjectId.toLowerCase());
    assert.equal(logged[0]?.statusCode, 404);
    assert.ok(!lines.some((line) => line.includes('Anna') || line.includes('Not Found')));

    failing = false;
    assert.equal((await teams.actorOf(contextFor(anna)))?.email, 'anna@kommun.se');
    assert.equal(lookups.length, 2, 'a failure is not remembered');
  });

  it('asks Teams once per turn however many ask, also when the lookup fails', async () => {
    failing = true;
    const teams = identity();
    const turn = contextFor(anna);
    const [first, second] = await Promise.all([teams.actorOf(turn), teams.actorOf(turn)]);
    assert.equal((await teams.actorOf(turn))?.addressesUnknown, true);
    assert.equal(first, second);
    assert.equal(lookups.length, 1, 'one lookup for the turn');

    failing = false;
    assert.equal(
      (await teams.actorOf(contextFor(anna)))?.email,
      'anna@kommun.se',
      'the next turn asks again',
    );
    assert.equal(lookups.length, 2);
  });

  it('goes on without the lookup when it takes too long', async () => {
    const teams = createTeamsIdentity({
      logger: createLogger({ level: 'debug', sink: (line) => lines.push(line) }),
      cache: new BoundedCache({ maxEntries: 10 }),
      lookupTimeoutMs: 20,
      lookup: () => new Promise(() => undefined),
    });
    const actor = await teams.actorOf(contextFor(erik));
    assert.deepEqual(actor, { aadObjectId: erik.aadObjectId, name: 'Erik Lund', addressesUnknown: true });
    assert.match(lines[0] ?? '', /"errorType":"LookupTimeoutError"/);
  });
});
