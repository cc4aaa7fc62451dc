import type { ImportRecord } from '../../domain/register/importRecord';
import type { RegisterChanges } from '../../domain/ports';
import type { StoredSystem, SystemRecord } from '../../domain/register/system';

export type RegisterChange =
  | { op: 'create'; value: SystemRecord }
  | { op: 'replace'; stored: StoredSystem }
  | { op: 'remove'; id: string; version: string };

/**
 * The changes in the order adapters write them: creates and replaces before removes, so an import cut short
 * (where the backend cannot write a batch atomically) leaves a system too many rather than one missing.
 */
export function orderedRegisterChanges(changes: RegisterChanges): RegisterChange[] {
  return [
    ...changes.create.map((value): RegisterChange => ({ op: 'create', value })),
    ...changes.replace.map((stored): RegisterChange => ({ op: 'replace', stored })),
    ...changes.remove.map(({ id, version }): RegisterChange => ({ op: 'remove', id, version })),
  ];
}

/** Sort order for ImportRecordRepository.listRecent: newest `at` first, then id, so equal times stay stable. */
export function importRecordsNewestFirst(a: ImportRecord, b: ImportRecord): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
