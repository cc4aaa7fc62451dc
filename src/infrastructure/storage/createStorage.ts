import type https from 'node:https';

import type { Storage } from '../../domain/ports';
import { warnAboutUnfinishedImports } from '../../domain/register/registerImport';
import type { Logger } from '../../shared/logger';
import { createCosmosStorage } from './cosmos/cosmosStorage';
import { createLocalStorage } from './local/localStorage';
import type { StorageConfig } from './storageConfig';

export interface CreateStorageOptions {
  /** Only for tests against the local Cosmos DB test server (self-signed certificate). */
  cosmosAgent?: https.Agent;
  /**
   * Log a warning for every register import that began writing and never finished (default true), so the
   * bot's start says the register may be a mix of two files. The import command says it in its report instead.
   */
  reportUnfinishedImports?: boolean;
}

/** Opens the configured backend; the caller owns the result and calls close() at shutdown. */
export async function createStorage(
  config: StorageConfig,
  logger: Logger,
  options: CreateStorageOptions = {},
): Promise<Storage> {
  const storage = await openStorage(config, logger, options);
  if (options.reportUnfinishedImports !== false) await warnAboutUnfinishedImports(storage, logger);
  return storage;
}

function openStorage(config: StorageConfig, logger: Logger, options: CreateStorageOptions): Promise<Storage> {
  switch (config.kind) {
    case 'local':
      return createLocalStorage(config.dataDir, { logger });
    case 'cosmos':
      return createCosmosStorage({
        endpoint: config.endpoint,
        key: config.key,
        databaseName: config.databaseName,
        agent: options.cosmosAgent,
        logger,
      });
  }
}
