import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { StorageUnavailableError } from '../../../src/domain/errors';
import type { RegisterChanges, Storage } from '../../../src/domain/ports';
import {
  importRegister,
  planImport,
  removalNeedsConfirmation,
  warnAboutUnfinishedImports,
  type ImportOptions,
} from '../../../src/domain/register/registerImport';
import type { RegisterTable } from '../../../src/domain/register/registerTable';
import { isRetired } from '../../../src/domain/register/system';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { createLogger } from '../../../src/shared/logger';
import { aSystemRow, registerTable } from './registerRows';

const options: ImportOptions = { fileName: 'register.xlsx', actor: 'cli:tester' };

const namedRows = (count: number, prefix = 'System') =>
  Array.from({ length: count }, (_, index) => aSystemRow({ name: `${prefix} ${index + 1}` }));

describe('register import guards', () => {
  describe('the person who answers the follow-up', () => {
    const withoutAnswererColumn: RegisterTable = {
      headers: ['Systemnamn', 'Systemförvaltare', 'Leverantör'],
      rows: [{ line: 2, cells: ['Mikromarc', 'Anna Berg', 'Axiell'] }],
    };

    it('refuses a file without a Systemansvarig or Ansvarig chef column, naming the columns it has', () => {
      const plan = planImport(withoutAnswererColumn, []);
      assert.equal(plan.refusal, 'missing-answerer-column');
      assert.deepEqual(plan.changes.create, []);
      assert.deepEqual(
        [...plan.columns.matched.map((column) => column.header), ...plan.columns.extra],
        ['Systemnamn', 'Systemförvaltare', 'Leverantör'],
      );
    });

    it('imports it when the admin says so, and lists every system as having nobody to answer', () => {
      const plan = planImport(withoutAnswererColumn, [], { allowMissingAnswererColumn: true });
      assert.equal(plan.refusal, undefined);
      assert.equal(plan.changes.create.length, 1);
      assert.deepEqual(plan.withoutAnswerer, [{ id: 'mikromarc', name: 'Mikromarc', line: 2 }]);
    });

    for (const header of ['Ansvarig chef', 'Systemansvarig', 'Chef', 'Ansvarig']) {
      it(`takes "${header}" as the answerer's column`, () => {
        const table: RegisterTable = {
          headers: ['Systemnamn', header],
          rows: [{ line: 2, cells: ['X', 'Bo Ek'] }],
        };
        const plan = planImport(table, []);
        assert.equal(plan.refusal, undefined);
        assert.deepEqual(plan.withoutAnswerer, []);
      });
    }

    it('lists the systems whose answerer cell is empty or vacant, but not a retired one', () => {
      const table: RegisterTable = {
        headers: ['Systemnamn', 'Systemansvarig', 'Ansvarig chef', 'Status'],
        rows: [
          { line: 2, cells: ['A', 'Anna Berg', '', 'I drift'] },
          { line: 3, cells: ['B', '', 'Vakant', ''] },
          { line: 4, cells: ['C', '-', '', 'Avvecklad'] },
          { line: 5, cells: ['D', '', 'Bo Ek', ''] },
        ],
      };
      assert.deepEqual(
        planImport(table, []).withoutAnswerer.map((system) => system.name),
        ['B'],
      );
    });
  });

  describe('column names from Swedish practice', () => {
    it('reads Objektägare, Förvaltningsledare/Objektledare and Status', () => {
      const table: RegisterTable = {
        headers: ['Systemnamn', 'Objektägare', 'Förvaltningsledare/Objektledare', 'Systemansvarig', 'Status'],
        rows: [{ line: 2, cells: ['Procapita', 'Socialnämnden', 'Lund, Kim', 'Öberg, Åsa', 'I drift'] }],
      };
      const [record] = planImport(table, []).changes.create;
      assert.equal(record?.owner, 'Socialnämnden');
      assert.deepEqual(record?.managers, [{ name: 'Kim Lund' }]);
      assert.deepEqual(record?.responsible, { name: 'Åsa Öberg' });
      assert.equal(record?.status, 'I drift');
    });

    it('takes the Förvaltningsobjekt as the name when the file has no system-name column', () => {
      const table: RegisterTable = {
        headers: ['Förvaltningsobjekt', 'Objektledare', 'Systemansvarig'],
        rows: [{ line: 2, cells: ['Ekonomi', 'Bo Ek', 'Anna Berg'] }],
      };
      const plan = planImport(table, []);
      assert.equal(plan.refusal, undefined);
      assert.equal(plan.changes.create[0]?.name, 'Ekonomi');
    });

    it('reads a retired status as retired, and a retirement to come as still in use', () => {
      for (const status of ['Avvecklad', 'avvecklat 2023', 'Ur drift', 'Utfasad', 'Retired']) {
        assert.equal(isRetired({ status }), true, status);
      }
      for (const status of ['I drift', 'Under avveckling', 'Avvecklas 2026', 'Planerad avveckling', '']) {
        assert.equal(isRetired({ status }), false, status);
      }
      assert.equal(isRetired({}), false);
    });
  });

  describe('mass removal', () => {
    let dataDir: string;
    let storage: Storage;

    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'register-guards-'));
      storage = await createLocalStorage(dataDir);
      await importRegister({ storage }, registerTable(namedRows(20)), options);
    });

    afterEach(async () => {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('needs confirmation above a tenth of the register, and not for one system', () => {
      assert.equal(removalNeedsConfirmation(2, 20), false);
      assert.equal(removalNeedsConfirmation(3, 20), true);
      assert.equal(removalNeedsConfirmation(1, 3), false);
      assert.equal(removalNeedsConfirmation(19_947, 19_950), true);
    });

    it('refuses a file that would remove more than a tenth of the systems, writes nothing and says how many', async () => {
      const before = await storage.systems.list();
      const report = await importRegister({ storage }, registerTable(namedRows(3)), options);
      assert.equal(report.refusal, 'mass-removal');
      assert.equal(report.outcome, 'refused');
      assert.equal(report.written, false);
      assert.equal(report.removed.length, 17);
      assert.equal(report.registered, 20);
      assert.deepEqual(await storage.systems.list(), before);
      assert.equal((await storage.imports.listRecent(1))[0]?.outcome, 'refused');
    });

    it('removes them when the admin allows removals', async () => {
      const report = await importRegister({ storage }, registerTable(namedRows(3)), {
        ...options,
        allowRemovals: true,
      });
      assert.equal(report.outcome, 'applied');
      assert.equal(await storage.systems.count(), 3);
    });

    it('removes them when the admin confirmed exactly that count, and refuses when the count differs', async () => {
      const wrong = await importRegister({ storage }, registerTable(namedRows(3)), {
        ...options,
        allowRemovals: 16,
      });
      assert.equal(wrong.refusal, 'mass-removal');
      assert.equal(await storage.systems.count(), 20);
      const right = await importRegister({ storage }, registerTable(namedRows(3)), {
        ...options,
        allowRemovals: 17,
      });
      assert.equal(right.outcome, 'applied');
      assert.equal(await storage.systems.count(), 3);
    });

    it('lets a file remove up to a tenth without asking', async () => {
      const report = await importRegister({ storage }, registerTable(namedRows(18)), options);
      assert.equal(report.outcome, 'applied');
      assert.equal(report.removed.length, 2);
    });
  });

  describe('an import cut short', () => {
    let dataDir: string;
    let storage: Storage;
    let ids: number;
    const deps = () => ({
      storage,
      now: () => new Date('2025-03-01T08:00:00.000Z'),
      newId: () => `import-${++ids}`,
    });

    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'register-crash-'));
      storage = await createLocalStorage(dataDir);
      ids = 0;
      await importRegister(deps(), registerTable(namedRows(10, 'Gammal')), options);
    });

    afterEach(async () => {
      sinon.restore();
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    /** Writes the creates of the batch, then fails as a Cosmos DB batch cut short by an outage does. */
    const crashAfterCreates = () => {
      const apply = storage.systems.apply.bind(storage.systems);
      sinon.stub(storage.systems, 'apply').callsFake(async (changes: RegisterChanges) => {
        await apply({ create: changes.create, replace: [], remove: [] });
        throw new StorageUnavailableError('systems.apply');
      });
    };

    const newFile = () => registerTable(namedRows(10, 'Ny'));

    it('leaves a started record behind, which the next import reports and completes', async () => {
      crashAfterCreates();
      await assert.rejects(
        importRegister(deps(), newFile(), { ...options, allowRemovals: true }),
        StorageUnavailableError,
      );
      sinon.restore();
      assert.equal(await storage.systems.count(), 20, 'old and new systems are mixed');
      const [cutShort] = await storage.imports.listUnfinished();
      assert.equal(cutShort?.id, 'import-2');
      assert.equal(cutShort?.status, 'started');

      const dryRun = await importRegister(deps(), newFile(), {
        ...options,
        dryRun: true,
        allowRemovals: true,
      });
      assert.deepEqual(
        dryRun.unfinished.map((record) => record.id),
        ['import-2'],
      );
      assert.equal((await storage.imports.listUnfinished()).length, 1, 'a dry run completes nothing');

      const again = await importRegister(deps(), newFile(), { ...options, allowRemovals: true });
      assert.equal(again.outcome, 'applied');
      assert.deepEqual(
        again.unfinished.map((record) => record.id),
        ['import-2'],
      );
      assert.deepEqual(
        (await storage.systems.list()).map((system) => system.value.name).sort(),
        namedRows(10, 'Ny')
          .map((row) => row.name)
          .sort(),
      );
      assert.deepEqual(await storage.imports.listUnfinished(), []);
      const records = await storage.imports.listRecent(10);
      const completed = records.find((record) => record.id === 'import-2');
      assert.equal(completed?.status, 'interrupted');
      assert.equal(completed?.completedBy, again.record?.id);
      assert.equal(records.find((record) => record.id === again.record?.id)?.status, 'finished');
    });

    it('records an import as started before its first write', async () => {
      const statuses: (string | undefined)[] = [];
      const apply = storage.systems.apply.bind(storage.systems);
      sinon.stub(storage.systems, 'apply').callsFake(async (changes: RegisterChanges) => {
        statuses.push((await storage.imports.listRecent(1))[0]?.status);
        await apply(changes);
      });
      await importRegister(deps(), newFile(), { ...options, allowRemovals: true });
      assert.deepEqual(statuses, ['started']);
      assert.equal((await storage.imports.listRecent(1))[0]?.status, 'finished');
    });

    it('warns at start about an unfinished import, with its id and no names', async () => {
      crashAfterCreates();
      await assert.rejects(importRegister(deps(), newFile(), { ...options, allowRemovals: true }));
      sinon.restore();
      const lines: string[] = [];
      const unfinished = await warnAboutUnfinishedImports(
        storage,
        createLogger({ level: 'warn', sink: (line) => lines.push(line) }),
      );
      assert.deepEqual(
        unfinished.map((record) => record.id),
        ['import-2'],
      );
      assert.equal(lines.length, 1);
      const logged = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
      assert.equal(logged.event, 'register.import.unfinished');
      assert.equal(logged.importId, 'import-2');
      assert.doesNotMatch(lines[0] ?? '', /register\.xlsx|Ny 1|cli:tester/);
    });
  });
});
