import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/domain/errors';
import { FollowUpCalendar } from '../../../src/domain/followUp/followUpCalendar';
import {
  defaultReminderSchedule,
  dueOccasion,
  zonedInstant,
  type ReminderSchedule,
} from '../../../src/domain/reminders/schedule';

const schedule: ReminderSchedule = defaultReminderSchedule;
const timeZone = 'Europe/Stockholm';
const calendarWith = (deadlines = {}) => FollowUpCalendar.forSchedule({ ...schedule, timeZone }, deadlines);

/** Noon in Stockholm on a day: after the reminder time, so the reminders' day is that day too. */
const noonOn = (day: string) => zonedInstant(day, '12:00', timeZone);

interface Edge {
  day: string;
  year: number;
  overdue: boolean;
}

describe('the follow-up calendar', () => {
  describe('with the default deadline (1 March)', () => {
    const calendar = calendarWith();
    // 2025's follow-up is due Sunday 1 March 2026; eight weeks of Monday reminders end Monday 20 April.
    const edges: Edge[] = [
      { day: '2026-01-01', year: 2025, overdue: false },
      { day: '2026-02-28', year: 2025, overdue: false },
      { day: '2026-03-01', year: 2025, overdue: false },
      { day: '2026-03-02', year: 2025, overdue: true },
      { day: '2026-04-20', year: 2025, overdue: true },
      { day: '2026-04-21', year: 2026, overdue: false },
      { day: '2026-12-31', year: 2026, overdue: false },
    ];

    for (const { day, year, overdue } of edges) {
      it(`makes ${year} the current year on ${day}, ${overdue ? 'overdue' : 'not overdue'}`, () => {
        assert.equal(calendar.currentYearOn(day), year);
        assert.equal(calendar.currentYear(noonOn(day)), year);
        assert.equal(calendar.isOverdue(year, day), overdue);
      });
    }

    it('says when a year opens, when it is due and until when its reminders run', () => {
      assert.equal(calendar.deadline(2025), '2026-03-01');
      assert.equal(calendar.remindersEndOn(2025), '2026-04-20');
      assert.equal(calendar.opensOn(2026), '2026-04-21');
      // 2024's last reminder fell on annandag påsk (Monday 21 April 2025) and went out on Tuesday 22 April.
      assert.equal(calendar.opensOn(2025), '2025-04-23');
    });

    it('ends the year on the day its last reminder is due, as the reminder schedule sends it', () => {
      const deadline = calendar.deadline(2025);
      assert.equal(dueOccasion(deadline, noonOn('2026-04-20'), schedule)?.date, '2026-04-20');
      assert.notEqual(dueOccasion(deadline, noonOn('2026-04-27'), schedule)?.date, '2026-04-27');
    });

    it('opens only the current and the previous year to everyone', () => {
      assert.deepEqual(calendar.openYears(noonOn('2026-04-20')), [2024, 2025]);
      assert.deepEqual(calendar.openYears(noonOn('2026-04-21')), [2025, 2026]);
    });

    it('reads "today" in the given time zone: just after midnight in Stockholm is still the day before in UTC', () => {
      assert.equal(calendar.currentYear(new Date('2026-04-20T22:30:00Z')), 2026);
      const utc = FollowUpCalendar.forSchedule({ ...schedule, timeZone: 'UTC' });
      assert.equal(utc.currentYear(new Date('2026-04-20T22:30:00Z')), 2025);
    });
  });

  describe("with a department's own deadline (15 February)", () => {
    const department = 'Socialförvaltningen';
    const calendar = calendarWith({ byDepartment: { [department]: '02-15' } });
    // The department's reminders end earlier (Tuesday 7 April, after annandag påsk); the default's last one
    // (20 April) still decides when the year ends.
    const edges: Edge[] = [
      { day: '2026-01-01', year: 2025, overdue: false },
      { day: '2026-02-14', year: 2025, overdue: false },
      { day: '2026-02-15', year: 2025, overdue: false },
      { day: '2026-02-16', year: 2025, overdue: true },
      { day: '2026-04-20', year: 2025, overdue: true },
      { day: '2026-04-21', year: 2026, overdue: false },
      { day: '2026-12-31', year: 2026, overdue: false },
    ];

    for (const { day, year, overdue } of edges) {
      it(`makes ${year} the current year on ${day}, the department ${overdue ? 'overdue' : 'not overdue'}`, () => {
        assert.equal(calendar.currentYearOn(day), year);
        assert.equal(calendar.isOverdue(year, day, department), overdue);
      });
    }

    it('gives the department its own deadline and everyone else the default', () => {
      assert.equal(calendar.deadline(2025, department), '2026-02-15');
      assert.equal(calendar.deadline(2025, 'socialförvaltningen'), '2026-02-15');
      assert.equal(calendar.deadline(2025, 'Kulturförvaltningen'), '2026-03-01');
      assert.equal(calendar.isOverdue(2025, '2026-02-16', 'Kulturförvaltningen'), false);
      assert.equal(calendar.remindersEndOn(2025), '2026-04-20');
    });
  });

  describe('with 15 February as every department’s deadline', () => {
    const calendar = calendarWith({ monthDay: '02-15' });
    // Eight weeks after Sunday 15 February 2026 the last Monday is annandag påsk (6 April): sent Tuesday 7 April.
    const edges: Edge[] = [
      { day: '2026-01-01', year: 2025, overdue: false },
      { day: '2026-02-14', year: 2025, overdue: false },
      { day: '2026-02-15', year: 2025, overdue: false },
      { day: '2026-02-16', year: 2025, overdue: true },
      { day: '2026-04-07', year: 2025, overdue: true },
      { day: '2026-04-08', year: 2026, overdue: false },
      { day: '2026-12-31', year: 2026, overdue: false },
    ];

    for (const { day, year, overdue } of edges) {
      it(`makes ${year} the current year on ${day}, ${overdue ? 'overdue' : 'not overdue'}`, () => {
        assert.equal(calendar.currentYearOn(day), year);
        assert.equal(calendar.isOverdue(year, day), overdue);
      });
    }

    it('ends the year on the working day its last weekly reminder moved to', () => {
      assert.equal(calendar.remindersEndOn(2025), '2026-04-07');
      assert.equal(dueOccasion('2026-02-15', noonOn('2026-04-07'), schedule)?.date, '2026-04-07');
    });
  });

  it('keeps the year until its deadline when there are no overdue reminders', () => {
    const calendar = new FollowUpCalendar({ overdueWeeks: 0, overdueWeekday: 1, timeZone });
    assert.equal(calendar.currentYearOn('2026-03-01'), 2025);
    assert.equal(calendar.currentYearOn('2026-03-02'), 2026);
  });

  it('keeps a late-year deadline whose reminders run into the next year current until they end', () => {
    // Due 15 December 2026 (Tuesday); the last of eight weekly reminders is Monday 8 February 2027.
    const calendar = calendarWith({ monthDay: '12-15' });
    assert.equal(calendar.remindersEndOn(2025), '2027-02-08');
    assert.equal(calendar.currentYearOn('2026-12-31'), 2025);
    assert.equal(calendar.currentYearOn('2027-02-08'), 2025);
    assert.equal(calendar.currentYearOn('2027-02-09'), 2026);
  });

  it('accepts the years 2000 to 2199 and calls any other an invalid input', () => {
    assert.equal(FollowUpCalendar.assertYear(2000), 2000);
    assert.equal(FollowUpCalendar.assertYear(2199), 2199);
    for (const year of [1999, 2200, 2025.5, Number.NaN]) {
      assert.throws(() => FollowUpCalendar.assertYear(year), InvalidInputError);
    }
  });
});
