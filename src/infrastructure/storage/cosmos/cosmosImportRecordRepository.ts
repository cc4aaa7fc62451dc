import type { Container } from '@azure/cosmos';

import type { ImportRecord } from '../../../domain/register/importRecord';
import type { ImportRecordRepository, PendingImportRepository } from '../../../domain/ports';
import type { PendingImport } from '../../../domain/register/pendingImport';
import { importRecordsNewestFirst } from '../registerChanges';
import { queryAll } from './cosmosContainers';
import { assertCosmosId, fromDocument, toDocument } from './cosmosDocuments';
import { mapCosmosError } from './cosmosErrors';
import { readVersionedItem, writeVersionedItem, type DocumentKind } from './cosmosVersionedItems';

/** Also the partition key value: all import records share one small logical partition (see docs/storage.md). */
export const importRecordDocumentType = 'importRecord';
const schemaVersion = 1;
const entity = 'importRecord';

export function createCosmosImportRecordRepository(container: Container): ImportRecordRepository {
  return {
    async add(record) {
      assertCosmosId(entity, record.id);
      try {
        await container.items.create(toDocument(record, { type: importRecordDocumentType, schemaVersion }));
      } catch (error) {
        throw mapCosmosError(error, { operation: 'imports.add', entity, id: record.id, conditional: true });
      }
    },

    async update(record) {
      assertCosmosId(entity, record.id);
      try {
        await container
          .item(record.id, importRecordDocumentType)
          .replace(toDocument(record, { type: importRecordDocumentType, schemaVersion }));
      } catch (error) {
        throw mapCosmosError(error, {
          operation: 'imports.update',
          entity,
          id: record.id,
          conditional: true,
        });
      }
    },

    async listUnfinished() {
      const documents = await queryAll<Record<string, unknown>>(
        container,
        {
          query: 'SELECT * FROM c WHERE c.type = @type AND c.status = @status',
          parameters: [
            { name: '@type', value: importRecordDocumentType },
            { name: '@status', value: 'started' },
          ],
        },
        { operation: 'imports.listUnfinished', entity },
        { partitionKey: importRecordDocumentType },
      );
      // Few records, ordered here: an ORDER BY on two properties would need another composite index.
      return documents
        .map((document) => fromDocument<ImportRecord>(document))
        .sort((a, b) => -importRecordsNewestFirst(a, b));
    },

    async listRecent(limit) {
      if (limit <= 0) return [];
      const documents = await queryAll<Record<string, unknown>>(
        container,
        {
          query: 'SELECT TOP @limit * FROM c WHERE c.type = @type ORDER BY c.at DESC, c.id DESC',
          parameters: [
            { name: '@limit', value: Math.floor(limit) },
            { name: '@type', value: importRecordDocumentType },
          ],
        },
        { operation: 'imports.listRecent', entity },
        { partitionKey: importRecordDocumentType },
      );
      return documents.map((document) => fromDocument<ImportRecord>(document));
    },
  };
}

const pendingImportKind: DocumentKind = {
  type: 'pendingImport',
  entity: 'pendingImport',
  operation: 'pendingImports',
};

/**
 * Previewed imports share the `imports` container (partitioned by /type) in their own logical partition,
 * `pendingImport`: point reads and conditional writes only, and every read checks the type.
 */
export function createCosmosPendingImportRepository(container: Container): PendingImportRepository {
  return {
    get: (id) => readVersionedItem<PendingImport>(container, pendingImportKind, id, pendingImportKind.type),
    save: (pending, expectedVersion) =>
      writeVersionedItem(container, pendingImportKind, pending, pendingImportKind.type, expectedVersion),
  };
}
