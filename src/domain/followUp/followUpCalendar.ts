/**
 * The follow-up calendar: the one answer to "which year's follow-up is it now?", asked by the checklist dialog,
 * `status`, `exportera`, `mina checklistor`, the reminder runs and the CLIs, so that a reminder and the card it
 * leads to always name the same year.
 *
 * - The follow-up of year N covers N and is reported by its deadline in N+1: by default 1 March, or a
 *   department's own month-day (DeadlinePolicy). It is overdue the day after its deadline.
 * - Reminders for N run until the last weekly overdue reminder: `overdueWeeks` weeks after the deadline, on the
 *   reminder weekday (moved to the next working day when that is a holiday, as schedule.ts sends it), the latest
 *   over the default deadline and every department's own.
 * - N stays the current year until that last reminder day, then N+1 is current: it "opens" the day after. So from
 *   January to about the end of April both the dialog and the reminders work on the previous year, and from then
 *   on on the year under way. A reminder that a run missed on the very last day is not caught up after the
 *   switch: the dialog has moved on by then too.
 *
 * Days are ISO dates in the municipality's time zone, given by the caller (never assumed here). The dialog asks
 * for today's date; a reminder run for its reminder day (schedule.ts: today after the reminder time, else
 * yesterday), so both see the same year on the same day.
 */
import { deadlineFor, localDate, type DeadlinePolicy } from '../checklist/reviewStatus';
import { InvalidInputError } from '../errors';
import { addDays, weekdayOf, workingDayOnOrAfter, type ReminderSchedule } from '../reminders/schedule';

/** The years any follow-up can be about; a year outside them is a typing mistake. */
export const followUpYearLimits = { min: 2000, max: 2199 } as const;

export function isFollowUpYear(year: number): boolean {
  return Number.isInteger(year) && year >= followUpYearLimits.min && year <= followUpYearLimits.max;
}

export interface FollowUpCalendarOptions {
  deadlines?: DeadlinePolicy;
  /** The reminder schedule's weekly overdue reminders: for how many weeks, on which weekday (0 Sunday). */
  overdueWeeks: number;
  overdueWeekday: number;
  /** The municipality's time zone (IANA name), for "today". */
  timeZone: string;
}

export class FollowUpCalendar {
  readonly deadlines: DeadlinePolicy;
  readonly timeZone: string;
  private readonly overdueWeeks: number;
  private readonly overdueWeekday: number;

  constructor(options: FollowUpCalendarOptions) {
    this.deadlines = options.deadlines ?? {};
    this.timeZone = options.timeZone;
    this.overdueWeeks = options.overdueWeeks;
    this.overdueWeekday = options.overdueWeekday;
  }

  /** The calendar the reminders of `schedule` follow; its time zone is the schedule's. */
  static forSchedule(
    schedule: Pick<ReminderSchedule, 'overdueWeeks' | 'overdueWeekday' | 'timeZone'>,
    deadlines: DeadlinePolicy = {},
  ): FollowUpCalendar {
    return new FollowUpCalendar({
      deadlines,
      overdueWeeks: schedule.overdueWeeks,
      overdueWeekday: schedule.overdueWeekday,
      timeZone: schedule.timeZone,
    });
  }

  /** Today's date (YYYY-MM-DD) in the municipality at `now`. */
  today(now: Date): string {
    return localDate(now, this.timeZone);
  }

  /** The follow-up year people work on at `now`. */
  currentYear(now: Date): number {
    return this.currentYearOn(this.today(now));
  }

  /** The follow-up year current on a local day: the earliest year whose reminders have not ended before it. */
  currentYearOn(day: string): number {
    let year = Number(day.slice(0, 4)) - 1;
    while (this.remindersEndOn(year - 1) >= day) year--;
    while (this.remindersEndOn(year) < day) year++;
    return year;
  }

  /** The first day `year` is current: the day after the previous year's last reminder. */
  opensOn(year: number): string {
    return addDays(this.remindersEndOn(year - 1), 1);
  }

  /** The last day the follow-up of `year` is on time, for a department (its own) or by default. */
  deadline(year: number, department?: string): string {
    return deadlineFor(year, department, this.deadlines);
  }

  /** Not on time any more on `day` (the day after the deadline on). */
  isOverdue(year: number, day: string, department?: string): boolean {
    return day > this.deadline(year, department);
  }

  /** The last day a reminder about `year` is sent: the latest over the default deadline and each department's. */
  remindersEndOn(year: number): string {
    const departments = Object.keys(this.deadlines.byDepartment ?? {});
    const deadlines = [this.deadline(year), ...departments.map((name) => this.deadline(year, name))];
    return deadlines.map((deadline) => this.lastReminderDay(deadline)).sort()[deadlines.length - 1] as string;
  }

  /** What anyone but admins and security coordinators may open at `now`: the previous and the current year. */
  openYears(now: Date): readonly [previous: number, current: number] {
    const current = this.currentYear(now);
    return [current - 1, current];
  }

  /** Throws InvalidInputError unless `year` is a whole year a follow-up can be about. */
  static assertYear(year: number): number {
    if (!isFollowUpYear(year)) {
      throw new InvalidInputError('year', `year ${year} is out of range`, {
        accepted: followUpYearLimits,
        value: year,
      });
    }
    return year;
  }

  /** The last weekly overdue reminder of a deadline (the deadline itself when there are none). */
  private lastReminderDay(deadline: string): string {
    const windowEnd = addDays(deadline, this.overdueWeeks * 7);
    const lastWeekly = addDays(windowEnd, -((weekdayOf(windowEnd) - this.overdueWeekday + 7) % 7));
    return lastWeekly > deadline ? workingDayOnOrAfter(lastWeekly) : deadline;
  }
}
