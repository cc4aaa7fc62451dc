/**
 * When reminders go out. Pure date arithmetic on ISO dates (YYYY-MM-DD) in the municipality's time zone; the
 * caller gives the current instant.
 *
 * - Before a deadline: on each configured number of days before it (default 30, 14, 7, 1). A day that is not a
 *   working day (a Saturday, a Sunday or a Swedish holiday, see swedishHolidays.ts) moves to the working day
 *   before it: earlier rather than later, so "1 day before" never lands after the deadline and never on a Monday
 *   that is itself the deadline.
 * - After a deadline: every week on the configured weekday (default Monday), strictly after the deadline day, for
 *   `overdueWeeks` weeks (default 8). Then they stop: a follow-up still open two months late is the admins' to
 *   chase, and without a limit the first year of use would nag everyone weekly about a year done on paper. A week
 *   whose reminder weekday is a holiday (annandag påsk is a Monday, and falls in those weeks most years) has it on
 *   the next working day: later, as there is no deadline left to miss.
 * - Each occasion is due from the configured local time (default 08:00) in the municipality's time zone on its day.
 * - A run sends the latest due occasion only, and only within `catchUpDays` of it: a run missed on a reminder day
 *   (the server was down at 08:00) is made up by the next run, but a person never gets a backlog of old ones.
 */
import { defaultTimeZone } from '../../shared/dateTime';
import { localDate } from '../checklist/reviewStatus';
import { isSwedishHoliday } from './swedishHolidays';

export interface ReminderSchedule {
  /** Days before the deadline, each a whole number >= 0. */
  daysBefore: readonly number[];
  /** Local time of day, "HH:MM". */
  time: string;
  timeZone: string;
  /** Weekday of the weekly reminder after the deadline: 0 Sunday … 6 Saturday; default 1 (Monday). */
  overdueWeekday: number;
  /** How many days late a missed occasion is still sent. */
  catchUpDays: number;
  /** For how many weeks after the deadline the weekly reminder goes out. */
  overdueWeeks: number;
}

export const defaultReminderSchedule: ReminderSchedule = {
  daysBefore: [30, 14, 7, 1],
  time: '08:00',
  timeZone: defaultTimeZone,
  overdueWeekday: 1,
  catchUpDays: 6,
  overdueWeeks: 8,
};

export type OccasionKind = 'beforeDeadline' | 'overdue';

export interface Occasion {
  /** The local day it is planned for: also the occasion's part of the claim id. */
  date: string;
  kind: OccasionKind;
  deadline: string;
  /** For beforeDeadline: the configured number of days it stands for. */
  daysBefore?: number;
}

/** Adds days to an ISO date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Neither a Saturday, a Sunday nor a Swedish holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isSwedishHoliday(date);
}

/** The date itself when it is a working day, else the working day before it. */
export function workingDayOnOrBefore(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** The date itself when it is a working day, else the working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The instant a local date and time ("HH:MM") happen in a time zone, daylight saving time included. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guess, then at the corrected instant: right on both sides of a DST change.
  let instant = asUtc - offsetOf(timeZone, asUtc);
  instant = asUtc - offsetOf(timeZone, instant);
  return new Date(instant);
}

function offsetOf(timeZone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return local - Math.floor(epochMs / 1000) * 1000;
}

/** The reminder days before a deadline, on working days, latest first, without duplicates. */
export function beforeDeadlineOccasions(deadline: string, schedule: ReminderSchedule): Occasion[] {
  const byDate = new Map<string, Occasion>();
  for (const days of [...schedule.daysBefore].sort((a, b) => a - b)) {
    const date = workingDayOnOrBefore(addDays(deadline, -days));
    // Two configured days moved onto the same Friday are one occasion: the one nearer the deadline names it.
    if (!byDate.has(date)) byDate.set(date, { date, kind: 'beforeDeadline', deadline, daysBefore: days });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? 1 : -1));
}

/** The local day whose reminders are due at `now`: today once the reminder time has passed, else yesterday. */
export function reminderDayAt(now: Date, schedule: ReminderSchedule): string {
  const today = localDate(now, schedule.timeZone);
  return now >= zonedInstant(today, schedule.time, schedule.timeZone) ? today : addDays(today, -1);
}

/** The latest occasion of a deadline that is due at `now` and not older than catchUpDays, if any. */
export function dueOccasion(deadline: string, now: Date, schedule: ReminderSchedule): Occasion | undefined {
  const day = reminderDayAt(now, schedule);
  let latest: Occasion | undefined;
  if (day > deadline) {
    const back = (weekdayOf(day) - schedule.overdueWeekday + 7) % 7;
    const thisWeeks = addDays(day, -back);
    // This week's may have moved past today from a holiday; then last week's is the latest.
    for (const weekly of [thisWeeks, addDays(thisWeeks, -7)]) {
      if (weekly <= deadline || daysBetween(deadline, weekly) > schedule.overdueWeeks * 7) continue;
      const date = workingDayOnOrAfter(weekly);
      if (date <= day) {
        latest = { date, kind: 'overdue', deadline };
        break;
      }
    }
  }
  if (latest === undefined) latest = beforeDeadlineOccasions(deadline, schedule).find((o) => o.date <= day);
  if (latest === undefined || daysBetween(latest.date, day) > schedule.catchUpDays) return undefined;
  return latest;
}
