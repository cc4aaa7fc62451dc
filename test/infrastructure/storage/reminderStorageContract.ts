import assert from 'node:assert/strict';

import { ConcurrencyConflictError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/domain/ports';
import type { AppInstallAttempt } from '../../../src/domain/reminders/appInstallAttempt';
import type { ReminderClaim } from '../../../src/domain/reminders/claims';
import type { ConversationReferenceRecord } from '../../../src/domain/reminders/conversationReference';
import type { StorageContractHarness } from './storageContract';

export function aReference(
  overrides: Partial<ConversationReferenceRecord> = {},
): ConversationReferenceRecord {
  const aadObjectId = overrides.aadObjectId ?? 'b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e';
  return {
    id: aadObjectId,
    aadObjectId,
    userId: '29:1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
    email: 'anna.lindstrom@example.se',
    userPrincipalName: 'anna.lindstrom@example.se',
    memberLookupAt: '2026-01-10T08:00:00.000Z',
    tenantId: '6f1c8d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversationId: 'a:1b5c6d7e8f9a04b1c8d2e3f4a5b6c7d8e',
    botId: '28:2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d',
    channelId: 'msteams',
    language: 'sv',
    active: true,
    activeChangedAt: '2026-01-10T08:00:00.000Z',
    authenticated: true,
    updatedAt: '2026-01-10T08:00:00.000Z',
    ...overrides,
  };
}

export function aClaim(overrides: Partial<ReminderClaim> = {}): ReminderClaim {
  const recipientId = overrides.recipientId ?? 'b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e';
  const year = overrides.year ?? 2025;
  const occasion = overrides.occasion ?? '2026-02-27';
  return {
    id: `${recipientId}:${year}:${occasion}`,
    recipientId,
    year,
    occasion,
    kind: 'reminder',
    state: 'sending',
    claimedBy: 'run-1',
    claimedAt: '2026-02-27T07:00:00.000Z',
    leaseUntil: '2026-02-27T07:15:00.000Z',
    attempts: 1,
    systemIds: ['procapita'],
    ...overrides,
  };
}

export function anAppInstallAttempt(overrides: Partial<AppInstallAttempt> = {}): AppInstallAttempt {
  return {
    id: 'appInstallAttempt:3f1a9c0d2b7e4f6a8c5d1e0b9a7f3c2d4e6b8a0c',
    userPrincipalName: 'anna.lindstrom@example.se',
    attemptedAt: '2026-01-20T07:00:00.000Z',
    nextAttemptAt: '2026-01-21T07:00:00.000Z',
    attempts: 1,
    result: 'attempting',
    ...overrides,
  };
}

async function expectConflict(action: Promise<unknown>): Promise<void> {
  await assert.rejects(action, (error: unknown) => error instanceof ConcurrencyConflictError);
}

/** Conversation references, reminder claims and app-install attempts; run by describeStorageContract for every adapter. */
export function describeReminderStorageContract(adapterName: string, harness: StorageContractHarness): void {
  describe(`${adapterName} storage (reminder contract)`, function () {
    this.timeout(60_000);
    let opened: Storage[] = [];
    let storage: Storage;

    beforeEach(async () => {
      storage = await harness.open();
      opened = [storage];
    });

    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
    });

    it('stores a conversation reference, reads it back by id and lists it, also from a new instance', async () => {
      assert.deepEqual(await storage.conversationReferences.list(), []);
      const reference = aReference();
      const saved = await storage.conversationReferences.save(reference, null);
      assert.deepEqual(saved.value, reference);
      assert.deepEqual((await storage.conversationReferences.get(reference.id))?.value, reference);
      const other = await harness.reopen(storage);
      opened.push(other);
      assert.deepEqual(
        (await other.conversationReferences.list()).map((stored) => stored.value),
        [reference],
      );
      assert.equal(await other.conversationReferences.get('someone-else'), undefined);
    });

    it('replaces a reference only at the version read, and refuses a second create', async () => {
      const first = await storage.conversationReferences.save(aReference(), null);
      await expectConflict(storage.conversationReferences.save(aReference(), null));
      const inactive = await storage.conversationReferences.save(
        aReference({ active: false, inactiveReason: 'forbidden' }),
        first.version,
      );
      assert.notEqual(inactive.version, first.version);
      await expectConflict(
        storage.conversationReferences.save(aReference({ language: 'en' }), first.version),
      );
      assert.equal((await storage.conversationReferences.get(aReference().id))?.value.active, false);
    });

    it('claims a reminder once: a second create of the same id is a conflict and changes nothing', async () => {
      const claim = aClaim();
      const created = await storage.reminderClaims.create(claim);
      assert.deepEqual(created.value, claim);
      await expectConflict(storage.reminderClaims.create(aClaim({ claimedBy: 'run-2' })));
      assert.equal((await storage.reminderClaims.get(claim.id))?.value.claimedBy, 'run-1');
    });

    it('lets exactly one of two instances win concurrent claims of the same reminders', async () => {
      const other = await harness.reopen(storage);
      opened.push(other);
      const ids = Array.from({ length: 10 }, (_, i) => `2026-02-${String(10 + i)}`);
      const attempts = ids.flatMap((occasion) => [
        storage.reminderClaims.create(aClaim({ occasion, claimedBy: 'run-a' })),
        other.reminderClaims.create(aClaim({ occasion, claimedBy: 'run-b' })),
      ]);
      const results = await Promise.allSettled(attempts);
      for (let i = 0; i < ids.length; i++) {
        const pair = [results[2 * i], results[2 * i + 1]];
        assert.equal(pair.filter((r) => r?.status === 'fulfilled').length, 1, `occasion ${ids[i]}`);
        const rejected = pair.find((r) => r?.status === 'rejected') as PromiseRejectedResult;
        assert.ok(rejected.reason instanceof ConcurrencyConflictError);
      }
    });

    it('marks a claim sent at the version it holds, and refuses a stale version', async () => {
      const created = await storage.reminderClaims.create(aClaim());
      const sent = await storage.reminderClaims.replace(
        aClaim({ state: 'sent', sentAt: '2026-02-27T07:00:01.000Z', activityId: '1:abc' }),
        created.version,
      );
      assert.equal(sent.value.state, 'sent');
      await expectConflict(storage.reminderClaims.replace(aClaim({ state: 'failed' }), created.version));
      assert.equal((await storage.reminderClaims.get(aClaim().id))?.value.state, 'sent');
    });

    it('lists the claims of one year', async () => {
      await storage.reminderClaims.create(aClaim({ year: 2025 }));
      await storage.reminderClaims.create(
        aClaim({ year: 2025, occasion: 'summary-2026-03-02', kind: 'summary' }),
      );
      await storage.reminderClaims.create(aClaim({ year: 2024, occasion: '2025-02-28' }));
      const claims = await storage.reminderClaims.listByYear(2025);
      assert.deepEqual(claims.map((stored) => stored.value.occasion).sort(), [
        '2026-02-27',
        'summary-2026-03-02',
      ]);
    });

    it('stores an app-install attempt, reads it back by id and lists it, also from a new instance', async () => {
      assert.deepEqual(await storage.appInstallAttempts.list(), []);
      const attempt = anAppInstallAttempt();
      const saved = await storage.appInstallAttempts.save(attempt, null);
      assert.deepEqual(saved.value, attempt);
      const other = await harness.reopen(storage);
      opened.push(other);
      assert.deepEqual((await other.appInstallAttempts.get(attempt.id))?.value, attempt);
      assert.deepEqual(
        (await other.appInstallAttempts.list()).map((stored) => stored.value),
        [attempt],
      );
      assert.equal(await other.appInstallAttempts.get('appInstallAttempt:someone-else'), undefined);
    });

    it('records an app-install outcome only at the version read, and refuses a second create', async () => {
      const taken = await storage.appInstallAttempts.save(anAppInstallAttempt(), null);
      await expectConflict(storage.appInstallAttempts.save(anAppInstallAttempt({ attempts: 2 }), null));
      const refused = await storage.appInstallAttempts.save(
        anAppInstallAttempt({ result: 'refused', status: 403, nextAttemptAt: '2026-01-27T07:00:00.000Z' }),
        taken.version,
      );
      assert.notEqual(refused.version, taken.version);
      await expectConflict(
        storage.appInstallAttempts.save(anAppInstallAttempt({ result: 'installed' }), taken.version),
      );
      const stored = await storage.appInstallAttempts.get(anAppInstallAttempt().id);
      assert.deepEqual([stored?.value.result, stored?.value.status], ['refused', 403]);
    });

    it('lets exactly one of two instances take the same person’s app-install attempt', async () => {
      const other = await harness.reopen(storage);
      opened.push(other);
      const ids = Array.from({ length: 6 }, (_, i) => `appInstallAttempt:person-${i}`);
      const results = await Promise.allSettled(
        ids.flatMap((id) => [
          storage.appInstallAttempts.save(anAppInstallAttempt({ id }), null),
          other.appInstallAttempts.save(anAppInstallAttempt({ id }), null),
        ]),
      );
      for (let i = 0; i < ids.length; i++) {
        const pair = [results[2 * i], results[2 * i + 1]];
        assert.equal(pair.filter((r) => r?.status === 'fulfilled').length, 1, ids[i]);
        const rejected = pair.find((r) => r?.status === 'rejected') as PromiseRejectedResult;
        assert.ok(rejected.reason instanceof ConcurrencyConflictError);
      }
      assert.equal((await storage.appInstallAttempts.list()).length, ids.length);
    });

    it('keeps app-install attempts and reminder claims apart', async () => {
      await storage.reminderClaims.create(aClaim({ year: 2025 }));
      const attempt = anAppInstallAttempt();
      await storage.appInstallAttempts.save(attempt, null);
      assert.deepEqual(
        (await storage.appInstallAttempts.list()).map((stored) => stored.value.id),
        [attempt.id],
      );
      assert.deepEqual(
        (await storage.reminderClaims.listByYear(2025)).map((stored) => stored.value.id),
        [aClaim().id],
      );
      assert.equal(await storage.reminderClaims.get(attempt.id), undefined);
      assert.equal(await storage.appInstallAttempts.get(aClaim().id), undefined);
    });
  });
}
