import type { ReviewDelegatesRepository, ReviewRepository } from '../checklist/ports';
import type { ConversationReferenceRepository, ReminderClaimRepository } from '../reminders/ports';
import type { ImportRecord } from './importRecord';
import type { StoredSystem, SystemRecord } from './system';

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

export interface ImportRecordRepository {
  add(record: ImportRecord): Promise<void>;
  /** Newest first. */
  listRecent(limit: number): Promise<ImportRecord[]>;
}

/** Everything the product stores, behind domain-typed repositories. One adapter per backend. */
export interface Storage {
  readonly kind: 'local' | 'cosmos';
  readonly systems: SystemRepository;
  readonly imports: ImportRecordRepository;
  /** Annual follow-ups, one per (system, year). */
  readonly reviews: ReviewRepository;
  /** Who an admin allowed to answer a system's follow-up for a year, besides the register's answerer. */
  readonly reviewDelegates: ReviewDelegatesRepository;
  /** How to reach each person who installed the app or wrote to it, for reminders. */
  readonly conversationReferences: ConversationReferenceRepository;
  /** One claim per reminder message, so each is sent once. */
  readonly reminderClaims: ReminderClaimRepository;
  /** Resolves when the backend answers; rejects with StorageUnavailableError otherwise. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}
