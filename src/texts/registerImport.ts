/**
 * Texts of the register import: the report shown after an import (CLI now, the bot's admin command later)
 * and the CLI's own messages. `describeImportReport` turns an ImportReport into lines in one language.
 */
import type { RegisterField } from '../domain/register/registerColumns';
import type { ImportReport, RejectedRow, ReportedWarning } from '../domain/register/registerImport';
import type { RowRejection } from '../domain/register/registerRow';
import { say, type Lang, type Text } from './index';

export const fieldLabels: Readonly<Record<RegisterField, Text>> = {
  name: { sv: 'Systemnamn', en: 'System name' },
  aliases: { sv: 'Även kallat', en: 'Also known as' },
  departments: { sv: 'Förvaltning', en: 'Department' },
  unit: { sv: 'Avdelning', en: 'Unit' },
  description: { sv: 'Beskrivning', en: 'Description' },
  owner: { sv: 'Systemägare', en: 'System owner' },
  responsible: { sv: 'Systemansvarig', en: 'Responsible' },
  managers: { sv: 'Systemförvaltare', en: 'System managers' },
  administrators: { sv: 'Systemadministratörer', en: 'Administrators' },
  pilots: { sv: 'Piloter/ombud', en: 'Pilots/super users' },
  responsibleChief: { sv: 'Ansvarig chef', en: 'Responsible manager' },
  userCount: { sv: 'Antal användare', en: 'Number of users' },
  businessCritical: { sv: 'Verksamhetskritiskt', en: 'Business critical' },
  goLiveDate: { sv: 'Driftsättningsdatum', en: 'Go-live date' },
  informationClass: { sv: 'Informationsklass', en: 'Information class' },
  status: { sv: 'Status', en: 'Status' },
};

export const registerImportTexts = {
  title: {
    sv: 'Import av systemregistret från {fileName}',
    en: 'Import of the system register from {fileName}',
  },
  dryRun: {
    sv: 'Provkörning (--dry-run): ingenting har skrivits.',
    en: 'Dry run (--dry-run): nothing has been written.',
  },
  rows: { sv: 'Rader i filen: {count}', en: 'Rows in the file: {count}' },
  sheet: {
    sv: 'Registret lästes från bladet "{sheet}", med rubrikerna på rad {headerRow}.',
    en: 'The register was read from sheet "{sheet}", with its headers on row {headerRow}.',
  },
  headerBelowTitles: {
    sv: 'Rubrikerna står på rad {headerRow}; raderna ovanför hoppades över.',
    en: 'The headers are on line {headerRow}; the lines above were skipped.',
  },
  readAsCsv: {
    sv: 'Filen {fileName} heter .xlsx men är en CSV-textfil, så den lästes som CSV.',
    en: 'The file {fileName} is named .xlsx but is a CSV text file, so it was read as CSV.',
  },
  unfinished: {
    sv: 'En tidigare import avbröts innan den blev klar ({fileName}, startad {at} av {actor}); registret kan blanda system från två filer.',
    en: 'An earlier import stopped before it was done ({fileName}, started {at} by {actor}); the register may mix systems from two files.',
  },
  unfinishedCompleted: {
    sv: 'Den här importen har skrivit hela filen, så registret är helt igen.',
    en: 'This import has written the whole file, so the register is whole again.',
  },
  unfinishedStillOpen: {
    sv: 'Importera registret igen (utan --dry-run) för att göra det helt.',
    en: 'Import the register again (without --dry-run) to make it whole.',
  },
  extraColumns: {
    sv: 'Okända kolumner sparas som extra uppgifter: {headers}',
    en: 'Unknown columns are kept as extra facts: {headers}',
  },
  repeatedColumn: {
    sv: 'Kolumnen "{header}" anger {field} en gång till; den första används och den här sparas som extra uppgift.',
    en: 'Column "{header}" gives {field} a second time; the first is used and this one is kept as an extra fact.',
  },
  added: { sv: 'Tillagda ({count}):', en: 'Added ({count}):' },
  addedWould: { sv: 'Skulle läggas till ({count}):', en: 'Would be added ({count}):' },
  changed: { sv: 'Ändrade ({count}):', en: 'Changed ({count}):' },
  changedWould: { sv: 'Skulle ändras ({count}):', en: 'Would be changed ({count}):' },
  removed: { sv: 'Borttagna ({count}):', en: 'Removed ({count}):' },
  removedWould: { sv: 'Skulle tas bort ({count}):', en: 'Would be removed ({count}):' },
  unchanged: { sv: 'Oförändrade: {count}', en: 'Unchanged: {count}' },
  systemAtLine: { sv: '{name} (rad {line})', en: '{name} (line {line})' },
  changedSystem: { sv: '{name} (rad {line}): {fields}', en: '{name} (line {line}): {fields}' },
  keptAbsent: {
    sv: 'Behålls fast de saknas i filen ({count}): filen har avvisade rader, och en avvisad rad kan vara ett av dessa system. De hade tagits bort om filen varit felfri:',
    en: 'Kept although missing from the file ({count}): the file has rejected rows, and a rejected row may be one of these systems. They would have been removed from a file without errors:',
  },
  andMore: { sv: '… och {count} till', en: '… and {count} more' },
  rejected: { sv: 'Avvisade rader ({count}):', en: 'Rejected rows ({count}):' },
  rejectedRow: { sv: '{where}{name}: {reasons}', en: '{where}{name}: {reasons}' },
  line: { sv: 'rad {line}', en: 'line {line}' },
  sheetRow: { sv: 'bladet "{sheet}" rad {line}', en: 'sheet "{sheet}" row {line}' },
  warnings: { sv: 'Varningar ({count}):', en: 'Warnings ({count}):' },
  warningRow: { sv: '{where} "{name}": {warning}', en: '{where} "{name}": {warning}' },
  nobodyInRole: {
    sv: '{field} anger ingen ("{value}"); rollen lämnas tom.',
    en: '{field} names nobody ("{value}"); the role is left empty.',
  },
  withoutAnswerer: {
    sv: 'Ingen att påminna ({count}): de här systemen saknar både ansvarig chef och systemansvarig, så ingen kan svara på deras checklista eller påminnas om den:',
    en: 'Nobody to remind ({count}): these systems have neither a responsible manager nor a systemansvarig, so nobody can answer or be reminded of their checklist:',
  },
  severalPeople: {
    sv: '{field} ska vara en person men cellen anger {count}; den första används och hela cellen sparas som extra uppgift "{header}".',
    en: '{field} should be one person but the cell names {count}; the first is used and the whole cell is kept as extra fact "{header}".',
  },
  outcomeApplied: { sv: 'Importen är genomförd.', en: 'The import is done.' },
  outcomeAppliedNothing: {
    sv: 'Importen är genomförd; registret var redan i takt med filen.',
    en: 'The import is done; the register already matched the file.',
  },
  outcomeWouldApply: { sv: 'Importen skulle genomföras.', en: 'The import would be carried out.' },
  outcomeAppliedSkipping: {
    sv: 'Importen är genomförd utan de avvisade raderna ({count}); deras system behåller sin tidigare version.',
    en: 'The import is done without the rejected rows ({count}); their systems keep their previous version.',
  },
  outcomeWouldApplySkipping: {
    sv: 'Importen skulle genomföras utan de avvisade raderna ({count}); deras system skulle behålla sin tidigare version.',
    en: 'The import would be carried out without the rejected rows ({count}); their systems would keep their previous version.',
  },
  refusedRejectedRows: {
    sv: 'Importen stoppades av avvisade rader ({count}). Ingenting i registret har ändrats.',
    en: 'The import was stopped by rejected rows ({count}). Nothing in the register has changed.',
  },
  wouldRefuseRejectedRows: {
    sv: 'Importen skulle stoppas av avvisade rader ({count}).',
    en: 'The import would be stopped by rejected rows ({count}).',
  },
  refusedMissingNameColumn: {
    sv: 'Filen saknar en kolumn för systemets namn (till exempel "IT-systemets namn", "System" eller "Systemnamn"), så ingen rad kan läsas. Ingenting i registret har ändrats. Kolumnerna i filen: {headers}',
    en: 'The file has no column for the system name (for example "System name", "IT-systemets namn" or "System"), so no row can be read. Nothing in the register has changed. Columns in the file: {headers}',
  },
  refusedNoRows: {
    sv: 'Filen har inga rader med system. Den skulle tömma registret, så den importeras inte. Ingenting i registret har ändrats.',
    en: 'The file has no rows of systems. It would empty the register, so it is not imported. Nothing in the register has changed.',
  },
  refusedMissingAnswererColumn: {
    sv: 'Filen saknar en kolumn för den som svarar på den årliga uppföljningen ("Ansvarig chef" eller "Systemansvarig"), så ingen skulle få någon checklista eller påminnelse. Ingenting i registret har ändrats. Kolumnerna i filen: {headers}',
    en: 'The file has no column for the person who answers the annual follow-up ("Ansvarig chef" or "Systemansvarig"), so nobody would get a checklist or a reminder. Nothing in the register has changed. Columns in the file: {headers}',
  },
  refusedMassRemoval: {
    sv: 'Importen skulle ta bort {count} av registrets {registered} system, mer än en tiondel; det brukar vara fel fil eller fel blad. Ingenting i registret har ändrats.',
    en: "The import would remove {count} of the register's {registered} systems, more than a tenth; that is usually the wrong file or sheet. Nothing in the register has changed.",
  },
  noHeaders: { sv: '(inga)', en: '(none)' },
  reasonSeparator: { sv: '; ', en: '; ' },
} as const satisfies Record<string, Text>;

export const rejectionTexts = {
  'missing-name': { sv: 'saknar systemnamn', en: 'no system name' },
  'unusable-name': {
    sv: 'systemnamnet "{value}" har varken bokstäver eller siffror',
    en: 'the system name "{value}" has neither letters nor digits',
  },
  'duplicate-name': {
    sv: 'samma systemnamn som rad {lines}',
    en: 'same system name as line {lines}',
  },
  'invalid-email': {
    sv: 'oläslig e-postadress i {column}: "{value}"',
    en: 'unreadable e-mail address in {column}: "{value}"',
  },
  'invalid-date': {
    sv: 'omöjligt datum i {column}: "{value}" (skriv till exempel 2021-03-15)',
    en: 'impossible date in {column}: "{value}" (write for example 2021-03-15)',
  },
  'invalid-user-count': {
    sv: '{column} är inte ett heltal: "{value}"',
    en: '{column} is not a whole number: "{value}"',
  },
  'invalid-yes-no': {
    sv: '{column} ska vara Ja eller Nej: "{value}"',
    en: '{column} should be Yes or No: "{value}"',
  },
} as const satisfies Record<RowRejection['code'], Text>;

/** Messages of the `npm run register:import` command. */
export const registerImportCliTexts = {
  usage: {
    sv: 'Användning: npm run register:import -- <fil.xlsx|fil.csv> [--dry-run] [--skip-invalid] [--sheet <blad>] [--allow-removals] [--no-answerer-column] [--lang en]\n  --dry-run             visa vad som skulle hända, skriv ingenting\n  --skip-invalid        importera de giltiga raderna även när andra rader avvisas\n  --sheet <blad>        läs registret från det här bladet i arbetsboken\n  --allow-removals      ta bort fler än en tiondel av registrets system\n  --no-answerer-column  importera en fil utan kolumn för ansvarig chef eller systemansvarig\n  --lang en             rapport på engelska\nEn relativ sökväg räknas från mappen där kommandot kördes.\nSlutkoder: 0 genomförd (eller provkörning utan fel), 1 rader avvisade eller för många borttagna och ingenting skrivet, 2 fel i kommandot eller filen går inte att använda, 3 lagringen gick inte att nå eller ändrades under importen.',
    en: "Usage: npm run register:import -- <file.xlsx|file.csv> [--dry-run] [--skip-invalid] [--sheet <sheet>] [--allow-removals] [--no-answerer-column] [--lang en]\n  --dry-run             show what would happen, write nothing\n  --skip-invalid        import the valid rows even when other rows are rejected\n  --sheet <sheet>       read the register from this sheet of the workbook\n  --allow-removals      remove more than a tenth of the register's systems\n  --no-answerer-column  import a file without a column for the responsible manager or systemansvarig\n  --lang en             report in English\nA relative path is taken from the folder the command was run in.\nExit codes: 0 done (or a dry run without errors), 1 rows rejected or too many removals and nothing written, 2 wrong command or unusable file, 3 storage unreachable or changed during the import.",
  },
  missingSheet: { sv: 'Ange bladets namn efter --sheet.', en: 'Give the sheet name after --sheet.' },
  removalHint: {
    sv: 'Stämmer det, kör igen med --allow-removals. Titta först på listan ovan, eller kör med --dry-run.',
    en: 'If that is right, run again with --allow-removals. Look at the list above first, or run with --dry-run.',
  },
  answererHint: {
    sv: 'Lägg till kolumnen, eller importera ändå med --no-answerer-column om registret inte ska användas för uppföljningen.',
    en: 'Add the column, or import anyway with --no-answerer-column if the register is not to be used for the follow-up.',
  },
  unknownOption: { sv: 'Okänt val: {option}', en: 'Unknown option: {option}' },
  missingFile: { sv: 'Ange vilken fil som ska importeras.', en: 'Name the file to import.' },
  tooManyFiles: { sv: 'Ange bara en fil.', en: 'Name only one file.' },
  badLang: { sv: 'Språket ska vara sv eller en: {lang}', en: 'The language should be sv or en: {lang}' },
  skipHint: {
    sv: 'Rätta raderna och kör igen, eller importera de giltiga raderna med --skip-invalid.',
    en: 'Correct the rows and run again, or import the valid rows with --skip-invalid.',
  },
  conflict: {
    sv: 'Registret ändrades av någon annan medan importen pågick, så importen avbröts (en del ändringar kan redan vara skrivna). Kör samma kommando igen: importen fortsätter från registrets nya läge.',
    en: 'The register was changed by someone else while the import ran, so the import stopped (some changes may already be written). Run the same command again: it continues from the register as it is now.',
  },
  storageUnavailable: {
    sv: 'Lagringen gick inte att nå ({operation}). Ingenting eller bara en del skrevs; försök igen senare.',
    en: 'Storage could not be reached ({operation}). Nothing or only part was written; try again later.',
  },
  storageConfig: {
    sv: 'Lagringen kunde inte startas: kontrollera DATA_DIR eller COSMOS_ENDPOINT i miljön eller .env.',
    en: 'Storage could not be started: check DATA_DIR or COSMOS_ENDPOINT in the environment or .env.',
  },
} as const satisfies Record<string, Text>;

/** Why a register file could not be read at all (see RegisterFileError). */
export const registerFileTexts = {
  'not-found': { sv: 'Filen finns inte: {path}', en: 'The file does not exist: {path}' },
  'not-readable': { sv: 'Filen går inte att läsa: {path}', en: 'The file cannot be read: {path}' },
  'unsupported-format': {
    sv: 'Filen {fileName} är varken .xlsx eller CSV. Spara den som Excel-arbetsbok (.xlsx) eller CSV och försök igen.',
    en: 'The file {fileName} is neither .xlsx nor CSV. Save it as an Excel workbook (.xlsx) or CSV and try again.',
  },
  'invalid-xlsx': {
    sv: 'Excel-filen {fileName} går inte att öppna; den kan vara skadad eller lösenordsskyddad.',
    en: 'The Excel file {fileName} cannot be opened; it may be damaged or password protected.',
  },
  'invalid-csv': {
    sv: 'CSV-filen {fileName} går inte att tolka vid rad {line}: ett citattecken (") stängs inte eller står fel.',
    en: 'The CSV file {fileName} cannot be parsed at line {line}: a quote (") is not closed or is misplaced.',
  },
  empty: { sv: 'Filen {fileName} är tom.', en: 'The file {fileName} is empty.' },
  'sheet-not-found': {
    sv: 'Arbetsboken {fileName} har inget blad som heter "{sheet}". Bladen i filen: {sheets}',
    en: 'The workbook {fileName} has no sheet named "{sheet}". Sheets in the file: {sheets}',
  },
} as const satisfies Record<string, Text>;

/** The report as lines of text, in the order a person reads it: what changed, what was rejected, the outcome. */
const keptAbsentShown = 15;

export function describeImportReport(report: ImportReport, lang: Lang): string[] {
  const t = registerImportTexts;
  const lines: string[] = [say(lang, t.title, { fileName: report.fileName })];
  if (report.dryRun) lines.push(say(lang, t.dryRun));
  if (report.readAs === 'csv') lines.push(say(lang, t.readAsCsv, { fileName: report.fileName }));
  if (report.sheet !== undefined) {
    lines.push(say(lang, t.sheet, { sheet: report.sheet, headerRow: report.headerLine ?? 1 }));
  } else if (report.headerLine !== undefined && report.headerLine > 1) {
    lines.push(say(lang, t.headerBelowTitles, { headerRow: report.headerLine }));
  }
  for (const unfinished of report.unfinished) {
    lines.push(
      say(lang, t.unfinished, { fileName: unfinished.fileName, at: unfinished.at, actor: unfinished.actor }),
    );
  }
  if (report.unfinished.length > 0) {
    const completed = report.outcome === 'applied' && !report.dryRun;
    lines.push(say(lang, completed ? t.unfinishedCompleted : t.unfinishedStillOpen));
  }

  if (
    report.refusal === 'missing-name-column' ||
    report.refusal === 'no-rows' ||
    report.refusal === 'missing-answerer-column'
  ) {
    const headers = report.columns.matched.map((column) => column.header).concat(report.columns.extra);
    const text =
      report.refusal === 'no-rows'
        ? t.refusedNoRows
        : report.refusal === 'missing-answerer-column'
          ? t.refusedMissingAnswererColumn
          : t.refusedMissingNameColumn;
    lines.push(
      say(lang, text, { headers: headers.length > 0 ? headers.join(', ') : say(lang, t.noHeaders) }),
    );
    return lines;
  }

  lines.push(say(lang, t.rows, { count: report.rows }));
  if (report.columns.extra.length > 0) {
    lines.push(say(lang, t.extraColumns, { headers: report.columns.extra.join(', ') }));
  }
  for (const repeated of report.columns.repeated) {
    lines.push(
      say(lang, t.repeatedColumn, { header: repeated.header, field: say(lang, fieldLabels[repeated.field]) }),
    );
  }

  const would = report.dryRun || report.outcome === 'refused';
  const section = (heading: Text, count: number, items: string[]) => {
    if (count === 0) return;
    lines.push('', say(lang, heading, { count }), ...items.map((item) => `  ${item}`));
  };
  section(
    would ? t.addedWould : t.added,
    report.added.length,
    report.added.map((system) => say(lang, t.systemAtLine, { name: system.name, line: system.line })),
  );
  section(
    would ? t.changedWould : t.changed,
    report.changed.length,
    report.changed.map((system) =>
      say(lang, t.changedSystem, {
        name: system.name,
        line: system.line,
        fields: [...system.fields.map((field) => say(lang, fieldLabels[field])), ...system.extraColumns].join(
          ', ',
        ),
      }),
    ),
  );
  section(
    would ? t.removedWould : t.removed,
    report.removed.length,
    report.removed.map((system) => system.name),
  );
  lines.push('', say(lang, t.unchanged, { count: report.unchanged.length }));
  // Nothing happens to these systems, so a sample is enough; the rejected rows below are what needs attention.
  section(
    t.keptAbsent,
    report.keptAbsent.length,
    sample(
      report.keptAbsent.map((system) => system.name),
      lang,
    ),
  );
  section(
    t.rejected,
    report.rejected.length,
    report.rejected.map((row) => describeRejectedRow(row, report, lang)),
  );
  section(
    t.warnings,
    report.warnings.length,
    report.warnings.map((warning) => describeWarning(warning, report, lang)),
  );
  section(
    t.withoutAnswerer,
    report.withoutAnswerer.length,
    sample(
      report.withoutAnswerer.map((system) =>
        say(lang, t.systemAtLine, { name: system.name, line: system.line }),
      ),
      lang,
    ),
  );

  lines.push('', describeOutcome(report, lang));
  return lines;
}

/** The first few items and "… and N more": for lists where a sample tells enough. */
function sample(items: string[], lang: Lang): string[] {
  const shown = items.slice(0, keptAbsentShown);
  const hidden = items.length - shown.length;
  return hidden > 0 ? [...shown, say(lang, registerImportTexts.andMore, { count: hidden })] : shown;
}

function describeOutcome(report: ImportReport, lang: Lang): string {
  const t = registerImportTexts;
  const rejected = report.rejected.length;
  if (report.refusal === 'mass-removal') {
    return say(lang, t.refusedMassRemoval, { count: report.removed.length, registered: report.registered });
  }
  if (report.outcome === 'refused') {
    return say(lang, report.dryRun ? t.wouldRefuseRejectedRows : t.refusedRejectedRows, { count: rejected });
  }
  if (rejected > 0) {
    return say(lang, report.dryRun ? t.outcomeWouldApplySkipping : t.outcomeAppliedSkipping, {
      count: rejected,
    });
  }
  if (report.dryRun) return say(lang, t.outcomeWouldApply);
  return say(lang, report.written ? t.outcomeApplied : t.outcomeAppliedNothing);
}

export function describeRejectedRow(row: RejectedRow, report: ImportReport, lang: Lang): string {
  const reasons = row.reasons.map((reason) => describeRejection(reason, report, lang));
  return say(lang, registerImportTexts.rejectedRow, {
    where: whereIn(report, row.line, lang),
    name: row.name === '' ? '' : ` "${row.name}"`,
    reasons: reasons.join(say(lang, registerImportTexts.reasonSeparator)),
  });
}

function describeRejection(reason: RowRejection, report: ImportReport, lang: Lang): string {
  const column = (field: RegisterField) =>
    report.columns.matched.find((matched) => matched.field === field)?.header ??
    say(lang, fieldLabels[field]);
  switch (reason.code) {
    case 'missing-name':
      return say(lang, rejectionTexts['missing-name']);
    case 'unusable-name':
      return say(lang, rejectionTexts['unusable-name'], { value: reason.value });
    case 'duplicate-name':
      return say(lang, rejectionTexts['duplicate-name'], { lines: reason.otherLines.join(', ') });
    case 'invalid-email':
      return say(lang, rejectionTexts['invalid-email'], {
        column: column(reason.field),
        value: reason.value,
      });
    case 'invalid-date':
      return say(lang, rejectionTexts['invalid-date'], { column: column('goLiveDate'), value: reason.value });
    case 'invalid-user-count':
      return say(lang, rejectionTexts['invalid-user-count'], {
        column: column('userCount'),
        value: reason.value,
      });
    case 'invalid-yes-no':
      return say(lang, rejectionTexts['invalid-yes-no'], {
        column: column('businessCritical'),
        value: reason.value,
      });
  }
}

/** "rad 5" in a CSV file, 'bladet "Register" rad 5' in a workbook: where to look in the file as opened. */
function whereIn(report: Pick<ImportReport, 'sheet'>, line: number, lang: Lang): string {
  return report.sheet === undefined
    ? say(lang, registerImportTexts.line, { line })
    : say(lang, registerImportTexts.sheetRow, { sheet: report.sheet, line });
}

function describeWarning(reported: ReportedWarning, report: ImportReport, lang: Lang): string {
  const { warning } = reported;
  const text =
    warning.code === 'nobody-in-role'
      ? say(lang, registerImportTexts.nobodyInRole, { field: warning.header, value: warning.value })
      : say(lang, registerImportTexts.severalPeople, {
          field: warning.header,
          count: warning.count,
          header: warning.header,
        });
  return say(lang, registerImportTexts.warningRow, {
    where: whereIn(report, reported.line, lang),
    name: reported.name,
    warning: text,
  });
}
