import type { ReviewDelegatesRepository, ReviewRepository } from '../../../domain/ports';
import { delegatesIdFor, type ReviewDelegates } from '../../../domain/checklist/permissions';
import { reviewIdFor, type Review } from '../../../domain/checklist/review';
import type { LocalCollection } from './localCollection';

/** Reviews in `reviews.json`, keyed by `<systemId>:<year>`. */
export function createLocalReviewRepository(reviews: LocalCollection<Review>): ReviewRepository {
  return {
    get: (systemId, year) => reviews.get(reviewIdFor(systemId, year)),
    async listByYear(year) {
      return (await reviews.list()).filter((stored) => stored.value.year === year);
    },
    save: (review, expectedVersion) => reviews.save(review.id, review, expectedVersion),
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
    save: (value, expectedVersion) => delegates.save(value.id, value, expectedVersion),
  };
}
