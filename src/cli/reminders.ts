/**
 * `npm run reminders -- --dry-run [--date YYYY-MM-DD] [--year YYYY] [--lang sv|en]`: who would get which reminder
 * at the reminder time on that date, read from the same storage and configuration as the bot, without sending
 * or writing anything. Sending is the bot's (its scheduler or POST /api/reminders/run): it holds the adapter.
 *
 * Exit codes: 0 done, 2 unusable arguments, 3 configuration or storage problem.
 */
import {
  argumentsOrExitCode,
  cliLogger,
  runCommand,
  type CommandIo,
  type ParsedArguments as ParsedCliArguments,
} from './cliSupport';
import { ConfigError, loadConfig, reminderScheduleOf, type AppConfig } from '../config';
import { StorageUnavailableError } from '../domain/errors';
import type { Storage } from '../domain/ports';
import type { DeadlineOnDay, UnreachablePerson } from '../domain/reminders/plan';
import { previewReminders, type PreviewEntry, type ReminderPreview } from '../domain/reminders/reminderRun';
import { zonedInstant, type Occasion, type ReminderSchedule } from '../domain/reminders/schedule';
import { createStorage } from '../infrastructure/storage/createStorage';
import { errorFields, silentLogger } from '../shared/logger';
import { say, type Lang, type Text, type TextParams } from '../texts';
import {
  reminderCliTexts as t,
  reminderTexts,
  systemsLeft,
  unreachableReasonTexts,
} from '../texts/reminders';

export const exitCodes = { done: 0, unusableInput: 2, configOrStorage: 3 } as const;

export interface ReminderCliArguments {
  date?: string;
  year?: number;
  lang: Lang;
}

export type ParsedReminderArguments = ParsedCliArguments<ReminderCliArguments, keyof typeof t>;

export function parseReminderArguments(argv: readonly string[]): ParsedReminderArguments {
  let lang: Lang = 'sv';
  let dryRun = false;
  let help = false;
  let date: string | undefined;
  let year: number | undefined;
  let problem: { problem: keyof typeof t; params?: TextParams } | undefined;
  const valueOf = (arg: string, name: string, index: number): [string | undefined, number] =>
    arg === name ? [argv[index + 1], index + 1] : [arg.slice(name.length + 1), index];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--date' || arg.startsWith('--date=')) {
      const [value, next] = valueOf(arg, '--date', index);
      index = next;
      if (value !== undefined && isIsoDate(value)) date = value;
      else problem ??= { problem: 'badDate', params: { value: value ?? '' } };
    } else if (arg === '--year' || arg.startsWith('--year=')) {
      const [value, next] = valueOf(arg, '--year', index);
      index = next;
      if (value !== undefined && /^\d{4}$/.test(value)) year = Number(value);
      else problem ??= { problem: 'badYear', params: { value: value ?? '' } };
    } else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const [value, next] = valueOf(arg, '--lang', index);
      index = next;
      if (value === 'sv' || value === 'en') lang = value;
      else problem ??= { problem: 'badLang', params: { value: value ?? '' } };
    } else problem ??= { problem: 'unknownOption', params: { value: arg } };
  }
  if (help) return { kind: 'help', lang };
  if (problem) return { kind: 'invalid', lang, ...problem };
  if (!dryRun) return { kind: 'invalid', lang, problem: 'dryRunOnly' };
  return {
    kind: 'run',
    args: { lang, ...(date !== undefined ? { date } : {}), ...(year !== undefined ? { year } : {}) },
  };
}

export interface ReminderCliDeps {
  /** Test seam: a store already open (left open); default the one the configuration names. */
  storage?: Storage;
  now?: () => Date;
}

export async function runRemindersCli(
  argv: readonly string[],
  io: CommandIo,
  deps: ReminderCliDeps = {},
): Promise<number> {
  const parsed = argumentsOrExitCode(parseReminderArguments(argv), t, io);
  if ('exitCode' in parsed) return parsed.exitCode;
  const { args } = parsed;
  const lang = args.lang;
  let config: AppConfig;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(say(lang, t.config));
    io.err(error.message);
    return exitCodes.configOrStorage;
  }
  const logger = cliLogger(io);
  const schedule = reminderScheduleOf(config);
  const at =
    args.date !== undefined
      ? zonedInstant(args.date, schedule.time, schedule.timeZone)
      : (deps.now ?? (() => new Date()))();

  let storage = deps.storage;
  try {
    storage ??= await createStorage(config.storage, logger);
  } catch (error) {
    logger.error('reminders.cli.storage_start_failed', errorFields(error));
    io.err(say(lang, t.storageUnavailable));
    return exitCodes.configOrStorage;
  }
  try {
    const preview = await previewReminders(
      {
        storage,
        // A dry run sends nothing: a delivery that is never called.
        delivery: { deliver: () => Promise.reject(new Error('the dry run sends nothing')) },
        access: config.checklistAccess,
        deadlines: config.checklistDeadlines,
        schedule,
        requireAuthenticated: config.production,
        logger: silentLogger,
      },
      { at, ...(args.year !== undefined ? { year: args.year } : {}) },
    );
    io.out(describePreview(preview, schedule, lang).join('\n'));
    return exitCodes.done;
  } catch (error) {
    if (error instanceof StorageUnavailableError) {
      io.err(say(lang, t.storageUnavailable));
      return exitCodes.configOrStorage;
    }
    throw error;
  } finally {
    if (!deps.storage) await storage.close();
  }
}

/** The dry run's report, one line per message and system; names and addresses are for the admin reading it. */
export function describePreview(preview: ReminderPreview, schedule: ReminderSchedule, lang: Lang): string[] {
  const lines = [
    say(lang, t.heading, {
      year: preview.year,
      day: preview.day,
      time: schedule.time,
      timeZone: schedule.timeZone,
    }),
  ];
  for (const onDay of preview.deadlines) lines.push(describeDeadline(onDay, preview.day, lang));
  const toSend = preview.entries.filter((entry) => entry.claim === 'new').length;
  if (preview.entries.length === 0) lines.push(say(lang, t.nothing));
  else lines.push(say(lang, t.counts, { toSend, done: preview.entries.length - toSend }));
  lines.push(
    say(lang, t.reach, {
      people: preview.entries.filter((entry) => entry.message.kind === 'reminder').length,
      unreachable: preview.unreachable.length,
    }),
  );
  for (const entry of preview.entries) lines.push('', ...describeEntry(entry, lang));
  if (preview.unreachable.length > 0) {
    lines.push('', say(lang, t.unreachableHeading, { count: preview.unreachable.length }));
    for (const person of preview.unreachable) {
      lines.push(
        say(lang, t.unreachableLine, {
          person: personText(person),
          reason: say(lang, unreachableReasonTexts[person.reason]),
          systemsLeft: systemsLeft(lang, person.systemIds.length),
        }),
      );
    }
  }
  if (preview.unremindable.length > 0) {
    lines.push('', say(lang, t.unremindableHeading, { count: preview.unremindable.length }));
    for (const system of preview.unremindable) {
      lines.push(
        say(lang, t.unremindableLine, { system: system.systemName, reason: say(lang, t[system.reason]) }),
      );
    }
  }
  if (preview.unreachableAdmins.length > 0) {
    lines.push(
      '',
      say(lang, t.unreachableAdmins, {
        count: preview.unreachableAdmins.length,
        entries: preview.unreachableAdmins.join(', '),
      }),
    );
  }
  return lines;
}

/** Whether the day is a reminder occasion for the deadline: its own, one made up, or none. */
function describeDeadline(onDay: DeadlineOnDay, day: string, lang: Lang): string {
  const { occasion } = onDay;
  const kindText = (o: Occasion) =>
    o.kind === 'overdue'
      ? say(lang, t.kindOverdue)
      : say(lang, t.kindBefore, { daysBefore: o.daysBefore ?? '?' });
  const occasionText =
    occasion === undefined
      ? say(lang, t.noOccasion)
      : occasion.date === day
        ? say(lang, t.occasionToday, { kind: kindText(occasion) })
        : say(lang, t.occasionMadeUp, { date: occasion.date, kind: kindText(occasion) });
  return say(lang, t.deadlineLine, {
    deadline: onDay.deadline,
    departments:
      onDay.departments.length > 0
        ? say(lang, t.deadlineDepartments, { departments: onDay.departments.join(', ') })
        : '',
    openSystems: onDay.openSystems,
    occasion: occasionText,
  });
}

function describeEntry(entry: PreviewEntry, lang: Lang): string[] {
  const { message } = entry;
  const recipient =
    message.recipient.email ?? message.recipient.userPrincipalName ?? message.recipient.aadObjectId;
  const state = entry.claim === 'new' ? '' : say(lang, t.state, { state: say(lang, stateText[entry.claim]) });
  if (message.kind === 'summary') {
    return [
      say(lang, t.summaryLine, {
        recipient,
        lang: message.lang,
        overdue: message.overdueCount,
        unreachable: message.unreachable.length,
        state,
      }),
    ];
  }
  const occasion =
    message.occasion.kind === 'beforeDeadline'
      ? `${message.occasion.date} (${message.occasion.daysBefore ?? '?'} ${lang === 'sv' ? 'dagar före' : 'days before'} ${message.occasion.deadline})`
      : `${message.occasion.date} (${lang === 'sv' ? 'veckopåminnelse efter' : 'weekly after'} ${message.occasion.deadline})`;
  return [
    say(lang, t.reminderLine, { recipient, lang: message.lang, occasion, state }),
    ...message.systems.map((system) =>
      say(lang, t.systemLine, {
        system: system.systemName,
        status: say(
          lang,
          system.status === 'inProgress' ? reminderTexts.inProgress : reminderTexts.notStarted,
        ),
        deadline: system.deadline,
      }),
    ),
  ];
}

const stateText: Record<Exclude<PreviewEntry['claim'], 'new'>, Text> = {
  sent: t.stateSent,
  sending: t.stateSending,
  failed: t.stateFailed,
};

function personText(person: UnreachablePerson): string {
  return person.email ? `${person.name} <${person.email}>` : person.name;
}

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

if (require.main === module) runCommand(runRemindersCli, 'reminders.cli.failed', exitCodes.configOrStorage);
