import type { Storage } from '../ports';
import { errorFields, silentLogger, type Logger } from '../../shared/logger';
import { RegisterIndex } from './registerIndex';

export interface CurrentRegisterOptions {
  /** How long an index is served before the newest import record is checked again. Default 15 s. */
  refreshIntervalMs?: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
  logger?: Logger;
}

export const defaultRefreshIntervalMs = 15_000;

interface Built {
  index: RegisterIndex;
  /** The newest import record (id and status) when the register was read; undefined when none was recorded. */
  importId: string | undefined;
}

/**
 * The register index for questions, kept current without a restart. The first question builds it; after that
 * a question is answered from the index in memory, and at most every `refreshIntervalMs` the newest import
 * record is looked up in the background. Only when it differs (a CLI import, a future admin import) is the
 * register read and indexed again, so a question never waits for a full register read except the very first.
 *
 * Every import records itself (see importRegister), so the newest record id is the register's version. A
 * change written without an import record is picked up at the next import or restart.
 */
export class CurrentRegister {
  private readonly refreshIntervalMs: number;
  private readonly now: () => number;
  private readonly logger: Logger;
  private built: Built | undefined;
  private checkedAt = 0;
  /** The one build or check in progress; concurrent questions share it. */
  private inFlight: Promise<RegisterIndex> | undefined;

  constructor(
    private readonly storage: Storage,
    options: CurrentRegisterOptions = {},
  ) {
    this.refreshIntervalMs = options.refreshIntervalMs ?? defaultRefreshIntervalMs;
    this.now = options.now ?? (() => Date.now());
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * The index to answer from. Waits only for the first build (and rejects when storage fails then); later
   * calls return at once, starting a background check when one is due.
   */
  async index(): Promise<RegisterIndex> {
    const built = this.built;
    if (!built) return this.refresh();
    if (this.now() - this.checkedAt >= this.refreshIntervalMs && !this.inFlight) {
      this.refresh().catch((error: unknown) => {
        // The index in memory keeps answering; the next check is due after another interval.
        this.logger.warn('register.refresh_failed', errorFields(error));
      });
    }
    return built.index;
  }

  /**
   * Checks the newest import record and rebuilds when it changed; shared by everyone who asks meanwhile.
   * Resolves with the index that is current afterwards.
   */
  refresh(): Promise<RegisterIndex> {
    this.inFlight ??= this.checkAndBuild().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async checkAndBuild(): Promise<RegisterIndex> {
    try {
      const record = (await this.storage.imports.listRecent(1))[0];
      // An import records itself as started before writing and as finished after: each state is a version.
      const newest = record === undefined ? undefined : `${record.id}:${record.status ?? 'finished'}`;
      if (this.built && this.built.importId === newest) return this.built.index;
      // The import record is read first: an import finishing in between leaves a newer register under an
      // older id, and costs one extra rebuild at the next check rather than a missed change.
      const started = this.now();
      const systems = await this.storage.systems.list();
      const index = RegisterIndex.build(systems.map((stored) => stored.value));
      this.built = { index, importId: newest };
      this.logger.info('register.indexed', {
        systems: index.systemCount,
        people: index.personCount,
        durationMs: this.now() - started,
      });
      return index;
    } finally {
      this.checkedAt = this.now();
    }
  }
}
