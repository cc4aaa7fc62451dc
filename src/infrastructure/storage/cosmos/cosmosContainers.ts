import type {
  Container,
  Database,
  FeedOptions,
  IndexingPolicy,
  OperationInput,
  OperationResponse,
  SqlQuerySpec,
} from '@azure/cosmos';

import { StorageUnavailableError } from '../../../domain/errors';
import type { Logger } from '../../../shared/logger';
import { mapCosmosError, mapCosmosStatus, type CosmosCallContext } from './cosmosErrors';

export interface ContainerDefinition {
  id: string;
  /** A single path such as "/id"; hierarchical keys are not used (nor supported by the test server). */
  partitionKeyPath: string;
  /** Applied when the container is created; omit for Cosmos DB's default (every path indexed). */
  indexingPolicy?: IndexingPolicy;
  /** Time to live, applied when the container is created: -1 lets items that carry a `ttl` expire, no others. */
  defaultTtl?: number;
}

/** Creates the containers that are missing (an existing container keeps its settings) and returns them by key. */
export async function openContainers<K extends string>(
  database: Database,
  definitions: Record<K, ContainerDefinition>,
): Promise<Record<K, Container>> {
  const entries = await Promise.all(
    (Object.entries(definitions) as [K, ContainerDefinition][]).map(async ([key, definition]) => {
      const { container, resource } = await database.containers.createIfNotExists({
        id: definition.id,
        partitionKey: { paths: [definition.partitionKeyPath] },
        ...(definition.indexingPolicy === undefined ? {} : { indexingPolicy: definition.indexingPolicy }),
        ...(definition.defaultTtl === undefined ? {} : { defaultTtl: definition.defaultTtl }),
      });
      // A container made by hand or by an old template with another key would fail every write later, obscurely.
      const actualPaths = resource?.partitionKey?.paths;
      if (
        actualPaths !== undefined &&
        (actualPaths.length !== 1 || actualPaths[0] !== definition.partitionKeyPath)
      ) {
        throw new ContainerMismatchError(definition.id, definition.partitionKeyPath, actualPaths.join(','));
      }
      return [key, container] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<K, Container>;
}

/** An existing container is partitioned differently from what the adapter needs: fix the infrastructure. */
export class ContainerMismatchError extends Error {
  constructor(
    readonly containerId: string,
    readonly expectedPartitionKey: string,
    readonly actualPartitionKey: string,
  ) {
    super(
      `container ${containerId} has partition key ${actualPartitionKey}, expected ${expectedPartitionKey}`,
    );
    this.name = 'ContainerMismatchError';
  }
}

/** Properties Cosmos DB adds to every document; never part of a domain object. */
const systemProperties = new Set(['_rid', '_self', '_ts', '_attachments', '_etag', '_lsn']);

export function stripSystemProperties(document: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (!systemProperties.has(key)) result[key] = value;
  }
  return result;
}

/** Runs a query to the end (all pages) and maps failures to domain errors. */
export async function queryAll<T>(
  container: Container,
  query: SqlQuerySpec,
  context: CosmosCallContext,
  options: FeedOptions = {},
): Promise<T[]> {
  try {
    const { resources } = await container.items.query<T>(query, options).fetchAll();
    return resources;
  } catch (error) {
    throw mapCosmosError(error, context);
  }
}

export interface BulkOptions {
  /** Names the call in errors and logs ("systems.apply"). */
  operation: string;
  entity: string;
  logger: Logger;
  /** Operations per request; Cosmos DB accepts at most 100. */
  chunkSize?: number;
  /** Requests in flight at once. */
  parallelChunks?: number;
  /** Attempts for operations the service throttled (429) inside an otherwise successful bulk request. */
  maxThrottleAttempts?: number;
}

/**
 * Runs many item operations through `container.items.bulk` in chunks of 100, a few chunks at a time, and returns
 * each operation's response in input order. Every operation must carry its partition key.
 *
 * Bulk is not a transaction: when an operation fails (a 409/412 conflict, an outage) no further chunks are
 * started, chunks already sent complete, and the first failure in input order is thrown as a domain error.
 */
export async function runBulk(
  container: Container,
  operations: readonly OperationInput[],
  options: BulkOptions,
): Promise<OperationResponse[]> {
  const chunkSize = Math.min(options.chunkSize ?? 100, 100);
  const parallelChunks = options.parallelChunks ?? 4;
  const responses: (OperationResponse | undefined)[] = new Array(operations.length);
  const chunkStarts: number[] = [];
  for (let start = 0; start < operations.length; start += chunkSize) chunkStarts.push(start);

  let failure: { index: number; error: Error } | undefined;
  const noteFailure = (index: number, error: Error) => {
    if (failure === undefined || index < failure.index) failure = { index, error };
  };

  let nextChunk = 0;
  const worker = async () => {
    while (failure === undefined && nextChunk < chunkStarts.length) {
      const start = chunkStarts[nextChunk++] as number;
      const indexes = Array.from(
        { length: Math.min(chunkSize, operations.length - start) },
        (_, i) => start + i,
      );
      await runChunk(container, operations, indexes, responses, noteFailure, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelChunks, chunkStarts.length) }, worker));

  if (failure !== undefined) throw failure.error;
  return responses as OperationResponse[];
}

async function runChunk(
  container: Container,
  operations: readonly OperationInput[],
  indexes: number[],
  responses: (OperationResponse | undefined)[],
  noteFailure: (index: number, error: Error) => void,
  options: BulkOptions,
): Promise<void> {
  const maxAttempts = options.maxThrottleAttempts ?? 8;
  let pending = indexes;
  for (let attempt = 1; pending.length > 0; attempt++) {
    let result: OperationResponse[];
    try {
      result = await container.items.bulk(pending.map((index) => operations[index] as OperationInput));
    } catch (error) {
      noteFailure(
        pending[0] as number,
        mapBulkRequestError(error, contextFor(operations, pending[0] as number, options)),
      );
      return;
    }
    const throttled: number[] = [];
    pending.forEach((index, position) => {
      const response = result[position];
      const status = response?.statusCode ?? 500;
      if (status === 429 && attempt < maxAttempts) {
        throttled.push(index);
        return;
      }
      responses[index] = response;
      const error = mapCosmosStatus(status, contextFor(operations, index, options));
      if (error !== undefined) noteFailure(index, error);
    });
    if (throttled.length > 0) {
      options.logger.warn('storage.cosmos.bulkThrottled', {
        operation: options.operation,
        throttled: throttled.length,
        attempt,
      });
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5_000)));
    }
    pending = throttled;
  }
}

/**
 * The SDK rethrows a failed bulk request as a plain Error keeping only the inner message ("Bulk request errored
 * with: ..."), so its status or network code is lost. Failures of single operations come back as statuses; a
 * whole request fails when the service is unreachable, throttling the request (the SDK does not retry a bulk
 * request's 429) or failing (503). So such an error is an outage: the import can be run again, and converges.
 */
function mapBulkRequestError(error: unknown, context: CosmosCallContext): Error {
  const mapped = mapCosmosError(error, context);
  if (mapped === error && mapped.message.startsWith('Bulk request errored with')) {
    return new StorageUnavailableError(context.operation, { cause: error });
  }
  return mapped;
}

function contextFor(
  operations: readonly OperationInput[],
  index: number,
  options: BulkOptions,
): CosmosCallContext {
  const operation = operations[index];
  const id =
    operation === undefined
      ? undefined
      : 'id' in operation
        ? operation.id
        : (operation.resourceBody?.id as string);
  return {
    operation: options.operation,
    entity: options.entity,
    id: typeof id === 'string' ? id : undefined,
    conditional: true,
  };
}
