import type { Container, ItemDefinition } from '@azure/cosmos';

import type { Versioned } from '../../../domain/register/system';
import type { AppInstallAttempt } from '../../../domain/reminders/appInstallAttempt';
import type { ReminderClaim } from '../../../domain/reminders/claims';
import type { ConversationReferenceRecord } from '../../../domain/reminders/conversationReference';
import type { QuestionContext } from '../../../domain/answers/answer';
import type {
  AppInstallAttemptRepository,
  ConversationReferenceRepository,
  QuestionContextRepository,
  ReminderClaimRepository,
} from '../../../domain/ports';
import { questionContextIdOf, unexpired, type StoredQuestionContext } from '../questionContextIds';
import { queryAll } from './cosmosContainers';
import { mapCosmosError } from './cosmosErrors';
import { readVersionedItem, toStored, writeVersionedItem, type DocumentKind } from './cosmosVersionedItems';

const referenceKind: DocumentKind = {
  type: 'conversationReference',
  entity: 'conversationReference',
  operation: 'conversationReferences',
};
const claimKind: DocumentKind = {
  type: 'reminderClaim',
  entity: 'reminderClaim',
  operation: 'reminderClaims',
};
const appInstallAttemptKind: DocumentKind = {
  type: 'appInstallAttempt',
  entity: 'appInstallAttempt',
  operation: 'appInstallAttempts',
};

/** The `conversationReferences` container, partitioned by /id: one person per point read or write. */
export function createCosmosConversationReferenceRepository(
  container: Container,
): ConversationReferenceRepository {
  return {
    get: (id) => readVersionedItem<ConversationReferenceRecord>(container, referenceKind, id, id),
    list: () =>
      listItems<ConversationReferenceRecord>(container, referenceKind, {
        query: 'SELECT * FROM c WHERE c.type = @type',
        parameters: [{ name: '@type', value: referenceKind.type }],
      }),
    save: (reference, expectedVersion) =>
      writeVersionedItem(container, referenceKind, reference, reference.id, expectedVersion),
  };
}

/**
 * The `reminderClaims` container, partitioned by /id. Ids are unique within a logical partition, and the id is the
 * partition, so a create is unique everywhere: a second claim gets 409, which is ConcurrencyConflictError.
 */
export function createCosmosReminderClaimRepository(container: Container): ReminderClaimRepository {
  return {
    get: (id) => readVersionedItem<ReminderClaim>(container, claimKind, id, id),
    create: (claim) => writeVersionedItem(container, claimKind, claim, claim.id, null),
    replace: (claim, expectedVersion) =>
      writeVersionedItem(container, claimKind, claim, claim.id, expectedVersion),
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

/**
 * App-install attempts share the `reminderClaims` container (partitioned by /id, so a create is unique
 * everywhere) with their own `type` and ids (`appInstallAttempt:<hash>`); every read filters on the type.
 */
export function createCosmosAppInstallAttemptRepository(container: Container): AppInstallAttemptRepository {
  return {
    get: (id) => readVersionedItem<AppInstallAttempt>(container, appInstallAttemptKind, id, id),
    save: (attempt, expectedVersion) =>
      writeVersionedItem(container, appInstallAttemptKind, attempt, attempt.id, expectedVersion),
    // Cross-partition, once per reminder run: one small document per person the bot could not reach.
    list: () =>
      listItems<AppInstallAttempt>(container, appInstallAttemptKind, {
        query: 'SELECT * FROM c WHERE c.type = @type',
        parameters: [{ name: '@type', value: appInstallAttemptKind.type }],
      }),
  };
}

const questionContextType = 'questionContext';

/** Seconds from now until a day past the expiry: deletion is housekeeping, the read checks the expiry itself. */
function questionContextTtlSeconds(expiresAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)) + 24 * 60 * 60;
}

/**
 * Follow-up contexts share the `conversationReferences` container (partitioned by /id, one person per partition)
 * with their own `type` and ids (`questionContext:<hash>`): a follow-up question costs one point read, an answer
 * one upsert. The expiry is checked on read. Each document also carries a `ttl` a day past its expiry, so that
 * Cosmos DB deletes it (the container has time to live on, with no default: references never expire); a
 * container made before that setting keeps the documents, one per person and conversation, overwritten by
 * their next answer.
 */
export function createCosmosQuestionContextRepository(container: Container): QuestionContextRepository {
  const entity = questionContextType;
  return {
    async get(key, now) {
      const id = questionContextIdOf(key);
      try {
        const { resource } = await container.item(id, id).read<ItemDefinition>();
        if (resource === undefined || resource.type !== questionContextType) return undefined;
        return unexpired(resource as unknown as StoredQuestionContext<QuestionContext>, now);
      } catch (error) {
        if ((error as { code?: unknown }).code === 404) return undefined;
        throw mapCosmosError(error, { operation: 'questionContexts.get', entity, id });
      }
    },
    async save(key, context, expiresAt) {
      const id = questionContextIdOf(key);
      const document: StoredQuestionContext<QuestionContext> & { type: string; ttl: number } = {
        id,
        type: questionContextType,
        context,
        expiresAt: expiresAt.toISOString(),
        ttl: questionContextTtlSeconds(expiresAt, new Date()),
      };
      try {
        await container.items.upsert(document as unknown as ItemDefinition);
      } catch (error) {
        throw mapCosmosError(error, { operation: 'questionContexts.save', entity, id });
      }
    },
  };
}

async function listItems<T>(
  container: Container,
  kind: DocumentKind,
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
