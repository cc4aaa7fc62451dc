/**
 * `npm run register:import -- <file> [--dry-run] [--skip-invalid] [--sheet <name>] [--allow-removals]
 *   [--no-answerer-column] [--lang en]`
 *
 * Imports the municipality's system register from .xlsx or CSV into the configured storage (DATA_DIR or
 * Cosmos DB, from the environment or .env) and prints what changed.
 *
 * A relative path is taken from the folder the command was run in: npm runs scripts in the package root and
 * passes the caller's folder as INIT_CWD.
 *
 * Exit codes:
 *   0  imported; or a dry run that would import. With --skip-invalid the import is done even when rows are
 *      rejected (they are listed in the report), so that is 0 too: the caller asked for exactly that.
 *   1  rows were rejected and --skip-invalid was not given, or more than a tenth of the register would be
 *      removed without --allow-removals: nothing was written (a dry run: would be refused).
 *   2  wrong command, or a file that cannot be used: missing, unreadable, not .xlsx/CSV, no such sheet, no
 *      system-name column, no column for the follow-up's answerer (without --no-answerer-column), no rows.
 *   3  storage could not be configured or reached, or the register changed during the import (run again).
 */
import {
  argumentsOrExitCode,
  cliLogger,
  runCommand,
  type CommandIo,
  type ParsedArguments as ParsedCliArguments,
} from './cliSupport';
import os from 'node:os';
import path from 'node:path';
import { loadStorageConfig } from '../config';
import { ConcurrencyConflictError, StorageUnavailableError } from '../domain/errors';
import type { Storage } from '../domain/ports';
import { importRegister, type ImportReport } from '../domain/register/registerImport';
import { stripInvisible } from '../domain/register/registerCells';
import type { RegisterTable } from '../domain/register/registerTable';
import { createStorage } from '../infrastructure/storage/createStorage';
import { readRegisterFile } from '../infrastructure/registerFile/readRegisterFile';
import { RegisterFileError } from '../infrastructure/registerFile/registerFileError';
import { errorFields } from '../shared/logger';
import { say, type Lang } from '../texts';
import {
  describeImportReport,
  registerFileTexts,
  registerImportCliTexts,
  registerImportTexts,
} from '../texts/registerImport';

export const exitCodes = {
  done: 0,
  rejectedRows: 1,
  unusableInput: 2,
  storageProblem: 3,
} as const;

export interface ImportArguments {
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  lang: Lang;
  /** Present only when given: the worksheet to read. */
  sheet?: string;
  /** Present (true) only when given. */
  allowRemovals?: true;
  /** Present (true) only when given. */
  noAnswererColumn?: true;
}

export type ParsedArguments = ParsedCliArguments<ImportArguments, keyof typeof registerImportCliTexts>;

export function parseImportArguments(argv: readonly string[]): ParsedArguments {
  const files: string[] = [];
  let dryRun = false;
  let skipInvalid = false;
  let sheet: string | undefined;
  let allowRemovals = false;
  let noAnswererColumn = false;
  let lang: Lang = 'sv';
  let problem: Extract<ParsedArguments, { kind: 'invalid' }> | undefined;
  let help = false;
  const fail = (found: Omit<Extract<ParsedArguments, { kind: 'invalid' }>, 'kind' | 'lang'>) => {
    problem ??= { kind: 'invalid', lang, ...found };
  };

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--skip-invalid') skipInvalid = true;
    else if (arg === '--allow-removals') allowRemovals = true;
    else if (arg === '--no-answerer-column') noAnswererColumn = true;
    else if (arg === '--sheet' || arg.startsWith('--sheet=')) {
      const value = arg === '--sheet' ? argv[++index] : arg.slice('--sheet='.length);
      if (value === undefined || value.trim() === '') fail({ problem: 'missingSheet' });
      else sheet = value;
    } else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++index] : arg.slice('--lang='.length);
      if (value === 'sv' || value === 'en') lang = value;
      else fail({ problem: 'badLang', params: { lang: value ?? '' } });
    } else if (arg.startsWith('-') && arg !== '-')
      fail({ problem: 'unknownOption', params: { option: arg } });
    else files.push(arg);
  }
  if (help) return { kind: 'help', lang };
  if (problem) return { ...problem, lang };
  if (files.length === 0) return { kind: 'invalid', lang, problem: 'missingFile' };
  if (files.length > 1) return { kind: 'invalid', lang, problem: 'tooManyFiles' };
  return {
    kind: 'run',
    args: {
      file: files[0] ?? '',
      dryRun,
      skipInvalid,
      lang,
      ...(sheet === undefined ? {} : { sheet }),
      ...(allowRemovals ? { allowRemovals: true as const } : {}),
      ...(noAnswererColumn ? { noAnswererColumn: true as const } : {}),
    },
  };
}

/** The exit code for a finished import: see the file comment. */
export function exitCodeFor(report: ImportReport): number {
  switch (report.refusal) {
    case undefined:
      return exitCodes.done;
    case 'missing-name-column':
    case 'no-rows':
    case 'missing-answerer-column':
      return exitCodes.unusableInput;
    case 'rejected-rows':
    case 'mass-removal':
      return exitCodes.rejectedRows;
  }
}

export async function runRegisterImport(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = argumentsOrExitCode(parseImportArguments(argv), registerImportCliTexts, io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const lang = args.lang;
  const logger = cliLogger(io);

  // Whatever a file name or cell holds, the terminal gets no escape sequences or direction overrides from it.
  const out = (text: string) => io.out(stripInvisible(text));
  const err = (text: string) => io.err(stripInvisible(text));

  // The file as the user meant it: a relative path from the folder the command was run in (io.cwd).
  const filePath = path.resolve(io.cwd, args.file);
  let table: RegisterTable;
  try {
    table = await readRegisterFile(filePath, { sheet: args.sheet });
  } catch (error) {
    if (!(error instanceof RegisterFileError)) throw error;
    err(
      say(lang, registerFileTexts[error.code], {
        fileName: error.fileName,
        path: error.path ?? filePath,
        line: error.line ?? '?',
        sheet: error.sheet ?? '',
        sheets:
          error.sheets && error.sheets.length > 0
            ? error.sheets.join(', ')
            : say(lang, registerImportTexts.noHeaders),
      }),
    );
    return exitCodes.unusableInput;
  }

  let storage: Storage;
  try {
    // The report below says it in words when an earlier import was left unfinished.
    storage = await createStorage(loadStorageConfig(io.env), logger, { reportUnfinishedImports: false });
  } catch (error) {
    logger.error('register.import.storage-start-failed', errorFields(error));
    err(say(lang, registerImportCliTexts.storageConfig));
    if (error instanceof Error && error.name === 'ConfigError') err(error.message);
    return exitCodes.storageProblem;
  }

  try {
    const report = await importRegister({ storage, logger }, table, {
      fileName: filePath,
      actor: `cli:${osUserName()}`,
      dryRun: args.dryRun,
      skipInvalid: args.skipInvalid,
      allowRemovals: args.allowRemovals === true,
      allowMissingAnswererColumn: args.noAnswererColumn === true,
    });
    out(describeImportReport(report, lang).join('\n'));
    if (report.refusal === 'rejected-rows') out(say(lang, registerImportCliTexts.skipHint));
    if (report.refusal === 'mass-removal') out(say(lang, registerImportCliTexts.removalHint));
    if (report.refusal === 'missing-answerer-column') out(say(lang, registerImportCliTexts.answererHint));
    return exitCodeFor(report);
  } catch (error) {
    if (error instanceof ConcurrencyConflictError) {
      err(say(lang, registerImportCliTexts.conflict));
      return exitCodes.storageProblem;
    }
    if (error instanceof StorageUnavailableError) {
      err(say(lang, registerImportCliTexts.storageUnavailable, { operation: error.operation }));
      return exitCodes.storageProblem;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    // userInfo throws when the user has no passwd entry (some containers).
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

if (require.main === module)
  runCommand(runRegisterImport, 'register.import.failed', exitCodes.storageProblem);
