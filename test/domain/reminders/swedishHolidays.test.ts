import assert from 'node:assert/strict';
import { isSwedishHoliday } from '../../../src/domain/reminders/swedishHolidays';
import { addDays } from '../../../src/domain/reminders/schedule';

/** Every holiday of a year, by walking it day by day. */
function holidaysIn(year: number): string[] {
  const days: string[] = [];
  for (let day = `${year}-01-01`; day.startsWith(String(year)); day = addDays(day, 1)) {
    if (isSwedishHoliday(day)) days.push(day);
  }
  return days;
}

const dayMs = 86_400_000;
const isoDate = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

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

/** The first `weekday` (0 Sunday … 6 Saturday) on or after a day. */
function firstWeekdayFrom(epochMs: number, weekday: number): number {
  return epochMs + ((weekday - new Date(epochMs).getUTCDay() + 7) % 7) * dayMs;
}

/** The second source: the law's days and the three eves, computed from the rules themselves. */
function holidaysByTheRules(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => isoDate(Date.UTC(year, month - 1, day));
  const fromEaster = (days: number) => isoDate(easter + days * dayMs);
  return [
    fixed(1, 1), // nyårsdagen
    fixed(1, 6), // trettondedag jul
    fromEaster(-2), // långfredagen
    fromEaster(0), // påskdagen
    fromEaster(1), // annandag påsk
    fixed(5, 1), // första maj
    fromEaster(39), // Kristi himmelsfärdsdag
    fromEaster(49), // pingstdagen
    fixed(6, 6), // Sveriges nationaldag
    isoDate(firstWeekdayFrom(Date.UTC(year, 5, 19), 5)), // midsommarafton: the Friday from 19 to 25 June
    isoDate(firstWeekdayFrom(Date.UTC(year, 5, 20), 6)), // midsommardagen
    isoDate(firstWeekdayFrom(Date.UTC(year, 9, 31), 6)), // alla helgons dag: the Saturday from 31 Oct to 6 Nov
    fixed(12, 24), // julafton
    fixed(12, 25), // juldagen
    fixed(12, 26), // annandag jul
    fixed(12, 31), // nyårsafton
  ].sort();
}

describe('Swedish holidays', () => {
  it('knows the holidays of 2026, Easter on 5 April, as checked by hand against the almanac', () => {
    assert.deepEqual(holidaysIn(2026), [
      '2026-01-01', // nyårsdagen
      '2026-01-06', // trettondedag jul
      '2026-04-03', // långfredagen
      '2026-04-05', // påskdagen
      '2026-04-06', // annandag påsk
      '2026-05-01', // första maj
      '2026-05-14', // Kristi himmelsfärdsdag
      '2026-05-24', // pingstdagen
      '2026-06-06', // nationaldagen
      '2026-06-19', // midsommarafton
      '2026-06-20', // midsommardagen
      '2026-10-31', // alla helgons dag
      '2026-12-24', // julafton
      '2026-12-25', // juldagen
      '2026-12-26', // annandag jul
      '2026-12-31', // nyårsafton
    ]);
  });

  it('knows the holidays of 2027, Easter on 28 March, as checked by hand against the almanac', () => {
    assert.deepEqual(holidaysIn(2027), [
      '2027-01-01',
      '2027-01-06',
      '2027-03-26', // långfredagen
      '2027-03-28', // påskdagen
      '2027-03-29', // annandag påsk
      '2027-05-01',
      '2027-05-06', // Kristi himmelsfärdsdag
      '2027-05-16', // pingstdagen
      '2027-06-06',
      '2027-06-25', // midsommarafton
      '2027-06-26', // midsommardagen
      '2027-11-06', // alla helgons dag
      '2027-12-24',
      '2027-12-25',
      '2027-12-26',
      '2027-12-31',
    ]);
  });

  it('moves Easter and midsummer with the year', () => {
    // Easter 2025 on 20 April, 2038 on 25 April (the latest possible).
    for (const day of ['2025-04-18', '2025-04-21', '2025-05-29', '2025-06-20'])
      assert.ok(isSwedishHoliday(day), day);
    for (const day of ['2038-04-23', '2038-04-26', '2038-06-03']) assert.ok(isSwedishHoliday(day), day);
    for (const day of ['2026-04-13', '2025-04-14', '2027-06-18', '2026-03-02', '2026-04-30', '2026-01-05'])
      assert.equal(isSwedishHoliday(day), false, day);
  });

  it('agrees with the rules of the law and the three eves for ten years', () => {
    for (let year = 2025; year < 2035; year++) {
      assert.deepEqual(holidaysIn(year), holidaysByTheRules(year), String(year));
    }
  });
});
