/**
 * The weekdays a Swedish municipality's offices are closed: the public holidays (allmänna helgdagar, lag
 * (1989:253) om allmänna helgdagar) and the three eves that collective agreements and the working-time rules treat
 * as Sundays (midsommarafton, julafton, nyårsafton). Holidays that always fall on a weekend (påskdagen,
 * pingstdagen, midsommardagen, alla helgons dag) need no listing: weekends are skipped anyway.
 */

/** ISO dates (YYYY-MM-DD). */
export function isSwedishHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let holidays = holidaysByYear.get(year);
  if (holidays === undefined) {
    holidays = holidaysOf(year);
    // Reminders look at a handful of years; the bound only keeps a long-running process from collecting them.
    if (holidaysByYear.size >= 20) holidaysByYear.clear();
    holidaysByYear.set(year, holidays);
  }
  return holidays.has(date);
}

const holidaysByYear = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => isoDate(Date.UTC(year, month - 1, day));
  const fromEaster = (days: number) => isoDate(easter + days * dayMs);
  return new Set([
    fixed(1, 1), // nyårsdagen
    fixed(1, 6), // trettondedag jul
    fromEaster(-2), // långfredagen
    fromEaster(1), // annandag påsk
    fixed(5, 1), // första maj
    fromEaster(39), // Kristi himmelsfärdsdag
    fixed(6, 6), // Sveriges nationaldag
    midsummerEve(year),
    fixed(12, 24), // julafton
    fixed(12, 25), // juldagen
    fixed(12, 26), // annandag jul
    fixed(12, 31), // nyårsafton
  ]);
}

const dayMs = 86_400_000;

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The Friday from 19 to 25 June. */
function midsummerEve(year: number): string {
  const june19 = Date.UTC(year, 5, 19);
  const daysToFriday = (5 - new Date(june19).getUTCDay() + 7) % 7;
  return isoDate(june19 + daysToFriday * dayMs);
}

/** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm), as UTC midnight in ms. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}
