import type https from 'node:https';

import { CosmosClient, type CosmosClientOptions, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';

import { StorageUnavailableError } from '../../../domain/errors';
import type { Storage } from '../../../domain/ports';
import { errorFields, type Logger } from '../../../shared/logger';
import { openContainers, type ContainerDefinition } from './cosmosContainers';
import { cosmosStatusOf, mapCosmosError } from './cosmosErrors';
import {
  createCosmosImportRecordRepository,
  createCosmosPendingImportRepository,
} from './cosmosImportRecordRepository';
import {
  createCosmosAppInstallAttemptRepository,
  createCosmosQuestionContextRepository,
  createCosmosConversationReferenceRepository,
  createCosmosReminderClaimRepository,
} from './cosmosReminderRepositories';
import {
  createCosmosReviewDelegatesRepository,
  createCosmosReviewRepository,
} from './cosmosReviewRepositories';
import { createCosmosSystemRepository } from './cosmosSystemRepository';

export interface CosmosStorageOptions {
  endpoint: string;
  /** Account key; when absent, DefaultAzureCredential (managed identity in Azure) is used. */
  key?: string;
  databaseName: string;
  /** Only for tests against the local test server (self-signed certificate). */
  agent?: https.Agent;
  logger: Logger;
  /** Per-request timeout; the SDK's default of a minute is too long for a bot waiting to answer. */
  requestTimeoutMs?: number;
}

/** The containers and their partition keys; docs/storage.md explains the choices. */
export const cosmosContainers = {
  systems: { id: 'systems', partitionKeyPath: '/id' },
  imports: {
    id: 'imports',
    partitionKeyPath: '/type',
    // listRecent orders by two properties, which Cosmos DB serves only from a composite index.
    indexingPolicy: {
      automatic: true,
      indexingMode: 'consistent',
      includedPaths: [{ path: '/*' }],
      compositeIndexes: [
        [
          { path: '/at', order: 'descending' },
          { path: '/id', order: 'descending' },
        ],
      ],
    },
  },
  // Reviews and their delegates, one year per logical partition.
  reviews: { id: 'reviews', partitionKeyPath: '/year' },
  // One person per logical partition: point reads and writes only. Follow-up contexts live here too, with
  // their own type and a `ttl`, so Cosmos DB deletes them once expired; references have none and stay.
  conversationReferences: { id: 'conversationReferences', partitionKeyPath: '/id', defaultTtl: -1 },
  // The claim id is its own partition, so a create of an existing claim is a 409 wherever it runs. App-install
  // attempts live here too, with their own type.
  reminderClaims: { id: 'reminderClaims', partitionKeyPath: '/id' },
} as const satisfies Record<string, ContainerDefinition>;

/** Opens (creating when missing) the database and containers, then returns Storage on them. */
export async function createCosmosStorage(options: CosmosStorageOptions): Promise<Storage> {
  const { logger } = options;
  const client = createCosmosClient(options);
  let database: Database;
  let containers: Awaited<ReturnType<typeof openContainers<keyof typeof cosmosContainers>>>;
  try {
    ({ database } = await client.databases.createIfNotExists({ id: options.databaseName }));
    containers = await openContainers(database, cosmosContainers);
  } catch (error) {
    client.dispose();
    logger.error('storage.cosmos.openFailed', {
      ...errorFields(error),
      // Data-plane roles (managed identity) may read but not create databases and containers: infra creates them.
      hint: cosmosStatusOf(error) === 403 ? 'create-database-and-containers-in-infrastructure' : undefined,
    });
    throw mapCosmosError(error, { operation: 'open', entity: 'database' });
  }
  logger.info('storage.cosmos.opened', { authentication: options.key === undefined ? 'identity' : 'key' });

  return {
    kind: 'cosmos',
    systems: createCosmosSystemRepository(containers.systems, logger),
    imports: createCosmosImportRecordRepository(containers.imports),
    pendingImports: createCosmosPendingImportRepository(containers.imports),
    reviews: createCosmosReviewRepository(containers.reviews),
    reviewDelegates: createCosmosReviewDelegatesRepository(containers.reviews),
    conversationReferences: createCosmosConversationReferenceRepository(containers.conversationReferences),
    reminderClaims: createCosmosReminderClaimRepository(containers.reminderClaims),
    appInstallAttempts: createCosmosAppInstallAttemptRepository(containers.reminderClaims),
    questionContexts: createCosmosQuestionContextRepository(containers.conversationReferences),
    async checkHealth() {
      try {
        await database.read();
      } catch (error) {
        logger.warn('storage.cosmos.unhealthy', errorFields(error));
        // Any failure of this cheap read means the bot cannot use its storage right now.
        const mapped = mapCosmosError(error, { operation: 'health', entity: 'database' });
        throw mapped instanceof StorageUnavailableError
          ? mapped
          : new StorageUnavailableError('health', { cause: error });
      }
    },
    async close() {
      client.dispose();
    },
  };
}

function createCosmosClient(options: CosmosStorageOptions): CosmosClient {
  const clientOptions: CosmosClientOptions = {
    endpoint: options.endpoint,
    agent: options.agent,
    userAgentSuffix: 'systemkollen',
    connectionPolicy: {
      requestTimeout: options.requestTimeoutMs ?? 15_000,
      // The account has one region (infra/azure.bicep). With discovery on, the SDK retries a request it could not
      // send (connection refused or reset) 120 times a second apart, so an outage would hold every turn for two
      // minutes instead of answering "try again"; there is no other region to fail over to anyway.
      enableEndpointDiscovery: false,
      // Throttling (429) is retried after the service's retry-after, but briefly: a person in Teams is waiting, and
      // a turn held longer than a few seconds is worse than "try again". Bulk operations throttled inside a
      // response are retried by runBulk.
      retryOptions: { maxRetryAttemptCount: 5, maxWaitTimeInSeconds: 3 },
    },
  };
  if (options.key !== undefined && options.key !== '') {
    clientOptions.key = options.key;
  } else {
    clientOptions.aadCredentials = new DefaultAzureCredential();
  }
  return new CosmosClient(clientOptions);
}
