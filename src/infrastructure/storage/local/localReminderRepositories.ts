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
import type { LocalCollection } from './localCollection';

/** Conversation references in `conversationReferences.json`, keyed by Entra object id. */
export function createLocalConversationReferenceRepository(
  references: LocalCollection<ConversationReferenceRecord>,
): ConversationReferenceRepository {
  return {
    get: (id) => references.get(id),
    list: () => references.list(),
    save: (reference, expectedVersion) => references.save(reference.id, reference, expectedVersion),
  };
}

/**
 * Reminder claims in `reminderClaims.json`. A claim is a create under the collection's lock file, so of two
 * processes claiming the same id exactly one succeeds.
 */
export function createLocalReminderClaimRepository(
  claims: LocalCollection<ReminderClaim>,
): ReminderClaimRepository {
  return {
    get: (id) => claims.get(id),
    create: (claim) => claims.save(claim.id, claim, null),
    replace: (claim, expectedVersion) => claims.save(claim.id, claim, expectedVersion),
    async listByYear(year) {
      return (await claims.list()).filter((stored) => stored.value.year === year);
    },
  };
}

/** App-install attempts in `appInstallAttempts.json`, one per address; a write is conditional under the lock. */
export function createLocalAppInstallAttemptRepository(
  attempts: LocalCollection<AppInstallAttempt>,
): AppInstallAttemptRepository {
  return {
    get: (id) => attempts.get(id),
    save: (attempt, expectedVersion) => attempts.save(attempt.id, attempt, expectedVersion),
    list: () => attempts.list(),
  };
}

/**
 * Follow-up contexts in `questionContexts.json`, last writer wins. Expired ones are never returned, and each save
 * drops those long expired.
 */
export function createLocalQuestionContextRepository(
  contexts: LocalCollection<StoredQuestionContext<QuestionContext>>,
): QuestionContextRepository {
  return {
    async get(key, now) {
      return unexpired((await contexts.get(questionContextIdOf(key)))?.value, now);
    },
    async save(key, context, expiresAt) {
      const id = questionContextIdOf(key);
      // Contexts that expired a day before this one go in the same write, so that the file holds the people
      // asking now, not everyone who ever asked. (Expiry times come from the bot's clock, which storage does not
      // see; a context lives half an hour, so those expired long before this save.)
      const expiredLongBefore = expiresAt.getTime() - 24 * 60 * 60_000;
      await contexts.write(
        [{ op: 'upsert', id, value: { id, context, expiresAt: expiresAt.toISOString() } }],
        { dropWhere: (stored) => Date.parse(stored.expiresAt) < expiredLongBefore },
      );
    },
  };
}
