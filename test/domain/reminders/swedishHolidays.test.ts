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

describe('Swedish holidays', () => {
  it('knows the holidays of 2026, Easter on 5 April', () => {
    assert.deepEqual(holidaysIn(2026), [
      '2026-01-01', // nyårsdagen
      '2026-01-06', // trettondedag jul
      '2026-04-03', // långfredagen
      '2026-04-06', // annandag påsk
      '2026-05-01', // första maj
      '2026-05-14', // Kristi himmelsfärdsdag
      '2026-06-06', // nationaldagen
      '2026-06-19', // midsommarafton
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });

  it('moves Easter and midsummer with the year', () => {
    // Easter 2025 on 20 April, 2027 on 28 March, 2038 on 25 April (the latest possible).
    for (const day of ['2025-04-18', '2025-04-21', '2025-05-29', '2025-06-20'])
      assert.ok(isSwedishHoliday(day), day);
    for (const day of ['2027-03-26', '2027-03-29', '2027-05-06', '2027-06-25'])
      assert.ok(isSwedishHoliday(day), day);
    for (const day of ['2038-04-23', '2038-04-26', '2038-06-03']) assert.ok(isSwedishHoliday(day), day);
    for (const day of ['2026-04-13', '2025-04-14', '2027-06-18', '2026-03-02'])
      assert.equal(isSwedishHoliday(day), false, day);
  });
});
