import assert from 'node:assert/strict';

import { ConcurrencyConflictError } from '../../../src/domain/errors';
import type { RegisterChanges, Storage } from '../../../src/domain/ports';
import type { PendingImport } from '../../../src/domain/register/pendingImport';
import type { SystemRecord } from '../../../src/domain/register/system';
import { aCompleteReview, aReview, someDelegates } from '../../domain/checklist/checklistMother';
import { describeReminderStorageContract } from './reminderStorageContract';
import { aCompleteSystem, anImportRecord, manySystems } from '../../support/systemMother';

export interface StorageContractHarness {
  /** Opens a new, empty store (a fresh folder, a fresh database). */
  open(): Promise<Storage>;
  /** Opens a new adapter instance on the same data as `previous` (the same folder, the same database). */
  reopen(previous: Storage): Promise<Storage>;
}

function changes(partial: Partial<RegisterChanges>): RegisterChanges {
  return { create: [], replace: [], remove: [], ...partial };
}

async function expectConflict(action: Promise<unknown>, id: string): Promise<void> {
  await assert.rejects(action, (error: unknown) => {
    assert.ok(
      error instanceof ConcurrencyConflictError,
      `expected ConcurrencyConflictError, got ${String(error)}`,
    );
    assert.equal(error.id, id);
    return true;
  });
}

/** The behaviour every Storage adapter must have; each adapter's test file runs it against its own backend. */
export function describeStorageContract(adapterName: string, harness: StorageContractHarness): void {
  describeReminderStorageContract(adapterName, harness);
  describe(`${adapterName} storage (contract)`, function () {
    this.timeout(60_000);
    let opened: Storage[] = [];
    let storage: Storage;

    async function track(store: Promise<Storage>): Promise<Storage> {
      const resolved = await store;
      opened.push(resolved);
      return resolved;
    }

    beforeEach(async () => {
      storage = await track(harness.open());
    });

    afterEach(async () => {
      await Promise.all(opened.map((store) => store.close()));
      opened = [];
    });

    it('starts empty', async () => {
      assert.deepEqual(await storage.systems.list(), []);
      assert.equal(await storage.systems.count(), 0);
      assert.equal(await storage.systems.get('procapita'), undefined);
    });

    it('creates systems and returns them by id, in the list and in the count', async () => {
      const procapita = aCompleteSystem({ name: 'Procapita' });
      const office = aCompleteSystem({ name: 'Office 365', businessCritical: false });
      await storage.systems.apply(changes({ create: [procapita, office] }));

      const got = await storage.systems.get('procapita');
      assert.deepEqual(got?.value, procapita);
      assert.equal(typeof got?.version, 'string');
      assert.ok(got.version.length > 0);
      assert.deepEqual(
        (await storage.systems.list()).map((stored) => stored.value).sort(byId),
        [office, procapita].sort(byId),
      );
      assert.equal(await storage.systems.count(), 2);
    });

    it('replaces a system read at its current version, and gives it a new version', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const before = await storage.systems.get('procapita');
      assert.ok(before);
      const changed = { ...before.value, owner: 'Kommunstyrelsen' };

      await storage.systems.apply(changes({ replace: [{ value: changed, version: before.version }] }));

      const after = await storage.systems.get('procapita');
      assert.deepEqual(after?.value, changed);
      assert.notEqual(after?.version, before.version);
    });

    it('changes the version on every write, so a version read before the last write is stale', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const first = await storage.systems.get('procapita');
      assert.ok(first);
      await storage.systems.apply(changes({ replace: [{ value: first.value, version: first.version }] }));
      const second = await storage.systems.get('procapita');
      assert.ok(second);
      assert.notEqual(second.version, first.version);

      await expectConflict(
        storage.systems.apply(changes({ replace: [{ value: first.value, version: first.version }] })),
        'procapita',
      );
    });

    it('refuses a replace at a stale version and keeps the stored value', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const read = await storage.systems.get('procapita');
      assert.ok(read);
      await storage.systems.apply(
        changes({ replace: [{ value: { ...read.value, owner: 'Kommunstyrelsen' }, version: read.version }] }),
      );
      const current = await storage.systems.get('procapita');

      await expectConflict(
        storage.systems.apply(
          changes({
            replace: [
              { value: { ...read.value, owner: 'Barn- och utbildningsnämnden' }, version: read.version },
            ],
          }),
        ),
        'procapita',
      );

      assert.deepEqual(await storage.systems.get('procapita'), current);
    });

    it('refuses a replace of a system that no longer exists', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const read = await storage.systems.get('procapita');
      assert.ok(read);
      await storage.systems.apply(changes({ remove: [{ id: 'procapita', version: read.version }] }));

      await expectConflict(storage.systems.apply(changes({ replace: [read] })), 'procapita');
      assert.equal(await storage.systems.get('procapita'), undefined);
    });

    it('refuses to create a system whose id already exists and keeps the stored one', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem({ owner: 'Socialnämnden' })] }));

      await expectConflict(
        storage.systems.apply(changes({ create: [aCompleteSystem({ owner: 'Kommunstyrelsen' })] })),
        'procapita',
      );

      assert.equal((await storage.systems.get('procapita'))?.value.owner, 'Socialnämnden');
      assert.equal(await storage.systems.count(), 1);
    });

    it('refuses a remove at a stale version and keeps the system', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const read = await storage.systems.get('procapita');
      assert.ok(read);
      await storage.systems.apply(changes({ replace: [read] }));

      await expectConflict(
        storage.systems.apply(changes({ remove: [{ id: 'procapita', version: read.version }] })),
        'procapita',
      );

      assert.equal(await storage.systems.count(), 1);
    });

    it('removes a system read at its current version', async () => {
      await storage.systems.apply(
        changes({ create: [aCompleteSystem(), aCompleteSystem({ name: 'Combine2' })] }),
      );
      const read = await storage.systems.get('procapita');
      assert.ok(read);

      await storage.systems.apply(changes({ remove: [{ id: 'procapita', version: read.version }] }));

      assert.equal(await storage.systems.get('procapita'), undefined);
      assert.deepEqual(
        (await storage.systems.list()).map((stored) => stored.value.id),
        ['combine2'],
      );
    });

    it('creates, replaces and removes in one batch', async () => {
      await storage.systems.apply(
        changes({ create: [aCompleteSystem({ name: 'W3D3' }), aCompleteSystem({ name: 'Combine2' })] }),
      );
      const w3d3 = await storage.systems.get('w3d3');
      const combine = await storage.systems.get('combine2');
      assert.ok(w3d3 && combine);

      await storage.systems.apply(
        changes({
          create: [aCompleteSystem({ name: 'Agresso Ekonomi' })],
          replace: [{ value: { ...w3d3.value, unit: 'Kansliet' }, version: w3d3.version }],
          remove: [{ id: 'combine2', version: combine.version }],
        }),
      );

      const after = await storage.systems.list();
      assert.deepEqual(after.map((stored) => stored.value.id).sort(), ['agresso-ekonomi', 'w3d3']);
      assert.equal(after.find((stored) => stored.value.id === 'w3d3')?.value.unit, 'Kansliet');
    });

    it('writes a batch of 1,500 new systems and lists them all', async () => {
      const systems = manySystems(1_500);

      await storage.systems.apply(changes({ create: systems }));

      const listed = await storage.systems.list();
      assert.equal(listed.length, 1_500);
      assert.equal(await storage.systems.count(), 1_500);
      assert.deepEqual(listed.map((stored) => stored.value).sort(byId), [...systems].sort(byId));
      assert.equal(new Set(listed.map((stored) => stored.version)).size > 0, true);
    });

    it('keeps å, ä, ö and é in names and text exactly', async () => {
      const system = aCompleteSystem({
        name: 'Lärplattform Skolå',
        departments: ['Barn- och utbildningsförvaltningen', 'Kultur- och fritidsförvaltningen'],
        unit: 'Förskola Ängen',
        description: 'Dokumentation för förskolor och fritidshem, “citat” och emoji 🙂',
        owner: 'Barn- och utbildningsnämnden',
        responsible: { name: 'Åsa Öberg', email: 'asa.oberg@kommun.se' },
        managers: [{ name: 'René Ählström' }, { name: 'Zoë Ek', email: 'zoe.ek@kommun.se' }],
        pilots: [{ name: 'Örjan Bäck' }],
      });

      await storage.systems.apply(changes({ create: [system] }));

      assert.deepEqual((await storage.systems.get(system.id))?.value, system);
    });

    it('keeps the extra columns the product does not know, and every optional fact', async () => {
      const system = aCompleteSystem({
        userCount: 250,
        businessCritical: false,
        goLiveDate: '2019-09-01',
        informationClass: 'K3 R2 T2',
        responsibleChief: { name: 'Maria Holm', email: 'maria.holm@kommun.se' },
        administrators: [{ name: 'Jonas Ek' }],
        extra: { Leverantör: 'Tieto', 'Avtal löper ut': '2026-12-31', 'Kommentar ': '' },
      });

      await storage.systems.apply(changes({ create: [system] }));

      assert.deepEqual((await storage.systems.get(system.id))?.value, system);
    });

    it('lists import records newest first, up to the limit', async () => {
      await storage.imports.add(anImportRecord({ id: 'b', at: '2025-03-02T08:00:00.000Z' }));
      await storage.imports.add(
        anImportRecord({ id: 'a', at: '2025-03-01T08:00:00.000Z', outcome: 'refused' }),
      );
      await storage.imports.add(
        anImportRecord({ id: 'c', at: '2025-03-03T08:00:00.000Z', fileName: 'Systemförteckning.csv' }),
      );

      const recent = await storage.imports.listRecent(2);

      assert.deepEqual(
        recent.map((record) => record.id),
        ['c', 'b'],
      );
      assert.deepEqual(
        recent[0],
        anImportRecord({ id: 'c', at: '2025-03-03T08:00:00.000Z', fileName: 'Systemförteckning.csv' }),
      );
      assert.deepEqual(
        (await storage.imports.listRecent(10)).map((record) => record.id),
        ['c', 'b', 'a'],
      );
    });

    it('refuses a second import record with the same id', async () => {
      await storage.imports.add(anImportRecord({ id: 'import-1' }));

      await expectConflict(storage.imports.add(anImportRecord({ id: 'import-1' })), 'import-1');
      assert.equal((await storage.imports.listRecent(10)).length, 1);
    });

    it('finishes a started import record in place, and lists only unfinished ones, oldest first', async () => {
      await storage.imports.add(anImportRecord({ id: 'old', at: '2025-03-01T08:00:00.000Z' }));
      await storage.imports.add(
        anImportRecord({ id: 'cut-short', at: '2025-03-02T08:00:00.000Z', status: 'started' }),
      );
      await storage.imports.add(
        anImportRecord({ id: 'running', at: '2025-03-03T08:00:00.000Z', status: 'started' }),
      );
      assert.deepEqual(
        (await storage.imports.listUnfinished()).map((record) => record.id),
        ['cut-short', 'running'],
      );

      const finished = anImportRecord({
        id: 'running',
        at: '2025-03-03T08:00:00.000Z',
        status: 'finished',
        finishedAt: '2025-03-03T08:01:00.000Z',
      });
      await storage.imports.update(finished);

      assert.deepEqual(
        (await storage.imports.listUnfinished()).map((record) => record.id),
        ['cut-short'],
      );
      assert.deepEqual((await storage.imports.listRecent(1))[0], finished);
      assert.equal((await storage.imports.listRecent(10)).length, 3);
    });

    it('refuses to update an import record that was never added', async () => {
      await expectConflict(storage.imports.update(anImportRecord({ id: 'never-added' })), 'never-added');
      assert.deepEqual(await storage.imports.listRecent(10), []);
    });

    it('keeps a previewed import apart from the import records, and changes it only at the version read', async () => {
      const pending = aPendingImport();
      const created = await storage.pendingImports.save(pending, null);
      assert.deepEqual(created.value, pending);
      await expectConflict(storage.pendingImports.save(pending, null), pending.id);
      assert.deepEqual(await storage.imports.listRecent(10), []);
      assert.deepEqual(await storage.imports.listUnfinished(), []);

      const applying = await storage.pendingImports.save({ ...pending, status: 'applying' }, created.version);
      assert.notEqual(applying.version, created.version);
      await expectConflict(
        storage.pendingImports.save({ ...pending, status: 'cancelled' }, created.version),
        pending.id,
      );
      const reopened = await track(harness.reopen(storage));
      assert.deepEqual(await reopened.pendingImports.get(pending.id), applying);
      assert.equal(await reopened.pendingImports.get('no-such-preview'), undefined);
    });

    it('answers a health check', async () => {
      await storage.checkHealth();
    });

    it('keeps systems, versions and import records when opened again', async () => {
      const procapita = aCompleteSystem();
      await storage.systems.apply(
        changes({ create: [procapita, aCompleteSystem({ name: 'Visma Window' })] }),
      );
      await storage.imports.add(anImportRecord());
      const stored = await storage.systems.get('procapita');
      assert.ok(stored);
      await storage.close();

      const reopened = await track(harness.reopen(storage));

      assert.deepEqual(await reopened.systems.get('procapita'), stored);
      assert.equal(await reopened.systems.count(), 2);
      assert.deepEqual(await reopened.imports.listRecent(5), [anImportRecord()]);
      await reopened.systems.apply(changes({ replace: [{ value: procapita, version: stored.version }] }));
    });

    describe('reviews', () => {
      it('has no review before one is created', async () => {
        assert.equal(await storage.reviews.get('procapita', 2025), undefined);
        assert.deepEqual(await storage.reviews.listByYear(2025), []);
      });

      it('creates a review and reads it back by system and year, with its version', async () => {
        const review = aReview();

        const saved = await storage.reviews.save(review, null);

        assert.deepEqual(saved.value, review);
        assert.ok(saved.version.length > 0);
        assert.deepEqual(await storage.reviews.get('procapita', 2025), saved);
        assert.equal(await storage.reviews.get('procapita', 2024), undefined);
        assert.equal(await storage.reviews.get('combine2', 2025), undefined);
      });

      it('saves a review at its current version and gives it a new version', async () => {
        const created = await storage.reviews.save(aReview(), null);
        const answered = aCompleteReview({ currentSectionIndex: 2 });

        const saved = await storage.reviews.save(answered, created.version);

        assert.notEqual(saved.version, created.version);
        assert.deepEqual(await storage.reviews.get('procapita', 2025), saved);
        assert.deepEqual(saved.value, answered);
      });

      it('refuses a save at a stale version and keeps the stored review', async () => {
        const created = await storage.reviews.save(aReview(), null);
        const current = await storage.reviews.save(aReview({ currentSectionIndex: 1 }), created.version);

        await expectConflict(
          storage.reviews.save(aCompleteReview({ status: 'submitted' }), created.version),
          'procapita:2025',
        );

        assert.deepEqual(await storage.reviews.get('procapita', 2025), current);
      });

      it('refuses to create a review that exists, and to replace one that does not', async () => {
        const created = await storage.reviews.save(aReview(), null);

        await expectConflict(storage.reviews.save(aCompleteReview(), null), 'procapita:2025');
        await expectConflict(
          storage.reviews.save(aReview({ id: 'w3d3:2025', systemId: 'w3d3' }), created.version),
          'w3d3:2025',
        );

        assert.deepEqual(await storage.reviews.get('procapita', 2025), created);
        assert.equal(await storage.reviews.get('w3d3', 2025), undefined);
      });

      it('lets exactly one of two saves from the same version win, and keeps the winner', async () => {
        const created = await storage.reviews.save(aReview(), null);

        const outcomes = await Promise.allSettled([
          storage.reviews.save(aReview({ currentSectionIndex: 1 }), created.version),
          storage.reviews.save(aReview({ currentSectionIndex: 2 }), created.version),
        ]);

        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        assert.ok(lost[0]?.status === 'rejected' && lost[0].reason instanceof ConcurrencyConflictError);
        const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
        assert.deepEqual(await storage.reviews.get('procapita', 2025), winner);
      });

      it('lists the reviews of one year only', async () => {
        await storage.reviews.save(aReview(), null);
        await storage.reviews.save(aReview({ id: 'w3d3:2025', systemId: 'w3d3', systemName: 'W3D3' }), null);
        await storage.reviews.save(aReview({ id: 'procapita:2024', year: 2024 }), null);
        await storage.reviewDelegates.save(someDelegates(), null);

        const listed = await storage.reviews.listByYear(2025);

        assert.deepEqual(listed.map((stored) => stored.value.id).sort(), ['procapita:2025', 'w3d3:2025']);
        assert.deepEqual(
          (await storage.reviews.listByYear(2024)).map((stored) => stored.value.id),
          ['procapita:2024'],
        );
        assert.deepEqual(await storage.reviews.listByYear(2023), []);
      });

      it('keeps å, ä, ö, é and emoji in answers, comments and actions exactly', async () => {
        const review = aCompleteReview({
          systemName: 'Lärplattform Skolå',
          answers: {
            'management-plan': {
              answer: 'no',
              comment: 'Planen saknas för “förskolorna” 🙂',
              action: {
                what: 'Skriv förvaltningsplan för Ängen',
                who: 'René Ählström',
                dueDate: '2026-02-28',
              },
              answeredBy: { aadObjectId: 'a1', name: 'Örjan Bäck' },
              answeredAt: '2025-11-03T08:00:00.000Z',
            },
          },
        });

        await storage.reviews.save(review, null);

        assert.deepEqual((await storage.reviews.get('procapita', 2025))?.value, review);
      });

      it('keeps a reopened review with its submission history', async () => {
        const by = { aadObjectId: 'a1', name: 'Åsa Öberg' };
        const complete = aCompleteReview();
        const reopened = aCompleteReview({
          status: 'inProgress',
          history: [
            { event: 'submitted', by, at: '2025-11-04T08:00:00.000Z', answers: complete.answers },
            { event: 'reopened', by, at: '2025-11-05T08:00:00.000Z' },
          ],
        });

        await storage.reviews.save(reopened, null);

        assert.deepEqual((await storage.reviews.get('procapita', 2025))?.value, reopened);
      });

      it('keeps reviews, delegates and their versions when opened again', async () => {
        const review = await storage.reviews.save(aCompleteReview(), null);
        const delegates = await storage.reviewDelegates.save(someDelegates(), null);
        await storage.close();

        const reopened = await track(harness.reopen(storage));

        assert.deepEqual(await reopened.reviews.get('procapita', 2025), review);
        assert.deepEqual(await reopened.reviewDelegates.get('procapita', 2025), delegates);
        await reopened.reviews.save(aCompleteReview({ status: 'submitted' }), review.version);
        assert.equal((await reopened.reviews.get('procapita', 2025))?.value.status, 'submitted');
      });

      it('stores delegates per system and year, conditionally, and lists them by year', async () => {
        const created = await storage.reviewDelegates.save(someDelegates(), null);
        await storage.reviewDelegates.save(someDelegates({ year: 2024 }), null);
        await storage.reviews.save(aReview(), null);

        const changed = await storage.reviewDelegates.save(someDelegates({ delegates: [] }), created.version);

        assert.deepEqual(await storage.reviewDelegates.get('procapita', 2025), changed);
        await expectConflict(
          storage.reviewDelegates.save(someDelegates(), created.version),
          'procapita:2025:delegates',
        );
        await expectConflict(storage.reviewDelegates.save(someDelegates(), null), 'procapita:2025:delegates');
        assert.deepEqual(
          (await storage.reviewDelegates.listByYear(2025)).map((stored) => stored.value.id),
          ['procapita:2025:delegates'],
        );
        assert.equal(await storage.reviewDelegates.get('w3d3', 2025), undefined);
      });

      it('does not let a caller change a stored review by changing what it saved or read', async () => {
        const review = aReview();
        const saved = await storage.reviews.save(review, null);
        review.history.push({ event: 'reopened', by: { aadObjectId: 'x', name: 'X' }, at: 'now' });
        saved.value.drafts.organisation = {};
        const read = await storage.reviews.get('procapita', 2025);
        assert.ok(read);
        read.value.currentSectionIndex = 99;

        assert.deepEqual((await storage.reviews.get('procapita', 2025))?.value, aReview());
      });
    });

    describe('follow-up contexts', () => {
      const at = new Date('2026-03-01T10:00:00Z');
      const later = (ms: number) => new Date(at.getTime() + ms);
      // Keys hold Teams ids, with characters Cosmos DB does not allow in ids.
      const key = JSON.stringify(['19:abc/def#g?h@thread.v2', 'a1a1a1a1-0000-4000-8000-000000000001']);

      it('has no context before one is saved', async () => {
        assert.equal(await storage.questionContexts.get(key, at), undefined);
      });

      it('reads back the latest context until it expires, and never after', async () => {
        await storage.questionContexts.save(key, { systemId: 'agresso' }, later(60_000));
        await storage.questionContexts.save(
          key,
          { filter: { businessCritical: true, person: { key: 'anna', name: 'Anna' } } },
          later(60_000),
        );
        assert.deepEqual(await storage.questionContexts.get(key, later(59_999)), {
          filter: { businessCritical: true, person: { key: 'anna', name: 'Anna' } },
        });
        assert.equal(await storage.questionContexts.get(key, later(60_000)), undefined);
        assert.equal(await storage.questionContexts.get(`${key} `, at), undefined);
      });

      it('shares contexts between instances on the same data, and keeps them apart from other records', async () => {
        await storage.questionContexts.save(key, { systemId: 'agresso' }, later(60_000));
        const other = await track(harness.reopen(storage));
        assert.deepEqual(await other.questionContexts.get(key, at), { systemId: 'agresso' });
        assert.deepEqual(await other.conversationReferences.list(), []);
      });
    });

    it('does not let a caller change stored data by changing what it was given', async () => {
      const system = aCompleteSystem();
      await storage.systems.apply(changes({ create: [system] }));
      system.managers.push({ name: 'Efter skrivning' });
      const read = await storage.systems.get('procapita');
      assert.ok(read);
      read.value.managers.push({ name: 'Efter läsning' });

      assert.deepEqual((await storage.systems.get('procapita'))?.value.managers, aCompleteSystem().managers);
    });
  });
}

function byId(a: SystemRecord, b: SystemRecord): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function aPendingImport(overrides: Partial<PendingImport> = {}): PendingImport {
  return {
    id: 'preview-1',
    actorId: 'admin-object-id',
    fileName: 'Systemregister åäö.xlsx',
    fileBase64: Buffer.from('Systemnamn;Ansvarig chef\nProcapita;Åsa Öberg\n').toString('base64'),
    registerFingerprint: 'f'.repeat(64),
    removals: 0,
    massRemoval: false,
    createdAt: '2026-03-01T08:00:00.000Z',
    expiresAt: '2026-03-02T08:00:00.000Z',
    status: 'pending',
    ...overrides,
  };
}
