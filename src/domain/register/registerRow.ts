/**
 * One register row -> one SystemRecord, or the reasons it cannot be one. Rows are judged on their own here;
 * judgements across rows (duplicate names) are made by the import.
 */
import { cleanHeader, type ColumnMap, type RegisterField } from './registerColumns';
import {
  cleanMultilineText,
  cleanText,
  isNobody,
  parseDate,
  parseList,
  parsePeople,
  parseUserCount,
  parseYesNo,
} from './registerCells';
import type { RegisterRow } from './registerTable';
import { systemIdFor, type Person, type SystemRecord } from './system';

export type PersonField = 'responsible' | 'managers' | 'administrators' | 'pilots' | 'responsibleChief';

/** Why a row was not imported. `value` is the offending cell text, shown to whoever runs the import. */
export type RowRejection =
  | { code: 'missing-name' }
  /** A name without a single letter or digit ("–", "?"): it cannot be told apart from other such names. */
  | { code: 'unusable-name'; value: string }
  | { code: 'duplicate-name'; otherLines: number[] }
  | { code: 'invalid-email'; field: PersonField; value: string }
  | { code: 'invalid-date'; value: string }
  | { code: 'invalid-user-count'; value: string }
  | { code: 'invalid-yes-no'; value: string };

export type RowWarning =
  | {
      /** A one-person column named several people: the first is kept, the whole cell is kept in `extra`. */
      code: 'several-people-in-one-person-column';
      field: 'responsible' | 'responsibleChief';
      /** The header the whole cell is kept under in `extra`. */
      header: string;
      count: number;
    }
  | {
      /** The cell says nobody holds the role ("Vakant", "-", "saknas"): the role is left empty. */
      code: 'nobody-in-role';
      field: PersonField | 'owner';
      /** The header of the column, as in the file. */
      header: string;
      /** What the cell said, as written (cleaned of control characters). */
      value: string;
    };

export interface ParsedRow {
  line: number;
  /** The cleaned system name, '' when the row has none. */
  name: string;
  /** systemIdFor(name), '' when the name is missing or unusable. */
  id: string;
  /** Present when the row itself is readable; the import may still reject it (duplicates). */
  record?: SystemRecord;
  rejections: RowRejection[];
  warnings: RowWarning[];
}

export function isBlankRow(row: RegisterRow): boolean {
  return row.cells.every((cell) => cell.trim() === '');
}

export function parseRegisterRow(
  row: RegisterRow,
  columns: ColumnMap,
  headers: readonly string[],
): ParsedRow {
  const cell = (field: RegisterField): string | undefined => {
    const index = columns.fields[field];
    return index === undefined ? undefined : row.cells[index];
  };
  const rejections: RowRejection[] = [];
  const warnings: RowWarning[] = [];
  const extra: Record<string, string> = {};

  const name = cleanText(cell('name'));
  const id = systemIdFor(name);
  if (name === '') rejections.push({ code: 'missing-name' });
  else if (id === '') rejections.push({ code: 'unusable-name', value: name });

  const nobody = (field: PersonField | 'owner', value: string) =>
    warnings.push({ code: 'nobody-in-role', field, header: headerOf(field, columns, headers), value });
  const people = (field: PersonField): Person[] => {
    const parsed = parsePeople(cell(field));
    for (const value of parsed.unreadable) rejections.push({ code: 'invalid-email', field, value });
    for (const value of parsed.vacant) nobody(field, value);
    return parsed.people;
  };
  const onePerson = (field: 'responsible' | 'responsibleChief'): Person | undefined => {
    const found = people(field);
    if (found.length > 1) {
      const header = headerOf(field, columns, headers);
      extra[header] = cleanMultilineText(cell(field));
      warnings.push({ code: 'several-people-in-one-person-column', field, header, count: found.length });
    }
    return found[0];
  };

  const responsible = onePerson('responsible');
  const managers = people('managers');
  const administrators = people('administrators');
  const pilots = people('pilots');
  const responsibleChief = onePerson('responsibleChief');

  const userCount = parseUserCount(cell('userCount'));
  if (!userCount.ok) rejections.push({ code: 'invalid-user-count', value: userCount.value });
  const businessCritical = parseYesNo(cell('businessCritical'));
  if (!businessCritical.ok) rejections.push({ code: 'invalid-yes-no', value: businessCritical.value });
  const goLiveDate = parseDate(cell('goLiveDate'));
  if (!goLiveDate.ok) rejections.push({ code: 'invalid-date', value: goLiveDate.value });

  for (const column of columns.extra) {
    const value = cleanMultilineText(row.cells[column.index]);
    if (value !== '' && extra[column.header] === undefined) extra[column.header] = value;
  }

  // The owner is an organisation, kept as text; a "Vakant" there is still nobody.
  let owner = cleanText(cell('owner'));
  if (owner !== '' && isNobody(owner)) {
    nobody('owner', owner);
    owner = '';
  }

  const parsed: ParsedRow = { line: row.line, name, id, rejections, warnings };
  if (rejections.length > 0) return parsed;

  const record: SystemRecord = {
    id,
    name,
    departments: parseList(cell('departments')),
    unit: cleanText(cell('unit')),
    description: cleanMultilineText(cell('description')),
    owner,
    managers,
    administrators,
    pilots,
    extra,
  };
  // Optional fields are left out rather than set to undefined, so stored documents and diffs stay tidy.
  if (responsible) record.responsible = responsible;
  if (responsibleChief) record.responsibleChief = responsibleChief;
  if (userCount.ok && userCount.value !== undefined) record.userCount = userCount.value;
  if (businessCritical.ok && businessCritical.value !== undefined)
    record.businessCritical = businessCritical.value;
  if (goLiveDate.ok && goLiveDate.value !== undefined) record.goLiveDate = goLiveDate.value;
  const informationClass = cleanText(cell('informationClass'));
  if (informationClass !== '') record.informationClass = informationClass;
  const status = cleanText(cell('status'));
  if (status !== '') record.status = status;
  // The name itself is no other name, however it is typed.
  const aliases = parseList(cell('aliases')).filter((alias) => systemIdFor(alias) !== id);
  if (aliases.length > 0) record.aliases = aliases;
  parsed.record = record;
  return parsed;
}

function headerOf(field: RegisterField, columns: ColumnMap, headers: readonly string[]): string {
  const index = columns.fields[field];
  return index === undefined ? field : cleanHeader(headers[index] ?? field);
}
