/**
 * Texts of the follow-up dialog in Teams: the section and summary cards, "mina checklistor", status and the
 * export command. Statuses, validation messages and refusals shared with the CLI are in checklist.ts.
 */
import type { Text } from './index';

export const checklistDialogTexts = {
  heading: { sv: 'Årlig uppföljning {year}', en: 'Annual follow-up {year}' },
  progress: { sv: 'Avsnitt {index} av {total}: {title}', en: 'Section {index} of {total}: {title}' },
  answerLabel: { sv: 'Svar', en: 'Answer' },
  commentLabel: { sv: 'Kommentar (frivillig)', en: 'Comment (optional)' },
  actionHeadingFor: {
    sv: 'Åtgärd: fylls i vid {answers}',
    en: 'Action: filled in for {answers}',
  },
  addAction: { sv: 'Lägg till åtgärd', en: 'Add an action' },
  actionWhatLabel: { sv: 'Vad ska göras?', en: 'What will be done?' },
  actionWhoLabel: { sv: 'Vem gör det?', en: 'Who does it?' },
  actionDueLabel: { sv: 'Klart senast', en: 'Done by' },
  previousYear: { sv: 'Förra året ({year}): {answer}', en: 'Last year ({year}): {answer}' },
  previousYearComment: { sv: '{answer}. {comment}', en: '{answer}. {comment}' },
  next: { sv: 'Nästa', en: 'Next' },
  toSummary: { sv: 'Till sammanfattningen', en: 'To the summary' },
  back: { sv: 'Tillbaka', en: 'Back' },
  saveLater: { sv: 'Spara och fortsätt senare', en: 'Save and continue later' },
  edit: { sv: 'Ändra', en: 'Edit' },
  submit: { sv: 'Skicka in', en: 'Submit' },
  reopen: { sv: 'Öppna igen', en: 'Reopen' },
  // The buttons that open a checklist, here and on reminders (texts/reminders.ts refers to these).
  continue: { sv: 'Fortsätt', en: 'Continue' },
  start: { sv: 'Starta', en: 'Start' },
  show: { sv: 'Visa', en: 'Show' },
  startAnnualFollowUp: { sv: 'Starta årlig uppföljning', en: 'Start annual follow-up' },
  summaryHeading: { sv: 'Sammanfattning', en: 'Summary' },
  summaryIntro: {
    sv: 'Kontrollera svaren och skicka in när allt stämmer.',
    en: 'Check the answers and submit when everything is right.',
  },
  sectionComplete: { sv: 'Klart', en: 'Done' },
  sectionIncomplete: { sv: 'Inte klart', en: 'Not done' },
  sectionNotStarted: { sv: 'Inte påbörjat', en: 'Not started' },
  notAnswered: { sv: 'Inte besvarad', en: 'Not answered' },
  answerLine: { sv: 'Svar: {answer}', en: 'Answer: {answer}' },
  commentLine: { sv: 'Kommentar: {comment}', en: 'Comment: {comment}' },
  actionLine: {
    sv: 'Åtgärd: {what}. Ansvarig: {who}. Klart senast {dueDate}.',
    en: 'Action: {what}. Owner: {who}. Done by {dueDate}.',
  },
  deviationsHeading: {
    sv: 'Avvikelser och planerade åtgärder ({count})',
    en: 'Deviations and planned actions ({count})',
  },
  noDeviations: { sv: 'Inga avvikelser.', en: 'No deviations.' },
  deviationLine: { sv: '{question} – {answer}', en: '{question} – {answer}' },
  // {status} is the status word of followUpStatusTexts (texts/checklist.ts): one word for a status everywhere.
  statusInProgress: {
    sv: '{status}. Senast ändrad av {name} {at}.',
    en: '{status}. Last changed by {name} {at}.',
  },
  statusSubmitted: { sv: '{status} av {name} {at}.', en: '{status} by {name} {at}.' },
  answeringAs: { sv: 'Du svarar som {role}.', en: 'You answer as {role}.' },
  sectionErrorsFor: { sv: '{question} – {problems}', en: '{question} – {problems}' },
  saved: {
    sv: 'Sparat. Fortsätt när du vill: här, med ”checklista {system}” eller via ”mina checklistor”, också från en annan enhet.',
    en: 'Saved. Continue whenever you like: here, with "checklist {system}" or through "my checklists", also from another device.',
  },
  savedTitle: { sv: 'Uppföljningen av {system} är sparad', en: 'The follow-up of {system} is saved' },
  savedProgress: {
    sv: '{done} av {total} avsnitt klara.',
    en: '{done} of {total} sections done.',
  },
  identityUnavailable: {
    sv: 'Teams kunde inte tala om vem du är just nu, så jag kan inte avgöra vad du får se och fylla i. Försök igen om en liten stund.',
    en: "Teams couldn't tell me who you are right now, so I can't decide what you may see and fill in. Please try again in a moment.",
  },
  privateInPersonalChat: {
    sv: 'Checklistor och status visar jag bara i en personlig chatt, eftersom de innehåller svar som inte är till för alla här. Fråga mig i vår personliga chatt.',
    en: 'I only show checklists and status in a personal chat, since they hold answers not meant for everyone here. Ask me in our personal chat.',
  },
  cannotIdentify: {
    sv: 'Jag kan inte se vem du är i Teams, så jag kan inte öppna checklistan. Prova från Teams-appen med ditt jobbkonto.',
    en: "I can't tell who you are in Teams, so I can't open the checklist. Try from the Teams app with your work account.",
  },
  systemRetired: {
    sv: '{system} är avvecklat enligt registret (status: {status}), så det har ingen årlig uppföljning.',
    en: '{system} is retired according to the register (status: {status}), so it has no annual follow-up.',
  },
  systemGone: {
    sv: 'Systemet finns inte längre i registret, så checklistan kan inte öppnas.',
    en: 'The system is no longer in the register, so its checklist cannot be opened.',
  },
  actionRefused: {
    sv: 'Det här kortet gick inte att använda. Skriv ”checklista” och systemets namn för att öppna checklistan igen.',
    en: 'This card could not be used. Write "checklist" and the system name to open the checklist again.',
  },
  whichSystem: {
    sv: 'Flera system passar ”{query}”. Vilket vill du följa upp?',
    en: 'Several systems match "{query}". Which one do you want to follow up?',
  },
  systemNotFound: {
    sv: 'Jag hittar inget system som heter ”{query}”.',
    en: 'I can\'t find a system called "{query}".',
  },
  systemNotFoundSuggestions: {
    sv: 'Jag hittar inget system som heter ”{query}”. Menade du något av dessa?',
    en: 'I can\'t find a system called "{query}". Did you mean one of these?',
  },
  nameTheSystem: {
    sv: 'Skriv ”checklista” och systemets namn, till exempel ”checklista {example}”. ”Mina checklistor” visar dina system.',
    en: 'Write "checklist" and the system\'s name, for example "checklist {example}". "My checklists" shows your systems.',
  },
  mineHeading: { sv: 'Mina checklistor {year}', en: 'My checklists {year}' },
  mineNone: {
    sv: 'Du står inte som ansvarig chef, systemansvarig eller ersättare för något system {year}. Skriv ”checklista” och systemets namn om du ändå ska fylla i en.',
    en: 'You are not named as responsible manager, person responsible or delegate for any system in {year}. Write "checklist" and the system name if you are to fill one in anyway.',
  },
  mineLine: { sv: '{status} · senast {deadline}', en: '{status} · due {deadline}' },
  mineInProgress: { sv: '{status}, avsnitt {index} av {total}', en: '{status}, section {index} of {total}' },
  mineAtSummary: { sv: '{status}, vid sammanfattningen', en: '{status}, at the summary' },
  mineSubmitted: { sv: '{status} {at}', en: '{status} {at}' },
  mineMore: { sv: 'och {count} till.', en: 'and {count} more.' },
  mineText: {
    sv: 'Dina checklistor för {year}: {count} system.',
    en: 'Your checklists for {year}: {count} systems.',
  },
  mineTextOne: {
    sv: 'Dina checklistor för {year}: 1 system.',
    en: 'Your checklists for {year}: 1 system.',
  },
  statusHeading: { sv: 'Årlig uppföljning {year}: status', en: 'Annual follow-up {year}: status' },
  statusToday: { sv: 'Läget {today}', en: 'As of {today}' },
  statusTotals: {
    sv: '{submitted} av {total} system inskickade, {inProgress} pågår, {notStarted} ej påbörjade, {overdue} försenade.',
    en: '{submitted} of {total} systems submitted, {inProgress} in progress, {notStarted} not started, {overdue} overdue.',
  },
  statusChartTitle: { sv: 'Alla system', en: 'All systems' },
  statusDepartmentChartTitle: { sv: 'Per förvaltning', en: 'By department' },
  statusDepartmentChartTitleCapped: {
    sv: 'Per förvaltning: de {shown} med flest system, övriga {others} sammanslagna',
    en: 'By department: the {shown} with the most systems, the other {others} together',
  },
  statusDepartmentChartOthers: { sv: 'Övriga {count} förvaltningar', en: '{count} other departments' },
  statusLegend: {
    sv: '█ inskickad   ▓ pågår   ░ ej påbörjad',
    en: '█ submitted   ▓ in progress   ░ not started',
  },
  statusCounts: {
    sv: '{submitted} inskickade · {inProgress} pågår · {notStarted} ej påbörjade · senast {deadline}',
    en: '{submitted} submitted · {inProgress} in progress · {notStarted} not started · due {deadline}',
  },
  statusOverdueHeading: { sv: 'Försenade ({count})', en: 'Overdue ({count})' },
  statusOverdueLine: { sv: '{system} ({status})', en: '{system} ({status})' },
  statusNoSystems: { sv: 'Registret har inga system.', en: 'The register has no systems.' },
  statusDepartmentsMore: {
    sv: 'Ytterligare {count} förvaltningar visas inte; exportera för alla.',
    en: '{count} more departments are not shown; export for all.',
  },
  statusDepartmentsMoreOne: {
    sv: 'Ytterligare 1 förvaltning visas inte; exportera för alla.',
    en: '1 more department is not shown; export for all.',
  },
  statusOverdueMore: { sv: 'och {count} till.', en: 'and {count} more.' },
  exportGroupChat: {
    sv: 'Exporten skickas som en fil, och filer kan jag bara skicka i en personlig chatt. Skriv ”exportera” till mig där.',
    en: 'The export is sent as a file, and I can only send files in a personal chat. Write "export" to me there.',
  },
  exportNotAllowed: {
    sv: 'Exporten av uppföljningen är till för administratörer och informationssäkerhetssamordnaren.',
    en: 'The follow-up export is for administrators and the information security coordinator.',
  },
  exportDescription: {
    sv: 'Årlig uppföljning {year}: {rows} rader, {systems} system.',
    en: 'Annual follow-up {year}: {rows} rows, {systems} systems.',
  },
  exportOffered: {
    sv: 'Här är uppföljningen för {year}. Tryck Tillåt så laddar jag upp filen till din OneDrive.',
    en: 'Here is the {year} follow-up. Press Allow and I will upload the file to your OneDrive.',
  },
  exportUploaded: {
    sv: 'Klart: {file} ligger i din OneDrive.',
    en: 'Done: {file} is in your OneDrive.',
  },
  exportUploadFailed: {
    sv: 'Filen gick inte att ladda upp. Försök igen med ”exportera {year}”.',
    en: 'The file could not be uploaded. Try again with "export {year}".',
  },
  exportDeclined: {
    sv: 'OK, ingen fil skickades.',
    en: 'OK, no file was sent.',
  },
} as const satisfies Record<string, Text>;
