import type { ReviewDelegatesRepository, ReviewRepository } from '../../../domain/checklist/ports';
import { delegatesIdFor, type ReviewDelegates } from '../../../domain/checklist/permissions';
import { reviewIdFor, type Review } from '../../../domain/checklist/review';
import type { Versioned } from '../../../domain/register/system';
import type { LocalCollection } from './localCollection';

/** Reviews in `reviews.json`, keyed by `<systemId>:<year>`. */
export function createLocalReviewRepository(reviews: LocalCollection<Review>): ReviewRepository {
  return {
    get: (systemId, year) => reviews.get(reviewIdFor(systemId, year)),
    async listByYear(year) {
      return (await reviews.list()).filter((stored) => stored.value.year === year);
    },
    save: (review, expectedVersion) => saveItem(reviews, review.id, review, expectedVersion),
  };
}

/** Delegates in `reviewDelegates.json`, keyed by `<systemId>:<year>:delegates`. */
export function createLocalReviewDelegatesRepository(
  delegates: LocalCollection<ReviewDelegates>,
): ReviewDelegatesRepository {
  return {
    get: (systemId, year) => delegates.get(delegatesIdFor(systemId, year)),
    async listByYear(year) {
      return (await delegates.list()).filter((stored) => stored.value.year === year);
    },
    save: (value, expectedVersion) => saveItem(delegates, value.id, value, expectedVersion),
  };
}

async function saveItem<T>(
  collection: LocalCollection<T>,
  id: string,
  value: T,
  expectedVersion: string | null,
): Promise<Versioned<T>> {
  const [version] = await collection.write([
    expectedVersion === null
      ? { op: 'create', id, value }
      : { op: 'replace', id, value, version: expectedVersion },
  ]);
  // Read back what a reload gives (a JSON round trip), and a copy the caller cannot change.
  return { value: JSON.parse(JSON.stringify(value)) as T, version: version as string };
}
