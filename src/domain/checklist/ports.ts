import type { Versioned } from '../register/system';
import type { ReviewDelegates } from './permissions';
import type { Review } from './review';

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
