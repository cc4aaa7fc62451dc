/**
 * The days a Swedish municipality's offices are closed: the public holidays (allmänna helgdagar, lag (1989:253) om
 * allmänna helgdagar) and the three eves that collective agreements and the working-time rules treat as Sundays
 * (midsommarafton, julafton, nyårsafton). From date-holidays: its Swedish 'public' days are the law's, and its
 * 'bank' days are exactly those three eves (test/domain/reminders/swedishHolidays.test.ts checks both against a
 * hand-checked list and against Easter's computus over ten years). Holidays that always fall on a weekend
 * (påskdagen, pingstdagen, midsommardagen, alla helgons dag) are in the set too; weekends are skipped anyway.
 */
import Holidays from 'date-holidays';

/** Made on first use: building the calendar takes a moment, and many processes never ask. */
let swedishCalendar: Holidays | undefined;

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
  swedishCalendar ??= new Holidays('SE', { types: ['public', 'bank'] });
  // Dates come as local dates in Sweden ("2026-06-19 00:00:00"): the day is the first ten characters.
  return new Set(swedishCalendar.getHolidays(year).map((holiday) => holiday.date.slice(0, 10)));
}
