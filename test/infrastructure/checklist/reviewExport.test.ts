import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

import type { Review } from '../../../src/domain/checklist/review';
import type { Storage } from '../../../src/domain/ports';
import {
  exportReviews,
  neutraliseCell,
  type ReviewExportFile,
} from '../../../src/infrastructure/checklist/reviewExport';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { aChecklist, aCompleteReview, aReview } from '../../domain/checklist/checklistMother';
import { aSystem } from '../../support/systemMother';

const swedishHeaders = [
  'System',
  'Förvaltning',
  'Avsnitt',
  'Fråga',
  'Svar',
  'Kommentar',
  'Åtgärd',
  'Ansvarig för åtgärd',
  'Klar senast',
  'Besvarad av',
  'Besvarad',
  'Status',
  'Inskickad',
];

describe('exporting the follow-up results', () => {
  const folders: string[] = [];
  let storage: Storage;

  beforeEach(async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'systemkollen-export-'));
    folders.push(folder);
    storage = await createLocalStorage(folder);
    await storage.systems.apply({
      create: [
        aSystem({ name: 'Procapita', departments: ['Socialförvaltningen'] }),
        aSystem({ name: 'W3D3', departments: ['Kommunledningsförvaltningen'] }),
      ],
      replace: [],
      remove: [],
    });
  });

  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  async function storeReview(review: Review): Promise<void> {
    await storage.reviews.save(review, null);
  }

  const submittedProcapita = () =>
    aCompleteReview({
      status: 'submitted',
      submitted: { by: { aadObjectId: 'a1', name: 'Åsa Öberg' }, at: '2026-02-10T13:30:00.000Z' },
    });

  async function csvRows(
    lang: 'sv' | 'en' = 'sv',
  ): Promise<{ bytes: Buffer; rows: string[][]; fileName: string }> {
    const file = await exportReviews(storage, {
      year: 2025,
      format: 'csv',
      lang,
      checklist: aChecklist(),
      timeZone: 'Europe/Stockholm',
    });
    const rows = parse(file.bytes, { delimiter: ';', bom: true, relax_column_count: false }) as string[][];
    return { bytes: file.bytes, rows, fileName: file.fileName };
  }

  it('writes one row per system and question, systems not started included, ordered by department and name', async () => {
    await storeReview(submittedProcapita());

    const { rows } = await csvRows();

    assert.deepEqual(rows[0], swedishHeaders);
    assert.deepEqual(
      rows.slice(1).map((row) => [row[0], row[1], row[3], row[4], row[11]]),
      [
        ['W3D3', 'Kommunledningsförvaltningen', 'Finns en aktuell förvaltningsplan?', '', 'Ej påbörjad'],
        ['W3D3', 'Kommunledningsförvaltningen', 'Är rollerna utsedda?', '', 'Ej påbörjad'],
        ['W3D3', 'Kommunledningsförvaltningen', 'Har behörigheterna gåtts igenom i år?', '', 'Ej påbörjad'],
        ['Procapita', 'Socialförvaltningen', 'Finns en aktuell förvaltningsplan?', 'Ja', 'Inskickad'],
        ['Procapita', 'Socialförvaltningen', 'Är rollerna utsedda?', 'Delvis', 'Inskickad'],
        ['Procapita', 'Socialförvaltningen', 'Har behörigheterna gåtts igenom i år?', 'Ja', 'Inskickad'],
      ],
    );
  });

  it('gives the comment, the action, who answered and when, in Swedish time', async () => {
    await storeReview(submittedProcapita());

    const { rows } = await csvRows();

    const deviation = rows.find((row) => row[0] === 'Procapita' && row[4] === 'Delvis');
    assert.deepEqual(deviation, [
      'Procapita',
      'Socialförvaltningen',
      'Organisation och roller',
      'Är rollerna utsedda?',
      'Delvis',
      'Förvaltaren slutar i december',
      'Utse ny systemförvaltare',
      'Åsa Öberg',
      '2026-02-01',
      'Åsa Öberg',
      '2025-11-03 09:05',
      'Inskickad',
      '2026-02-10 14:30',
    ]);
  });

  it('writes CSV for Swedish Excel: a byte order mark, semicolons, CRLF, quotes where needed', async () => {
    await storeReview(
      aCompleteReview({
        answers: {
          ...aCompleteReview().answers,
          'management-plan': {
            answer: 'yes',
            comment: 'Plan; se "bilaga"\nrad två',
            answeredBy: { aadObjectId: 'a1', name: 'Åsa Öberg' },
            answeredAt: '2025-11-03T08:05:00.000Z',
          },
        },
      }),
    );

    const { bytes, rows, fileName } = await csvRows();

    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.toString('utf8'), /\r\n/);
    assert.equal(fileName, 'systemkollen-uppfoljning-2025.csv');
    assert.equal(rows.find((row) => row[0] === 'Procapita')?.[5], 'Plan; se "bilaga"\nrad två');
  });

  it('neutralises every cell that a spreadsheet would take for a formula', async () => {
    await storage.systems.apply({
      create: [aSystem({ name: '=Kalkyl', departments: ['+Ekonomi'] })],
      replace: [],
      remove: [],
    });
    await storeReview(
      aCompleteReview({
        answers: {
          ...aCompleteReview().answers,
          'roles-appointed': {
            answer: 'no',
            comment: '=HYPERLINK("http://evil.example","klicka")',
            action: { what: '+1 konto', who: '@admin', dueDate: '2026-02-01' },
            answeredBy: { aadObjectId: 'a1', name: '-Åsa' },
            answeredAt: '2025-11-03T08:05:00.000Z',
          },
          'access-review': {
            answer: 'yes',
            comment: '\tdold',
            answeredBy: { aadObjectId: 'a1', name: '\rÅsa' },
            answeredAt: '2025-11-03T08:05:00.000Z',
          },
        },
      }),
    );

    const { rows } = await csvRows();

    const deviation = rows.find((row) => row[0] === 'Procapita' && row[4] === 'Nej');
    assert.equal(deviation?.[5], `'=HYPERLINK("http://evil.example","klicka")`);
    assert.equal(deviation?.[6], "'+1 konto");
    assert.equal(deviation?.[7], "'@admin");
    assert.equal(deviation?.[9], "'-Åsa");
    const access = rows.find(
      (row) => row[0] === 'Procapita' && row[3] === 'Har behörigheterna gåtts igenom i år?',
    );
    assert.equal(access?.[5], "'\tdold");
    assert.equal(access?.[9], "'\rÅsa");
    const renamed = rows.find((row) => row[0] === "'=Kalkyl");
    assert.equal(renamed?.[1], "'+Ekonomi");
    for (const cell of rows.flat()) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, cell);
  });

  it('leaves ordinary text alone', () => {
    assert.equal(neutraliseCell('Barn- och utbildningsförvaltningen'), 'Barn- och utbildningsförvaltningen');
    assert.equal(neutraliseCell('2026-02-01'), '2026-02-01');
    assert.equal(neutraliseCell(''), '');
  });

  async function xlsxSheet(): Promise<{ file: ReviewExportFile; sheet: ExcelJS.Worksheet }> {
    const file = await exportReviews(storage, {
      year: 2025,
      format: 'xlsx',
      lang: 'sv',
      checklist: aChecklist(),
      timeZone: 'Europe/Stockholm',
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.ok(sheet);
    return { file, sheet };
  }

  /** A cell as the sheet shows it: a date in its number format's shape, anything else as its text. */
  function shown(cell: ExcelJS.Cell): string {
    const value = cell.value;
    if (!(value instanceof Date)) return String(value ?? '');
    const text = value.toISOString();
    return cell.numFmt === 'yyyy-mm-dd' ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)}`;
  }

  it('writes an .xlsx that reads back with the same rows', async () => {
    await storeReview(submittedProcapita());
    const csv = (await csvRows()).rows;

    const { file, sheet } = await xlsxSheet();
    const read: string[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      read.push(Array.from({ length: swedishHeaders.length }, (_, index) => shown(row.getCell(index + 1))));
    });

    assert.equal(file.fileName, 'systemkollen-uppfoljning-2025.xlsx');
    assert.equal(file.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(sheet.name, 'Uppföljning 2025');
    assert.equal(file.rowCount, 6);
    assert.equal(file.systemCount, 2);
    assert.deepEqual(read, csv);
  });

  it('keeps .xlsx text as typed, without the apostrophe CSV needs, and never as a formula', async () => {
    await storeReview(
      aCompleteReview({
        answers: {
          ...aCompleteReview().answers,
          'roles-appointed': {
            answer: 'no',
            comment: '=HYPERLINK("http://evil.example","klicka")',
            action: { what: '+1 konto', who: '@admin', dueDate: '2026-02-01' },
            answeredBy: { aadObjectId: 'a1', name: '-Åsa' },
            answeredAt: '2025-11-03T08:05:00.000Z',
          },
        },
      }),
    );

    const { sheet } = await xlsxSheet();

    let deviation: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(5).value === 'Nej') deviation = row;
    });
    assert.ok(deviation);
    assert.equal(deviation.getCell(6).value, '=HYPERLINK("http://evil.example","klicka")');
    assert.equal(deviation.getCell(6).type, ExcelJS.ValueType.String);
    assert.equal(deviation.getCell(7).value, '+1 konto');
    assert.equal(deviation.getCell(8).value, '@admin');
    assert.equal(deviation.getCell(10).value, '-Åsa');
  });

  it('writes due dates and times in the .xlsx as real dates, in Swedish time', async () => {
    await storeReview(submittedProcapita());

    const { sheet } = await xlsxSheet();

    let deviation: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(5).value === 'Delvis') deviation = row;
    });
    assert.ok(deviation);
    const due = deviation.getCell(9);
    assert.ok(due.value instanceof Date, 'the due date is a date');
    assert.equal(due.value.toISOString(), '2026-02-01T00:00:00.000Z');
    assert.equal(due.numFmt, 'yyyy-mm-dd');
    const answered = deviation.getCell(11);
    assert.ok(answered.value instanceof Date, 'the answer time is a date');
    assert.equal(answered.value.toISOString(), '2025-11-03T09:05:00.000Z');
    assert.equal(answered.numFmt, 'yyyy-mm-dd hh:mm');
    const submitted = deviation.getCell(13);
    assert.ok(submitted.value instanceof Date, 'the submission time is a date');
    assert.equal(shown(submitted), '2026-02-10 14:30');
  });

  it('names its files so that git ignores them where the export command writes them by default', async () => {
    const root = path.resolve(__dirname, '../../..');
    for (const lang of ['sv', 'en'] as const) {
      for (const format of ['xlsx', 'csv'] as const) {
        const file = await exportReviews(storage, {
          year: 2025,
          format,
          lang,
          checklist: aChecklist(),
          timeZone: 'Europe/Stockholm',
        });
        for (const folder of ['', 'docs/']) {
          // check-ignore exits 0 (and names the file) when it is ignored, 1 when it is not.
          const ignored = execFileSync('git', ['check-ignore', '--no-index', `${folder}${file.fileName}`], {
            cwd: root,
            encoding: 'utf8',
          });
          assert.equal(ignored.trim(), `${folder}${file.fileName}`);
        }
      }
    }
  });

  it('writes English headers, answers and statuses with lang en', async () => {
    await storeReview(aReview());

    const { rows, fileName } = await csvRows('en');

    assert.deepEqual(rows[0]?.slice(0, 5), ['System', 'Department', 'Section', 'Question', 'Answer']);
    assert.deepEqual(
      rows
        .slice(1)
        .map((row) => [row[0], row[3], row[11]])
        .slice(0, 4),
      [
        ['W3D3', 'Is there a current management plan?', 'Not started'],
        ['W3D3', 'Are the roles appointed?', 'Not started'],
        ['W3D3', 'Have access rights been reviewed?', 'Not started'],
        ['Procapita', 'Is there a current management plan?', 'In progress'],
      ],
    );
    assert.equal(fileName, 'systemkollen-follow-up-2025.csv');
  });

  it('exports a review with the questions it was answered against, and one whose system left the register', async () => {
    const older = aChecklist({
      id: 'test-2024-1',
      sections: [
        {
          id: 'gammalt',
          title: { sv: 'Gammalt', en: 'Old' },
          questions: [{ id: 'old-question', text: { sv: 'Gammal fråga?', en: 'Old question?' } }],
        },
      ],
    });
    await storeReview(aReview({ checklist: older }));
    await storeReview(
      aReview({ id: 'avvecklat:2025', systemId: 'avvecklat', systemName: 'Avvecklat system' }),
    );

    const { rows } = await csvRows();

    assert.deepEqual(
      rows.filter((row) => row[0] === 'Procapita').map((row) => row[3]),
      ['Gammal fråga?'],
    );
    assert.deepEqual(
      rows.filter((row) => row[0] === 'Avvecklat system').map((row) => [row[1], row[11]]),
      [
        ['(ingen förvaltning)', 'Pågår'],
        ['(ingen förvaltning)', 'Pågår'],
        ['(ingen förvaltning)', 'Pågår'],
      ],
    );
  });

  it('leaves out reviews of other years', async () => {
    await storeReview(aCompleteReview({ id: 'procapita:2024', year: 2024, status: 'submitted' }));

    const { rows } = await csvRows();

    assert.ok(rows.slice(1).every((row) => row[11] === 'Ej påbörjad'));
  });
});
