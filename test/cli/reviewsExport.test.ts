import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import { parseExportArguments, runReviewsExport } from '../../src/cli/reviewsExport';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { aCompleteReview } from '../domain/checklist/checklistMother';
import { runInProcess, runNpmScript, type CommandRun } from '../support/cli';
import { aSystem } from '../support/systemMother';

describe('reviews export command', () => {
  let dir: string;
  let dataDir: string;

  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd?: string): Promise<CommandRun> =>
    runInProcess(runReviewsExport, args, {
      env: { DATA_DIR: dataDir, ...extraEnv },
      ...(cwd ? { cwd } : {}),
    });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'reviews-cli-'));
    dataDir = path.join(dir, 'data');
    const storage = await createLocalStorage(dataDir);
    await storage.systems.apply({
      create: [
        aSystem({ name: 'Procapita', departments: ['Socialförvaltningen'] }),
        aSystem({ name: 'W3D3' }),
      ],
      replace: [],
      remove: [],
    });
    await storage.reviews.save(aCompleteReview({ status: 'submitted' }), null);
    await storage.close();
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the year as CSV to the given file and says how many rows', async () => {
    const out = path.join(dir, 'uppfoljning.csv');

    const result = await run(['--year', '2025', '--format', 'csv', '--out', out]);

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Skrev 20 rader \(2 system\) till .*uppfoljning\.csv/);
    const rows = parse(await readFile(out), { delimiter: ';', bom: true }) as string[][];
    // Procapita's review has its own three questions; W3D3 is not started and gets the 17 of the default.
    assert.equal(rows.length, 1 + 3 + 17);
    assert.equal(rows.filter((row) => row[0] === 'W3D3' && row[11] === 'Ej påbörjad').length, 17);
    assert.equal(rows.filter((row) => row[0] === 'Procapita' && row[11] === 'Inskickad').length, 3);
  });

  it('writes .xlsx by default, with English headers when asked', async () => {
    const out = path.join(dir, 'follow-up.xlsx');

    const result = await run(['--year=2025', '--lang', 'en', '--out', out]);

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Wrote 20 rows/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    assert.equal(workbook.worksheets[0]?.getRow(1).getCell(2).value, 'Department');
    assert.equal(workbook.worksheets[0]?.rowCount, 21);
  });

  it('writes a relative --out into the folder it was started in', async () => {
    const result = await run(['--year', '2025', '--format', 'csv', '--out', 'relativ.csv'], {}, dir);

    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(`till ${path.join(dir, 'relativ.csv')}`), result.stdout);
    assert.equal(
      (parse(await readFile(path.join(dir, 'relativ.csv')), { bom: true, delimiter: ';' }) as unknown[])
        .length,
      21,
    );
  });

  it('runs as `npm run reviews:export` does: storage from the .env file, the file written, the exit code', async function () {
    this.timeout(60_000);
    const envFile = path.join(dir, 'export.env');
    await writeFile(envFile, `DATA_DIR=${dataDir}\n`, 'utf8');
    const out = path.join(dir, 'uppfoljning.csv');
    const args = ['--year', '2025', '--format', 'csv', '--out', out];

    const result = await runNpmScript('reviews:export', args, { DOTENV_CONFIG_PATH: envFile });

    assert.equal(result.code, 0, result.stderr);
    const written = await readFile(out);
    const inProcess = await run(args);
    assert.equal(result.stdout, inProcess.stdout, 'the process prints what the command prints');
    assert.deepEqual(written, await readFile(out), 'and writes the same file');
  });

  it('uses the checklist in CHECKLIST_FILE for systems not started, and refuses a broken one with exit code 2', async () => {
    const broken = path.join(dir, 'checklista.json');
    await writeFile(broken, '{ "id": "trasig" }', 'utf8');

    const result = await run(['--year', '2025', '--out', path.join(dir, 'x.xlsx')], {
      CHECKLIST_FILE: broken,
    });

    assert.equal(result.code, 2);
    assert.match(result.stderr, /checklista\.json cannot be used/);
    assert.match(result.stderr, /sections: is missing/);
  });

  it('reads the arguments', () => {
    assert.deepEqual(parseExportArguments(['--year', '2025']), {
      kind: 'run',
      args: { year: 2025, format: 'xlsx', out: undefined, lang: 'sv', checklist: undefined },
    });
    assert.deepEqual(
      parseExportArguments([
        '--year=2024',
        '--format=csv',
        '--out',
        'a.csv',
        '--lang',
        'en',
        '--checklist',
        'c.json',
      ]),
      {
        kind: 'run',
        args: { year: 2024, format: 'csv', out: 'a.csv', lang: 'en', checklist: 'c.json' },
      },
    );
    assert.deepEqual(parseExportArguments(['--lang', 'en', '--help']), { kind: 'help', lang: 'en' });
    // Without --year the command exports the current follow-up year (test/bot/features/followUpYear.test.ts).
    assert.deepEqual(parseExportArguments([]), {
      kind: 'run',
      args: { year: undefined, format: 'xlsx', out: undefined, lang: 'sv', checklist: undefined },
    });
  });

  it('refuses an odd year, an unknown format and unknown options', () => {
    assert.deepEqual(parseExportArguments(['--year', '1999']), {
      kind: 'invalid',
      lang: 'sv',
      problem: 'badYear',
      params: { year: '1999' },
    });
    assert.deepEqual(parseExportArguments(['--year', '25']), {
      kind: 'invalid',
      lang: 'sv',
      problem: 'badYear',
      params: { year: '25' },
    });
    assert.deepEqual(parseExportArguments(['--year', '2025', '--format', 'pdf']), {
      kind: 'invalid',
      lang: 'sv',
      problem: 'badFormat',
      params: { format: 'pdf' },
    });
    assert.deepEqual(parseExportArguments(['--year', '2025', '--dry-run']), {
      kind: 'invalid',
      lang: 'sv',
      problem: 'unknownOption',
      params: { option: '--dry-run' },
    });
    assert.deepEqual(parseExportArguments(['--year']), {
      kind: 'invalid',
      lang: 'sv',
      problem: 'missingValue',
      params: { option: '--year' },
    });
  });

  it('exits with 2 and the usage for a wrong command', async () => {
    const result = await run(['--format', 'pdf']);

    assert.equal(result.code, 2);
    assert.match(result.stderr, /Användning: npm run reviews:export/);
  });
});
