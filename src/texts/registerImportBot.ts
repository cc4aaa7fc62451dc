/** Texts of the register import in Teams: an admin sends the file, sees a preview, and confirms it. */
import type { Text } from './index';

export const registerImportBotTexts = {
  onlyAdmins: {
    sv: 'Tack! Bara administratörerna för Systemkollen kan importera systemregistret, så filen har inte lästs. Vill du ändra något i registret, kontakta en administratör.',
    en: 'Thank you! Only the Systemkollen administrators can import the system register, so the file has not been read. To change something in the register, contact an administrator.',
  },
  personalChatOnly: {
    sv: 'Skicka registerfilen till mig i vår personliga chatt (öppna Systemkollen under Chatt), så visar jag vad importen skulle ändra.',
    en: 'Send the register file to me in our personal chat (open Systemkollen under Chat), and I will show what the import would change.',
  },
  cannotIdentify: {
    sv: 'Jag kunde inte se vem du är i Teams, så filen har inte lästs.',
    en: 'I could not tell who you are in Teams, so the file has not been read.',
  },
  oneFile: {
    sv: 'Skicka en fil i taget: registret som .xlsx eller .csv.',
    en: 'Send one file at a time: the register as .xlsx or .csv.',
  },
  wrongType: {
    sv: 'Filen {fileName} är varken .xlsx eller .csv. Spara registret som Excel-arbetsbok (.xlsx) eller CSV och skicka det igen.',
    en: 'The file {fileName} is neither .xlsx nor .csv. Save the register as an Excel workbook (.xlsx) or CSV and send it again.',
  },
  tooLarge: {
    sv: 'Filen {fileName} är större än {limit} MB, så den importeras inte här. Större register importeras med kommandot npm run register:import.',
    en: 'The file {fileName} is larger than {limit} MB, so it is not imported here. Larger registers are imported with the command npm run register:import.',
  },
  hostNotAllowed: {
    sv: 'Filen ligger på en plats jag inte hämtar filer från, så den har inte lästs. Skicka den från OneDrive eller SharePoint i Teams; en IT-administratör kan lägga till fler platser (REGISTER_DOWNLOAD_HOSTS).',
    en: 'The file is in a place I do not download files from, so it has not been read. Send it from OneDrive or SharePoint in Teams; an IT administrator can add more places (REGISTER_DOWNLOAD_HOSTS).',
  },
  downloadFailed: {
    sv: 'Jag kunde inte hämta filen {fileName} från Teams. Försök skicka den igen om en stund.',
    en: 'I could not download the file {fileName} from Teams. Try sending it again in a while.',
  },
  previewTitle: {
    sv: 'Förhandsvisning: import av {fileName}',
    en: 'Preview: import of {fileName}',
  },
  previewNothingWritten: {
    sv: 'Ingenting är ändrat ännu. Välj Importera för att genomföra importen precis så här, eller Avbryt.',
    en: 'Nothing has changed yet. Choose Import to carry out the import exactly like this, or Cancel.',
  },
  previewRefused: {
    sv: 'Den här filen kan inte importeras som den är. Rätta den och skicka den igen; ingenting i registret har ändrats.',
    en: 'This file cannot be imported as it is. Correct it and send it again; nothing in the register has changed.',
  },
  counts: {
    sv: 'Läggs till: {added} · Ändras: {changed} · Tas bort: {removed} · Oförändrade: {unchanged}',
    en: 'Added: {added} · Changed: {changed} · Removed: {removed} · Unchanged: {unchanged}',
  },
  sheet: {
    sv: 'Läst från bladet "{sheet}", rubrikerna på rad {headerRow}.',
    en: 'Read from sheet "{sheet}", headers on row {headerRow}.',
  },
  addedHeading: { sv: 'Läggs till ({count})', en: 'Added ({count})' },
  changedHeading: { sv: 'Ändras ({count})', en: 'Changed ({count})' },
  removedHeading: { sv: 'Tas bort ({count})', en: 'Removed ({count})' },
  rejectedHeading: { sv: 'Avvisade rader ({count})', en: 'Rejected rows ({count})' },
  warningsHeading: { sv: 'Varningar ({count})', en: 'Warnings ({count})' },
  withoutAnswererHeading: {
    sv: 'Ingen att påminna ({count}): system utan ansvarig chef och systemansvarig',
    en: 'Nobody to remind ({count}): systems without a responsible manager or systemansvarig',
  },
  changedValue: { sv: '{field}: {before} → {after}', en: '{field}: {before} → {after}' },
  changedFields: { sv: '{name}: {fields}', en: '{name}: {fields}' },
  empty: { sv: '(tomt)', en: '(empty)' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  andMore: { sv: 'och {count} till', en: 'and {count} more' },
  massRemoval: {
    sv: 'Obs: importen tar bort {count} av registrets {registered} system, mer än en tiondel. Det brukar vara fel fil eller fel blad; du får bekräfta antalet en gång till.',
    en: "Note: the import removes {count} of the register's {registered} systems, more than a tenth. That is usually the wrong file or sheet; you will confirm the number once more.",
  },
  importButton: { sv: 'Importera', en: 'Import' },
  cancelButton: { sv: 'Avbryt', en: 'Cancel' },
  confirmRemovalsTitle: {
    sv: 'Bekräfta: {count} system tas bort',
    en: 'Confirm: {count} systems are removed',
  },
  confirmRemovalsText: {
    sv: 'Importen av {fileName} tar bort {count} system ur registret. Deras svar i uppföljningen finns kvar, men systemen försvinner ur svaren, checklistorna och påminnelserna.',
    en: 'The import of {fileName} removes {count} systems from the register. Their follow-up answers are kept, but the systems disappear from answers, checklists and reminders.',
  },
  confirmRemovalsButton: {
    sv: 'Ja, ta bort {count} system och importera',
    en: 'Yes, remove {count} systems and import',
  },
  imported: {
    sv: 'Importen av {fileName} är genomförd: {added} tillagda, {changed} ändrade, {removed} borttagna, {unchanged} oförändrade.',
    en: 'The import of {fileName} is done: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged.',
  },
  cancelled: {
    sv: 'Importen av {fileName} är avbruten; ingenting i registret har ändrats.',
    en: 'The import of {fileName} is cancelled; nothing in the register has changed.',
  },
  alreadyApplied: {
    sv: 'Den här importen är redan genomförd; ingenting har gjorts en gång till.',
    en: 'This import is already done; nothing has been done a second time.',
  },
  alreadyCancelled: {
    sv: 'Den här importen är avbruten. Skicka filen igen om du vill importera den.',
    en: 'This import was cancelled. Send the file again if you want to import it.',
  },
  inProgress: {
    sv: 'Den här importen pågår redan; vänta tills den är klar.',
    en: 'This import is already under way; wait until it is done.',
  },
  failedBefore: {
    sv: 'Den här importen misslyckades tidigare. Skicka filen igen.',
    en: 'This import failed earlier. Send the file again.',
  },
  notFound: {
    sv: 'Jag hittar inte den här förhandsvisningen. Skicka filen igen.',
    en: 'I cannot find this preview. Send the file again.',
  },
  expired: {
    sv: 'Förhandsvisningen är äldre än ett dygn, så den importeras inte. Skicka filen igen för en ny förhandsvisning.',
    en: 'The preview is more than a day old, so it is not imported. Send the file again for a new preview.',
  },
  registerChanged: {
    sv: 'Registret har ändrats sedan förhandsvisningen (en annan import), så den här importen görs inte: den skulle skriva över något du inte sett. Skicka filen igen för en ny förhandsvisning.',
    en: 'The register has changed since the preview (another import), so this import is not carried out: it would overwrite something you have not seen. Send the file again for a new preview.',
  },
  removalCountMismatch: {
    sv: 'Antalet att ta bort stämmer inte med förhandsvisningen, så ingenting har ändrats. Skicka filen igen.',
    en: 'The number to remove does not match the preview, so nothing has changed. Send the file again.',
  },
  notYours: {
    sv: 'Den här förhandsvisningen hör till en annan administratör. Skicka filen själv om du vill importera den.',
    en: 'This preview belongs to another administrator. Send the file yourself if you want to import it.',
  },
  storageProblem: {
    sv: 'Registret gick inte att nå just nu, så importen är inte genomförd (eller bara delvis). Skicka filen igen om en stund.',
    en: 'The register could not be reached just now, so the import is not done (or only partly). Send the file again in a while.',
  },
  invalidAction: {
    sv: 'Knappen gick inte att läsa. Skicka filen igen.',
    en: 'The button could not be read. Send the file again.',
  },
  historyTitle: { sv: 'Senaste importerna av registret', en: 'Latest imports of the register' },
  historyNone: { sv: 'Registret har inte importerats ännu.', en: 'The register has not been imported yet.' },
  historyLine: {
    sv: '{at} · {fileName} · {who} · {outcome}: {added} tillagda, {changed} ändrade, {removed} borttagna, {unchanged} oförändrade, {rejected} avvisade',
    en: '{at} · {fileName} · {who} · {outcome}: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged, {rejected} rejected',
  },
  historyApplied: { sv: 'genomförd', en: 'done' },
  historyRefused: { sv: 'stoppad', en: 'stopped' },
  historyStarted: { sv: 'avbröts innan den blev klar', en: 'stopped before it was done' },
  historyInterrupted: { sv: 'avbruten, slutförd senare', en: 'interrupted, completed later' },
  historyNotAllowed: {
    sv: 'Bara administratörerna kan se importhistoriken.',
    en: 'Only the administrators can see the import history.',
  },
  exportNotAllowed: {
    sv: 'Bara administratörerna kan exportera systemregistret.',
    en: 'Only the administrators can export the system register.',
  },
  exportPersonalChatOnly: {
    sv: 'Registret kan bara skickas som fil i vår personliga chatt. Skriv "exportera registret" till mig där.',
    en: 'The register can only be sent as a file in our personal chat. Write "export register" to me there.',
  },
  exportOffered: {
    sv: 'Här är systemregistret som Excel-fil, i samma format som importen läser. Tillåt att filen sparas i din OneDrive.',
    en: 'Here is the system register as an Excel file, in the format the import reads. Allow the file to be saved in your OneDrive.',
  },
  exportDescription: {
    sv: 'Systemregistret: {count} system',
    en: 'The system register: {count} systems',
  },
  exportUploaded: { sv: 'Registret är sparat: {file}', en: 'The register is saved: {file}' },
  exportUploadFailed: {
    sv: 'Registret kunde inte sparas i din OneDrive. Försök igen.',
    en: 'The register could not be saved in your OneDrive. Try again.',
  },
  exportDeclined: {
    sv: 'Okej, registret sparas inte.',
    en: 'OK, the register is not saved.',
  },
} as const satisfies Record<string, Text>;
