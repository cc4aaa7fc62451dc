/**
 * Reading single register cells: people, dates, counts, yes/no. Each parser answers with the value, with
 * "absent" for an empty cell, or with an explicit failure the import turns into a rejection reason.
 */
import type { Person } from './system';

export type CellResult<T> = { ok: true; value: T | undefined } | { ok: false; value: string };

const whitespaceRun = /\s+/g;

/**
 * Characters that change how text is shown without being text: C0/C1 controls (terminal escapes start with
 * one), bidirectional overrides and isolates (they make "exe.txt" read as "txt.exe"), zero-width characters and
 * the soft hyphen (they make two names that look equal differ). Tabs and line breaks are whitespace and stay
 * until whitespace is folded.
 */
const invisibleOrControl =
  // Matching control characters is the point here.
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

/** Removes control, bidirectional and zero-width characters; keeps tabs and line breaks. */
export function stripInvisible(text: string): string {
  return text.replace(invisibleOrControl, '');
}

/** Trims, folds runs of whitespace (incl. no-break spaces) into one space and composes accents (NFC). */
export function cleanText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return stripInvisible(cell.normalize('NFC')).replace(whitespaceRun, ' ').trim();
}

/** Like cleanText but keeps line breaks, for free text such as descriptions. */
export function cleanMultilineText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return stripInvisible(cell.normalize('NFC'))
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

/**
 * An e-mail address as organisations hand them out: a local part of letters, digits and `.`, `_`, `%`, `+`,
 * `'`, `-` (no leading, trailing or doubled dot), `@`, and a domain of at least two labels of letters, digits and
 * inner hyphens, ending in a top-level domain of letters. Stricter than RFC 5322 on purpose: an address the bot
 * shows as a mail link must not carry `?subject=` or `&body=` or quoted oddities.
 */
const localPart = /^[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*$/i;
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const topLevelDomain = /^\p{L}{2,63}$/u;

export function isEmail(text: string): boolean {
  if (text.length > 254) return false;
  const at = text.lastIndexOf('@');
  if (at <= 0 || at !== text.indexOf('@')) return false;
  const local = text.slice(0, at);
  const labels = text.slice(at + 1).split('.');
  if (local.length > 64 || !localPart.test(local) || labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  return labels.every((label) => label.length <= 63 && domainLabel.test(label)) && topLevelDomain.test(tld);
}

export interface PeopleResult {
  people: Person[];
  /** The parts of the cell that looked like an e-mail address but were not one. */
  unreadable: string[];
  /** The cell, or a part of it, says the role is empty ("Vakant", "-", "saknas"): given as written. */
  vacant: string[];
}

/**
 * Words registers use for "nobody holds this role", compared folded (lower case, without a trailing full stop).
 * A part without a single letter or digit ("-", "–", "?", "---") means the same.
 */
const nobodyWords = new Set([
  'vakant',
  'vakans',
  'saknas',
  'ej tillsatt',
  'inte tillsatt',
  'ej tillsatt än',
  'ej utsedd',
  'inte utsedd',
  'ingen',
  'ingen utsedd',
  'n/a',
  'na',
  'n.a',
  'tbd',
  'tba',
  'vacant',
  'none',
  'not appointed',
]);

/** Whether a cell or a part of one says nobody holds the role. */
export function isNobody(part: string): boolean {
  const folded = cleanText(part).toLowerCase().replace(/\.+$/, '');
  return nobodyWords.has(folded) || !/[\p{L}\p{N}]/u.test(folded);
}

/**
 * A person cell, read the way a person reading the register would:
 *
 * 1. A cell that as a whole says nobody ("Vakant", "N/A", "-", "?") holds no one; so does each such part of a
 *    list ("Anna Berg; vakant" is Anna Berg).
 * 2. `;`, line breaks, `/`, " och ", " & " always separate people (not inside `<...>` or `(...)`).
 * 3. A comma separates people too, except after a lone word: "Öberg, Åsa" is the register's
 *    "Efternamn, Förnamn" and one person, stored as "Åsa Öberg". So "Öberg, Åsa, Ek, Bo" is Åsa Öberg and Bo Ek,
 *    "Anna Berg, Bo Ek" is two people, and "Berg, Anna Karin <ak@kommun.se>" is Anna Karin Berg with her address.
 *    The cost: two people given by first name only ("Anna, Bo") read as one; registers name people in full.
 * 4. Each person is `Förnamn Efternamn`, optionally with an e-mail in `<...>`, `(...)`, `[...]` or bare after the
 *    name; a bare e-mail gives a person named by the address, so the register still shows someone to ask.
 */
export function parsePeople(cell: string | undefined): PeopleResult {
  const result: PeopleResult = { people: [], unreadable: [], vacant: [] };
  const whole = cleanText(cell);
  if (whole === '') return result;
  if (isNobody(whole)) {
    result.vacant.push(whole);
    return result;
  }
  const seen = new Set<string>();
  for (const group of splitOutsideBrackets(stripInvisible(cell ?? '').normalize('NFC'), strongSeparator)) {
    const parts = splitOutsideBrackets(group, /^,/).map(cleanText);
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index] ?? '';
      if (part === '') continue;
      if (isNobody(part)) {
        result.vacant.push(part);
        continue;
      }
      const next = parts[index + 1];
      let text = part;
      if (isLoneWord(part) && next !== undefined && startsWithName(next)) {
        // "Öberg, Åsa <asa.oberg@kommun.se>" -> "Åsa <asa.oberg@kommun.se>" named "Åsa Öberg".
        text = next;
        index++;
      }
      const person = parsePerson(text);
      if (!person) {
        result.unreadable.push(text === part ? part : `${part}, ${text}`);
        continue;
      }
      if (text !== part) person.name = `${person.name} ${part}`;
      const key = `${person.name}\u0000${person.email ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.people.push(person);
    }
  }
  return result;
}

/** `;`, line breaks, `/`, " och ", " & " at the start of the remaining text. */
const strongSeparator = /^(?:[;\r\n/]|\s+(?:och|&)\s+)/i;

/** Splits where `separator` matches at depth 0 of `<>`, `()` and `[]`. */
function splitOutsideBrackets(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if (char === '<' || char === '(' || char === '[') depth++;
    else if ((char === '>' || char === ')' || char === ']') && depth > 0) depth--;
    else if (depth === 0) {
      const match = separator.exec(text.slice(index));
      if (match) {
        parts.push(text.slice(start, index));
        index += match[0].length - 1;
        start = index + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** One word of letters, perhaps hyphenated or with an apostrophe: "Öberg", "Berg-Ek", "O'Neil". */
function isLoneWord(part: string): boolean {
  return /^\p{L}+(?:['’-]\p{L}+)*$/u.test(part);
}

/** Starts with a name, not an address or a bracket: "Åsa", "Anna Karin <ak@kommun.se>". */
function startsWithName(part: string): boolean {
  return /^\p{L}/u.test(part) && !/^[^\s<([]*@/.test(part);
}

const bracketedAddress = /^(.*?)\s*(?:<([^<>]*)>?|\(([^()]*@[^()]*)\)|\[([^[\]]*@[^[\]]*)\])\s*$/;

function parsePerson(part: string): Person | undefined {
  const bracketed = bracketedAddress.exec(part);
  if (bracketed) {
    const email = emailIn(bracketed[2] ?? bracketed[3] ?? bracketed[4]);
    if (email === undefined) return undefined;
    return { name: nameOrEmail(bracketed[1], email), email };
  }
  if (!part.includes('@')) return { name: unquoted(part) };
  const tokens = part.split(' ');
  const emailTokens = tokens.filter((token) => token.includes('@'));
  if (emailTokens.length !== 1) return undefined;
  const email = emailIn((emailTokens[0] ?? '').replace(/^[([<"']+|[)\]>"'.,]+$/g, ''));
  if (email === undefined) return undefined;
  const name = tokens.filter((token) => !token.includes('@')).join(' ');
  return { name: nameOrEmail(name, email), email };
}

function emailIn(text: string | undefined): string | undefined {
  const email = cleanText(text)
    .replace(/^mailto:/i, '')
    .toLowerCase();
  return isEmail(email) ? email : undefined;
}

function unquoted(name: string): string {
  return cleanText(name)
    .replace(/^["']+|["']+$/g, '')
    .trim();
}

function nameOrEmail(rawName: string | undefined, email: string): string {
  const name = unquoted(rawName ?? '');
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
