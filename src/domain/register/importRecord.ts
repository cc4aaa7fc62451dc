/** What one import of the register did, kept so the register's history can be traced. */
export interface ImportRecord {
  id: string;
  /** ISO timestamp. */
  at: string;
  /** Who or what ran it: "cli:<os user>", "bot:<aad object id>", "startup:sample-register". */
  actor: string;
  fileName: string;
  skipInvalid: boolean;
  /** 'applied' when the changes were written; 'refused' when the run was stopped before writing anything. */
  outcome: 'applied' | 'refused';
  /**
   * Where an applied import got to. It is recorded as 'started' before the first write and becomes 'finished'
   * after the last, so an import cut short (a killed process, an outage in the middle of a Cosmos DB batch) leaves
   * a 'started' record behind. A later applied import takes the register to its own file and marks such records
   * 'interrupted'. Records written before this field existed have none, and count as finished.
   */
  status?: ImportStatus;
  /** When an import marked 'started' finished, or was found interrupted. */
  finishedAt?: string;
  /** For 'interrupted': the id of the import that completed the register after it. */
  completedBy?: string;
  counts: {
    rows: number;
    added: number;
    changed: number;
    removed: number;
    unchanged: number;
    rejected: number;
  };
}

export type ImportStatus = 'started' | 'finished' | 'interrupted';

/** Whether the record is of an import that began writing and has not been seen to finish. */
export function isUnfinished(record: Pick<ImportRecord, 'status'>): boolean {
  return record.status === 'started';
}
