import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

import { ConcurrencyConflictError, StorageUnavailableError } from '../../../domain/errors';
import type { Versioned } from '../../../domain/register/system';
import { errorFields, type Logger } from '../../../shared/logger';
import { writeFileAtomic } from './atomicFile';
import { withFileLock, type FileLockOptions } from './fileLock';

/** One change to a collection. create fails if the id exists; replace/remove fail unless the version matches. */
export type CollectionWrite<T> =
  | { op: 'create'; id: string; value: T }
  | { op: 'replace'; id: string; value: T; version: string }
  | { op: 'remove'; id: string; version: string }
  /** Unconditional write, for last-writer-wins data (e.g. a conversation reference). */
  | { op: 'upsert'; id: string; value: T };

export interface CollectionWriteOptions<T> {
  /**
   * Housekeeping in the same file replacement: other items this matches are dropped whatever their version
   * (for data nobody reads once it has expired, such as follow-up contexts). Never an item the writes name.
   */
  dropWhere?: (value: T) => boolean;
}

export interface LocalCollectionOptions {
  /** The entity name used in ConcurrencyConflictError ("system", "importRecord"). */
  entity: string;
  logger: Logger;
  lock?: FileLockOptions;
}

const fileSchemaVersion = 1;

interface CollectionFile {
  type: string;
  schemaVersion: number;
  generation: number;
  items: { id: string; version: string; value: unknown }[];
}

interface Snapshot<T> {
  /** Identifies the file the snapshot was read from: a rename gives a new inode, a write a new mtime/size. */
  fileStamp: string | undefined;
  generation: number;
  items: ReadonlyMap<string, Versioned<T>>;
}

/**
 * A collection of versioned documents kept in one JSON file, `<dataDir>/<name>.json`.
 *
 * - Every write replaces the file atomically (temp file, fsync, rename), once per call however many items change.
 * - A read-modify-write holds a lock file, so the bot and an import CLI can share the folder.
 * - Reads reload the file when another process has replaced it (its inode, size or mtime changed).
 * - Versions are random per write, like ETags; all of a call's versions are checked before anything is written.
 *
 * Values are returned as copies, so a caller cannot change the cached state by mutating what it got.
 */
export class LocalCollection<T> {
  private snapshot: Snapshot<T> = { fileStamp: undefined, generation: 0, items: new Map() };
  private queue: Promise<unknown> = Promise.resolve();
  private readonly filePath: string;
  private readonly lockPath: string;

  private constructor(
    private readonly name: string,
    dataDir: string,
    private readonly options: LocalCollectionOptions,
  ) {
    this.filePath = path.join(dataDir, `${name}.json`);
    this.lockPath = path.join(dataDir, `${name}.json.lock`);
  }

  /** Opens (and creates the folder for) the collection `name` under `dataDir`. */
  static async open<T>(
    dataDir: string,
    name: string,
    options: LocalCollectionOptions,
  ): Promise<LocalCollection<T>> {
    try {
      await fs.mkdir(dataDir, { recursive: true });
    } catch (error) {
      throw new StorageUnavailableError(`open ${name}`, { cause: error });
    }
    const collection = new LocalCollection<T>(name, dataDir, options);
    await collection.exclusive(() => collection.refresh());
    return collection;
  }

  /**
   * Creates one item (expectedVersion null) or replaces it if its version is still `expectedVersion`; a conflict
   * writes nothing. Returns what a reload gives (a JSON round trip): a copy the caller cannot change.
   */
  async save(id: string, value: T, expectedVersion: string | null): Promise<Versioned<T>> {
    const [version] = await this.write([
      expectedVersion === null
        ? { op: 'create', id, value }
        : { op: 'replace', id, value, version: expectedVersion },
    ]);
    return { value: JSON.parse(JSON.stringify(value)) as T, version: version as string };
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    const { items } = await this.exclusive(() => this.refresh());
    const found = items.get(id);
    return found === undefined ? undefined : structuredClone(found);
  }

  /** Every item, ordered by id. */
  async list(): Promise<Versioned<T>[]> {
    const { items } = await this.exclusive(() => this.refresh());
    return structuredClone([...items.values()]);
  }

  async count(): Promise<number> {
    const { items } = await this.exclusive(() => this.refresh());
    return items.size;
  }

  /**
   * Applies the writes in order as one file replacement. Any conflict throws ConcurrencyConflictError and writes
   * nothing. Returns the new version of each write (undefined for a remove), in the order given.
   */
  async write(
    writes: readonly CollectionWrite<T>[],
    options: CollectionWriteOptions<T> = {},
  ): Promise<(string | undefined)[]> {
    if (writes.length === 0) return [];
    return this.exclusive(() =>
      withFileLock(
        this.lockPath,
        async () => {
          const current = await this.refresh();
          const staged = new Map(current.items);
          const versions = writes.map((write) => stage(staged, write, this.options.entity));
          if (options.dropWhere !== undefined) {
            const written = new Set(writes.map((write) => write.id));
            for (const [id, item] of staged) {
              if (!written.has(id) && options.dropWhere(item.value)) staged.delete(id);
            }
          }
          const next: Snapshot<T> = {
            fileStamp: undefined,
            generation: current.generation + 1,
            items: new Map([...staged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
          };
          try {
            await writeFileAtomic(this.filePath, serialise(this.name, next));
            next.fileStamp = stampOf(await fs.stat(this.filePath));
          } catch (error) {
            this.options.logger.error('storage.local.writeFailed', {
              collection: this.name,
              ...errorFields(error),
            });
            throw new StorageUnavailableError(`write ${this.name}`, { cause: error });
          }
          this.snapshot = next;
          return versions;
        },
        this.options.lock,
      ),
    );
  }

  /** Re-reads the file if another process (or instance) replaced it since we last read it. */
  private async refresh(): Promise<Snapshot<T>> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.filePath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        if (this.snapshot.fileStamp !== undefined)
          this.snapshot = { fileStamp: undefined, generation: 0, items: new Map() };
        return this.snapshot;
      }
      throw new StorageUnavailableError(`read ${this.name}`, { cause: error });
    }
    try {
      // Stat the open handle, not the path, so the stamp belongs to exactly the bytes read below.
      const fileStamp = stampOf(await handle.stat());
      if (fileStamp === this.snapshot.fileStamp) return this.snapshot;
      const parsed = JSON.parse(await handle.readFile('utf8')) as CollectionFile;
      if (parsed.schemaVersion !== fileSchemaVersion || !Array.isArray(parsed.items)) {
        throw new Error(`unsupported file schema ${String(parsed.schemaVersion)}`);
      }
      const items = new Map<string, Versioned<T>>();
      for (const item of parsed.items) items.set(item.id, { value: item.value as T, version: item.version });
      this.snapshot = { fileStamp, generation: parsed.generation, items };
      this.options.logger.debug('storage.local.loaded', {
        collection: this.name,
        generation: parsed.generation,
        count: items.size,
      });
      return this.snapshot;
    } catch (error) {
      if (error instanceof StorageUnavailableError) throw error;
      this.options.logger.error('storage.local.readFailed', { collection: this.name, ...errorFields(error) });
      throw new StorageUnavailableError(`read ${this.name}`, { cause: error });
    } finally {
      await handle.close();
    }
  }

  /** Runs one operation of this instance at a time, so a read never sees a half-updated snapshot. */
  private exclusive<R>(operation: () => Promise<R>): Promise<R> {
    const result = this.queue.then(operation, operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function stage<T>(
  staged: Map<string, Versioned<T>>,
  write: CollectionWrite<T>,
  entity: string,
): string | undefined {
  const existing = staged.get(write.id);
  switch (write.op) {
    case 'create':
      if (existing !== undefined) throw new ConcurrencyConflictError(entity, write.id);
      break;
    case 'replace':
    case 'remove':
      if (existing?.version !== write.version) throw new ConcurrencyConflictError(entity, write.id);
      break;
    case 'upsert':
      break;
  }
  if (write.op === 'remove') {
    staged.delete(write.id);
    return undefined;
  }
  const version = randomUUID();
  // A JSON round trip stores exactly what a reload would give back (no undefined fields, no shared references).
  staged.set(write.id, { value: JSON.parse(JSON.stringify(write.value)) as T, version });
  return version;
}

function serialise<T>(name: string, snapshot: Snapshot<T>): string {
  const header = JSON.stringify({
    type: name,
    schemaVersion: fileSchemaVersion,
    generation: snapshot.generation,
  });
  // One item per line keeps the file readable and diffable by an administrator.
  const lines = [...snapshot.items.entries()].map(([id, item]) =>
    JSON.stringify({ id, version: item.version, value: item.value }),
  );
  return `${header.slice(0, -1)},"items":[\n${lines.join(',\n')}\n]}\n`;
}

function stampOf(stat: { ino: number; size: number; mtimeMs: number }): string {
  return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
}
