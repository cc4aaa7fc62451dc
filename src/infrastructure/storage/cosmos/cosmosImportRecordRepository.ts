import type { Container } from '@azure/cosmos';

import type { ImportRecord } from '../../../domain/register/importRecord';
import type { ImportRecordRepository } from '../../../domain/ports';
import { queryAll } from './cosmosContainers';
import { assertCosmosId, fromDocument, toDocument } from './cosmosDocuments';
import { mapCosmosError } from './cosmosErrors';

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
