/**
 * `npm run reviews:export -- --year <year> [--format xlsx|csv] [--out <file>] [--lang en] [--checklist <file>]`
 *
 * Writes the year's follow-up results from the configured storage (DATA_DIR or Cosmos DB, from the environment
 * or .env) to a file: one row per system and question. Systems not started use the checklist from --checklist,
 * CHECKLIST_FILE or the bundled default.
 *
 * Exit codes:
 *   0  written.
 *   2  wrong command, or a checklist file that cannot be used.
 *   3  storage could not be configured or reached, or the output file could not be written.
 */
import {
  argumentsOrExitCode,
  cliLogger,
  runCommand,
  type CommandIo,
  type ParsedArguments as ParsedCliArguments,
} from './cliSupport';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { loadStorageConfig } from '../config';
import type { Checklist } from '../domain/checklist/checklist';
import { StorageUnavailableError } from '../domain/errors';
import type { Storage } from '../domain/ports';
import { ChecklistFileError, loadChecklist } from '../infrastructure/checklist/loadChecklist';
import { exportReviews, type ReviewExportFormat } from '../infrastructure/checklist/reviewExport';
import { createStorage } from '../infrastructure/storage/createStorage';
import { errorFields } from '../shared/logger';
import { say, type Lang, type TextParams } from '../texts';
import { reviewsExportCliTexts } from '../texts/checklist';

export const exitCodes = {
  done: 0,
  unusableInput: 2,
  storageProblem: 3,
} as const;

export interface ExportArguments {
  year: number;
  format: ReviewExportFormat;
  /** Undefined: the export's own file name in the current folder. */
  out: string | undefined;
  lang: Lang;
  checklist: string | undefined;
}

export type ParsedExportArguments = ParsedCliArguments<ExportArguments, keyof typeof reviewsExportCliTexts>;

const valueOptions = ['--year', '--format', '--out', '--lang', '--checklist'] as const;
type ValueOption = (typeof valueOptions)[number];

export function parseExportArguments(argv: readonly string[]): ParsedExportArguments {
  const values = new Map<ValueOption, string>();
  let help = false;
  let problem: { problem: keyof typeof reviewsExportCliTexts; params?: TextParams } | undefined;
  const fail = (found: NonNullable<typeof problem>) => {
    problem ??= found;
  };

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const [name, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (!(valueOptions as readonly string[]).includes(name)) {
      fail({ problem: 'unknownOption', params: { option: arg } });
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined || value === '') fail({ problem: 'missingValue', params: { option: name } });
    else values.set(name as ValueOption, value);
  }

  const langValue = values.get('--lang') ?? 'sv';
  const lang: Lang = langValue === 'en' ? 'en' : 'sv';
  if (langValue !== 'sv' && langValue !== 'en') fail({ problem: 'badLang', params: { lang: langValue } });
  if (help) return { kind: 'help', lang };

  const yearText = values.get('--year');
  const year = Number(yearText);
  if (yearText === undefined) fail({ problem: 'missingYear' });
  else if (!/^\d{4}$/.test(yearText) || year < 2000 || year > 2199)
    fail({ problem: 'badYear', params: { year: yearText } });

  const format = values.get('--format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') fail({ problem: 'badFormat', params: { format } });

  if (problem !== undefined) return { kind: 'invalid', lang, ...problem };
  return {
    kind: 'run',
    args: {
      year,
      format: format as ReviewExportFormat,
      out: values.get('--out'),
      lang,
      checklist: values.get('--checklist'),
    },
  };
}

export async function runReviewsExport(argv: readonly string[], io: CommandIo): Promise<number> {
  const parsed = argumentsOrExitCode(parseExportArguments(argv), reviewsExportCliTexts, io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const lang = args.lang;
  const logger = cliLogger(io);

  let checklist: Checklist;
  try {
    const checklistFile = args.checklist ?? io.env.CHECKLIST_FILE;
    checklist = await loadChecklist(checklistFile?.trim() ? path.resolve(io.cwd, checklistFile) : undefined);
  } catch (error) {
    if (!(error instanceof ChecklistFileError)) throw error;
    io.err(error.message);
    return exitCodes.unusableInput;
  }

  let storage: Storage;
  try {
    storage = await createStorage(loadStorageConfig(io.env), logger);
  } catch (error) {
    logger.error('reviews.export.storage-start-failed', errorFields(error));
    io.err(say(lang, reviewsExportCliTexts.storageConfig));
    if (error instanceof Error && error.name === 'ConfigError') io.err(error.message);
    return exitCodes.storageProblem;
  }

  try {
    const file = await exportReviews(storage, { year: args.year, format: args.format, lang, checklist });
    const target = path.resolve(io.cwd, args.out ?? file.fileName);
    try {
      await writeFile(target, file.bytes);
    } catch (error) {
      logger.error('reviews.export.write-failed', errorFields(error));
      io.err(say(lang, reviewsExportCliTexts.writeFailed, { file: target }));
      return exitCodes.storageProblem;
    }
    io.out(
      say(lang, reviewsExportCliTexts.written, {
        rows: file.rowCount,
        systems: file.systemCount,
        file: target,
      }),
    );
    return exitCodes.done;
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      io.err(say(lang, reviewsExportCliTexts.storageUnavailable, { operation: error.operation }));
      return exitCodes.storageProblem;
    }
    throw error;
  } finally {
    await storage.close();
  }
}

if (require.main === module) runCommand(runReviewsExport, 'reviews.export.failed', exitCodes.storageProblem);
