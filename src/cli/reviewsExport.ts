/**
 * `npm run reviews:export -- [--year <year>] [--format xlsx|csv] [--out <file>] [--lang en] [--checklist <file>]`
 *
 * Writes the year's follow-up results from the configured storage (DATA_DIR or Cosmos DB, from the environment
 * or .env) to a file: one row per system and question. Without --year it is the current follow-up year, as the
 * bot's follow-up calendar says (its deadlines are read from the same settings). Systems not started use the
 * checklist from --checklist, CHECKLIST_FILE or the bundled default.
 *
 * Exit codes:
 *   0  written.
 *   2  wrong command, a checklist file that cannot be used, or (without --year) unusable settings.
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

import { ConfigError, loadConfig, loadSettings, loadStorageConfig, reminderScheduleOf } from '../config';
import type { Checklist } from '../domain/checklist/checklist';
import { StorageUnavailableError } from '../domain/errors';
import { FollowUpCalendar, isFollowUpYear } from '../domain/followUp/followUpCalendar';
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
  /** Undefined: the current follow-up year. */
  year: number | undefined;
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
  if (yearText !== undefined && (!/^\d{4}$/.test(yearText) || !isFollowUpYear(year))) {
    fail({ problem: 'badYear', params: { year: yearText } });
  }

  const format = values.get('--format') ?? 'xlsx';
  if (format !== 'xlsx' && format !== 'csv') fail({ problem: 'badFormat', params: { format } });

  if (problem !== undefined) return { kind: 'invalid', lang, ...problem };
  return {
    kind: 'run',
    args: {
      year: yearText === undefined ? undefined : year,
      format: format as ReviewExportFormat,
      out: values.get('--out'),
      lang,
      checklist: values.get('--checklist'),
    },
  };
}

export interface ReviewsExportDeps {
  /** Test seam for the current follow-up year; default the clock. */
  now?: () => Date;
}

export async function runReviewsExport(
  argv: readonly string[],
  io: CommandIo,
  deps: ReviewsExportDeps = {},
): Promise<number> {
  const parsed = argumentsOrExitCode(parseExportArguments(argv), reviewsExportCliTexts, io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const lang = args.lang;
  const logger = cliLogger(io);

  let settings: { CHECKLIST_FILE: string | undefined; TIME_ZONE: string };
  try {
    settings = loadSettings(io.env, ['CHECKLIST_FILE', 'TIME_ZONE']);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(say(lang, reviewsExportCliTexts.config));
    io.err(error.message);
    return exitCodes.storageProblem;
  }

  let checklist: Checklist;
  try {
    const checklistFile = args.checklist ?? settings.CHECKLIST_FILE;
    checklist = await loadChecklist(
      checklistFile !== undefined ? path.resolve(io.cwd, checklistFile) : undefined,
    );
  } catch (error) {
    if (!(error instanceof ChecklistFileError)) throw error;
    io.err(error.message);
    return exitCodes.unusableInput;
  }

  let year = args.year;
  if (year === undefined) {
    try {
      // The bot's own calendar: the deadlines and reminder schedule decide when a year's follow-up ends.
      const config = loadConfig(io.env);
      const calendar = FollowUpCalendar.forSchedule(reminderScheduleOf(config), config.checklistDeadlines);
      year = calendar.currentYear((deps.now ?? (() => new Date()))());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.err(say(lang, reviewsExportCliTexts.deadlineConfig));
      io.err(error.message);
      return exitCodes.unusableInput;
    }
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
    const file = await exportReviews(storage, {
      year,
      format: args.format,
      lang,
      checklist,
      timeZone: settings.TIME_ZONE,
    });
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
