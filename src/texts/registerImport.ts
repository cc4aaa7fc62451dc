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
  rejectedRow: { sv: 'rad {line}{name}: {reasons}', en: 'line {line}{name}: {reasons}' },
  warnings: { sv: 'Varningar ({count}):', en: 'Warnings ({count}):' },
  warningRow: { sv: 'rad {line} "{name}": {warning}', en: 'line {line} "{name}": {warning}' },
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
    sv: 'Användning: npm run register:import -- <fil.xlsx|fil.csv> [--dry-run] [--skip-invalid] [--lang en]\n  --dry-run       visa vad som skulle hända, skriv ingenting\n  --skip-invalid  importera de giltiga raderna även när andra rader avvisas\n  --lang en       rapport på engelska\nSlutkoder: 0 genomförd (eller provkörning utan fel), 1 rader avvisade och ingenting skrivet, 2 fel i kommandot eller filen går inte att använda, 3 lagringen gick inte att nå eller ändrades under importen.',
    en: 'Usage: npm run register:import -- <file.xlsx|file.csv> [--dry-run] [--skip-invalid] [--lang en]\n  --dry-run       show what would happen, write nothing\n  --skip-invalid  import the valid rows even when other rows are rejected\n  --lang en       report in English\nExit codes: 0 done (or a dry run without errors), 1 rows rejected and nothing written, 2 wrong command or unusable file, 3 storage unreachable or changed during the import.',
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
  'not-found': { sv: 'Filen finns inte: {fileName}', en: 'The file does not exist: {fileName}' },
  'not-readable': { sv: 'Filen går inte att läsa: {fileName}', en: 'The file cannot be read: {fileName}' },
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
} as const satisfies Record<string, Text>;

/** The report as lines of text, in the order a person reads it: what changed, what was rejected, the outcome. */
const keptAbsentShown = 15;

export function describeImportReport(report: ImportReport, lang: Lang): string[] {
  const t = registerImportTexts;
  const lines: string[] = [say(lang, t.title, { fileName: report.fileName })];
  if (report.dryRun) lines.push(say(lang, t.dryRun));

  if (report.refusal === 'missing-name-column' || report.refusal === 'no-rows') {
    const headers = report.columns.matched.map((column) => column.header).concat(report.columns.extra);
    const text = report.refusal === 'no-rows' ? t.refusedNoRows : t.refusedMissingNameColumn;
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
  const keptShown = report.keptAbsent.slice(0, keptAbsentShown).map((system) => system.name);
  const keptHidden = report.keptAbsent.length - keptShown.length;
  section(
    t.keptAbsent,
    report.keptAbsent.length,
    keptHidden > 0 ? [...keptShown, say(lang, t.andMore, { count: keptHidden })] : keptShown,
  );
  section(
    t.rejected,
    report.rejected.length,
    report.rejected.map((row) => describeRejectedRow(row, report, lang)),
  );
  section(
    t.warnings,
    report.warnings.length,
    report.warnings.map((warning) => describeWarning(warning, lang)),
  );

  lines.push('', describeOutcome(report, lang));
  return lines;
}

function describeOutcome(report: ImportReport, lang: Lang): string {
  const t = registerImportTexts;
  const rejected = report.rejected.length;
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
    line: row.line,
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

function describeWarning(reported: ReportedWarning, lang: Lang): string {
  const { warning } = reported;
  return say(lang, registerImportTexts.warningRow, {
    line: reported.line,
    name: reported.name,
    warning: say(lang, registerImportTexts.severalPeople, {
      field: warning.header,
      count: warning.count,
      header: warning.header,
    }),
  });
}
