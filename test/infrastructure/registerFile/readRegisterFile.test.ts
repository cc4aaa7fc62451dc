import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { planImport } from '../../../src/domain/register/registerImport';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import { RegisterFileError } from '../../../src/infrastructure/registerFile/registerFileError';
import { aSystemRow, registerCsv } from '../../domain/register/registerRows';

const csv = (text: string, fileName = 'register.csv') =>
  readRegisterFile({ fileName, bytes: Buffer.from(text, 'utf8') });

describe('reading a register file', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'register-file-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('CSV', () => {
    for (const [label, separator] of [
      ['semicolon', ';'],
      ['comma', ','],
      ['tab', '\t'],
    ] as const) {
      it(`detects a ${label} separator`, async () => {
        const rows = [aSystemRow({ name: 'Agresso Ekonomi', description: 'Budget, prognos; uppföljning' })];
        const table = await csv(registerCsv(rows, separator));
        assert.equal(table.headers[2], 'IT-systemets namn');
        assert.equal(table.headers.length, 15);
        assert.equal(table.rows[0]?.cells[2], 'Agresso Ekonomi');
        assert.equal(table.rows[0]?.cells[3], 'Budget, prognos; uppföljning');
      });
    }

    it('reads UTF-8 with a byte order mark without letting it into the first header', async () => {
      const bytes = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('Förvaltning;System\nKontoret;Öppna data\n'),
      ]);
      const table = await readRegisterFile({ fileName: 'r.csv', bytes });
      assert.deepEqual(table.headers, ['Förvaltning', 'System']);
      assert.deepEqual(table.rows[0]?.cells, ['Kontoret', 'Öppna data']);
    });

    it('reads Windows-1252 as Excel writes it on Swedish Windows', async () => {
      // "Förvaltning;System\r\nSocialförvaltningen;René Åström\r\n" in Windows-1252: ö = F6, é = E9, Å = C5.
      const bytes = Buffer.concat([
        Buffer.from('F'),
        Buffer.from([0xf6]),
        Buffer.from('rvaltning;System\r\nSocialf'),
        Buffer.from([0xf6]),
        Buffer.from('rvaltningen;Ren'),
        Buffer.from([0xe9, 0x20, 0xc5]),
        Buffer.from('str'),
        Buffer.from([0xf6]),
        Buffer.from('m\r\n'),
      ]);
      const table = await readRegisterFile({ fileName: 'r.csv', bytes });
      assert.deepEqual(table.headers, ['Förvaltning', 'System']);
      assert.deepEqual(table.rows[0]?.cells, ['Socialförvaltningen', 'René Åström']);
    });

    it('reads UTF-16 "Unicode text" with tabs', async () => {
      const bytes = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('Systemnamn\tÄgare\r\nW3D3\tKommunstyrelsen\r\n', 'utf16le'),
      ]);
      const table = await readRegisterFile({ fileName: 'r.txt', bytes });
      assert.deepEqual(table.headers, ['Systemnamn', 'Ägare']);
      assert.deepEqual(table.rows[0]?.cells, ['W3D3', 'Kommunstyrelsen']);
    });

    it('keeps quoted separators and line breaks inside fields and numbers rows by the file line they start on', async () => {
      const text = [
        'System;Beskrivning;Systemförvaltare',
        'Agresso;"Ekonomi; redovisning";Jörgen Häggström',
        'Procapita VoO;"Vård och omsorg.',
        'Hemtjänst och',
        'särskilt boende.";"Anna Bergström, Göran Nyström"',
        '',
        'W3D3;"Diarium ""W3D3""";Sofia Dahl',
      ].join('\r\n');
      const table = await csv(text);
      assert.deepEqual(
        table.rows.map((row) => [row.line, row.cells[0]]),
        [
          [2, 'Agresso'],
          [3, 'Procapita VoO'],
          [6, ''],
          [7, 'W3D3'],
        ],
      );
      assert.equal(table.rows[0]?.cells[1], 'Ekonomi; redovisning');
      assert.equal(table.rows[1]?.cells[1], 'Vård och omsorg.\nHemtjänst och\nsärskilt boende.');
      assert.equal(table.rows[3]?.cells[1], 'Diarium "W3D3"');
    });

    it('names the right line for a row rejected after a multi-line field', async () => {
      const text = 'System;Beskrivning;Antal användare\nA;"rad ett\nrad två";10\nB;kort;många\n';
      const plan = planImport(await csv(text), [], { allowMissingAnswererColumn: true });
      assert.deepEqual(
        plan.rejected.map((row) => [row.line, row.name]),
        [[4, 'B']],
      );
    });

    it('honours an Excel "sep=" line and keeps counting file lines', async () => {
      const table = await csv('sep=,\nSystem,Beskrivning\nCombine2,"Avgifter; förskola"\n');
      assert.deepEqual(table.headers, ['System', 'Beskrivning']);
      assert.deepEqual(table.rows, [{ line: 3, cells: ['Combine2', 'Avgifter; förskola'] }]);
    });

    it('refuses a quote that is never closed, naming a line', async () => {
      const error = await csv('System;Beskrivning\nA;"öppen\nB;x\n').then(
        () => assert.fail('expected a RegisterFileError'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof RegisterFileError);
      assert.equal(error.code, 'invalid-csv');
      assert.equal(typeof error.line, 'number');
    });

    it('tolerates a stray quote inside an unquoted field', async () => {
      const table = await csv('System;Beskrivning\nOffice 365;Kallas "O365" av många\n');
      assert.equal(table.rows[0]?.cells[1], 'Kallas "O365" av många');
    });
  });

  describe('xlsx', () => {
    it('reads the first sheet with sheet row numbers, date cells as ISO dates and number cells as digits', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Systemregister');
      sheet.addRow([
        'Förvaltning',
        'IT-systemets namn',
        'Systemansvarig',
        'Antal användare',
        'Driftsättningsdatum',
        'Verksamhetskritiskt (Ja/Nej)',
        'Leverantör',
      ]);
      sheet.addRow([
        'Socialförvaltningen',
        'Procapita VoO',
        'Maria Sundberg',
        650,
        new Date(Date.UTC(2011, 1, 1)),
        'Ja',
        'CGI',
      ]);
      sheet.addRow([]);
      sheet.addRow([
        'Kommunledningsförvaltningen',
        { richText: [{ text: 'Office ' }, { font: { bold: true }, text: '365' }] },
        { text: 'tomas.berg@exempelkommun.se', hyperlink: 'mailto:tomas.berg@exempelkommun.se' },
        3400,
        '2018-10-01',
        true,
        null,
      ]);
      const file = path.join(dir, 'register.xlsx');
      await workbook.xlsx.writeFile(file);

      const table = await readRegisterFile(file);
      assert.equal(table.headers[1], 'IT-systemets namn');
      assert.deepEqual(table.rows, [
        {
          line: 2,
          cells: ['Socialförvaltningen', 'Procapita VoO', 'Maria Sundberg', '650', '2011-02-01', 'Ja', 'CGI'],
        },
        {
          line: 4,
          cells: [
            'Kommunledningsförvaltningen',
            'Office 365',
            'tomas.berg@exempelkommun.se',
            '3400',
            '2018-10-01',
            'Ja',
          ],
        },
      ]);

      const plan = planImport(table, []);
      assert.deepEqual(plan.rejected, []);
      const voo = plan.changes.create.find((system) => system.id === 'procapita-voo');
      assert.equal(voo?.goLiveDate, '2011-02-01');
      assert.equal(voo?.userCount, 650);
      assert.deepEqual(voo?.extra, { Leverantör: 'CGI' });
    });

    it('recognises an xlsx by its content even when the name says otherwise', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Blad1').addRow(['System']).commit();
      workbook.getWorksheet('Blad1')?.addRow(['W3D3']);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const table = await readRegisterFile({ fileName: 'export.csv', bytes });
      assert.deepEqual(table, {
        headers: ['System'],
        rows: [{ line: 2, cells: ['W3D3'] }],
        sheet: 'Blad1',
        headerLine: 1,
      });
    });
  });

  describe('files that cannot be read', () => {
    const failure = async (source: Parameters<typeof readRegisterFile>[0]) => {
      const error = await readRegisterFile(source).then(
        () => assert.fail('expected a RegisterFileError'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof RegisterFileError);
      return error;
    };

    it('says a missing file is missing, by its base name', async () => {
      const error = await failure(path.join(dir, 'finns-inte.csv'));
      assert.equal(error.code, 'not-found');
      assert.equal(error.fileName, 'finns-inte.csv');
    });

    it('says an empty file is empty', async () => {
      assert.equal((await failure({ fileName: 'tom.csv', bytes: Buffer.alloc(0) })).code, 'empty');
      assert.equal((await failure({ fileName: 'tom.csv', bytes: Buffer.from('\r\n \r\n') })).code, 'empty');
    });

    it('refuses the old binary .xls format', async () => {
      const bytes = Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(64),
      ]);
      assert.equal((await failure({ fileName: 'register.xls', bytes })).code, 'unsupported-format');
    });

    it('refuses a damaged .xlsx', async () => {
      const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('inte en zip')]);
      assert.equal((await failure({ fileName: 'register.xlsx', bytes })).code, 'invalid-xlsx');
    });
  });
});
