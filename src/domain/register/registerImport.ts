/**
 * The register import: a register file (already read into a RegisterTable) becomes the register.
 *
 * The file is the truth for the systems it names: new ones are added, differing ones replaced, and systems
 * absent from a clean file removed. A file with rejected rows changes nothing unless the caller skips invalid
 * rows; even then absent systems are kept, since a rejected row may be one of them. Every write is checked
 * against the version read, so a concurrent change fails the run (ConcurrencyConflictError) instead of being
 * overwritten; running the same file again converges.
 *
 * Two guards stop a plausible wrong file before it does damage, unless the caller says it means it:
 * - a file without a column for the person who answers the annual follow-up (Systemansvarig or Ansvarig chef)
 *   would leave every checklist and reminder without a recipient (ImportOptions.allowMissingAnswererColumn);
 * - a file that would remove more than a tenth of the register (and more than one system) is usually a
 *   partial export or the wrong sheet (ImportOptions.allowRemovals).
 *
 * A write is recorded as started before it begins and as finished after (see ImportRecord.status): storage has
 * no transaction across systems, so an import cut short is found by the next import, which reports it and,
 * by writing its own file whole, completes the register.
 */
import { randomUUID } from 'node:crypto';
import { errorFields, type Logger } from '../../shared/logger';
import { DomainError } from '../errors';
import type { ImportRecord } from './importRecord';
import { registerFingerprint } from './pendingImport';
import type { RegisterChanges, Storage } from '../ports';
import { registerAnswererOf } from '../checklist/permissions';
import { stripInvisible } from './registerCells';
import { cleanHeader, mapColumns, type ColumnMap, type RegisterField } from './registerColumns';
import { differenceBetween, isSameSystem, type SystemDifference } from './registerDiff';
import {
  isBlankRow,
  parseRegisterRow,
  type ParsedRow,
  type RowRejection,
  type RowWarning,
} from './registerRow';
import type { RegisterTable } from './registerTable';
import { isRetired, type StoredSystem, type SystemRecord } from './system';

export interface ImportOptions {
  /** The file's name; only its last path segment is kept. */
  fileName: string;
  /** Who runs it: "cli:<os user>", "bot:<aad object id>", "startup:sample-register". */
  actor: string;
  /** Report only: write neither changes nor an import record. */
  dryRun?: boolean;
  /** Write the valid rows even when others are rejected. */
  skipInvalid?: boolean;
  /** Import a file without a column for the follow-up's answerer (Systemansvarig / Ansvarig chef). */
  allowMissingAnswererColumn?: boolean;
  /**
   * Confirms a mass removal (see removalNeedsConfirmation): `true` allows any number of removals (the CLI's
   * --allow-removals); a number allows exactly that many, so a confirmation given for a count shown to an admin
   * does not cover a register that changed in between.
   */
  allowRemovals?: boolean | number;
  /**
   * registerFingerprint of the register a preview was shown for: when the register is no longer that one, the
   * import throws RegisterChangedSincePreviewError and writes nothing, so what is applied is what was shown.
   */
  expectedRegister?: string;
}

/** The register is not the one the preview was computed against (another import came in between). */
export class RegisterChangedSincePreviewError extends DomainError {
  readonly code = 'register-changed-since-preview';
  constructor() {
    super('the register changed since the import was previewed');
  }
}

export interface ImportDependencies {
  storage: Storage;
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
}

export interface ReportedSystem {
  id: string;
  name: string;
  /** The file line (or sheet row) the system is on. */
  line: number;
}

export type ChangedSystem = ReportedSystem & SystemDifference;

export interface AbsentSystem {
  id: string;
  name: string;
}

export interface RejectedRow {
  line: number;
  /** '' when the row has no usable name. */
  name: string;
  reasons: RowRejection[];
}

export interface ReportedWarning {
  line: number;
  name: string;
  warning: RowWarning;
}

/**
 * Why nothing was written:
 * - missing-name-column: no column names the system, so no row can be read;
 * - no-rows: the file has a header but no rows, which would empty the register (almost surely a wrong file);
 * - rejected-rows: some rows were rejected and invalid rows were not to be skipped.
 */
export type ImportRefusal =
  | 'missing-name-column'
  | 'no-rows'
  /** No column names the follow-up's answerer, and the caller did not allow that. */
  | 'missing-answerer-column'
  | 'rejected-rows'
  /** More than a tenth of the register would be removed, and the caller did not confirm that count. */
  | 'mass-removal';

/** More than this share of the register removed at once needs an explicit confirmation. */
export const massRemovalShare = 0.1;

/**
 * Whether removing `removing` of `registered` systems needs the admin's explicit confirmation: more than a
 * tenth of the register, and more than one system (removing the one retired system of a small register is the
 * ordinary case, not an accident).
 */
export function removalNeedsConfirmation(removing: number, registered: number): boolean {
  return removing > 1 && removing > registered * massRemovalShare;
}

/** A record of an import that began writing and was not seen to finish, as the report shows it. */
export interface UnfinishedImport {
  id: string;
  at: string;
  actor: string;
  fileName: string;
}

export interface ImportReport {
  fileName: string;
  dryRun: boolean;
  skipInvalid: boolean;
  /** What the run did, or for a dry run what the same run without --dry-run would do. */
  outcome: 'applied' | 'refused';
  refusal?: ImportRefusal;
  /** Whether changes were written to the register (false for dry runs and refusals). */
  written: boolean;
  /** The worksheet the register was read from; absent for CSV. */
  sheet?: string;
  /** Where the header was found (rows above it were skipped as titles). */
  headerLine?: number;
  /** Set when the file was read as another format than its name says (a CSV named .xlsx). */
  readAs?: 'csv';
  /** Non-blank data rows in the file. */
  rows: number;
  /** Systems in the register before the import. */
  registered: number;
  columns: {
    matched: { field: RegisterField; header: string }[];
    /** Headers of columns the product does not know; their values are kept in SystemRecord.extra. */
    extra: string[];
    /** Columns naming a field an earlier column already fills; kept as extra facts. */
    repeated: { field: RegisterField; header: string }[];
  };
  /** For a refused run or a dry run: what would be added, changed and removed. */
  added: ReportedSystem[];
  changed: ChangedSystem[];
  unchanged: ReportedSystem[];
  removed: AbsentSystem[];
  /** Absent from the file but kept because the file has rejected rows. */
  keptAbsent: AbsentSystem[];
  rejected: RejectedRow[];
  warnings: ReportedWarning[];
  /**
   * Systems that would have nobody to answer their follow-up (no Ansvarig chef nor Systemansvarig) and so get no
   * checklist or reminder. Retired systems are not listed: they are not followed up.
   */
  withoutAnswerer: ReportedSystem[];
  /** Imports found started but not finished when this one began; an applied import completes the register. */
  unfinished: UnfinishedImport[];
  /** The import record written; absent for a dry run. */
  record?: ImportRecord;
  /** registerFingerprint of the register the import was computed against. */
  registerFingerprint: string;
  /** The first changed systems (changedSampleSize) as stored and as the file has them, to show old → new. */
  changedSample: { before: SystemRecord; after: SystemRecord }[];
}

/** How many changed systems the report carries whole (ImportReport.changedSample). */
export const changedSampleSize = 20;

/** What importing a table over the current register would do; pure, so it can be shown before it is done. */
export interface ImportPlan {
  refusal?: ImportRefusal;
  sheet?: string;
  headerLine?: number;
  readAs?: 'csv';
  rows: number;
  registered: number;
  columns: ImportReport['columns'];
  added: ReportedSystem[];
  changed: ChangedSystem[];
  unchanged: ReportedSystem[];
  removed: AbsentSystem[];
  keptAbsent: AbsentSystem[];
  rejected: RejectedRow[];
  warnings: ReportedWarning[];
  withoutAnswerer: ReportedSystem[];
  /** The writes, each against the version it was planned from. */
  changes: RegisterChanges;
}

export function planImport(
  table: RegisterTable,
  current: readonly StoredSystem[],
  options: Pick<ImportOptions, 'skipInvalid' | 'allowMissingAnswererColumn' | 'allowRemovals'> = {},
): ImportPlan {
  const columnMap = mapColumns(table.headers);
  const plan: ImportPlan = {
    ...(table.sheet === undefined ? {} : { sheet: table.sheet }),
    ...(table.headerLine === undefined ? {} : { headerLine: table.headerLine }),
    ...(table.readAs === undefined ? {} : { readAs: table.readAs }),
    rows: 0,
    registered: current.length,
    columns: describeColumns(columnMap, table.headers),
    added: [],
    changed: [],
    unchanged: [],
    removed: [],
    keptAbsent: [],
    rejected: [],
    warnings: [],
    withoutAnswerer: [],
    changes: { create: [], replace: [], remove: [] },
  };
  const dataRows = table.rows.filter((row) => !isBlankRow(row));
  plan.rows = dataRows.length;
  if (columnMap.fields.name === undefined) return { ...plan, refusal: 'missing-name-column' };
  if (dataRows.length === 0) return { ...plan, refusal: 'no-rows' };
  const hasAnswererColumn =
    columnMap.fields.responsible !== undefined || columnMap.fields.responsibleChief !== undefined;
  if (!hasAnswererColumn && options.allowMissingAnswererColumn !== true) {
    return { ...plan, refusal: 'missing-answerer-column' };
  }

  const parsed = dataRows.map((row) => parseRegisterRow(row, columnMap, table.headers));
  rejectDuplicateNames(parsed);

  const stored = new Map(current.map((system) => [system.value.id, system]));
  const named = new Set<string>();
  for (const row of parsed) {
    if (row.id !== '') named.add(row.id);
    if (row.rejections.length > 0 || !row.record) {
      plan.rejected.push({ line: row.line, name: row.name, reasons: row.rejections });
      continue;
    }
    for (const warning of row.warnings) plan.warnings.push({ line: row.line, name: row.name, warning });
    const seen: ReportedSystem = { id: row.id, name: row.name, line: row.line };
    if (registerAnswererOf(row.record) === undefined && !isRetired(row.record))
      plan.withoutAnswerer.push(seen);
    const before = stored.get(row.id);
    if (!before) {
      plan.added.push(seen);
      plan.changes.create.push(row.record);
      continue;
    }
    const difference = differenceBetween(before.value, row.record);
    if (isSameSystem(difference)) {
      plan.unchanged.push(seen);
      continue;
    }
    plan.changed.push({ ...seen, ...difference });
    plan.changes.replace.push({ value: row.record, version: before.version });
  }

  const absent = current
    .filter((system) => !named.has(system.value.id))
    .map((system) => ({ id: system.value.id, name: system.value.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  if (plan.rejected.length === 0) {
    plan.removed = absent;
    const versions = new Map(current.map((system) => [system.value.id, system.version]));
    plan.changes.remove = absent.map((system) => ({ id: system.id, version: versions.get(system.id) ?? '' }));
  } else {
    plan.keptAbsent = absent;
  }
  if (plan.rejected.length > 0 && !options.skipInvalid) plan.refusal = 'rejected-rows';
  else if (
    removalNeedsConfirmation(plan.removed.length, plan.registered) &&
    options.allowRemovals !== true &&
    options.allowRemovals !== plan.removed.length
  ) {
    plan.refusal = 'mass-removal';
  }
  return plan;
}

/** Every row sharing a system id with another is rejected, each naming the other lines. */
function rejectDuplicateNames(rows: ParsedRow[]): void {
  const linesById = new Map<string, number[]>();
  for (const row of rows) {
    if (row.id === '') continue;
    const lines = linesById.get(row.id) ?? [];
    lines.push(row.line);
    linesById.set(row.id, lines);
  }
  for (const row of rows) {
    const lines = linesById.get(row.id);
    if (!lines || lines.length < 2) continue;
    row.rejections.unshift({ code: 'duplicate-name', otherLines: lines.filter((line) => line !== row.line) });
    delete row.record;
  }
}

function describeColumns(columnMap: ColumnMap, headers: readonly string[]): ImportReport['columns'] {
  const matched = (Object.entries(columnMap.fields) as [RegisterField, number][])
    .sort(([, a], [, b]) => a - b)
    .map(([field, index]) => ({ field, header: cleanHeader(headers[index] ?? '') }));
  return {
    matched,
    extra: columnMap.extra.map((column) => column.header),
    repeated: columnMap.repeated,
  };
}

/**
 * Imports a register table into storage and records the import (except for a dry run).
 * Throws ConcurrencyConflictError when the register changed while the import ran (nothing or part of the
 * changes written; running again converges), StorageUnavailableError when storage cannot be reached.
 */
export async function importRegister(
  deps: ImportDependencies,
  table: RegisterTable,
  options: ImportOptions,
): Promise<ImportReport> {
  const { storage } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  // The name is printed and shown in Teams: no terminal escapes or direction overrides from a file name.
  const fileName = stripInvisible(baseName(options.fileName));
  const dryRun = options.dryRun === true;
  const skipInvalid = options.skipInvalid === true;

  const unfinishedRecords = await storage.imports.listUnfinished();
  const current = await storage.systems.list();
  const fingerprint = registerFingerprint(current);
  if (options.expectedRegister !== undefined && options.expectedRegister !== fingerprint) {
    throw new RegisterChangedSincePreviewError();
  }
  const plan = planImport(table, current, options);
  const outcome = plan.refusal ? 'refused' : 'applied';
  const { changes, ...planned } = plan;
  const report: ImportReport = {
    fileName,
    dryRun,
    skipInvalid,
    outcome,
    written: false,
    ...planned,
    registerFingerprint: fingerprint,
    changedSample: changes.replace.slice(0, changedSampleSize).flatMap((replaced) => {
      const before = current.find((system) => system.value.id === replaced.value.id);
      return before ? [{ before: before.value, after: replaced.value }] : [];
    }),
    unfinished: unfinishedRecords.map(({ id, at, actor, fileName: file }) => ({
      id,
      at,
      actor,
      fileName: file,
    })),
  };
  if (unfinishedRecords.length > 0) {
    deps.logger?.warn('register.import.unfinishedFound', {
      unfinished: unfinishedRecords.length,
      importId: unfinishedRecords[0]?.id,
    });
  }

  if (!dryRun) {
    const identity = { id: newId(), at: now().toISOString(), actor: options.actor };
    if (outcome === 'applied' && hasChanges(changes)) {
      // Recorded before the first write, so an import cut short leaves a trace the next one finds.
      const started: ImportRecord = { ...importRecordFor(report, identity), status: 'started' };
      await storage.imports.add(started);
      await storage.systems.apply(changes);
      report.written = true;
      report.record = { ...started, status: 'finished', finishedAt: now().toISOString() };
      await storage.imports.update(report.record);
    } else {
      report.record = { ...importRecordFor(report, identity), status: 'finished' };
      await storage.imports.add(report.record);
    }
    if (outcome === 'applied') {
      // The register now holds this file whole: whatever an earlier import left half-done is completed.
      for (const unfinished of unfinishedRecords) {
        await storage.imports.update({
          ...unfinished,
          status: 'interrupted',
          finishedAt: now().toISOString(),
          completedBy: report.record.id,
        });
      }
    }
  }

  deps.logger?.info('register.import', {
    outcome,
    refusal: plan.refusal,
    dryRun,
    skipInvalid,
    rows: report.rows,
    added: report.added.length,
    changed: report.changed.length,
    removed: report.removed.length,
    unchanged: report.unchanged.length,
    rejected: report.rejected.length,
    keptAbsent: report.keptAbsent.length,
    warnings: report.warnings.length,
    withoutAnswerer: report.withoutAnswerer.length,
    unfinished: report.unfinished.length,
  });
  return report;
}

/**
 * Logs a warning for every import that began writing and never finished, so whoever runs the bot learns that
 * the register may hold a mix of two files; ids only. Returns the unfinished records. A failure to look is
 * logged and answered with none: it must not stop a start.
 */
export async function warnAboutUnfinishedImports(storage: Storage, logger: Logger): Promise<ImportRecord[]> {
  try {
    const unfinished = await storage.imports.listUnfinished();
    for (const record of unfinished) {
      logger.warn('register.import.unfinished', {
        importId: record.id,
        at: record.at,
        hint: 'an import stopped part-way; run the import again to complete the register',
      });
    }
    return unfinished;
  } catch (error) {
    logger.warn('register.import.unfinishedCheckFailed', errorFields(error));
    return [];
  }
}

function hasChanges(changes: RegisterChanges): boolean {
  return changes.create.length + changes.replace.length + changes.remove.length > 0;
}

/** A refused import did nothing, so it counts nothing added, changed, removed or unchanged. */
function importRecordFor(
  report: ImportReport,
  identity: { id: string; at: string; actor: string },
): ImportRecord {
  const applied = report.outcome === 'applied';
  return {
    ...identity,
    fileName: report.fileName,
    skipInvalid: report.skipInvalid,
    outcome: report.outcome,
    counts: {
      rows: report.rows,
      added: applied ? report.added.length : 0,
      changed: applied ? report.changed.length : 0,
      removed: applied ? report.removed.length : 0,
      unchanged: applied ? report.unchanged.length : 0,
      rejected: report.rejected.length,
    },
  };
}

function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

export type { RowRejection, RowWarning };
