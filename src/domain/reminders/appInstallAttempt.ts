/**
 * When the app was last installed through Graph for a person the bot could not reach, and what Graph answered.
 * One record per address, so each person is tried at most once in a while however many runs and instances
 * there are; taking the right to try is a conditional write (AppInstallAttemptRepository), so of two instances
 * one wins.
 */

/** 'attempting' while a run holds the attempt; Graph's answer once it is recorded. */
export type AppInstallResult = 'attempting' | 'installed' | 'alreadyInstalled' | 'refused' | 'failed';

export interface AppInstallAttempt {
  /** `appInstallAttempt:<hash of the address>`: no address in ids, which end up in logs. */
  id: string;
  /** Lower-cased, so admins can be told whom Graph refused. */
  userPrincipalName: string;
  attemptedAt: string;
  /** No attempt before this moment. */
  nextAttemptAt: string;
  attempts: number;
  result: AppInstallResult;
  /** Graph's HTTP status, for refusals and failures. */
  status?: number;
}
