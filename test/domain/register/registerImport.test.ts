import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConcurrencyConflictError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/domain/ports';
import { importRegister, planImport, type ImportOptions } from '../../../src/domain/register/registerImport';
import type { RegisterTable } from '../../../src/domain/register/registerTable';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { aSystemRow, registerTable, swedishHeaders } from './registerRows';

const options: ImportOptions = { fileName: '/home/admin/Register 2024.csv', actor: 'cli:tester' };

describe('register import', () => {
  describe('planning (rows to records)', () => {
    it('reads a valid row into a system record', () => {
      const plan = planImport(
        registerTable([
          aSystemRow({
            name: ' Procapita  VoO ',
            department: 'Socialförvaltningen, Barn- och utbildningsförvaltningen',
            managers: 'Anna Bergström <Anna.Bergstrom@exempelkommun.se>; Göran Nyström',
            pilots: 'Sara Holm',
            chief: 'Maria Sundberg <maria.sundberg@exempelkommun.se>',
            users: '1 200',
            critical: 'Ja',
            goLive: '1/2/2011',
          }),
        ]),
        [],
      );
      assert.deepEqual(plan.changes.create, [
        {
          id: 'procapita-voo',
          name: 'Procapita VoO',
          departments: ['Socialförvaltningen', 'Barn- och utbildningsförvaltningen'],
          unit: 'Vård och omsorg',
          description: 'Dokumentation inom vård och omsorg',
          owner: 'Socialnämnden',
          responsible: { name: 'Maria Sundberg', email: 'maria.sundberg@exempelkommun.se' },
          managers: [
            { name: 'Anna Bergström', email: 'anna.bergstrom@exempelkommun.se' },
            { name: 'Göran Nyström' },
          ],
          administrators: [{ name: 'Märta Löfgren', email: 'marta.lofgren@exempelkommun.se' }],
          pilots: [{ name: 'Sara Holm' }],
          responsibleChief: { name: 'Maria Sundberg', email: 'maria.sundberg@exempelkommun.se' },
          userCount: 1200,
          businessCritical: true,
          goLiveDate: '2011-02-01',
          informationClass: 'K3 R3 T2',
          extra: { Leverantör: 'CGI' },
        },
      ]);
    });

    it('reads a file with English headers the same way', () => {
      const english = {
        department: 'Department',
        unit: 'Unit',
        name: 'System name',
        description: 'Description',
        owner: 'System owner',
        responsible: 'Responsible',
        managers: 'System manager(s)',
        administrators: 'Administrator(s)',
        pilots: 'Pilot(s)/Super users',
        chief: 'Responsible manager/chief',
        users: 'Number of users',
        critical: 'Business critical',
        goLive: 'Go-live date',
        infoClass: 'Information class',
        supplier: 'Supplier',
      };
      const row = aSystemRow({ name: 'Office 365', chief: 'Tomas Berg', critical: 'Yes' });
      const swedish = planImport(registerTable([row]), []).changes.create[0];
      const fromEnglish = planImport(registerTable([row], english), []).changes.create[0];
      assert.deepEqual(fromEnglish, { ...swedish, extra: { Supplier: 'CGI' } });
    });

    it('leaves out the optional facts a row does not give', () => {
      const [record] = planImport(
        registerTable([
          aSystemRow({ responsible: '', chief: '', users: '', critical: '', goLive: '', infoClass: '' }),
        ]),
        [],
      ).changes.create;
      assert.ok(record);
      for (const key of ['responsible', 'responsibleChief', 'userCount', 'businessCritical', 'goLiveDate']) {
        assert.equal(key in record, false, key);
      }
    });

    it('rejects a row without a system name, naming its line', () => {
      const plan = planImport(registerTable([aSystemRow(), aSystemRow({ name: '  ' })]), []);
      assert.deepEqual(plan.rejected, [{ line: 3, name: '', reasons: [{ code: 'missing-name' }] }]);
    });

    it('rejects a name without letters or digits', () => {
      const plan = planImport(registerTable([aSystemRow({ name: '–' })]), []);
      assert.deepEqual(plan.rejected[0]?.reasons, [{ code: 'unusable-name', value: '–' }]);
    });

    it('rejects every row of a duplicated name, each naming the other lines', () => {
      const plan = planImport(
        registerTable([
          aSystemRow({ name: 'Office 365' }),
          aSystemRow({ name: 'Agresso' }),
          aSystemRow({ name: 'office  365' }),
          aSystemRow({ name: 'OFFICE-365', users: 'många' }),
        ]),
        [],
      );
      assert.deepEqual(
        plan.rejected.map((row) => ({ line: row.line, reasons: row.reasons })),
        [
          { line: 2, reasons: [{ code: 'duplicate-name', otherLines: [4, 5] }] },
          { line: 4, reasons: [{ code: 'duplicate-name', otherLines: [2, 5] }] },
          {
            line: 5,
            reasons: [
              { code: 'duplicate-name', otherLines: [2, 4] },
              { code: 'invalid-user-count', value: 'många' },
            ],
          },
        ],
      );
      assert.deepEqual(
        plan.added.map((system) => system.name),
        ['Agresso'],
      );
    });

    it('does not take systems sharing a prefix for duplicates', () => {
      const plan = planImport(
        registerTable([aSystemRow({ name: 'Agresso' }), aSystemRow({ name: 'Agresso Ekonomi' })]),
        [],
      );
      assert.deepEqual(plan.rejected, []);
      assert.equal(plan.added.length, 2);
    });

    it('rejects an unreadable e-mail, an impossible date, a non-numeric user count and an unreadable yes/no', () => {
      const plan = planImport(
        registerTable([
          aSystemRow({ name: 'A', managers: 'Göran Nyström <goran.nystrom@exempelkommun>' }),
          aSystemRow({ name: 'B', goLive: '2023-02-30' }),
          aSystemRow({ name: 'C', users: 'ca 200' }),
          aSystemRow({ name: 'D', critical: 'Kanske' }),
        ]),
        [],
      );
      assert.deepEqual(
        plan.rejected.map((row) => [row.line, row.name, row.reasons]),
        [
          [
            2,
            'A',
            [
              {
                code: 'invalid-email',
                field: 'managers',
                value: 'Göran Nyström <goran.nystrom@exempelkommun>',
              },
            ],
          ],
          [3, 'B', [{ code: 'invalid-date', value: '2023-02-30' }]],
          [4, 'C', [{ code: 'invalid-user-count', value: 'ca 200' }]],
          [5, 'D', [{ code: 'invalid-yes-no', value: 'Kanske' }]],
        ],
      );
      assert.equal(plan.refusal, 'rejected-rows');
    });

    it('keeps the first of several people in the one-person Systemansvarig column, the whole cell in extra, and warns', () => {
      const cell =
        'Maria Sundberg <maria.sundberg@exempelkommun.se>, Leila Karimi <leila.karimi@exempelkommun.se>';
      const plan = planImport(registerTable([aSystemRow({ name: 'Viva', responsible: cell })]), []);
      const [record] = plan.changes.create;
      assert.deepEqual(record?.responsible, {
        name: 'Maria Sundberg',
        email: 'maria.sundberg@exempelkommun.se',
      });
      assert.equal(record?.extra.Systemansvarig, cell);
      assert.deepEqual(plan.warnings, [
        {
          line: 2,
          name: 'Viva',
          warning: {
            code: 'several-people-in-one-person-column',
            field: 'responsible',
            header: 'Systemansvarig',
            count: 2,
          },
        },
      ]);
      assert.equal(plan.refusal, undefined);
    });

    it('skips a completely blank row silently, without counting it', () => {
      const table = registerTable([aSystemRow({ name: 'A' }), aSystemRow({ name: 'B' })]);
      table.rows.splice(1, 0, { line: 3, cells: ['', ' ', ''] });
      const plan = planImport(table, []);
      assert.equal(plan.rows, 2);
      assert.deepEqual(plan.rejected, []);
      assert.equal(plan.added.length, 2);
    });

    it('keeps every unknown column as an extra fact keyed by its original header', () => {
      const table: RegisterTable = {
        headers: ['Systemnamn', 'Leverantör', 'Avtal löper ut'],
        rows: [{ line: 2, cells: ['Mikromarc', 'Bibliotekscentrum', '2026-06-30'] }],
      };
      const plan = planImport(table, [], { allowMissingAnswererColumn: true });
      assert.deepEqual(plan.changes.create[0]?.extra, {
        Leverantör: 'Bibliotekscentrum',
        'Avtal löper ut': '2026-06-30',
      });
      assert.deepEqual(plan.columns.extra, ['Leverantör', 'Avtal löper ut']);
    });

    it('reads the other names of a system from an "Även kallat" column, leaving out the name itself', () => {
      const table: RegisterTable = {
        headers: ['Systemnamn', 'Även kallat'],
        rows: [
          { line: 2, cells: ['Active Directory', 'AD, active-directory; Katalogtjänsten, AD'] },
          { line: 3, cells: ['Mikromarc', ''] },
        ],
      };
      const [withAliases, without] = planImport(table, [], { allowMissingAnswererColumn: true }).changes
        .create;
      assert.deepEqual(withAliases?.aliases, ['AD', 'Katalogtjänsten']);
      assert.equal(without !== undefined && 'aliases' in without, false, 'no empty list is stored');
    });

    it('refuses a file without a system-name column as a whole', () => {
      const table: RegisterTable = {
        headers: ['Förvaltning', 'Beskrivning'],
        rows: [{ line: 2, cells: ['X', 'Y'] }],
      };
      const plan = planImport(table, []);
      assert.equal(plan.refusal, 'missing-name-column');
      assert.deepEqual(plan.changes, { create: [], replace: [], remove: [] });
    });

    it('refuses a file without rows rather than emptying the register', () => {
      const plan = planImport({ headers: Object.values(swedishHeaders), rows: [] }, []);
      assert.equal(plan.refusal, 'no-rows');
    });
  });

  describe('against storage', () => {
    let dataDir: string;
    let storage: Storage;
    let ids: number;
    const deps = () => ({
      storage,
      now: () => new Date('2025-03-01T08:00:00.000Z'),
      newId: () => `import-${++ids}`,
    });

    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'register-import-'));
      storage = await createLocalStorage(dataDir);
      ids = 0;
    });

    afterEach(async () => {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    const rows = () => [
      aSystemRow({ name: 'Agresso', supplier: 'Unit4' }),
      aSystemRow({ name: 'Agresso Ekonomi' }),
      aSystemRow({ name: 'W3D3' }),
    ];

    it('adds every system to an empty register and records the import', async () => {
      const report = await importRegister(deps(), registerTable(rows()), options);
      assert.equal(report.outcome, 'applied');
      assert.equal(report.written, true);
      assert.deepEqual(
        report.added.map((system) => [system.id, system.line]),
        [
          ['agresso', 2],
          ['agresso-ekonomi', 3],
          ['w3d3', 4],
        ],
      );
      assert.equal(await storage.systems.count(), 3);
      assert.deepEqual(await storage.imports.listRecent(5), [
        {
          id: 'import-1',
          at: '2025-03-01T08:00:00.000Z',
          actor: 'cli:tester',
          fileName: 'Register 2024.csv',
          skipInvalid: false,
          outcome: 'applied',
          status: 'finished',
          finishedAt: '2025-03-01T08:00:00.000Z',
          counts: { rows: 3, added: 3, changed: 0, removed: 0, unchanged: 0, rejected: 0 },
        },
      ]);
    });

    it('changes nothing when the same file is imported again', async () => {
      await importRegister(deps(), registerTable(rows()), options);
      const before = await storage.systems.list();
      const report = await importRegister(deps(), registerTable(rows()), options);
      assert.deepEqual(
        [report.added.length, report.changed.length, report.removed.length, report.unchanged.length],
        [0, 0, 0, 3],
      );
      assert.equal(report.written, false);
      assert.deepEqual(await storage.systems.list(), before);
      assert.equal((await storage.imports.listRecent(5)).length, 2);
    });

    it('reports which fields of a system changed, extra columns included', async () => {
      await importRegister(deps(), registerTable(rows()), options);
      const changedRows = rows();
      changedRows[0] = {
        ...changedRows[0]!,
        responsible: 'Karin Holmberg',
        supplier: 'Unit4 AB',
        users: '500',
      };
      const report = await importRegister(deps(), registerTable(changedRows), options);
      assert.deepEqual(report.changed, [
        {
          id: 'agresso',
          name: 'Agresso',
          line: 2,
          fields: ['responsible', 'userCount'],
          extraColumns: ['Leverantör'],
        },
      ]);
      assert.deepEqual((await storage.systems.get('agresso'))?.value.responsible, { name: 'Karin Holmberg' });
      assert.equal((await storage.systems.get('agresso'))?.value.extra.Leverantör, 'Unit4 AB');
    });

    it('removes the systems a clean file no longer lists, and reports them', async () => {
      await importRegister(deps(), registerTable(rows()), options);
      const report = await importRegister(deps(), registerTable(rows().slice(0, 2)), options);
      assert.deepEqual(report.removed, [{ id: 'w3d3', name: 'W3D3' }]);
      assert.equal(await storage.systems.get('w3d3'), undefined);
      assert.equal((await storage.imports.listRecent(1))[0]?.counts.removed, 1);
    });

    it('writes nothing from a file with rejected rows, records the refusal and keeps absent systems', async () => {
      await importRegister(deps(), registerTable(rows()), options);
      const before = await storage.systems.list();
      const next = [aSystemRow({ name: 'Agresso', users: 'ett tusen' }), aSystemRow({ name: 'Nytt system' })];
      const report = await importRegister(deps(), registerTable(next), options);
      assert.equal(report.outcome, 'refused');
      assert.equal(report.refusal, 'rejected-rows');
      assert.equal(report.written, false);
      assert.deepEqual(report.removed, []);
      assert.deepEqual(
        report.keptAbsent.map((system) => system.id),
        ['agresso-ekonomi', 'w3d3'],
      );
      assert.deepEqual(await storage.systems.list(), before);
      const [record] = await storage.imports.listRecent(1);
      assert.equal(record?.outcome, 'refused');
      assert.deepEqual(record?.counts, {
        rows: 2,
        added: 0,
        changed: 0,
        removed: 0,
        unchanged: 0,
        rejected: 1,
      });
    });

    it('with skip-invalid writes the valid rows, keeps the previous version of rejected systems and removes nothing', async () => {
      await importRegister(deps(), registerTable(rows()), options);
      const agressoBefore = await storage.systems.get('agresso');
      const next = [
        aSystemRow({ name: 'Agresso', goLive: '2021-02-30', supplier: 'Någon annan' }),
        aSystemRow({ name: 'Agresso Ekonomi', description: 'Budget och prognos' }),
        aSystemRow({ name: 'Nytt system' }),
      ];
      const report = await importRegister(deps(), registerTable(next), { ...options, skipInvalid: true });
      assert.equal(report.outcome, 'applied');
      assert.deepEqual(
        report.rejected.map((row) => row.line),
        [2],
      );
      assert.deepEqual(
        report.changed.map((system) => system.id),
        ['agresso-ekonomi'],
      );
      assert.deepEqual(
        report.added.map((system) => system.id),
        ['nytt-system'],
      );
      assert.deepEqual(
        report.keptAbsent.map((system) => system.id),
        ['w3d3'],
      );
      assert.deepEqual(await storage.systems.get('agresso'), agressoBefore);
      assert.ok(await storage.systems.get('w3d3'));
      assert.equal((await storage.systems.get('agresso-ekonomi'))?.value.description, 'Budget och prognos');
      const [record] = await storage.imports.listRecent(1);
      assert.equal(record?.skipInvalid, true);
      assert.equal(record?.counts.rejected, 1);
    });

    it('writes nothing and records nothing on a dry run, but reports the same', async () => {
      const dry = await importRegister(deps(), registerTable(rows()), { ...options, dryRun: true });
      assert.equal(dry.outcome, 'applied');
      assert.equal(dry.written, false);
      assert.equal(dry.record, undefined);
      assert.equal(dry.added.length, 3);
      assert.equal(await storage.systems.count(), 0);
      assert.deepEqual(await storage.imports.listRecent(5), []);
    });

    it('fails with a concurrency conflict when the register changes during the import, and converges when run again', async () => {
      await importRegister(deps(), registerTable(rows()), options);
      const changed = rows().map((row) => ({ ...row, description: 'Ny beskrivning' }));
      // Someone edits W3D3 between the import reading the register and writing to it.
      const racing: Storage = {
        ...storage,
        systems: {
          ...storage.systems,
          list: async () => {
            const read = await storage.systems.list();
            const w3d3 = await storage.systems.get('w3d3');
            assert.ok(w3d3);
            await storage.systems.apply({
              create: [],
              replace: [{ value: { ...w3d3.value, unit: 'Kansliet' }, version: w3d3.version }],
              remove: [],
            });
            return read;
          },
        },
      };
      await assert.rejects(
        importRegister({ ...deps(), storage: racing }, registerTable(changed), options),
        ConcurrencyConflictError,
      );
      const again = await importRegister(deps(), registerTable(changed), options);
      assert.equal(again.outcome, 'applied');
      const stored = await storage.systems.list();
      assert.deepEqual(
        stored.map((system) => [system.value.description, system.value.unit]),
        [
          ['Ny beskrivning', 'Vård och omsorg'],
          ['Ny beskrivning', 'Vård och omsorg'],
          ['Ny beskrivning', 'Vård och omsorg'],
        ],
      );
    });
  });
});
