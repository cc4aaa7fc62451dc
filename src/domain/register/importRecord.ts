/** What one import of the register did, kept so the register's history can be traced. */
export interface ImportRecord {
  id: string;
  /** ISO timestamp. */
  at: string;
  /** Who or what ran it: "cli:<os user>", "bot:<aad object id>", "startup:sample-register". */
  actor: string;
  fileName: string;
  skipInvalid: boolean;
  /** 'applied' when the changes were written; 'refused' when rejected rows stopped a run without --skip-invalid. */
  outcome: 'applied' | 'refused';
  counts: {
    rows: number;
    added: number;
    changed: number;
    removed: number;
    unchanged: number;
    rejected: number;
  };
}
