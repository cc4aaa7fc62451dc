import type { QuestionContext } from './answers/answer';
import type { ReviewDelegates } from './checklist/permissions';
import type { Review } from './checklist/review';
import type { ImportRecord } from './register/importRecord';
import type { PendingImport } from './register/pendingImport';
import type { StoredSystem, SystemRecord, Versioned } from './register/system';
import type { AppInstallAttempt } from './reminders/appInstallAttempt';
import type { ReminderClaim } from './reminders/claims';
import type { ConversationReferenceRecord } from './reminders/conversationReference';

/**
 * The domain's storage ports: small repositories that speak the domain's types, one adapter per backend
 * (infrastructure/storage/local and infrastructure/storage/cosmos), one contract suite for both
 * (test/infrastructure/storage). They live here, beside the feature folders, because no one feature owns them.
 */

/** One batch of changes to the register, each checked against the version it was read at. */
export interface RegisterChanges {
  create: SystemRecord[];
  /** The new value, and the version of the stored system it replaces. */
  replace: StoredSystem[];
  remove: { id: string; version: string }[];
}

export interface SystemRepository {
  list(): Promise<StoredSystem[]>;
  get(id: string): Promise<StoredSystem | undefined>;
  count(): Promise<number>;
  /**
   * Writes the changes. A create whose id exists, or a replace/remove whose version is no longer the stored
   * one, throws ConcurrencyConflictError. Storage gives no transaction across systems, so a batch cut short
   * (a crash, a conflict) may be partly applied; imports converge because running the same file again
   * computes the remaining changes only.
   */
  apply(changes: RegisterChanges): Promise<void>;
}

/**
 * The history of register imports. An import that writes adds its record as 'started' before its first write
 * and updates it when done (see ImportRecord.status), so an import cut short can be found afterwards.
 */
export interface ImportRecordRepository {
  /** Creates the record; a record with the same id throws ConcurrencyConflictError. */
  add(record: ImportRecord): Promise<void>;
  /** Replaces the record with the same id; throws ConcurrencyConflictError when there is none. */
  update(record: ImportRecord): Promise<void>;
  /** Newest first. */
  listRecent(limit: number): Promise<ImportRecord[]>;
  /** Records still 'started': imports that began writing and never finished, oldest first. */
  listUnfinished(): Promise<ImportRecord[]>;
}

/**
 * Previewed register imports (see pendingImport.ts), by id. Writes are conditional like reviews:
 * `expectedVersion` null creates, a version replaces; a conflict throws ConcurrencyConflictError.
 */
export interface PendingImportRepository {
  get(id: string): Promise<Versioned<PendingImport> | undefined>;
  save(pending: PendingImport, expectedVersion: string | null): Promise<Versioned<PendingImport>>;
}

/** Everything the product stores, behind domain-typed repositories. One adapter per backend. */
export interface Storage {
  readonly kind: 'local' | 'cosmos';
  readonly systems: SystemRepository;
  readonly imports: ImportRecordRepository;
  /** Register imports previewed in Teams, waiting for the admin's confirmation. */
  readonly pendingImports: PendingImportRepository;
  /** Annual follow-ups, one per (system, year). */
  readonly reviews: ReviewRepository;
  /** Who an admin allowed to answer a system's follow-up for a year, besides the register's answerer. */
  readonly reviewDelegates: ReviewDelegatesRepository;
  /** How to reach each person who installed the app or wrote to it, for reminders. */
  readonly conversationReferences: ConversationReferenceRepository;
  /** One claim per reminder message, so each is sent once. */
  readonly reminderClaims: ReminderClaimRepository;
  /** When the app was last installed through Graph for a person, one record per address. */
  readonly appInstallAttempts: AppInstallAttemptRepository;
  /** What each person's last answer left for a follow-up question, per conversation; expires. */
  readonly questionContexts: QuestionContextRepository;
  /** Resolves when the backend answers; rejects with StorageUnavailableError otherwise. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Reviews, one per (system, year), id `<systemId>:<year>`. Every write is conditional: `expectedVersion` is the
 * version the caller read, or null to create. A stale version, a create of an existing review, or a replace of a
 * review that is gone throws ConcurrencyConflictError and writes nothing.
 */
export interface ReviewRepository {
  get(systemId: string, year: number): Promise<Versioned<Review> | undefined>;
  /** Every review of the year, in no particular order. */
  listByYear(year: number): Promise<Versioned<Review>[]>;
  /** Writes the review and returns it as stored, with its new version. */
  save(review: Review, expectedVersion: string | null): Promise<Versioned<Review>>;
}

/** Delegates per (system, year), id `<systemId>:<year>:delegates`; writes are conditional as for reviews. */
export interface ReviewDelegatesRepository {
  get(systemId: string, year: number): Promise<Versioned<ReviewDelegates> | undefined>;
  listByYear(year: number): Promise<Versioned<ReviewDelegates>[]>;
  save(delegates: ReviewDelegates, expectedVersion: string | null): Promise<Versioned<ReviewDelegates>>;
}

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

/**
 * App-install attempts (see appInstallAttempt.ts), one per address. Writes are conditional like reviews:
 * `expectedVersion` null creates, a version replaces; a conflict throws ConcurrencyConflictError.
 */
export interface AppInstallAttemptRepository {
  get(id: string): Promise<Versioned<AppInstallAttempt> | undefined>;
  save(attempt: AppInstallAttempt, expectedVersion: string | null): Promise<Versioned<AppInstallAttempt>>;
  /** Every attempt, in no particular order. */
  list(): Promise<Versioned<AppInstallAttempt>[]>;
}

/** What reminders store, next to the register and reviews (Storage has both). */
export interface ReminderStorage {
  readonly conversationReferences: ConversationReferenceRepository;
  readonly reminderClaims: ReminderClaimRepository;
}

/**
 * What a person's last answer left for a follow-up ("vilka av dem är verksamhetskritiska?"), stored so that any
 * instance answers the follow-up. Last writer wins. The expiry is checked on read: a store may keep an expired
 * context a while, but never returns it.
 */
export interface QuestionContextRepository {
  /** The context saved under the key, unless it had expired at `now`. One point read. */
  get(key: string, now: Date): Promise<QuestionContext | undefined>;
  /** Replaces whatever is saved under the key. */
  save(key: string, context: QuestionContext, expiresAt: Date): Promise<void>;
}
