import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runRegisterImport } from '../../src/cli/registerImport';
import type { Storage } from '../../src/domain/ports';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { aSystemRow, registerCsv } from '../domain/register/registerRows';
import {
  expectedSystems,
  municipalWorkbook,
  registerSheetName,
} from '../infrastructure/registerFile/municipalWorkbook';
import { runInProcess, type CommandRun } from '../support/cli';

describe('register import command with registers as municipalities write them', () => {
  let dir: string;
  let dataDir: string;

  /** Runs the command as npm would from `callerDir` (default the project root), in this process. */
  const run = (args: string[], callerDir?: string): Promise<CommandRun> =>
    runInProcess(runRegisterImport, args, { env: { DATA_DIR: dataDir }, cwd: callerDir });

  const withStorage = async <T>(use: (storage: Storage) => Promise<T>): Promise<T> => {
    const storage = await createLocalStorage(dataDir);
    try {
      return await use(storage);
    } finally {
      await storage.close();
    }
  };

  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'register-forms-cli-'));
    dataDir = path.join(dir, 'data');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports the municipal workbook from its register sheet, with every person as the people named', async () => {
    const file = await write('Systemförteckning.xlsx', await municipalWorkbook());
    const result = await run([file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`bladet "${registerSheetName}", med rubrikerna på rad 4`));
    assert.match(
      result.stdout,
      /bladet "Systemförteckning" rad 8 "Lifecare": Systemansvarig anger ingen \("Vakant"\)/,
    );
    assert.match(
      result.stdout,
      /Ingen att påminna \(2\)[^\n]*\n {2}Lifecare \(rad 8\)\n {2}Combine \(rad 9\)/,
    );
    await withStorage(async (storage) => {
      for (const expected of expectedSystems) {
        const stored = (await storage.systems.get(expected.id))?.value;
        assert.ok(stored, expected.name);
        assert.deepEqual(stored.responsible, expected.responsible, expected.name);
        assert.deepEqual(stored.managers, expected.managers, expected.name);
        assert.deepEqual(stored.administrators, expected.administrators, expected.name);
      }
    });
  });

  it('reads the sheet named with --sheet, and names the sheets when there is no such sheet', async () => {
    const file = await write('Systemförteckning.xlsx', await municipalWorkbook());
    const missing = await run([file, '--sheet', 'Blad1']);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /inget blad som heter "Blad1"\. Bladen i filen: Instruktioner, Systemförteckning/,
    );
    const chosen = await run([file, `--sheet=${registerSheetName}`, '--dry-run']);
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.match(chosen.stdout, /Skulle läggas till \(7\)/);
  });

  it('takes a relative path from the folder the command was run in, and names the full path when it is missing', async () => {
    const callerDir = path.join(dir, 'admin');
    await mkdir(callerDir);
    await writeFile(path.join(callerDir, 'register.csv'), registerCsv([aSystemRow({ name: 'Agresso' })]));
    const found = await run(['register.csv'], callerDir);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /Tillagda \(1\):\n {2}Agresso \(rad 2\)/);

    const missing = await run(['saknas.csv'], callerDir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, new RegExp(`Filen finns inte: ${path.join(callerDir, 'saknas.csv')}`));
  });

  it('refuses a file without an answerer column, naming its columns, unless --no-answerer-column is given', async () => {
    const file = await write('utan-ansvarig.csv', 'Systemnamn;Systemförvaltare\nMikromarc;Anna Berg\n');
    const refused = await run([file]);
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, /saknar en kolumn för den som svarar på den årliga uppföljningen/);
    assert.match(refused.stdout, /Kolumnerna i filen: Systemnamn, Systemförvaltare/);
    assert.match(refused.stdout, /--no-answerer-column/);
    await withStorage(async (storage) => assert.equal(await storage.systems.count(), 0));

    const allowed = await run([file, '--no-answerer-column']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /Ingen att påminna \(1\)[^\n]*\n {2}Mikromarc \(rad 2\)/);
    await withStorage(async (storage) => assert.equal(await storage.systems.count(), 1));
  });

  it('refuses to remove more than a tenth of the register without --allow-removals', async () => {
    const rows = Array.from({ length: 20 }, (_, index) => aSystemRow({ name: `System ${index + 1}` }));
    assert.equal((await run([await write('alla.csv', registerCsv(rows))])).code, 0);
    const three = await write('tre.csv', registerCsv(rows.slice(0, 3)));

    const refused = await run([three]);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /Skulle tas bort \(17\):/);
    assert.match(refused.stdout, /Importen skulle ta bort 17 av registrets 20 system, mer än en tiondel/);
    assert.match(refused.stdout, /--allow-removals/);
    await withStorage(async (storage) => assert.equal(await storage.systems.count(), 20));

    const allowed = await run([three, '--allow-removals']);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /Borttagna \(17\):/);
    await withStorage(async (storage) => assert.equal(await storage.systems.count(), 3));
  });

  it('says an earlier import was left unfinished, and that this one completed the register', async () => {
    const file = await write('register.csv', registerCsv([aSystemRow({ name: 'Agresso' })]));
    await withStorage((storage) =>
      storage.imports.add({
        id: 'cut-short',
        at: '2025-03-01T08:00:00.000Z',
        actor: 'cli:someone',
        fileName: 'gammal.xlsx',
        skipInvalid: false,
        outcome: 'applied',
        status: 'started',
        counts: { rows: 1, added: 1, changed: 0, removed: 0, unchanged: 0, rejected: 0 },
      }),
    );
    const result = await run([file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /En tidigare import avbröts innan den blev klar \(gammal\.xlsx, startad 2025-03-01/,
    );
    assert.match(result.stdout, /registret är helt igen/);
    await withStorage(async (storage) => assert.deepEqual(await storage.imports.listUnfinished(), []));
  });

  it('reports a CSV file named .xlsx as the CSV it is, and imports it', async () => {
    const file = await write('register.xlsx', registerCsv([aSystemRow({ name: 'Agresso' })]));
    const result = await run([file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /heter \.xlsx men är en CSV-textfil, så den lästes som CSV/);
  });

  it('prints names and refused values without terminal escape sequences or direction overrides', async () => {
    const rows = [
      aSystemRow({ name: 'Evil\u001b[2J\u001b]0;pwned\u0007System\u202e' }),
      aSystemRow({ name: 'Mail', responsible: 'Eve <eve@evil.se?subject=hi&body=x\u001b[31m>' }),
    ];
    const result = await run([await write('elak.csv', registerCsv(rows))]);
    assert.equal(result.code, 1);
    assert.doesNotMatch(
      result.stdout + result.stderr,
      // Finding control characters is what this test is for.
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/,
    );
    assert.match(result.stdout, /Evil\[2J\]0;pwnedSystem/);
    assert.match(
      result.stdout,
      /oläslig e-postadress i Systemansvarig: "Eve <eve@evil\.se\?subject=hi&body=x\[31m>"/,
    );
  });
});
