/**
 * One reminder run: plan (plan.ts), then for each planned message claim it, deliver it, and record the outcome
 * (claims.ts explains the exactly-once rules). Safe to run on several instances at once and to run again: what
 * was sent is skipped, what a crashed run left half-done is finished once its lease has expired.
 */
import { randomUUID } from 'node:crypto';
import type { ChecklistAccess } from '../checklist/permissions';
import type { DeadlinePolicy } from '../checklist/reviewStatus';
import { FollowUpCalendar } from '../followUp/followUpCalendar';
import { ConcurrencyConflictError } from '../errors';
import type { Storage } from '../ports';
import type { Versioned } from '../register/system';
import {
  decideOnExistingClaim,
  defaultClaimLeaseMs,
  defaultMaxClaimAttempts,
  type ClaimFailureCode,
  type ClaimState,
  type ReminderClaim,
} from './claims';
import {
  markedInactive,
  type ConversationReferenceRecord,
  type ReferenceInactiveReason,
} from './conversationReference';
import { planReminders, type PlannedMessage, type ReminderPlan, type UnreachablePerson } from './plan';
import type { ReminderStorage } from '../ports';
import { reminderDayAt, type ReminderSchedule } from './schedule';

/** How one message fared after the sender's own retries. */
export type DeliveryOutcome =
  | { outcome: 'sent'; activityId?: string }
  | { outcome: 'unreachable'; status: 403 | 404 }
  | { outcome: 'failed'; code: Exclude<ClaimFailureCode, 'unreachable' | 'abandoned'>; status?: number };

/**
 * Sends one planned message, pacing and retrying as Teams requires, and says how it went. Throws only for what
 * is not about the message (a bug, the process stopping); the claim then stays "sending" until its lease ends.
 */
export interface ReminderDelivery {
  deliver(message: PlannedMessage): Promise<DeliveryOutcome>;
}

export interface LoggerLike {
  info(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
  warn(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
  error(event: string, fields?: Record<string, string | number | boolean | undefined>): void;
}

export interface ReminderRunDeps {
  storage: Pick<Storage, 'systems' | 'reviews' | 'reviewDelegates'> & ReminderStorage;
  delivery: ReminderDelivery;
  access: ChecklistAccess;
  deadlines?: DeadlinePolicy;
  schedule: ReminderSchedule;
  /** Production: only references from authenticated turns are used. */
  requireAuthenticated: boolean;
  logger: LoggerLike;
  now?: () => Date;
  leaseMs?: number;
  maxAttempts?: number;
  /** Messages in flight at once; the delivery's limiter paces them. */
  concurrency?: number;
  /** Told after a reference was marked inactive, so in-process caches of references (the bot's capture) drop it. */
  onReferenceMarkedInactive?: (reference: ConversationReferenceRecord) => void;
  /** Where Graph installs are made: the addresses Teams refused the last one for (see 'installRefused'). */
  installRefusals?: () => Promise<ReadonlySet<string>>;
}

export interface RunRequest {
  /** The moment to plan for; default now. */
  at?: Date;
  /** The follow-up year; default the current one on the reminder day (followUpCalendar.ts). */
  year?: number;
}

export interface FailedMessage {
  claimId: string;
  recipientId: string;
  kind: PlannedMessage['kind'];
  code: ClaimFailureCode;
  status?: number;
}

export interface ReminderRunReport {
  runId: string;
  year: number;
  day: string;
  planned: number;
  sent: number;
  /** Already sent, failed for good, or being sent by another run. */
  skipped: number;
  failed: FailedMessage[];
  unreachable: UnreachablePerson[];
  unreachableAdmins: string[];
  /** References marked inactive after 403/404. */
  markedInactive: number;
}

export interface PreviewEntry {
  message: PlannedMessage;
  /** The claim's state, or 'new' when nothing claimed it yet (it would be sent). */
  claim: ClaimState | 'new';
}

export interface ReminderPreview {
  year: number;
  day: string;
  /** Whether the day is a reminder occasion, per deadline of the year. */
  deadlines: ReminderPlan['deadlines'];
  /** Open systems nobody can be reminded about. */
  unremindable: ReminderPlan['unremindable'];
  entries: PreviewEntry[];
  unreachable: UnreachablePerson[];
  unreachableAdmins: string[];
}

export async function planFromStorage(
  deps: ReminderRunDeps,
  request: RunRequest = {},
): Promise<ReminderPlan> {
  const now = request.at ?? (deps.now ?? (() => new Date()))();
  // The year the dialog shows on the reminder day: a reminder and the checklist it points to name the same year.
  const calendar = FollowUpCalendar.forSchedule(deps.schedule, deps.deadlines);
  const year = request.year ?? calendar.currentYearOn(reminderDayAt(now, deps.schedule));
  const [systems, reviews, delegates, references, installRefused] = await Promise.all([
    deps.storage.systems.list(),
    deps.storage.reviews.listByYear(year),
    deps.storage.reviewDelegates.listByYear(year),
    deps.storage.conversationReferences.list(),
    deps.installRefusals?.(),
  ]);
  return planReminders({
    now,
    year,
    systems: systems.map((s) => s.value),
    reviews: reviews.map((r) => r.value),
    delegates: delegates.map((d) => d.value),
    references: references.map((r) => r.value),
    access: deps.access,
    deadlines: deps.deadlines,
    schedule: deps.schedule,
    requireAuthenticated: deps.requireAuthenticated,
    ...(installRefused ? { installRefused } : {}),
  });
}

/** Who would get what, and whether it was already sent: reads only, sends nothing (the dry run). */
export async function previewReminders(
  deps: ReminderRunDeps,
  request: RunRequest = {},
): Promise<ReminderPreview> {
  const plan = await planFromStorage(deps, request);
  const messages: PlannedMessage[] = [...plan.reminders, ...plan.summaries];
  const entries = await Promise.all(
    messages.map(async (message): Promise<PreviewEntry> => {
      const claim = await deps.storage.reminderClaims.get(message.claimId);
      return { message, claim: claim?.value.state ?? 'new' };
    }),
  );
  return {
    year: plan.year,
    day: plan.day,
    deadlines: plan.deadlines,
    unremindable: plan.unremindable,
    entries,
    unreachable: plan.unreachable,
    unreachableAdmins: plan.unreachableAdmins,
  };
}

export async function runReminders(
  deps: ReminderRunDeps,
  request: RunRequest = {},
): Promise<ReminderRunReport> {
  const clock = deps.now ?? (() => new Date());
  const runId = randomUUID();
  const plan = await planFromStorage(deps, { ...request, at: request.at ?? clock() });
  const report: ReminderRunReport = {
    runId,
    year: plan.year,
    day: plan.day,
    planned: plan.reminders.length + plan.summaries.length,
    sent: 0,
    skipped: 0,
    failed: [],
    unreachable: plan.unreachable,
    unreachableAdmins: plan.unreachableAdmins,
    markedInactive: 0,
  };
  deps.logger.info('reminders.run.started', {
    runId,
    year: plan.year,
    day: plan.day,
    reminders: plan.reminders.length,
    summaries: plan.summaries.length,
    unreachable: plan.unreachable.length,
  });

  const sendOne = async (message: PlannedMessage) => {
    const result = await deliverOnce(deps, runId, clock, message);
    if (result.kind === 'sent') report.sent++;
    else if (result.kind === 'skipped') report.skipped++;
    else {
      report.failed.push({
        claimId: message.claimId,
        recipientId: message.recipient.id,
        kind: message.kind,
        code: result.code,
        ...(result.status !== undefined ? { status: result.status } : {}),
      });
      if (result.markedInactive) report.markedInactive++;
    }
  };
  // People first: the admins' summary then goes out after this run's own outcomes are known in the log.
  await inPool(plan.reminders, deps.concurrency ?? 32, sendOne);
  await inPool(plan.summaries, deps.concurrency ?? 32, sendOne);

  deps.logger.info('reminders.run.finished', {
    runId,
    year: report.year,
    planned: report.planned,
    sent: report.sent,
    skipped: report.skipped,
    failed: report.failed.length,
    markedInactive: report.markedInactive,
    unreachable: report.unreachable.length,
    unreachableAdmins: report.unreachableAdmins.length,
  });
  for (const failure of report.failed) {
    deps.logger.warn('reminders.message.failed', {
      runId,
      claimId: failure.claimId,
      code: failure.code,
      status: failure.status,
    });
  }
  return report;
}

type SendResult =
  | { kind: 'sent' }
  | { kind: 'skipped' }
  | { kind: 'failed'; code: ClaimFailureCode; status?: number; markedInactive: boolean };

async function deliverOnce(
  deps: ReminderRunDeps,
  runId: string,
  clock: () => Date,
  message: PlannedMessage,
): Promise<SendResult> {
  const claims = deps.storage.reminderClaims;
  const leaseMs = deps.leaseMs ?? defaultClaimLeaseMs;
  const claimed = await claim(deps, runId, clock, message, leaseMs);
  if (claimed.kind !== 'claimed') return claimed.result;

  const outcome = await deps.delivery.deliver(message);
  const at = clock().toISOString();
  let finished: ReminderClaim;
  let result: SendResult;
  let inactive = false;
  if (outcome.outcome === 'sent') {
    finished = {
      ...claimed.claim.value,
      state: 'sent',
      sentAt: at,
      ...(outcome.activityId ? { activityId: outcome.activityId } : {}),
    };
    result = { kind: 'sent' };
  } else {
    const code: ClaimFailureCode = outcome.outcome === 'unreachable' ? 'unreachable' : outcome.code;
    if (outcome.outcome === 'unreachable') {
      inactive = await markReferenceInactive(
        deps,
        message.recipient,
        outcome.status === 403 ? 'forbidden' : 'notFound',
        at,
      );
    }
    finished = {
      ...claimed.claim.value,
      state: 'failed',
      failedAt: at,
      failure: { code, status: outcome.status },
    };
    result = { kind: 'failed', code, status: outcome.status, markedInactive: inactive };
  }
  await recordOutcome(deps, claims, finished, claimed.claim.version, runId);
  return result;
}

async function claim(
  deps: ReminderRunDeps,
  runId: string,
  clock: () => Date,
  message: PlannedMessage,
  leaseMs: number,
): Promise<{ kind: 'claimed'; claim: Versioned<ReminderClaim> } | { kind: 'done'; result: SendResult }> {
  const claims = deps.storage.reminderClaims;
  const now = clock();
  const fresh: ReminderClaim = {
    id: message.claimId,
    recipientId: message.recipient.id,
    year: message.year,
    occasion: message.kind === 'summary' ? `summary-${message.occasion.date}` : message.occasion.date,
    kind: message.kind,
    state: 'sending',
    claimedBy: runId,
    claimedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
    attempts: 1,
    systemIds: message.kind === 'reminder' ? message.systems.map((s) => s.systemId) : [],
  };
  try {
    return { kind: 'claimed', claim: await claims.create(fresh) };
  } catch (error) {
    if (!(error instanceof ConcurrencyConflictError)) throw error;
  }
  const existing = await claims.get(message.claimId);
  if (existing === undefined) return { kind: 'done', result: { kind: 'skipped' } };
  const decision = decideOnExistingClaim(existing.value, now, {
    maxAttempts: deps.maxAttempts ?? defaultMaxClaimAttempts,
    ...(message.recipient.active ? { recipientActiveSince: message.recipient.activeChangedAt } : {}),
  });
  if (decision.action === 'skip') return { kind: 'done', result: { kind: 'skipped' } };
  try {
    if (decision.action === 'abandon') {
      await claims.replace(
        { ...existing.value, state: 'failed', failedAt: now.toISOString(), failure: { code: 'abandoned' } },
        existing.version,
      );
      return { kind: 'done', result: { kind: 'failed', code: 'abandoned', markedInactive: false } };
    }
    const takenOver = await claims.replace(
      {
        ...fresh,
        attempts: existing.value.attempts + 1,
      },
      existing.version,
    );
    deps.logger.warn('reminders.claim.taken_over', {
      runId,
      claimId: message.claimId,
      previousState: existing.value.state,
      attempts: takenOver.value.attempts,
    });
    return { kind: 'claimed', claim: takenOver };
  } catch (error) {
    // Another run took it over or finished it between our read and write: it is theirs.
    if (error instanceof ConcurrencyConflictError) return { kind: 'done', result: { kind: 'skipped' } };
    throw error;
  }
}

async function recordOutcome(
  deps: ReminderRunDeps,
  claims: ReminderStorage['reminderClaims'],
  finished: ReminderClaim,
  version: string,
  runId: string,
): Promise<void> {
  // The message is out; losing this write would let a later run send it again, so it is retried a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await claims.replace(finished, version);
      return;
    } catch (error) {
      if (error instanceof ConcurrencyConflictError) {
        // Our lease ran out and another run took the claim over: nothing of ours to record.
        deps.logger.warn('reminders.claim.lost', { runId, claimId: finished.id, state: finished.state });
        return;
      }
      if (attempt >= 4) {
        deps.logger.error('reminders.claim.record_failed', {
          runId,
          claimId: finished.id,
          state: finished.state,
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

async function markReferenceInactive(
  deps: ReminderRunDeps,
  recipient: ConversationReferenceRecord,
  reason: ReferenceInactiveReason,
  at: string,
): Promise<boolean> {
  const references = deps.storage.conversationReferences;
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = await references.get(recipient.id);
    // Written or reinstalled since the plan was made: the new reference is not the one Teams refused.
    if (stored === undefined || stored.value.conversationId !== recipient.conversationId) return false;
    const inactive = markedInactive(stored.value, reason, at);
    if (inactive === undefined) return false;
    try {
      await references.save(inactive, stored.version);
      deps.onReferenceMarkedInactive?.(inactive);
      return true;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
  }
  return false;
}

/** Runs `work` over the items with at most `size` in flight; the first thrown error stops new work and is thrown. */
async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
