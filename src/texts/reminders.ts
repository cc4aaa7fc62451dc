/**
 * Texts of reminders before and after the follow-up deadline, and of the summary to admins and information
 * security coordinators. Swedish first; English for people who last wrote to the bot in English.
 */
import type { UnreachableReason } from '../domain/reminders/plan';
import { followUpStatusTexts } from './checklist';
import { checklistDialogTexts } from './checklistDialog';
import { sayCount, type Lang, type Text } from './index';

export const reminderTexts = {
  heading: { sv: 'Påminnelse: årlig uppföljning {year}', en: 'Reminder: annual follow-up {year}' },
  overdueHeading: { sv: 'Försenad: årlig uppföljning {year}', en: 'Overdue: annual follow-up {year}' },
  // {buttons}: the titles of the buttons on the card ("Starta", "Fortsätt" or "Starta eller Fortsätt").
  introOne: {
    sv: 'Du har 1 system kvar att följa upp för {year}. Klicka på {buttons} för att fylla i checklistan här i chatten.',
    en: 'You have 1 system left to follow up for {year}. Select {buttons} to fill in the checklist here in the chat.',
  },
  introMany: {
    sv: 'Du har {count} system kvar att följa upp för {year}. Klicka på {buttons} för att fylla i checklistan här i chatten.',
    en: 'You have {count} systems left to follow up for {year}. Select {buttons} to fill in the checklist here in the chat.',
  },
  overdueIntro: {
    sv: 'Sista dagen har passerat. Uppföljningen rapporteras till informationssäkerhetssamordnaren, så gör klart den så snart du kan.',
    en: 'The deadline has passed. The follow-up is reported to the information security coordinator, so please finish it as soon as you can.',
  },
  dueIn: { sv: 'Sista dag {deadline} ({days} dagar kvar)', en: 'Due {deadline} ({days} days left)' },
  dueTomorrow: { sv: 'Sista dag {deadline} (i morgon)', en: 'Due {deadline} (tomorrow)' },
  dueToday: { sv: 'Sista dag {deadline} (i dag)', en: 'Due {deadline} (today)' },
  overdueSince: { sv: 'Försenad, sista dag var {deadline}', en: 'Overdue, the deadline was {deadline}' },
  // The same words as the checklist's cards and the export: one source for each status and button.
  notStarted: followUpStatusTexts.notStarted,
  inProgress: followUpStatusTexts.inProgress,
  start: checklistDialogTexts.start,
  continue: checklistDialogTexts.continue,
  systemsHeading: { sv: 'Dina system', en: 'Your systems' },
  /** Plain text shown in Teams' notification and by clients that cannot show the card. */
  notificationOne: {
    sv: 'Påminnelse: 1 system kvar att följa upp för {year}, sista dag {deadline}.',
    en: 'Reminder: 1 system left to follow up for {year}, due {deadline}.',
  },
  notificationMany: {
    sv: 'Påminnelse: {count} system kvar att följa upp för {year}, första sista dag {deadline}.',
    en: 'Reminder: {count} systems left to follow up for {year}, first due {deadline}.',
  },

  summaryHeading: { sv: 'Läget för uppföljningen {year}', en: 'Status of the {year} follow-up' },
  summaryIntro: { sv: '{overdue} {unreachable}', en: '{overdue} {unreachable}' },
  summaryOverdueOne: { sv: '1 system är försenat.', en: '1 system is overdue.' },
  summaryOverdueMany: { sv: '{count} system är försenade.', en: '{count} systems are overdue.' },
  summaryUnreachableOne: {
    sv: '1 person med system kvar kan inte nås av boten.',
    en: '1 person with systems left cannot be reached by the bot.',
  },
  summaryUnreachableMany: {
    sv: '{count} personer med system kvar kan inte nås av boten.',
    en: '{count} people with systems left cannot be reached by the bot.',
  },
  summaryOverdueHeading: { sv: 'Försenade system per förvaltning', en: 'Overdue systems by department' },
  summaryDepartment: {
    sv: '{department}: {overdue}, sista dag {deadline}',
    en: '{department}: {overdue}, due {deadline}',
  },
  departmentOverdueOne: { sv: '1 försenat', en: '1 overdue' },
  departmentOverdueMany: { sv: '{count} försenade', en: '{count} overdue' },
  summaryNoDepartment: { sv: 'Utan förvaltning', en: 'No department' },
  summaryUnreachableHeading: {
    sv: 'Installera appen för de här personerna',
    en: 'Install the app for these people',
  },
  summaryUnreachableIntro: {
    sv: 'Boten kan inte skicka påminnelser till dem förrän de har öppnat Systemkollen i Teams (eller fått appen installerad).',
    en: 'The bot cannot remind them until they have opened Systemkollen in Teams (or had the app installed for them).',
  },
  unreachableNoReference: { sv: 'har inte öppnat appen', en: 'has not opened the app' },
  unreachableInstallRefused: {
    sv: 'Teams nekade att installera appen (kontrollera policyn för appbehörighet)',
    en: 'Teams refused to install the app (check the app permission policy)',
  },
  unreachableInactive: { sv: 'har tagit bort eller blockerat appen', en: 'has removed or blocked the app' },
  unreachableNoAddress: {
    sv: 'saknar e-postadress i registret',
    en: 'has no e-mail address in the register',
  },
  unreachableUnverified: { sv: 'okänd (inte verifierad)', en: 'unknown (not verified)' },
  unreachableSystems: { sv: '{count} system kvar', en: '{count} systems left' },
  unreachableSystemsOne: { sv: '1 system kvar', en: '1 system left' },
  summaryNotification: {
    sv: 'Uppföljningen {year}: {overdue}, {unreachable}.',
    en: 'The {year} follow-up: {overdue}, {unreachable}.',
  },
  notificationOverdueOne: { sv: '1 försenat system', en: '1 overdue system' },
  notificationOverdueMany: { sv: '{count} försenade system', en: '{count} overdue systems' },
  notificationUnreachableOne: { sv: '1 person kan inte nås', en: '1 person cannot be reached' },
  notificationUnreachableMany: {
    sv: '{count} personer kan inte nås',
    en: '{count} people cannot be reached',
  },
  more: { sv: '… och {count} till', en: '… and {count} more' },
} satisfies Record<string, Text>;

/** Why someone with systems left cannot be reached: the admins' summary and the CLI's preview say the same. */
export const unreachableReasonTexts: Readonly<Record<UnreachableReason, Text>> = {
  noReference: reminderTexts.unreachableNoReference,
  installRefused: reminderTexts.unreachableInstallRefused,
  inactive: reminderTexts.unreachableInactive,
  noAddress: reminderTexts.unreachableNoAddress,
  unverified: reminderTexts.unreachableUnverified,
};

const monthNames: Record<Lang, string[]> = {
  sv: [
    'januari',
    'februari',
    'mars',
    'april',
    'maj',
    'juni',
    'juli',
    'augusti',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "1 mars 2026" / "1 March 2026" from an ISO date. */
/** "1 system kvar", "3 system kvar". */
export function systemsLeft(lang: Lang, count: number): string {
  return sayCount(lang, count, reminderTexts.unreachableSystemsOne, reminderTexts.unreachableSystems);
}

export function reminderDate(lang: Lang, isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day} ${monthNames[lang][month - 1]} ${year}`;
}

/** The dry-run CLI (npm run reminders -- --dry-run). */
export const reminderCliTexts = {
  usage: {
    sv: [
      'Användning: npm run reminders -- --dry-run [--date ÅÅÅÅ-MM-DD] [--year ÅÅÅÅ] [--lang sv|en]',
      '',
      'Visar vem som skulle få vilken påminnelse vid påminnelsetiden det datumet (i dag om inget anges),',
      'utan att skicka något. Påminnelser skickas av boten själv (schemat, eller POST /api/reminders/run).',
    ].join('\n'),
    en: [
      'Usage: npm run reminders -- --dry-run [--date YYYY-MM-DD] [--year YYYY] [--lang sv|en]',
      '',
      'Shows who would get which reminder at the reminder time on that date (today if none is given),',
      'without sending anything. Reminders are sent by the bot itself (its schedule, or POST /api/reminders/run).',
    ].join('\n'),
  },
  dryRunOnly: {
    sv: 'Bara --dry-run finns här: påminnelser skickas av boten.',
    en: 'Only --dry-run is available here: reminders are sent by the bot.',
  },
  badDate: {
    sv: 'Ogiltigt datum "{value}": skriv ÅÅÅÅ-MM-DD.',
    en: 'Invalid date "{value}": write YYYY-MM-DD.',
  },
  badYear: { sv: 'Ogiltigt år "{value}".', en: 'Invalid year "{value}".' },
  badLang: { sv: 'Okänt språk "{value}": sv eller en.', en: 'Unknown language "{value}": sv or en.' },
  unknownOption: { sv: 'Okänt alternativ {value}.', en: 'Unknown option {value}.' },
  config: { sv: 'Konfigurationen går inte att använda:', en: 'The configuration is not usable:' },
  storageUnavailable: { sv: 'Lagringen svarar inte just nu.', en: 'The storage does not answer right now.' },
  heading: {
    sv: 'Påminnelser för uppföljningen {year}, {day} kl. {time} ({timeZone}). Torrkörning: inget skickas.',
    en: 'Reminders for the {year} follow-up, {day} at {time} ({timeZone}). Dry run: nothing is sent.',
  },
  counts: {
    sv: '{toSend} meddelanden skulle skickas, {done} redan skickade eller pågående.',
    en: '{toSend} messages would be sent, {done} already sent or in progress.',
  },
  nothing: { sv: 'Inga påminnelser att skicka.', en: 'No reminders to send.' },
  reminderLine: {
    sv: 'Påminnelse till {recipient} ({lang}), tillfälle {occasion}{state}:',
    en: 'Reminder to {recipient} ({lang}), occasion {occasion}{state}:',
  },
  summaryLine: {
    sv: 'Sammanfattning till {recipient} ({lang}): {overdue} försenade system, {unreachable} personer kan inte nås{state}',
    en: 'Summary to {recipient} ({lang}): {overdue} overdue systems, {unreachable} people cannot be reached{state}',
  },
  systemLine: {
    sv: '  - {system}: {status}, sista dag {deadline}',
    en: '  - {system}: {status}, due {deadline}',
  },
  state: { sv: ' [{state}]', en: ' [{state}]' },
  stateSent: { sv: 'redan skickad', en: 'already sent' },
  stateSending: { sv: 'skickas just nu', en: 'being sent' },
  stateFailed: { sv: 'misslyckades tidigare', en: 'failed earlier' },
  unreachableHeading: {
    sv: 'Kan inte nås ({count}), installera appen för dem:',
    en: 'Cannot be reached ({count}), install the app for them:',
  },
  unreachableLine: {
    sv: '  - {person}: {reason}, {systemsLeft}',
    en: '  - {person}: {reason}, {systemsLeft}',
  },
  unreachableAdmins: {
    sv: 'Admins och samordnare som boten inte når ({count}): {entries}',
    en: 'Admins and coordinators the bot cannot reach ({count}): {entries}',
  },
  deadlineLine: {
    sv: 'Sista dag {deadline}{departments}, {openSystems} öppna system: {occasion}',
    en: 'Deadline {deadline}{departments}, {openSystems} open systems: {occasion}',
  },
  deadlineDepartments: { sv: ' ({departments})', en: ' ({departments})' },
  occasionToday: { sv: 'påminnelsedag ({kind})', en: 'a reminder day ({kind})' },
  kindBefore: { sv: '{daysBefore} dagar före', en: '{daysBefore} days before' },
  kindOverdue: { sv: 'veckopåminnelse efter sista dagen', en: 'weekly reminder after the deadline' },
  occasionMadeUp: {
    sv: 'ingen påminnelsedag; påminnelsen från {date} ({kind}) går ut om den inte redan gjort det',
    en: 'not a reminder day; the reminder of {date} ({kind}) goes out if it has not yet',
  },
  noOccasion: { sv: 'ingen påminnelsedag', en: 'not a reminder day' },
  reach: {
    sv: '{people} personer skulle få en påminnelse, {unreachable} med öppna system kan inte nås.',
    en: '{people} people would get a reminder, {unreachable} with open systems cannot be reached.',
  },
  unremindableHeading: {
    sv: 'System som ingen kan påminnas om ({count}):',
    en: 'Systems nobody can be reminded about ({count}):',
  },
  unremindableLine: { sv: '  - {system}: {reason}', en: '  - {system}: {reason}' },
  nobodyNamed: {
    sv: 'ingen ansvarig chef, systemansvarig eller ombud i registret',
    en: 'no responsible chief, systemansvarig or delegate in the register',
  },
  nobodyReachable: {
    sv: 'ingen av de som kan svara kan nås',
    en: 'none of those who can answer can be reached',
  },
} satisfies Record<string, Text>;
