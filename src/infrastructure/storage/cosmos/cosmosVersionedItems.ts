import type { Container, ItemDefinition, JSONObject, PartitionKey } from '@azure/cosmos';
import type { Versioned } from '../../../domain/register/system';
import { assertCosmosId, fromDocument, toDocument } from './cosmosDocuments';
import { mapCosmosError } from './cosmosErrors';

const schemaVersion = 1;

/** What kind of document a repository keeps, and how its calls are named in errors and logs. */
export interface DocumentKind {
  /** The document's `type`, which also tells kinds apart in a shared container. */
  type: string;
  entity: string;
  /** Names calls in errors and logs ("reviews.save"). */
  operation: string;
}

/** A point read; a missing document, or one of another kind under the same id, is undefined. */
export async function readVersionedItem<T>(
  container: Container,
  kind: DocumentKind,
  id: string,
  partitionKey: PartitionKey,
): Promise<Versioned<T> | undefined> {
  try {
    const { resource } = await container.item(id, partitionKey).read<ItemDefinition>();
    return resource === undefined || resource.type !== kind.type ? undefined : toStored<T>(resource);
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return undefined;
    throw mapCosmosError(error, { operation: `${kind.operation}.get`, entity: kind.entity, id });
  }
}

/**
 * Creates the document (expectedVersion null: 409 when it exists) or replaces it only if its ETag is still
 * `expectedVersion` (412 otherwise); both conflicts become ConcurrencyConflictError and nothing is written.
 */
export async function writeVersionedItem<T extends { id: string }>(
  container: Container,
  kind: DocumentKind,
  value: T,
  partitionKey: PartitionKey,
  expectedVersion: string | null,
): Promise<Versioned<T>> {
  assertCosmosId(kind.entity, value.id);
  // The domain values are plain JSON by construction; their interfaces just do not say so in JSONObject's terms.
  const document = toDocument(value, { type: kind.type, schemaVersion }) as unknown as JSONObject;
  try {
    const { resource } =
      expectedVersion === null
        ? await container.items.create(document)
        : await container.item(value.id, partitionKey).replace(document, {
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

/** The domain value and its ETag as the version. */
export function toStored<T>(document: ItemDefinition): Versioned<T> {
  return { value: fromDocument<T>(document), version: document._etag as string };
}
