/**
 * Reading single register cells: people, dates, counts, yes/no. Each parser answers with the value, with
 * "absent" for an empty cell, or with an explicit failure the import turns into a rejection reason.
 */
import type { Person } from './system';

export type CellResult<T> = { ok: true; value: T | undefined } | { ok: false; value: string };

const whitespaceRun = /\s+/g;

/** Trims, folds runs of whitespace (incl. no-break spaces) into one space and composes accents (NFC). */
export function cleanText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return cell.normalize('NFC').replace(whitespaceRun, ' ').trim();
}

/** Like cleanText but keeps line breaks, for free text such as descriptions. */
export function cleanMultilineText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return cell
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(whitespaceRun, ' ').trim())
    .join('\n')
    .trim();
}

/** Separators between items of a list cell: `,` `;` and line breaks, but not inside `<...>`. */
const listSeparator = /[,;\r\n]+(?![^<]*>)/;

/** "Socialförvaltningen, Kultur- och fritidsförvaltningen" -> both, in order, without repeats. */
export function parseList(cell: string | undefined): string[] {
  if (cell === undefined) return [];
  const items = cell
    .split(listSeparator)
    .map(cleanText)
    .filter((item) => item !== '');
  return [...new Set(items)];
}

const emailPattern = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[^\s@<>()[\]",;:.]{2,}$/;

export function isEmail(text: string): boolean {
  return emailPattern.test(text);
}

export interface PeopleResult {
  people: Person[];
  /** The parts of the cell that looked like an e-mail address but were not one. */
  unreadable: string[];
}

/**
 * A person cell: `Förnamn Efternamn <namn@kommun.se>`, a bare name, a bare e-mail, or
 * `Förnamn Efternamn namn@kommun.se`; several people separated by `,` `;` or line breaks.
 * A bare e-mail gives a person named by the address, so the register still shows someone to ask.
 */
export function parsePeople(cell: string | undefined): PeopleResult {
  const result: PeopleResult = { people: [], unreadable: [] };
  for (const part of parseList(cell)) {
    const person = parsePerson(part);
    if (person) result.people.push(person);
    else result.unreadable.push(part);
  }
  return result;
}

function parsePerson(part: string): Person | undefined {
  const bracketed = /^(.*?)<([^<>]*)>?\s*$/.exec(part);
  if (bracketed) {
    const email = cleanText(bracketed[2]).toLowerCase();
    if (!isEmail(email)) return undefined;
    return { name: nameOrEmail(bracketed[1], email), email };
  }
  if (!part.includes('@')) return { name: part };
  const tokens = part.split(' ');
  const emailTokens = tokens.filter((token) => token.includes('@'));
  if (emailTokens.length !== 1) return undefined;
  const email = (emailTokens[0] ?? '').replace(/^[([<"']+|[)\]>"'.]+$/g, '').toLowerCase();
  if (!isEmail(email)) return undefined;
  const name = tokens.filter((token) => !token.includes('@')).join(' ');
  return { name: nameOrEmail(name, email), email };
}

function nameOrEmail(rawName: string | undefined, email: string): string {
  const name = cleanText(rawName)
    .replace(/^["']+|["']+$/g, '')
    .trim();
  return name === '' ? email : name;
}

/** "1 200", "1\u00a0200" and Excel's "1200" are all 1200. Decimals and words are not a number of users. */
export function parseUserCount(cell: string | undefined): CellResult<number> {
  const text = cleanText(cell);
  if (text === '') return { ok: true, value: undefined };
  const digits = text.replace(/(?<=\d)[\s\u00a0\u202f\u2009'](?=\d{3}(?!\d))/g, '');
  if (!/^\d{1,9}$/.test(digits)) return { ok: false, value: text };
  return { ok: true, value: Number(digits) };
}

const yes = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', 'x', '1']);
const no = new Set(['nej', 'n', 'no', 'false', 'falskt', '0']);

export function parseYesNo(cell: string | undefined): CellResult<boolean> {
  const text = cleanText(cell);
  if (text === '') return { ok: true, value: undefined };
  const folded = text.toLowerCase().replace(/[.!]+$/, '');
  if (yes.has(folded)) return { ok: true, value: true };
  if (no.has(folded)) return { ok: true, value: false };
  return { ok: false, value: text };
}

const optionalTime = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?`;
const yearFirst = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${optionalTime}$`);
const dayFirst = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})${optionalTime}$`);
const compact = /^(\d{4})(\d{2})(\d{2})$/;

/** Dates the register may plausibly hold; anything outside is a typo ("2109", "0219"). */
const earliestYear = 1900;
const latestYear = 2100;

/**
 * A go-live date as ISO `YYYY-MM-DD`. Accepts `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, and day-first
 * `D/M/YYYY` (also with `.` or `-`): Swedish and European registers write the day first, never the month.
 * The date must exist in the calendar (no 30 February).
 */
export function parseDate(cell: string | undefined): CellResult<string> {
  const text = cleanText(cell);
  if (text === '') return { ok: true, value: undefined };
  let parts: [string | undefined, string | undefined, string | undefined] | undefined;
  const ymd = yearFirst.exec(text) ?? compact.exec(text);
  if (ymd) parts = [ymd[1], ymd[2], ymd[3]];
  const dmy = ymd ? null : dayFirst.exec(text);
  if (dmy) parts = [dmy[3], dmy[2], dmy[1]];
  if (!parts) return { ok: false, value: text };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (!isCalendarDate(year, month, day)) return { ok: false, value: text };
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < earliestYear || year > latestYear || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
