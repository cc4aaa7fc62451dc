/**
 * Exactly-once bookkeeping for reminders. Every message (a person's reminder, an admin's summary) has a
 * deterministic id, `<person>:<year>:<occasion>`, where person is the recipient's Entra object id and occasion
 * the planned day ("2026-02-27") or "summary-2026-03-02". Before sending, a sender *creates* the claim; storage
 * lets exactly one create of an id succeed, so two instances running at once never both send. After sending it
 * marks the claim sent (or failed), checked against the version it created.
 *
 * A crash between the claim and the mark leaves the claim "sending". Its lease (default 15 minutes, far longer
 * than a send with all its retries) says when a later run may take it over and send it again. That retry is
 * at-least-once for a narrow window: if the crash came after Teams accepted the message and before the claim was
 * marked (one storage write), the person gets that reminder twice. We accept that rather than at-most-once: a
 * lost reminder before a deadline costs more than a duplicate, and the window is milliseconds wide. Takeovers are
 * counted; after maxAttempts the claim is marked failed instead of retried forever.
 */

export type ClaimState = 'sending' | 'sent' | 'failed';

export type ClaimFailureCode =
  /** Teams answered 403 or 404: the person blocked or removed the bot; the reference is now inactive. */
  | 'unreachable'
  /** The reference's service URL is not a Bot Framework host (production only). */
  | 'serviceUrlRefused'
  /** Retries used up on 429, 412, 5xx or network errors. */
  | 'retriesExhausted'
  /** An error that retrying does not fix (400, 401, 500, …). */
  | 'rejected'
  /** Taken over maxAttempts times after crashed runs. */
  | 'abandoned';

export type ReminderMessageKind = 'reminder' | 'summary';

export interface ReminderClaim {
  id: string;
  /** The recipient's conversation reference id (Entra object id). */
  recipientId: string;
  year: number;
  occasion: string;
  kind: ReminderMessageKind;
  state: ClaimState;
  /** Which run holds or held it (an id per run, never a host name). */
  claimedBy: string;
  claimedAt: string;
  /** While sending: when another run may take the claim over. */
  leaseUntil: string;
  /** How many runs have held it (1 for the first). */
  attempts: number;
  /** The systems the message listed. */
  systemIds: string[];
  sentAt?: string;
  /** The Teams activity id of the message sent. */
  activityId?: string;
  failedAt?: string;
  failure?: { code: ClaimFailureCode; status?: number };
}

export const defaultClaimLeaseMs = 15 * 60_000;
export const defaultMaxClaimAttempts = 3;

export function reminderClaimIdFor(recipientId: string, year: number, occasion: string): string {
  return `${recipientId}:${year}:${occasion}`;
}

export function summaryOccasionFor(date: string): string {
  return `summary-${date}`;
}

export type ClaimDecision =
  | { action: 'skip'; reason: 'sent' | 'failed' | 'heldElsewhere' }
  | { action: 'takeOver' }
  | { action: 'abandon' };

/**
 * What to do about a claim someone else created. A failed claim is final for its occasion (the next occasion
 * tries again), except one failed as unreachable whose person has since written or reinstalled: Teams refused
 * that message, so sending now cannot duplicate it.
 */
export function decideOnExistingClaim(
  claim: ReminderClaim,
  now: Date,
  options: { maxAttempts: number; recipientActiveSince?: string },
): ClaimDecision {
  switch (claim.state) {
    case 'sent':
      return { action: 'skip', reason: 'sent' };
    case 'failed':
      if (
        claim.failure?.code === 'unreachable' &&
        options.recipientActiveSince !== undefined &&
        claim.failedAt !== undefined &&
        options.recipientActiveSince > claim.failedAt
      ) {
        return { action: 'takeOver' };
      }
      return { action: 'skip', reason: 'failed' };
    case 'sending':
      if (new Date(claim.leaseUntil) > now) return { action: 'skip', reason: 'heldElsewhere' };
      return claim.attempts >= options.maxAttempts ? { action: 'abandon' } : { action: 'takeOver' };
  }
}
