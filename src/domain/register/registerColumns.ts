/**
 * Which column of a register file holds which field. Real registers name their columns in many ways
 * ("IT-systemets namn", "Systemnamn", "System name"), so headers are compared folded: without case, accents,
 * spacing, hyphens and parenthesised hints such as "(Ja/Nej)" or "(s)".
 */
import { stripInvisible } from './registerCells';

/** The fields of SystemRecord a register column can fill. */
export type RegisterField =
  | 'name'
  | 'aliases'
  | 'departments'
  | 'unit'
  | 'description'
  | 'owner'
  | 'responsible'
  | 'managers'
  | 'administrators'
  | 'pilots'
  | 'responsibleChief'
  | 'userCount'
  | 'businessCritical'
  | 'goLiveDate'
  | 'informationClass'
  | 'status';

const headerAliases: Record<RegisterField, readonly string[]> = {
  name: [
    'IT-systemets namn',
    'IT-system',
    'IT-systemnamn',
    'Systemets namn',
    'System',
    'Systemnamn',
    'Namn',
    'System name',
    'IT system name',
    'IT system',
    'Name',
  ],
  aliases: [
    'Även kallat',
    'Kallas även',
    'Kallas också',
    'Andra namn',
    'Alias',
    'Aliaser',
    'Förkortning',
    'Förkortningar',
    'Also known as',
    'Other names',
    'Aliases',
    'Abbreviation',
  ],
  departments: ['Förvaltning', 'Förvaltningar', 'Kontor', 'Department', 'Departments', 'Administration'],
  unit: ['Avdelning', 'Enhet', 'Unit', 'Division', 'Section'],
  description: ['Beskrivning', 'Systembeskrivning', 'Description', 'System description'],
  owner: ['Systemägare', 'Ägare', 'Objektägare', 'System owner', 'Owner', 'Object owner'],
  responsible: [
    'Systemansvarig',
    'Systemansvariga',
    'Ansvarig',
    'Ansvarig person',
    'IT-systemansvarig',
    'Responsible',
    'System responsible',
    'Responsible for the system',
  ],
  managers: [
    'Systemförvaltare',
    'Förvaltare',
    'Förvaltningsledare',
    'Objektledare',
    'Objektförvaltare',
    'Systemförvaltningsledare',
    'System manager',
    'System managers',
    'Systems manager',
    'Manager',
    'Managers',
  ],
  administrators: [
    'Systemadministratör',
    'Systemadministratörer',
    'Administratör',
    'Administratörer',
    'System administrator',
    'System administrators',
    'Administrator',
    'Administrators',
    'Admin',
  ],
  pilots: [
    'Pilot',
    'Piloter',
    'Ombud',
    'Systemombud',
    'Superanvändare',
    'Pilot/Ombud',
    'Super user',
    'Super users',
    'Superuser',
    'Superusers',
    'Pilots',
    'Pilots/Super users',
  ],
  responsibleChief: [
    'Ansvarig chef',
    'Chef',
    'Ansvarig verksamhetschef',
    'Verksamhetschef',
    'Responsible manager',
    'Responsible chief',
    'Responsible manager/chief',
    'Chief',
  ],
  userCount: ['Antal användare', 'Användare', 'Number of users', 'Users', 'User count'],
  businessCritical: [
    'Verksamhetskritiskt',
    'Verksamhetskritisk',
    'Verksamhetskritiska',
    'Business critical',
    'Business-critical',
    'Critical',
  ],
  goLiveDate: [
    'Driftsättningsdatum',
    'Driftsättning',
    'Driftsatt',
    'Datum för driftsättning',
    'I drift sedan',
    'Go-live date',
    'Go live',
    'Go-live',
    'Production date',
    'In production since',
  ],
  informationClass: [
    'Informationsklass',
    'Informationsklassning',
    'Informationsklassificering',
    'Klassning',
    'Information class',
    'Information classification',
    'Classification',
  ],
  status: [
    'Status',
    'Systemstatus',
    'Driftstatus',
    'Livscykelstatus',
    'Livscykel',
    'System status',
    'Lifecycle',
  ],
};

/**
 * pm3's "förvaltningsobjekt" groups systems; a register listing objects rather than systems names them there.
 * Such a column is the system's name when the file has no system-name column, and an extra fact otherwise.
 */
const objectAliases = ['Objekt', 'Förvaltningsobjekt', 'Objektnamn', 'Förvaltningsobjektets namn', 'Object'];

/** "Verksamhetskritiskt (Ja/Nej)" -> "verksamhetskritiskt"; "IT-systemets  Namn" -> "itsystemetsnamn". */
export function foldHeader(header: string): string {
  return header
    .replace(/\([^)]*\)/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, '');
}

const fieldByFoldedAlias: ReadonlyMap<string, RegisterField> = new Map(
  (Object.entries(headerAliases) as [RegisterField, readonly string[]][]).flatMap(([field, aliases]) =>
    aliases.map((alias) => [foldHeader(alias).replace(/\//g, ''), field] as const),
  ),
);

const foldedObjectAliases: ReadonlySet<string> = new Set(
  objectAliases.map((alias) => foldHeader(alias).replace(/\//g, '')),
);

type ColumnMeaning = RegisterField | 'object';

function meaningOf(header: string): ColumnMeaning | undefined {
  const folded = foldHeader(header);
  if (folded === '') return undefined;
  const lookup = (text: string): ColumnMeaning | undefined =>
    fieldByFoldedAlias.get(text) ?? (foldedObjectAliases.has(text) ? 'object' : undefined);
  const whole = lookup(folded.replace(/\//g, ''));
  if (whole) return whole;
  // "Pilot/Ombud", "Förvaltningsledare/Objektledare": either half is enough when both halves agree.
  const halves = folded.split('/').filter((half) => half !== '');
  const fields = new Set(halves.map(lookup));
  const [only] = fields;
  return fields.size === 1 ? only : undefined;
}

/** The field a header names, or undefined when the product does not know the column. */
export function fieldForHeader(header: string): RegisterField | undefined {
  const meaning = meaningOf(header);
  return meaning === 'object' ? undefined : meaning;
}

export interface ColumnMap {
  /** Index of the column holding each known field. */
  fields: Partial<Record<RegisterField, number>>;
  /** Columns kept as extra facts, by their original (trimmed) header. */
  extra: { header: string; index: number }[];
  /** A later column naming a field an earlier column already fills; it is kept as an extra fact instead. */
  repeated: { header: string; field: RegisterField }[];
}

export function mapColumns(headers: readonly string[]): ColumnMap {
  const map: ColumnMap = { fields: {}, extra: [], repeated: [] };
  const extraHeaders = new Set<string>();
  const hasNameColumn = headers.some((header) => meaningOf(cleanHeader(header)) === 'name');
  let objectTaken = false;
  headers.forEach((rawHeader, index) => {
    const header = cleanHeader(rawHeader);
    // Blank header cells are usually Excel's trailing empty columns; there is nothing to name their facts by.
    if (header === '') return;
    const meaning = meaningOf(header);
    const field = meaning === 'object' ? (hasNameColumn || objectTaken ? undefined : 'name') : meaning;
    if (meaning === 'object' && field === 'name') objectTaken = true;
    if (field !== undefined && map.fields[field] === undefined) {
      map.fields[field] = index;
      return;
    }
    if (field !== undefined) map.repeated.push({ header, field });
    // Two unknown columns with the same header both keep their facts: the second is told apart by a number.
    let key = header;
    for (let n = 2; extraHeaders.has(key); n++) key = `${header} (${n})`;
    extraHeaders.add(key);
    map.extra.push({ header: key, index });
  });
  return map;
}

/** A header as shown: without BOM, invisible or control characters, and surrounding space. */
export function cleanHeader(header: string): string {
  return stripInvisible(header).trim();
}

/** How many rows at the top of a sheet may be titles, notes or blank before the header. */
const headerSearchRows = 30;

/**
 * Which row of a sheet or CSV is the register's header: the first of the top rows that names the system and at
 * least one more known field. Title rows ("Systemförteckning 2025"), notes and blank rows above it are skipped.
 * Undefined when no row qualifies: the file is not recognisably a register (the caller then reads the first
 * non-blank row as the header, so the refusal can list the columns found).
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number | undefined {
  const limit = Math.min(rows.length, headerSearchRows);
  for (let index = 0; index < limit; index++) {
    const { fields } = mapColumns(rows[index] ?? []);
    if (fields.name !== undefined && Object.keys(fields).length >= 2) return index;
  }
  return undefined;
}
