import type { Container, ItemDefinition } from '@azure/cosmos';

import type { ReviewDelegatesRepository, ReviewRepository } from '../../../domain/ports';
import { delegatesIdFor, type ReviewDelegates } from '../../../domain/checklist/permissions';
import { reviewIdFor, type Review } from '../../../domain/checklist/review';
import type { Versioned } from '../../../domain/register/system';
import { queryAll } from './cosmosContainers';
import { readVersionedItem, toStored, writeVersionedItem, type DocumentKind } from './cosmosVersionedItems';

const reviewKind: DocumentKind = { type: 'review', entity: 'review', operation: 'reviews' };
const delegatesKind: DocumentKind = {
  type: 'reviewDelegates',
  entity: 'reviewDelegates',
  operation: 'reviewDelegates',
};

/**
 * Reviews in the `reviews` container, partitioned by /year (see docs/storage.md): a review is a point read with
 * its id and year, and a year's reviews are one single-partition query.
 */
export function createCosmosReviewRepository(container: Container): ReviewRepository {
  return {
    get: (systemId, year) =>
      readVersionedItem<Review>(container, reviewKind, reviewIdFor(systemId, year), year),
    listByYear: (year) => listYear<Review>(container, reviewKind, year),
    save: (review, expectedVersion) =>
      writeVersionedItem(container, reviewKind, review, review.year, expectedVersion),
  };
}

/** Delegates share the reviews container and its partitions: "my checklists" reads one year of both at once. */
export function createCosmosReviewDelegatesRepository(container: Container): ReviewDelegatesRepository {
  return {
    get: (systemId, year) =>
      readVersionedItem<ReviewDelegates>(container, delegatesKind, delegatesIdFor(systemId, year), year),
    listByYear: (year) => listYear<ReviewDelegates>(container, delegatesKind, year),
    save: (value, expectedVersion) =>
      writeVersionedItem(container, delegatesKind, value, value.year, expectedVersion),
  };
}

async function listYear<T>(container: Container, kind: DocumentKind, year: number): Promise<Versioned<T>[]> {
  const documents = await queryAll<ItemDefinition>(
    container,
    {
      query: 'SELECT * FROM c WHERE c.type = @type AND c.year = @year',
      parameters: [
        { name: '@type', value: kind.type },
        { name: '@year', value: year },
      ],
    },
    { operation: `${kind.operation}.listByYear`, entity: kind.entity },
    { partitionKey: year, maxItemCount: 1_000 },
  );
  return documents.map((document) => toStored<T>(document));
}
