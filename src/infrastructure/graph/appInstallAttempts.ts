/**
 * When the app was last installed through Graph for a person, so each person is tried at most once in a while,
 * however many runs and instances there are. The records live in the reminder claims' store (no new container
 * or file): year 0, which is no follow-up year, so listing a year's claims never returns them, and kind
 * 'appInstall'. Taking an attempt is a conditional write, like a claim: of two instances one wins.
 */
import { createHash } from 'node:crypto';
import type { ReminderClaim } from '../../domain/reminders/claims';
import { ConcurrencyConflictError } from '../../domain/errors';
import type { ReminderClaimRepository } from '../../domain/ports';
import type { AppInstallOutcome } from './graphAppInstaller';

export type AppInstallResult = AppInstallOutcome['outcome'] | 'attempting';

export interface AppInstallAttempt {
  /** `appInstall:<hash of the address>`: no address in ids, which end up in logs. */
  id: string;
  kind: 'appInstall';
  year: 0;
  /** Lower-cased, so admins can be told whom Graph refused. */
  userPrincipalName: string;
  attemptedAt: string;
  /** No attempt before this moment. */
  nextAttemptAt: string;
  attempts: number;
  result: AppInstallResult;
  status?: number;
}

export interface TakenAttempt {
  attempt: AppInstallAttempt;
  version: string;
}

export interface AppInstallAttemptStore {
  /**
   * The right to try now: undefined when the person's next attempt is not due, or another run took it first.
   * Until the outcome is recorded, `holdMs` says when the next attempt may come (a crashed run's person).
   */
  take(userPrincipalName: string, now: Date, holdMs: number): Promise<TakenAttempt | undefined>;
  record(taken: TakenAttempt, outcome: AppInstallOutcome, nextAttemptAt: Date): Promise<void>;
  /** Every person an install was attempted for. */
  list(): Promise<AppInstallAttempt[]>;
}

export const appInstallAttemptYear = 0;

export function appInstallAttemptIdFor(userPrincipalName: string): string {
  const hash = createHash('sha256').update(userPrincipalName.trim().toLowerCase(), 'utf8').digest('hex');
  return `appInstall:${hash.slice(0, 40)}`;
}

export function appInstallAttemptsInClaims(claims: ReminderClaimRepository): AppInstallAttemptStore {
  // The claims' adapters store any record whole; the cast is the price of not adding a container.
  const asClaim = (attempt: AppInstallAttempt) => attempt as unknown as ReminderClaim;
  const asAttempt = (claim: ReminderClaim | undefined) => {
    const attempt = claim as unknown as AppInstallAttempt | undefined;
    return attempt?.kind === 'appInstall' ? attempt : undefined;
  };
  return {
    async take(userPrincipalName, now, holdMs) {
      const address = userPrincipalName.trim().toLowerCase();
      const id = appInstallAttemptIdFor(address);
      const stored = await claims.get(id);
      const previous = asAttempt(stored?.value);
      if (stored !== undefined && previous === undefined) return undefined;
      if (previous !== undefined && Date.parse(previous.nextAttemptAt) > now.getTime()) return undefined;
      const attempt: AppInstallAttempt = {
        id,
        kind: 'appInstall',
        year: appInstallAttemptYear,
        userPrincipalName: address,
        attemptedAt: now.toISOString(),
        nextAttemptAt: new Date(now.getTime() + holdMs).toISOString(),
        attempts: (previous?.attempts ?? 0) + 1,
        result: 'attempting',
      };
      try {
        const written =
          stored === undefined
            ? await claims.create(asClaim(attempt))
            : await claims.replace(asClaim(attempt), stored.version);
        return { attempt, version: written.version };
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) return undefined;
        throw error;
      }
    },
    async record(taken, outcome, nextAttemptAt) {
      const finished: AppInstallAttempt = {
        ...taken.attempt,
        nextAttemptAt: nextAttemptAt.toISOString(),
        result: outcome.outcome,
        ...('status' in outcome && outcome.status !== undefined ? { status: outcome.status } : {}),
      };
      try {
        await claims.replace(asClaim(finished), taken.version);
      } catch (error) {
        // Taken over after the hold ran out: the later attempt's record is the one to keep.
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    },
    async list() {
      const stored = await claims.listByYear(appInstallAttemptYear);
      return stored.map((s) => asAttempt(s.value)).filter((a): a is AppInstallAttempt => a !== undefined);
    },
  };
}

/** The addresses Teams refused the latest install for (403/404), for the admins' summary. */
export async function refusedInstallAddresses(store: AppInstallAttemptStore): Promise<ReadonlySet<string>> {
  const attempts = await store.list();
  return new Set(attempts.filter((attempt) => attempt.result === 'refused').map((a) => a.userPrincipalName));
}
