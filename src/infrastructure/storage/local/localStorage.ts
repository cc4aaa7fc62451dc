import type { QuestionContext } from '../../../domain/answers/answer';
import type { ReviewDelegates } from '../../../domain/checklist/permissions';
import type { Review } from '../../../domain/checklist/review';
import { ConcurrencyConflictError } from '../../../domain/errors';
import { isUnfinished, type ImportRecord } from '../../../domain/register/importRecord';
import type {
  ImportRecordRepository,
  RegisterChanges,
  Storage,
  SystemRepository,
} from '../../../domain/ports';
import type { PendingImport } from '../../../domain/register/pendingImport';
import type { SystemRecord } from '../../../domain/register/system';
import type { AppInstallAttempt } from '../../../domain/reminders/appInstallAttempt';
import type { ReminderClaim } from '../../../domain/reminders/claims';
import type { ConversationReferenceRecord } from '../../../domain/reminders/conversationReference';
import { silentLogger, type Logger } from '../../../shared/logger';
import type { StoredQuestionContext } from '../questionContextIds';
import { importRecordsNewestFirst, orderedRegisterChanges } from '../registerChanges';
import type { FileLockOptions } from './fileLock';
import { LocalCollection, type CollectionWrite } from './localCollection';
import {
  createLocalAppInstallAttemptRepository,
  createLocalQuestionContextRepository,
  createLocalConversationReferenceRepository,
  createLocalReminderClaimRepository,
} from './localReminderRepositories';
import { createLocalReviewDelegatesRepository, createLocalReviewRepository } from './localReviewRepositories';

export interface LocalStorageOptions {
  logger?: Logger;
  lock?: FileLockOptions;
}

/**
 * Storage in JSON files under `dataDir` (created if missing), one per collection: `systems.json`,
 * `imports.json`, `pendingImports.json`, `reviews.json`, `reviewDelegates.json`, `conversationReferences.json`, `reminderClaims.json` and
 * `appInstallAttempts.json`. For development, tests and single-server installations; the folder may be shared by the
 * bot and the CLIs.
 */
export async function createLocalStorage(
  dataDir: string,
  options: LocalStorageOptions = {},
): Promise<Storage> {
  const logger = options.logger ?? silentLogger;
  const open = <T>(name: string, entity: string) =>
    LocalCollection.open<T>(dataDir, name, { entity, logger, lock: options.lock });
  const systems = await open<SystemRecord>('systems', 'system');
  const imports = await open<ImportRecord>('imports', 'importRecord');
  const pendingImports = await open<PendingImport>('pendingImports', 'pendingImport');
  const reviews = await open<Review>('reviews', 'review');
  const reviewDelegates = await open<ReviewDelegates>('reviewDelegates', 'reviewDelegates');
  const conversationReferences = await open<ConversationReferenceRecord>(
    'conversationReferences',
    'conversationReference',
  );
  const reminderClaims = await open<ReminderClaim>('reminderClaims', 'reminderClaim');
  const appInstallAttempts = await open<AppInstallAttempt>('appInstallAttempts', 'appInstallAttempt');
  const questionContexts = await open<StoredQuestionContext<QuestionContext>>(
    'questionContexts',
    'questionContext',
  );
  logger.info('storage.local.opened', { systems: await systems.count() });

  const systemRepository: SystemRepository = {
    list: () => systems.list(),
    get: (id) => systems.get(id),
    count: () => systems.count(),
    async apply(changes: RegisterChanges): Promise<void> {
      await systems.write(toWrites(changes));
    },
  };

  const importRepository: ImportRecordRepository = {
    async add(record) {
      await imports.write([{ op: 'create', id: record.id, value: record }]);
    },
    async update(record) {
      const stored = await imports.get(record.id);
      if (!stored) throw new ConcurrencyConflictError('importRecord', record.id);
      await imports.write([{ op: 'replace', id: record.id, value: record, version: stored.version }]);
    },
    async listRecent(limit) {
      if (limit <= 0) return [];
      const all = (await imports.list()).map((stored) => stored.value);
      return all.sort(importRecordsNewestFirst).slice(0, limit);
    },
    async listUnfinished() {
      const all = (await imports.list()).map((stored) => stored.value);
      return all.filter(isUnfinished).sort((a, b) => -importRecordsNewestFirst(a, b));
    },
  };

  return {
    kind: 'local',
    systems: systemRepository,
    imports: importRepository,
    pendingImports: {
      get: (id) => pendingImports.get(id),
      save: (pending, expectedVersion) => pendingImports.save(pending.id, pending, expectedVersion),
    },
    reviews: createLocalReviewRepository(reviews),
    reviewDelegates: createLocalReviewDelegatesRepository(reviewDelegates),
    conversationReferences: createLocalConversationReferenceRepository(conversationReferences),
    reminderClaims: createLocalReminderClaimRepository(reminderClaims),
    appInstallAttempts: createLocalAppInstallAttemptRepository(appInstallAttempts),
    questionContexts: createLocalQuestionContextRepository(questionContexts),
    async checkHealth() {
      await systems.count();
    },
    async close() {
      // Nothing is held open between calls: every write finishes with the file closed and the lock released.
    },
  };
}

function toWrites(changes: RegisterChanges): CollectionWrite<SystemRecord>[] {
  return orderedRegisterChanges(changes).map((change): CollectionWrite<SystemRecord> => {
    switch (change.op) {
      case 'create':
        return { op: 'create', id: change.value.id, value: change.value };
      case 'replace':
        return {
          op: 'replace',
          id: change.stored.value.id,
          value: change.stored.value,
          version: change.stored.version,
        };
      case 'remove':
        return { op: 'remove', id: change.id, version: change.version };
    }
  });
}
