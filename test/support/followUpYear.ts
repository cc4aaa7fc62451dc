import { FollowUpCalendar } from '../../src/domain/followUp/followUpCalendar';
import { defaultReminderSchedule } from '../../src/domain/reminders/schedule';

/** The calendar the bot runs with when no deadlines are configured. */
export const defaultFollowUpCalendar = FollowUpCalendar.forSchedule(defaultReminderSchedule);

/** The follow-up year the bot calls current at `now` with the default deadlines. */
export function currentFollowUpYear(now: Date = new Date()): number {
  return defaultFollowUpCalendar.currentYear(now);
}
