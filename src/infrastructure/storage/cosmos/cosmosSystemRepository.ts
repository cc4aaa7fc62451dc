import type { Container, JSONObject, OperationInput } from '@azure/cosmos';

import type { RegisterChanges, SystemRepository } from '../../../domain/ports';
import type { StoredSystem, SystemRecord } from '../../../domain/register/system';
import type { Logger } from '../../../shared/logger';
import { orderedRegisterChanges } from '../registerChanges';
import { queryAll, runBulk } from './cosmosContainers';
import { assertCosmosId, fromDocument, toDocument } from './cosmosDocuments';
import { mapCosmosError } from './cosmosErrors';

const documentType = 'system';
const schemaVersion = 1;
const entity = 'system';

type SystemDocument = SystemRecord & { type: typeof documentType; schemaVersion: number; _etag: string };

/** Systems in a container partitioned by /id: one logical partition per system (see docs/storage.md). */
export function createCosmosSystemRepository(container: Container, logger: Logger): SystemRepository {
  return {
    async list() {
      const documents = await queryAll<SystemDocument>(
        container,
        {
          query: 'SELECT * FROM c WHERE c.type = @type',
          parameters: [{ name: '@type', value: documentType }],
        },
        { operation: 'systems.list', entity },
        // The whole register is read at once; bigger pages mean fewer round trips.
        { maxItemCount: 1_000 },
      );
      return documents
        .map(toStored)
        .sort((a, b) => (a.value.id < b.value.id ? -1 : a.value.id > b.value.id ? 1 : 0));
    },

    async get(id) {
      try {
        const { resource } = await container.item(id, id).read<SystemDocument>();
        return resource === undefined || resource.type !== documentType ? undefined : toStored(resource);
      } catch (error) {
        if ((error as { code?: unknown }).code === 404) return undefined;
        throw mapCosmosError(error, { operation: 'systems.get', entity, id });
      }
    },

    async count() {
      const [total] = await queryAll<number>(
        container,
        {
          query: 'SELECT VALUE COUNT(1) FROM c WHERE c.type = @type',
          parameters: [{ name: '@type', value: documentType }],
        },
        { operation: 'systems.count', entity },
      );
      return total ?? 0;
    },

    async apply(changes: RegisterChanges) {
      const writes: OperationInput[] = [];
      const removes: OperationInput[] = [];
      for (const change of orderedRegisterChanges(changes)) {
        switch (change.op) {
          case 'create':
            assertCosmosId(entity, change.value.id);
            writes.push({
              operationType: 'Create',
              partitionKey: change.value.id,
              resourceBody: document(change.value),
            });
            break;
          case 'replace':
            writes.push({
              operationType: 'Replace',
              id: change.stored.value.id,
              partitionKey: change.stored.value.id,
              resourceBody: document(change.stored.value),
              ifMatch: change.stored.version,
            });
            break;
          case 'remove':
            // The service honours ifMatch on a bulk delete; the SDK's type for it only leaves the field out.
            removes.push({
              operationType: 'Delete',
              id: change.id,
              partitionKey: change.id,
              ifMatch: change.version,
            } as OperationInput);
            break;
        }
      }
      const bulkOptions = { operation: 'systems.apply', entity, logger };
      // Removes only after every create and replace succeeded: an import cut short keeps a system too many
      // rather than losing one.
      if (writes.length > 0) await runBulk(container, writes, bulkOptions);
      if (removes.length > 0) await runBulk(container, removes, bulkOptions);
      logger.info('storage.cosmos.systemsApplied', {
        created: changes.create.length,
        replaced: changes.replace.length,
        removed: changes.remove.length,
      });
    },
  };
}

function document(system: SystemRecord): JSONObject {
  // A SystemRecord is plain JSON by construction; its interface just does not say so in JSONObject's terms.
  return toDocument(system, { type: documentType, schemaVersion }) as unknown as JSONObject;
}

function toStored(document: SystemDocument): StoredSystem {
  return { value: fromDocument<SystemRecord>(document), version: document._etag };
}
