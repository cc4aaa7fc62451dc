import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

import { CosmosClient, Items } from '@azure/cosmos';
import sinon from 'sinon';

import { ConcurrencyConflictError, StorageUnavailableError } from '../../../src/domain/errors';
import type { RegisterChanges, Storage } from '../../../src/domain/ports';
import { ContainerMismatchError } from '../../../src/infrastructure/storage/cosmos/cosmosContainers';
import { createCosmosStorage } from '../../../src/infrastructure/storage/cosmos/cosmosStorage';
import { createStorage } from '../../../src/infrastructure/storage/createStorage';
import { silentLogger } from '../../../src/shared/logger';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmosTestServer';
import { describeStorageContract } from './storageContract';
import { aReview } from '../../domain/checklist/checklistMother';
import { aCompleteSystem, manySystems } from '../../support/systemMother';

function uniqueDatabaseName(): string {
  return `systemkollen-test-${randomUUID()}`;
}

function changes(partial: Partial<RegisterChanges>): RegisterChanges {
  return { create: [], replace: [], remove: [], ...partial };
}

describe('Cosmos DB storage adapter', () => {
  let server: CosmosTestServer;
  const databases = new Map<Storage, string>();

  before(async () => {
    server = await startCosmosTestServer();
  });

  after(async () => {
    await server.stop();
  });

  async function openDatabase(databaseName: string): Promise<Storage> {
    const storage = await createCosmosStorage({
      endpoint: server.endpoint,
      key: server.key,
      agent: server.agent,
      databaseName,
      logger: silentLogger,
    });
    databases.set(storage, databaseName);
    return storage;
  }

  describeStorageContract('cosmos', {
    open: () => openDatabase(uniqueDatabaseName()),
    reopen: (previous) => {
      const databaseName = databases.get(previous);
      assert.ok(databaseName, 'reopen of a store this test did not open');
      return openDatabase(databaseName);
    },
  });

  describe('Cosmos DB storage', function () {
    this.timeout(60_000);
    let databaseName: string;
    let storage: Storage;
    let client: CosmosClient;

    beforeEach(async () => {
      databaseName = uniqueDatabaseName();
      storage = await openDatabase(databaseName);
      client = new CosmosClient({ endpoint: server.endpoint, key: server.key, agent: server.agent });
    });

    afterEach(async () => {
      sinon.restore();
      client.dispose();
      await storage.close();
    });

    it('creates the database and the containers with their partition keys', async () => {
      const database = client.database(databaseName);

      const { resource: systems } = await database.container('systems').read();
      const { resource: imports } = await database.container('imports').read();

      assert.deepEqual(systems?.partitionKey?.paths, ['/id']);
      assert.deepEqual(imports?.partitionKey?.paths, ['/type']);
    });

    it('gives follow-up contexts a time to live a day past their expiry, in a container that lets them expire', async () => {
      const container = client.database(databaseName).container('conversationReferences');
      const { resource: definition } = await container.read();
      assert.equal(definition?.defaultTtl, -1, 'time to live on, with no default: references never expire');

      const now = new Date();
      await storage.questionContexts.save(
        '["19:chat","a1"]',
        { systemId: 'agresso' },
        new Date(now.getTime() + 30 * 60_000),
      );
      const { resources } = await container.items
        .query<{ ttl?: number }>("SELECT * FROM c WHERE c.type = 'questionContext'")
        .fetchAll();
      assert.equal(resources.length, 1);
      const ttl = resources[0]?.ttl ?? 0;
      // Half an hour until the expiry, a day after it; a second either way for the time the save took.
      assert.ok(Math.abs(ttl - (30 * 60 + 24 * 60 * 60)) <= 2, `ttl ${ttl}`);
    });

    it('refuses to open a database whose systems container has another partition key', async () => {
      const otherName = uniqueDatabaseName();
      const { database } = await client.databases.createIfNotExists({ id: otherName });
      await database.containers.createIfNotExists({ id: 'systems', partitionKey: { paths: ['/type'] } });

      await assert.rejects(openDatabase(otherName), ContainerMismatchError);
    });

    it('stores a system as a typed, versioned document keyed by its id', async () => {
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));

      const { resource } = await client
        .database(databaseName)
        .container('systems')
        .item('procapita', 'procapita')
        .read<Record<string, unknown>>();

      assert.equal(resource?.type, 'system');
      assert.equal(resource?.schemaVersion, 1);
      assert.equal(resource?.owner, 'Socialnämnden');
      const stored = await storage.systems.get('procapita');
      assert.equal(stored?.version, resource?._etag);
      assert.ok(stored && !Object.keys(stored.value).some((key) => key.startsWith('_') || key === 'type'));
    });

    it('stores a review as a typed document in the reviews container, partitioned by its year', async () => {
      const saved = await storage.reviews.save(aReview(), null);
      const container = client.database(databaseName).container('reviews');

      const { resource: definition } = await container.read();
      const { resource } = await container.item('procapita:2025', 2025).read<Record<string, unknown>>();

      assert.deepEqual(definition?.partitionKey?.paths, ['/year']);
      assert.equal(resource?.type, 'review');
      assert.equal(resource?.year, 2025);
      assert.equal(resource?._etag, saved.version);
    });

    it('creates through the configured backend with createStorage', async () => {
      const configured = await createStorage(
        { kind: 'cosmos', endpoint: server.endpoint, key: server.key, databaseName },
        silentLogger,
        { cosmosAgent: server.agent },
      );
      try {
        assert.equal(configured.kind, 'cosmos');
        await configured.systems.apply(changes({ create: [aCompleteSystem()] }));
        assert.equal(await storage.systems.count(), 1);
      } finally {
        await configured.close();
      }
    });

    it('names the conflicting system in a large batch and runs no remove after a failed write', async () => {
      await storage.systems.apply(
        changes({
          create: [aCompleteSystem({ name: 'System 0150' }), aCompleteSystem({ name: 'Combine2' })],
        }),
      );
      const combine = await storage.systems.get('combine2');
      assert.ok(combine);

      await assert.rejects(
        storage.systems.apply(
          changes({ create: manySystems(250), remove: [{ id: 'combine2', version: combine.version }] }),
        ),
        (error: unknown) => error instanceof ConcurrencyConflictError && error.id === 'system-0150',
      );

      // Bulk writes are not atomic: the other creates may have landed, but the remove was not attempted.
      assert.deepEqual(await storage.systems.get('combine2'), combine);
    });

    it('retries the operations of a bulk request that the service throttled', async () => {
      const realBulk = Items.prototype.bulk;
      let throttledOnce = false;
      sinon.stub(Items.prototype, 'bulk').callsFake(async function (this: Items, operations, ...rest) {
        if (throttledOnce) return realBulk.call(this, operations, ...rest);
        throttledOnce = true;
        // What the service answers when the container is short of RU/s: the first operation was not executed.
        const responses = await realBulk.call(this, operations.slice(1), ...rest);
        return Object.assign([{ statusCode: 429, requestCharge: 0 }, ...responses], {
          diagnostics: responses.diagnostics,
        });
      });

      await storage.systems.apply(changes({ create: manySystems(120) }));

      assert.ok(throttledOnce);
      assert.equal(await storage.systems.count(), 120);
    });

    it('rejects a health check with StorageUnavailableError once the server is gone', async () => {
      const doomedServer = await startCosmosTestServer();
      const doomed = await createCosmosStorage({
        endpoint: doomedServer.endpoint,
        key: doomedServer.key,
        agent: doomedServer.agent,
        databaseName,
        logger: silentLogger,
      });
      await doomed.checkHealth();

      await doomedServer.stop();

      await assert.rejects(doomed.checkHealth(), StorageUnavailableError);
      await assert.rejects(doomed.systems.list(), StorageUnavailableError);
      await doomed.close();
    });

    it('fails to open with StorageUnavailableError when nothing listens at the endpoint', async () => {
      const closedServer = await startCosmosTestServer();
      await closedServer.stop();

      await assert.rejects(
        createCosmosStorage({
          endpoint: closedServer.endpoint,
          key: closedServer.key,
          agent: server.agent,
          databaseName,
          logger: silentLogger,
        }),
        StorageUnavailableError,
      );
    });
  });
});
