/**
 * A register workbook written the way municipalities really keep them, with the people each row must give.
 *
 * - the first sheet is "Instruktioner", a page of prose; the register is on "Systemförteckning";
 * - above the header: a title row, a note and an empty row;
 * - the headers are the pm3 names (Systemnamn, Objektägare, Förvaltningsledare/Objektledare, ...);
 * - the person cells use every form listed in issue 14: "Efternamn, Förnamn" with and without an address in
 *   `<...>` or `(...)`, several people joined by ";", ",", " och ", " & ", "/" and line breaks, and nobody
 *   ("Vakant", "-", "–", "saknas", "ej tillsatt", "N/A", "?");
 * - a retired system ("Avvecklad 2023"), and cell text carrying control, bidirectional and zero-width characters.
 *
 * Built with exceljs at test time rather than committed, so every case is readable here next to its answer.
 */
import ExcelJS from 'exceljs';
import type { Person } from '../../../src/domain/register/system';

export const registerSheetName = 'Systemförteckning';

export const municipalHeaders = [
  'Förvaltning',
  'Systemnamn',
  'Förvaltningsobjekt',
  'Objektägare',
  'Systemansvarig',
  'Förvaltningsledare/Objektledare',
  'Systemadministratör',
  'Informationsägare',
  'Leverantör',
  'Status',
] as const;

type Header = (typeof municipalHeaders)[number];

/** Sheet row of the header: a title (1), a note (2) and an empty row (3) are above it. */
export const headerRow = 4;

export interface ExpectedSystem {
  id: string;
  name: string;
  /** The sheet row the system is on, as Excel shows it. */
  row: number;
  responsible?: Person;
  managers: Person[];
  administrators: Person[];
  owner: string;
  /** Cells that say nobody, by header, as written. */
  nobody: Partial<Record<Header, string>>;
  retired?: boolean;
}

interface FixtureRow {
  cells: Partial<Record<Header, string>>;
  expected: Omit<ExpectedSystem, 'row'>;
}

const rows: FixtureRow[] = [
  {
    // "Efternamn, Förnamn <e-mail>" is one person; "Efternamn, Förnamn (e-mail)" too.
    cells: {
      Systemnamn: 'Procapita',
      Objektägare: 'Socialnämnden',
      Systemansvarig: 'Öberg, Åsa <asa.oberg@kommun.se>',
      'Förvaltningsledare/Objektledare': 'Lund, Kim (kim.lund@kommun.se)',
      Systemadministratör: 'Öberg, Åsa; Ek, Bo',
    },
    expected: {
      id: 'procapita',
      name: 'Procapita',
      owner: 'Socialnämnden',
      responsible: { name: 'Åsa Öberg', email: 'asa.oberg@kommun.se' },
      managers: [{ name: 'Kim Lund', email: 'kim.lund@kommun.se' }],
      administrators: [{ name: 'Åsa Öberg' }, { name: 'Bo Ek' }],
      nobody: {},
    },
  },
  {
    // Lone words pair up as "Efternamn, Förnamn"; full names separated by commas are several people.
    cells: {
      Systemnamn: 'Visma Window',
      Objektägare: 'Barn- och utbildningsnämnden',
      Systemansvarig: 'Berg, Anna Karin',
      'Förvaltningsledare/Objektledare': 'Öberg, Åsa, Ek, Bo',
      Systemadministratör: 'Anna Berg, Bo Ek',
    },
    expected: {
      id: 'visma-window',
      name: 'Visma Window',
      owner: 'Barn- och utbildningsnämnden',
      responsible: { name: 'Anna Karin Berg' },
      managers: [{ name: 'Åsa Öberg' }, { name: 'Bo Ek' }],
      administrators: [{ name: 'Anna Berg' }, { name: 'Bo Ek' }],
      nobody: {},
    },
  },
  {
    // " och ", " & ", "/" and line breaks separate people.
    cells: {
      Systemnamn: 'Agresso',
      Objektägare: 'Kommunstyrelsen',
      Systemansvarig: 'Karin Holmberg <karin.holmberg@kommun.se>',
      'Förvaltningsledare/Objektledare': 'Jörgen Häggström och Linnéa Sjögren & Sara Holm',
      Systemadministratör: 'Hassan Ali/Märta Löfgren\nPer Nordin <per.nordin@kommun.se>',
    },
    expected: {
      id: 'agresso',
      name: 'Agresso',
      owner: 'Kommunstyrelsen',
      responsible: { name: 'Karin Holmberg', email: 'karin.holmberg@kommun.se' },
      managers: [{ name: 'Jörgen Häggström' }, { name: 'Linnéa Sjögren' }, { name: 'Sara Holm' }],
      administrators: [
        { name: 'Hassan Ali' },
        { name: 'Märta Löfgren' },
        { name: 'Per Nordin', email: 'per.nordin@kommun.se' },
      ],
      nobody: {},
    },
  },
  {
    // Nobody, in the words registers use.
    cells: {
      Systemnamn: 'Lifecare',
      Objektägare: '–',
      Systemansvarig: 'Vakant',
      'Förvaltningsledare/Objektledare': 'ej tillsatt',
      Systemadministratör: 'N/A',
    },
    expected: {
      id: 'lifecare',
      name: 'Lifecare',
      owner: '',
      managers: [],
      administrators: [],
      nobody: {
        Objektägare: '–',
        Systemansvarig: 'Vakant',
        'Förvaltningsledare/Objektledare': 'ej tillsatt',
        Systemadministratör: 'N/A',
      },
    },
  },
  {
    cells: {
      Systemnamn: 'Combine',
      Objektägare: 'Socialnämnden',
      Systemansvarig: '-',
      'Förvaltningsledare/Objektledare': 'saknas',
      Systemadministratör: '?',
    },
    expected: {
      id: 'combine',
      name: 'Combine',
      owner: 'Socialnämnden',
      managers: [],
      administrators: [],
      nobody: {
        Systemansvarig: '-',
        'Förvaltningsledare/Objektledare': 'saknas',
        Systemadministratör: '?',
      },
    },
  },
  {
    // Retired: answered as retired, no follow-up, so not listed as lacking an answerer.
    cells: {
      Systemnamn: 'Gamla Diariet',
      Objektägare: 'Kommunstyrelsen',
      Systemansvarig: '',
      Status: 'Avvecklad 2023',
    },
    expected: {
      id: 'gamla-diariet',
      name: 'Gamla Diariet',
      owner: 'Kommunstyrelsen',
      managers: [],
      administrators: [],
      nobody: {},
      retired: true,
    },
  },
  {
    // Direction overrides, zero-width and control characters disappear; the name reads as it looks.
    cells: {
      Systemnamn: 'Ti\u200bmeCare\u202e',
      Objektägare: 'Kommunstyrelsen',
      Systemansvarig: 'Eva\u0007 Strand\u200d <eva.strand@kommun.se>',
      Status: 'I drift',
    },
    expected: {
      id: 'timecare',
      name: 'TimeCare',
      owner: 'Kommunstyrelsen',
      responsible: { name: 'Eva Strand', email: 'eva.strand@kommun.se' },
      managers: [],
      administrators: [],
      nobody: {},
    },
  },
];

/** Every system of the fixture as it must be stored, with the sheet row Excel shows for it. */
export const expectedSystems: ExpectedSystem[] = rows.map((row, index) => ({
  ...row.expected,
  row: headerRow + 1 + index,
}));

/** The fixture workbook as .xlsx bytes. */
export async function municipalWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const instructions = workbook.addWorksheet('Instruktioner');
  instructions.addRow(['Så fyller du i systemförteckningen']);
  instructions.addRow(['Ange systemansvarig som "Efternamn, Förnamn". Skriv Vakant om rollen saknas.']);
  instructions.addRow(['System', 'Beskrivning av kolumnen']);

  const sheet = workbook.addWorksheet(registerSheetName);
  sheet.getCell('A1').value = 'Systemförteckning Exempelkommun 2025';
  sheet.getCell('A2').value = 'Uppdaterad av informationssäkerhetssamordnaren';
  // Row 3 stays empty.
  sheet.getRow(headerRow).values = [...municipalHeaders];
  rows.forEach((row, index) => {
    sheet.getRow(headerRow + 1 + index).values = municipalHeaders.map((header) =>
      header === 'Förvaltning'
        ? 'Socialförvaltningen'
        : header === 'Förvaltningsobjekt'
          ? 'Vård och omsorg'
          : header === 'Informationsägare'
            ? 'Socialnämnden'
            : header === 'Leverantör'
              ? 'CGI'
              : (row.cells[header] ?? ''),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
