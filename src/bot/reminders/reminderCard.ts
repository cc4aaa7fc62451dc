import type { Lang } from '../../domain/answers';
import { noDepartment } from '../../domain/checklist/reviewStatus';
import type { PlannedMessage, PlannedReminder, PlannedSummary } from '../../domain/reminders/plan';
import { say, sayCount } from '../../texts';
import { reminderDate, reminderTexts as t, systemsLeft, unreachableReasonTexts } from '../../texts/reminders';
import { checklistStartVerb, type ChecklistStartActionData } from '../cards/checklistActions';
import { escapeMarkdown } from '../cards/markdown';
import { cardTemplate, type AdaptiveCard } from '../cards/templates';

/** Data of adaptiveCards/reminder.json: a reminder to a person, or the summary to admins. */
export interface ReminderCardData {
  heading: string;
  headingColor: 'Default' | 'Attention';
  intro: string;
  urgent?: string;
  sections: ReminderCardSection[];
  verbs: { start: typeof checklistStartVerb };
}

export interface ReminderCardSection {
  title?: string;
  note?: string;
  items: ReminderCardItem[];
  more?: string;
}

export interface ReminderCardItem {
  title: string;
  detail?: string;
  /** A start button (reminders only): it opens the system's checklist for the year, as "checklista X" does. */
  action?: { title: string; data: ChecklistStartActionData };
}

export const reminderCard = cardTemplate<ReminderCardData>('reminder.json');

/** A Teams message holds about 28 KB; a long list is cut, with "… and N more". */
const maxItems = 40;

export interface ReminderActivityContent {
  /** Plain text for the notification and for clients without cards. */
  text: string;
  card: AdaptiveCard;
}

export function reminderContent(message: PlannedMessage): ReminderActivityContent {
  return message.kind === 'reminder' ? personReminder(message) : adminSummary(message);
}

export function reminderCardData(message: PlannedMessage): ReminderCardData {
  return message.kind === 'reminder' ? personCardData(message) : summaryCardData(message);
}

function personReminder(message: PlannedReminder): ReminderActivityContent {
  const { lang, year } = message;
  const first = message.systems[0];
  const deadline = first ? reminderDate(lang, first.deadline) : '';
  const count = message.systems.length;
  const text =
    count === 1
      ? say(lang, t.notificationOne, { year, deadline })
      : say(lang, t.notificationMany, { year, count, deadline });
  return { text, card: reminderCard.expand(personCardData(message)) };
}

function personCardData(message: PlannedReminder): ReminderCardData {
  const { lang, year } = message;
  const overdue = message.systems.some((system) => system.daysLeft < 0);
  const count = message.systems.length;
  const shown = message.systems.slice(0, maxItems);
  return {
    heading: say(lang, overdue ? t.overdueHeading : t.heading, { year }),
    headingColor: overdue ? 'Attention' : 'Default',
    intro: say(lang, count === 1 ? t.introOne : t.introMany, { year, count, buttons: buttonsOf(message) }),
    ...(overdue ? { urgent: say(lang, t.overdueIntro) } : {}),
    sections: [
      {
        items: shown.map((system) => ({
          title: escapeMarkdown(system.systemName),
          detail: `${say(lang, system.status === 'inProgress' ? t.inProgress : t.notStarted)} · ${dueText(lang, system.deadline, system.daysLeft)}`,
          action: {
            title: say(lang, system.status === 'inProgress' ? t.continue : t.start),
            data: { systemId: system.systemId, year, lang },
          },
        })),
        ...(count > shown.length ? { more: say(lang, t.more, { count: count - shown.length }) } : {}),
      },
    ],
    verbs: { start: checklistStartVerb },
  };
}

/** The titles of the buttons the card shows, in the words of the buttons themselves: "Starta eller Fortsätt". */
function buttonsOf(message: PlannedReminder): string {
  const titles = new Set(
    message.systems
      .slice(0, maxItems)
      .map((system) => say(message.lang, system.status === 'inProgress' ? t.continue : t.start)),
  );
  return new Intl.ListFormat(message.lang, { style: 'long', type: 'disjunction' }).format([...titles]);
}

function dueText(lang: Lang, deadline: string, daysLeft: number): string {
  const date = reminderDate(lang, deadline);
  if (daysLeft < 0) return say(lang, t.overdueSince, { deadline: date });
  if (daysLeft === 0) return say(lang, t.dueToday, { deadline: date });
  if (daysLeft === 1) return say(lang, t.dueTomorrow, { deadline: date });
  return say(lang, t.dueIn, { deadline: date, days: daysLeft });
}

function adminSummary(message: PlannedSummary): ReminderActivityContent {
  const { lang, year } = message;
  return {
    text: say(lang, t.summaryNotification, {
      year,
      overdue: sayCount(lang, message.overdueCount, t.notificationOverdueOne, t.notificationOverdueMany),
      unreachable: sayCount(
        lang,
        message.unreachable.length,
        t.notificationUnreachableOne,
        t.notificationUnreachableMany,
      ),
    }),
    card: reminderCard.expand(summaryCardData(message)),
  };
}

function summaryCardData(message: PlannedSummary): ReminderCardData {
  const { lang, year } = message;
  const sections: ReminderCardSection[] = [];
  if (message.overdue.length > 0) {
    const items = message.overdue.map((department) => ({
      title: escapeMarkdown(
        say(lang, t.summaryDepartment, {
          department:
            department.department === noDepartment ? say(lang, t.summaryNoDepartment) : department.department,
          overdue: sayCount(lang, department.overdue.length, t.departmentOverdueOne, t.departmentOverdueMany),
          deadline: reminderDate(lang, department.deadline),
        }),
      ),
      detail: escapeMarkdown(department.overdue.map((system) => system.systemName).join(', ')),
    }));
    sections.push({ title: say(lang, t.summaryOverdueHeading), ...cut(lang, items) });
  }
  if (message.unreachable.length > 0) {
    const items = message.unreachable.map((person) => ({
      title: escapeMarkdown(person.email ? `${person.name} (${person.email})` : person.name),
      detail: `${say(lang, unreachableReasonTexts[person.reason])} · ${systemsLeft(lang, person.systemIds.length)}`,
    }));
    sections.push({
      title: say(lang, t.summaryUnreachableHeading),
      note: say(lang, t.summaryUnreachableIntro),
      ...cut(lang, items),
    });
  }
  return {
    heading: say(lang, t.summaryHeading, { year }),
    headingColor: message.overdueCount > 0 ? 'Attention' : 'Default',
    intro: say(lang, t.summaryIntro, {
      overdue: sayCount(lang, message.overdueCount, t.summaryOverdueOne, t.summaryOverdueMany),
      unreachable: sayCount(
        lang,
        message.unreachable.length,
        t.summaryUnreachableOne,
        t.summaryUnreachableMany,
      ),
    }),
    sections,
    verbs: { start: checklistStartVerb },
  };
}

function cut(lang: Lang, items: ReminderCardItem[]): Pick<ReminderCardSection, 'items' | 'more'> {
  const shown = items.slice(0, maxItems);
  return {
    items: shown,
    ...(items.length > shown.length
      ? { more: say(lang, t.more, { count: items.length - shown.length }) }
      : {}),
  };
}
