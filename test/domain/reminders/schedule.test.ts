import assert from 'node:assert/strict';
import {
  beforeDeadlineOccasions,
  defaultReminderSchedule,
  dueOccasion,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  zonedInstant,
  type ReminderSchedule,
} from '../../../src/domain/reminders/schedule';

const schedule = defaultReminderSchedule;
// The follow-up of 2025 is due Sunday 1 March 2026; Stockholm is at UTC+1 then, so 08:00 is 07:00Z.
const deadline = '2026-03-01';
const at = (iso: string) => new Date(iso);

describe('reminder schedule', () => {
  it('moves a reminder day on a Saturday or Sunday to the Friday before, and keeps working days', () => {
    assert.equal(workingDayOnOrBefore('2026-02-28'), '2026-02-27');
    assert.equal(workingDayOnOrBefore('2026-03-01'), '2026-02-27');
    assert.equal(workingDayOnOrBefore('2026-03-02'), '2026-03-02');
    assert.equal(workingDayOnOrBefore('2026-01-30'), '2026-01-30');
  });

  it('moves a reminder day on a holiday to the working day before, past a weekend if need be', () => {
    assert.equal(workingDayOnOrBefore('2026-01-06'), '2026-01-05', 'trettondedag jul, a Tuesday');
    assert.equal(workingDayOnOrBefore('2026-12-27'), '2026-12-23', 'Sunday after juldagen and julafton');
    assert.equal(workingDayOnOrAfter('2026-12-24'), '2026-12-28');
    assert.equal(workingDayOnOrAfter('2026-03-02'), '2026-03-02');
  });

  it('plans 30, 14, 7 and 1 days before the deadline on working days', () => {
    assert.deepEqual(
      beforeDeadlineOccasions(deadline, schedule).map((o) => [o.date, o.daysBefore]),
      [
        ['2026-02-27', 1],
        ['2026-02-20', 7],
        ['2026-02-13', 14],
        ['2026-01-30', 30],
      ],
    );
  });

  it('makes one occasion of two reminder days that land on the same Friday', () => {
    const custom: ReminderSchedule = { ...schedule, daysBefore: [2, 1] };
    // 2 and 1 days before Sunday 1 March: Friday and Saturday, both sent on Friday 27 February.
    assert.deepEqual(
      beforeDeadlineOccasions(deadline, custom).map((o) => [o.date, o.daysBefore]),
      [['2026-02-27', 1]],
    );
  });

  it('finds the 8:00 Stockholm instant in winter and in summer time', () => {
    assert.equal(
      zonedInstant('2026-02-27', '08:00', 'Europe/Stockholm').toISOString(),
      '2026-02-27T07:00:00.000Z',
    );
    assert.equal(
      zonedInstant('2026-06-15', '08:00', 'Europe/Stockholm').toISOString(),
      '2026-06-15T06:00:00.000Z',
    );
    // The night summer time starts (29 March 2026, 02:00 -> 03:00).
    assert.equal(
      zonedInstant('2026-03-29', '08:00', 'Europe/Stockholm').toISOString(),
      '2026-03-29T06:00:00.000Z',
    );
  });

  it('is due on a reminder day from the reminder time, not before it', () => {
    assert.equal(dueOccasion(deadline, at('2026-02-27T06:59:00Z'), schedule)?.date, '2026-02-20');
    assert.equal(dueOccasion(deadline, at('2026-02-27T07:00:00Z'), schedule)?.date, '2026-02-27');
  });

  it('has nothing due before the first reminder day, nor long after an occasion it missed', () => {
    assert.equal(dueOccasion(deadline, at('2026-01-29T12:00:00Z'), schedule), undefined);
    const late: ReminderSchedule = { ...schedule, daysBefore: [30] };
    // 30 days before is 30 January; six days later it is still made up, seven days later it is not.
    assert.equal(dueOccasion(deadline, at('2026-02-05T12:00:00Z'), late)?.date, '2026-01-30');
    assert.equal(dueOccasion(deadline, at('2026-02-06T12:00:00Z'), late), undefined);
  });

  it('reminds weekly on Mondays after the deadline, never on the deadline day itself', () => {
    assert.equal(dueOccasion(deadline, at('2026-03-01T12:00:00Z'), schedule)?.kind, 'beforeDeadline');
    const monday = dueOccasion(deadline, at('2026-03-02T07:00:00Z'), schedule);
    assert.deepEqual([monday?.date, monday?.kind], ['2026-03-02', 'overdue']);
    assert.equal(dueOccasion(deadline, at('2026-03-05T12:00:00Z'), schedule)?.date, '2026-03-02');
    assert.equal(dueOccasion(deadline, at('2026-03-09T07:30:00Z'), schedule)?.date, '2026-03-09');
  });

  it('sends the weekly reminder of a week whose Monday is a holiday on the Tuesday, and nothing on the holiday', () => {
    // Annandag påsk 2026 is Monday 6 April; Stockholm is at UTC+2 then, so 08:00 is 06:00Z.
    assert.equal(dueOccasion(deadline, at('2026-04-06T06:30:00Z'), schedule), undefined);
    const tuesday = dueOccasion(deadline, at('2026-04-07T06:30:00Z'), schedule);
    assert.deepEqual([tuesday?.date, tuesday?.kind], ['2026-04-07', 'overdue']);
    assert.equal(dueOccasion(deadline, at('2026-04-10T12:00:00Z'), schedule)?.date, '2026-04-07');
    assert.equal(dueOccasion(deadline, at('2026-04-13T06:30:00Z'), schedule)?.date, '2026-04-13');
  });

  it('stops the weekly reminder after the configured number of weeks', () => {
    // Eight weeks after Sunday 1 March 2026: the last Monday is 26 April.
    assert.equal(dueOccasion(deadline, at('2026-04-20T07:30:00Z'), schedule)?.date, '2026-04-20');
    assert.equal(dueOccasion(deadline, at('2026-04-27T07:30:00Z'), schedule), undefined);
    assert.equal(
      dueOccasion(deadline, at('2026-04-27T07:30:00Z'), { ...schedule, overdueWeeks: 9 })?.date,
      '2026-04-27',
    );
  });
});
