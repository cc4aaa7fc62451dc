import type { Versioned } from '../register/system';
import type { ReminderClaim } from './claims';
import type { ConversationReferenceRecord } from './conversationReference';

/**
 * Conversation references, one per person, id = Entra object id (lower-case). Writes are conditional like
 * reviews: `expectedVersion` null creates, a version replaces; a conflict throws ConcurrencyConflictError.
 */
export interface ConversationReferenceRepository {
  get(id: string): Promise<Versioned<ConversationReferenceRecord> | undefined>;
  /** Every reference, in no particular order. */
  list(): Promise<Versioned<ConversationReferenceRecord>[]>;
  save(
    reference: ConversationReferenceRecord,
    expectedVersion: string | null,
  ): Promise<Versioned<ConversationReferenceRecord>>;
}

/**
 * Reminder claims (see claims.ts). `create` is the claim itself: exactly one create of an id succeeds, every
 * other throws ConcurrencyConflictError. `replace` is conditional on the version read.
 */
export interface ReminderClaimRepository {
  get(id: string): Promise<Versioned<ReminderClaim> | undefined>;
  create(claim: ReminderClaim): Promise<Versioned<ReminderClaim>>;
  replace(claim: ReminderClaim, expectedVersion: string): Promise<Versioned<ReminderClaim>>;
  /** Every claim of a follow-up year, in no particular order. */
  listByYear(year: number): Promise<Versioned<ReminderClaim>[]>;
}

/** What reminders store, next to the register and reviews (Storage has both). */
export interface ReminderStorage {
  readonly conversationReferences: ConversationReferenceRepository;
  readonly reminderClaims: ReminderClaimRepository;
}
