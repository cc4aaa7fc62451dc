/**
 * Texts of the annual follow-up: statuses, validation messages, refusals, the export's headers and the
 * `npm run reviews:export` command. The checklist's own questions and answer labels live in its file.
 */
import type { AnswererRole } from '../domain/checklist/permissions';
import type { NotAllowedToAnswerError } from '../domain/checklist/errors';
import type { AnswerError, AnswerErrorCode, FollowUpStatus } from '../domain/checklist/review';
import { say, type Lang, type Text } from './index';

export const followUpStatusTexts = {
  notStarted: { sv: 'Ej påbörjad', en: 'Not started' },
  inProgress: { sv: 'Pågår', en: 'In progress' },
  submitted: { sv: 'Inskickad', en: 'Submitted' },
} as const satisfies Record<FollowUpStatus, Text>;

export const answererRoleTexts = {
  responsibleChief: { sv: 'ansvarig chef', en: 'responsible manager' },
  responsible: { sv: 'systemansvarig', en: 'responsible for the system' },
  delegate: { sv: 'ersättare', en: 'delegate' },
  admin: { sv: 'administratör', en: 'administrator' },
} as const satisfies Record<AnswererRole | 'admin', Text>;

export const answerErrorTexts = {
  'missing-answer': { sv: 'Välj ett svar.', en: 'Choose an answer.' },
  'unknown-answer': { sv: 'Välj ett av svarsalternativen.', en: 'Choose one of the answers offered.' },
  'missing-action-what': {
    sv: 'Beskriv vilken åtgärd som ska göras.',
    en: 'Describe the action that will be taken.',
  },
  'missing-action-who': { sv: 'Ange vem som gör åtgärden.', en: 'Say who takes the action.' },
  'missing-due-date': { sv: 'Ange när åtgärden ska vara klar.', en: 'Say when the action will be done.' },
  'invalid-due-date': {
    sv: 'Ange ett datum som finns, till exempel 2026-02-28.',
    en: 'Give a date that exists, for example 2026-02-28.',
  },
  'past-due-date': {
    sv: 'Datumet har redan passerat. Ange i dag ({earliest}) eller ett senare datum.',
    en: 'That date has passed. Give today ({earliest}) or a later date.',
  },
  'too-long': { sv: 'Högst {maxLength} tecken.', en: 'At most {maxLength} characters.' },
} as const satisfies Record<AnswerErrorCode, Text>;

export const checklistTexts = {
  progress: { sv: 'Avsnitt {index} av {total}', en: 'Section {index} of {total}' },
  summary: { sv: 'Sammanfattning', en: 'Summary' },
  previousYear: { sv: 'Förra året ({year}): {answer}', en: 'Last year ({year}): {answer}' },
  actionRequired: {
    sv: '{answer} kräver en åtgärd: vad, vem och när.',
    en: '{answer} needs an action: what, who and by when.',
  },
  sectionHasErrors: {
    sv: 'Några svar saknas eller behöver kompletteras. Det du har skrivit finns kvar.',
    en: 'Some answers are missing or need more. What you typed is kept.',
  },
  incompleteSections: {
    sv: 'Checklistan kan skickas in när alla avsnitt är klara. Kvar: {sections}.',
    en: 'The checklist can be submitted when every section is complete. Remaining: {sections}.',
  },
  submitted: {
    sv: 'Tack! Uppföljningen av {system} för {year} är inskickad.',
    en: 'Thank you! The {year} follow-up of {system} has been submitted.',
  },
  reopened: {
    sv: 'Uppföljningen av {system} för {year} är öppnad igen. Den tidigare inskickade versionen finns kvar i historiken.',
    en: 'The {year} follow-up of {system} is open again. The version submitted earlier is kept in the history.',
  },
  stale: {
    sv: 'Checklistan har ändrats sedan det här kortet visades, kanske i ett annat fönster eller av någon annan. Ingenting av det du skickade nu sparades. Här är det senaste läget.',
    en: 'The checklist has changed since this card was shown, perhaps in another window or by someone else. Nothing you sent now was saved. Here is the latest state.',
  },
  alreadySaved: {
    sv: 'Det avsnittet är redan sparat, du behöver inte trycka igen. Här är checklistan som den ser ut nu.',
    en: 'That section is already saved; there is no need to press again. Here is the checklist as it is now.',
  },
  submittedEarlier: {
    sv: 'Uppföljningen av {system} för {year} är redan inskickad, du behöver inte trycka igen.',
    en: 'The {year} follow-up of {system} has already been submitted; there is no need to press again.',
  },
  alreadySubmitted: {
    sv: 'Uppföljningen är redan inskickad. Öppna den igen om något behöver ändras.',
    en: 'The follow-up has already been submitted. Reopen it if something needs changing.',
  },
  notSubmitted: {
    sv: 'Uppföljningen är inte inskickad, så den behöver inte öppnas igen.',
    en: 'The follow-up has not been submitted, so it does not need reopening.',
  },
  refused: {
    sv: 'Du kan inte fylla i checklistan för {system}. Den fylls i av {answerers}, eller av en administratör.',
    en: 'You cannot fill in the checklist for {system}. It is filled in by {answerers}, or by an administrator.',
  },
  refusedNobodyNamed: {
    sv: 'Du kan inte fylla i checklistan för {system}. Registret anger ingen ansvarig chef eller systemansvarig för systemet; en administratör kan fylla i den eller utse någon som får göra det.',
    en: 'You cannot fill in the checklist for {system}. The register names no responsible manager or person responsible for the system; an administrator can fill it in or appoint someone who may.',
  },
  answererWithRole: { sv: '{name} ({role})', en: '{name} ({role})' },
  notAllowedToSeeStatus: {
    sv: 'Status för uppföljningen visas för administratörer och informationssäkerhetssamordnaren.',
    en: 'The follow-up status is shown to administrators and the information security coordinator.',
  },
  adminOnly: {
    sv: 'Det kan bara en administratör göra.',
    en: 'Only an administrator can do that.',
  },
  noDepartment: { sv: '(ingen förvaltning)', en: '(no department)' },
  overdue: { sv: 'Försenad (senast {deadline})', en: 'Overdue (due {deadline})' },
} as const satisfies Record<string, Text>;

/** Column headers of the export, in column order. */
export const reviewExportHeaders = {
  system: { sv: 'System', en: 'System' },
  department: { sv: 'Förvaltning', en: 'Department' },
  section: { sv: 'Avsnitt', en: 'Section' },
  question: { sv: 'Fråga', en: 'Question' },
  answer: { sv: 'Svar', en: 'Answer' },
  comment: { sv: 'Kommentar', en: 'Comment' },
  actionWhat: { sv: 'Åtgärd', en: 'Action' },
  actionWho: { sv: 'Ansvarig för åtgärd', en: 'Action owner' },
  actionDue: { sv: 'Klar senast', en: 'Due date' },
  answeredBy: { sv: 'Besvarad av', en: 'Answered by' },
  answeredAt: { sv: 'Besvarad', en: 'Answered at' },
  status: { sv: 'Status', en: 'Status' },
  submittedAt: { sv: 'Inskickad', en: 'Submitted at' },
} as const satisfies Record<string, Text>;

export const reviewExportTexts = {
  sheetName: { sv: 'Uppföljning {year}', en: 'Follow-up {year}' },
  fileBaseName: { sv: 'systemkollen-uppfoljning-{year}', en: 'systemkollen-follow-up-{year}' },
} as const satisfies Record<string, Text>;

/** Messages of the `npm run reviews:export` command. */
export const reviewsExportCliTexts = {
  usage: {
    sv: 'Användning: npm run reviews:export -- [--year <år>] [--format xlsx|csv] [--out <fil>] [--lang en] [--checklist <fil>]\n  --year       uppföljningsåret, till exempel 2025 (standard den pågående uppföljningen)\n  --format     xlsx (standard) eller csv (semikolon, UTF-8 för Excel)\n  --out        filen som skrivs (standard systemkollen-uppfoljning-<år>.<format> i aktuell mapp)\n  --lang en    rubriker och svar på engelska\n  --checklist  checklistan för system som inte påbörjats (standard CHECKLIST_FILE eller den inbyggda)\nSlutkoder: 0 klar, 2 fel i kommandot, checklistfilen eller inställningarna, 3 lagringen gick inte att nå eller filen gick inte att skriva.',
    en: 'Usage: npm run reviews:export -- [--year <year>] [--format xlsx|csv] [--out <file>] [--lang en] [--checklist <file>]\n  --year       the follow-up year, for example 2025 (default the current follow-up)\n  --format     xlsx (default) or csv (semicolons, UTF-8 for Excel)\n  --out        the file to write (default systemkollen-follow-up-<year>.<format> in the current folder)\n  --lang en    headers and answers in English\n  --checklist  the checklist for systems not started (default CHECKLIST_FILE or the bundled one)\nExit codes: 0 done, 2 wrong command, checklist file or settings, 3 storage unreachable or the file could not be written.',
  },
  unknownOption: { sv: 'Okänt val: {option}', en: 'Unknown option: {option}' },
  missingValue: { sv: '{option} behöver ett värde.', en: '{option} needs a value.' },
  badYear: {
    sv: 'Året ska vara ett årtal som 2025: {year}',
    en: 'The year should be a year such as 2025: {year}',
  },
  badFormat: {
    sv: 'Formatet ska vara xlsx eller csv: {format}',
    en: 'The format should be xlsx or csv: {format}',
  },
  badLang: { sv: 'Språket ska vara sv eller en: {lang}', en: 'The language should be sv or en: {lang}' },
  written: {
    sv: 'Skrev {rows} rader ({systems} system) till {file}.',
    en: 'Wrote {rows} rows ({systems} systems) to {file}.',
  },
  writeFailed: { sv: 'Filen {file} gick inte att skriva.', en: 'The file {file} could not be written.' },
  storageUnavailable: {
    sv: 'Lagringen gick inte att nå ({operation}); försök igen senare.',
    en: 'Storage could not be reached ({operation}); try again later.',
  },
  deadlineConfig: {
    sv: 'Utan --year behövs inställningarna för att veta vilket år som pågår, och de går inte att använda:',
    en: 'Without --year the settings are needed to tell the current year, and they cannot be used:',
  },
  config: {
    sv: 'Inställningarna i miljön eller .env går inte att använda:',
    en: 'The settings in the environment or .env cannot be used:',
  },
  storageConfig: {
    sv: 'Lagringen kunde inte startas: kontrollera DATA_DIR eller COSMOS_ENDPOINT i miljön eller .env.',
    en: 'Storage could not be started: check DATA_DIR or COSMOS_ENDPOINT in the environment or .env.',
  },
} as const satisfies Record<string, Text>;

export function describeAnswerError(error: AnswerError, lang: Lang): string {
  return say(lang, answerErrorTexts[error.code], {
    maxLength: error.maxLength ?? '',
    earliest: error.earliest ?? '',
  });
}

/** "Du kan inte fylla i checklistan för Procapita. Den fylls i av Anna Berg (ansvarig chef) och ..." */
export function describeRefusal(error: NotAllowedToAnswerError, systemName: string, lang: Lang): string {
  if (error.answerers.length === 0)
    return say(lang, checklistTexts.refusedNobodyNamed, { system: systemName });
  const names = error.answerers.map((answerer) =>
    say(lang, checklistTexts.answererWithRole, {
      name: answerer.name,
      role: say(lang, answererRoleTexts[answerer.role]),
    }),
  );
  return say(lang, checklistTexts.refused, { system: systemName, answerers: listOf(names, lang) });
}

/** "A, B och C" / "A, B and C". */
export function listOf(items: readonly string[], lang: Lang): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}
