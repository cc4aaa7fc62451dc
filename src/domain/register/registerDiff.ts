import type { SystemRecord } from './system';

/** The fields of a system an import can change, in the order a report lists them. */
export const systemFields = [
  'name',
  'aliases',
  'departments',
  'unit',
  'description',
  'owner',
  'responsible',
  'managers',
  'administrators',
  'pilots',
  'responsibleChief',
  'userCount',
  'businessCritical',
  'goLiveDate',
  'informationClass',
  'status',
] as const satisfies readonly (keyof SystemRecord)[];

export type SystemField = (typeof systemFields)[number];

export interface SystemDifference {
  fields: SystemField[];
  /** Headers of extra columns whose value appeared, changed or disappeared. */
  extraColumns: string[];
}

/** What differs between the stored system and the one read from the file; empty lists when nothing does. */
export function differenceBetween(before: SystemRecord, after: SystemRecord): SystemDifference {
  const fields = systemFields.filter((field) => !sameValue(before[field], after[field]));
  const beforeExtra = before.extra ?? {};
  const afterExtra = after.extra ?? {};
  const headers = [...new Set([...Object.keys(beforeExtra), ...Object.keys(afterExtra)])];
  const extraColumns = headers.filter((header) => beforeExtra[header] !== afterExtra[header]);
  return { fields, extraColumns };
}

export function isSameSystem(difference: SystemDifference): boolean {
  return difference.fields.length === 0 && difference.extraColumns.length === 0;
}

/**
 * Structural equality that treats a property set to undefined like a missing one: stored documents come back
 * without the properties a record left out, and either form means "not given".
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameValue(left[key], right[key])) return false;
  return true;
}
