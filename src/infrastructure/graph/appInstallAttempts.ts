/**
 * The right to install the app through Graph for a person, taken at most once in a while per person however many
 * runs and instances there are: a conditional write to the app-install attempts (AppInstallAttemptRepository), so
 * of two instances one wins.
 */
import { createHash } from 'node:crypto';
import { ConcurrencyConflictError } from '../../domain/errors';
import type { AppInstallAttemptRepository } from '../../domain/ports';
import type { AppInstallAttempt } from '../../domain/reminders/appInstallAttempt';
import type { AppInstallOutcome } from './graphAppInstaller';

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

/**
 * A hash, not the address: ids end up in logs. The prefix differs from the year-0 claims of earlier versions
 * (`appInstall:`), which may still sit in the same Cosmos container: the same id there would make every create a
 * conflict, and the person would never be tried again (docs/storage.md, App-install attempts).
 */
export function appInstallAttemptIdFor(userPrincipalName: string): string {
  const hash = createHash('sha256').update(userPrincipalName.trim().toLowerCase(), 'utf8').digest('hex');
  return `appInstallAttempt:${hash.slice(0, 40)}`;
}

export function appInstallAttemptStore(attempts: AppInstallAttemptRepository): AppInstallAttemptStore {
  return {
    async take(userPrincipalName, now, holdMs) {
      const address = userPrincipalName.trim().toLowerCase();
      const id = appInstallAttemptIdFor(address);
      const stored = await attempts.get(id);
      const previous = stored?.value;
      if (previous !== undefined && Date.parse(previous.nextAttemptAt) > now.getTime()) return undefined;
      const attempt: AppInstallAttempt = {
        id,
        userPrincipalName: address,
        attemptedAt: now.toISOString(),
        nextAttemptAt: new Date(now.getTime() + holdMs).toISOString(),
        attempts: (previous?.attempts ?? 0) + 1,
        result: 'attempting',
      };
      try {
        const written = await attempts.save(attempt, stored?.version ?? null);
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
        await attempts.save(finished, taken.version);
      } catch (error) {
        // Taken over after the hold ran out: the later attempt's record is the one to keep.
        if (!(error instanceof ConcurrencyConflictError)) throw error;
      }
    },
    async list() {
      return (await attempts.list()).map((stored) => stored.value);
    },
  };
}

/** The addresses Teams refused the latest install for (403/404), for the admins' summary. */
export async function refusedInstallAddresses(store: AppInstallAttemptStore): Promise<ReadonlySet<string>> {
  const attempts = await store.list();
  return new Set(attempts.filter((attempt) => attempt.result === 'refused').map((a) => a.userPrincipalName));
}
