import type { Container, ItemDefinition, JSONObject } from '@azure/cosmos';

import type { Versioned } from '../../../domain/register/system';
import type { ReminderClaim } from '../../../domain/reminders/claims';
import type { ConversationReferenceRecord } from '../../../domain/reminders/conversationReference';
import type {
  ConversationReferenceRepository,
  ReminderClaimRepository,
} from '../../../domain/reminders/ports';
import { queryAll } from './cosmosContainers';
import { assertCosmosId, fromDocument, toDocument } from './cosmosDocuments';
import { mapCosmosError } from './cosmosErrors';

const schemaVersion = 1;

interface Kind {
  type: string;
  entity: string;
  operation: string;
}

const referenceKind: Kind = {
  type: 'conversationReference',
  entity: 'conversationReference',
  operation: 'conversationReferences',
};
const claimKind: Kind = { type: 'reminderClaim', entity: 'reminderClaim', operation: 'reminderClaims' };

/** The `conversationReferences` container, partitioned by /id: one person per point read or write. */
export function createCosmosConversationReferenceRepository(
  container: Container,
): ConversationReferenceRepository {
  return {
    get: (id) => readItem<ConversationReferenceRecord>(container, referenceKind, id),
    list: () =>
      listItems<ConversationReferenceRecord>(container, referenceKind, {
        query: 'SELECT * FROM c WHERE c.type = @type',
        parameters: [{ name: '@type', value: referenceKind.type }],
      }),
    save: (reference, expectedVersion) => writeItem(container, referenceKind, reference, expectedVersion),
  };
}

/**
 * The `reminderClaims` container, partitioned by /id. Ids are unique within a logical partition, and the id is the
 * partition, so a create is unique everywhere: a second claim gets 409, which is ConcurrencyConflictError.
 */
export function createCosmosReminderClaimRepository(container: Container): ReminderClaimRepository {
  return {
    get: (id) => readItem<ReminderClaim>(container, claimKind, id),
    create: (claim) => writeItem(container, claimKind, claim, null),
    replace: (claim, expectedVersion) => writeItem(container, claimKind, claim, expectedVersion),
    // Cross-partition, but only for reports: a few thousand small documents a year.
    listByYear: (year) =>
      listItems<ReminderClaim>(container, claimKind, {
        query: 'SELECT * FROM c WHERE c.type = @type AND c.year = @year',
        parameters: [
          { name: '@type', value: claimKind.type },
          { name: '@year', value: year },
        ],
      }),
  };
}

async function readItem<T>(container: Container, kind: Kind, id: string): Promise<Versioned<T> | undefined> {
  try {
    const { resource } = await container.item(id, id).read<ItemDefinition>();
    return resource === undefined || resource.type !== kind.type ? undefined : toStored<T>(resource);
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return undefined;
    throw mapCosmosError(error, { operation: `${kind.operation}.get`, entity: kind.entity, id });
  }
}

async function listItems<T>(
  container: Container,
  kind: Kind,
  query: { query: string; parameters: { name: string; value: string | number }[] },
): Promise<Versioned<T>[]> {
  const documents = await queryAll<ItemDefinition>(
    container,
    query,
    { operation: `${kind.operation}.list`, entity: kind.entity },
    { maxItemCount: 1_000 },
  );
  return documents.map((document) => toStored<T>(document));
}

async function writeItem<T extends { id: string }>(
  container: Container,
  kind: Kind,
  value: T,
  expectedVersion: string | null,
): Promise<Versioned<T>> {
  assertCosmosId(kind.entity, value.id);
  const document = toDocument(value, { type: kind.type, schemaVersion }) as unknown as JSONObject;
  try {
    const { resource } =
      expectedVersion === null
        ? await container.items.create(document)
        : await container.item(value.id, value.id).replace(document, {
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
