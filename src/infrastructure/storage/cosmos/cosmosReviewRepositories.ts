import type { Container, ItemDefinition, JSONObject } from '@azure/cosmos';

import type { ReviewDelegatesRepository, ReviewRepository } from '../../../domain/checklist/ports';
import { delegatesIdFor, type ReviewDelegates } from '../../../domain/checklist/permissions';
import { reviewIdFor, type Review } from '../../../domain/checklist/review';
import type { Versioned } from '../../../domain/register/system';
import { queryAll } from './cosmosContainers';
import { assertCosmosId, fromDocument, toDocument } from './cosmosDocuments';
import { mapCosmosError } from './cosmosErrors';

const schemaVersion = 1;

interface DocumentKind {
  /** The document's `type`, which also tells reviews and delegates apart in the shared container. */
  type: string;
  entity: string;
  /** Names calls in errors and logs ("reviews.save"). */
  operation: string;
}

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
    get: (systemId, year) => readItem<Review>(container, reviewKind, reviewIdFor(systemId, year), year),
    listByYear: (year) => listYear<Review>(container, reviewKind, year),
    save: (review, expectedVersion) => saveItem(container, reviewKind, review, expectedVersion),
  };
}

/** Delegates share the reviews container and its partitions: "my checklists" reads one year of both at once. */
export function createCosmosReviewDelegatesRepository(container: Container): ReviewDelegatesRepository {
  return {
    get: (systemId, year) =>
      readItem<ReviewDelegates>(container, delegatesKind, delegatesIdFor(systemId, year), year),
    listByYear: (year) => listYear<ReviewDelegates>(container, delegatesKind, year),
    save: (value, expectedVersion) => saveItem(container, delegatesKind, value, expectedVersion),
  };
}

async function readItem<T>(
  container: Container,
  kind: DocumentKind,
  id: string,
  year: number,
): Promise<Versioned<T> | undefined> {
  try {
    const { resource } = await container.item(id, year).read<ItemDefinition>();
    return resource === undefined || resource.type !== kind.type ? undefined : toStored<T>(resource);
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return undefined;
    throw mapCosmosError(error, { operation: `${kind.operation}.get`, entity: kind.entity, id });
  }
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

async function saveItem<T extends { id: string; year: number }>(
  container: Container,
  kind: DocumentKind,
  value: T,
  expectedVersion: string | null,
): Promise<Versioned<T>> {
  assertCosmosId(kind.entity, value.id);
  // The domain values are plain JSON by construction; their interfaces just do not say so in JSONObject's terms.
  const document = toDocument(value, { type: kind.type, schemaVersion }) as unknown as JSONObject;
  try {
    const { resource } =
      expectedVersion === null
        ? await container.items.create(document)
        : await container.item(value.id, value.year).replace(document, {
            accessCondition: { type: 'IfMatch', condition: expectedVersion },
          });
    if (resource === undefined) throw new Error(`${kind.operation}.save returned no document`);
    return toStored<T>(resource);
  } catch (error) {
    throw mapCosmosError(error, {
      operation: `${kind.operation}.save`,
      entity: kind.entity,
      id: value.id,
      conditional: true,
    });
  }
}

function toStored<T>(document: ItemDefinition): Versioned<T> {
  return { value: fromDocument<T>(document), version: document._etag as string };
}
