/**
 * A register import previewed in Teams and waiting for the admin's confirmation.
 *
 * What is kept is the file itself (base64) and a fingerprint of the register it was previewed against, not the
 * computed changes: the file is far smaller than its changes (an .xlsx is compressed), and confirming runs the
 * very same import over the very same register, which yields exactly the previewed changes. A register that
 * changed in between (another import) has another fingerprint, and the confirmation is refused instead of
 * importing something the admin never saw.
 *
 * Rules of concurrency: every state change is a versioned write from 'pending', so of two presses of "Importera"
 * exactly one moves the preview to 'applying' and imports; the other finds it no longer pending and is told so.
 */
import { createHash } from 'node:crypto';
import type { StoredSystem } from './system';

export type PendingImportStatus = 'pending' | 'applying' | 'applied' | 'cancelled' | 'failed';

export interface PendingImport {
  /** Random id, carried by the preview card's buttons. */
  id: string;
  /** The admin who sent the file (Entra object id): only they may confirm it. */
  actorId: string;
  fileName: string;
  /** The file's bytes, base64. */
  fileBase64: string;
  /** registerFingerprint of the register the preview was computed against. */
  registerFingerprint: string;
  /** Systems the import removes: a mass removal is confirmed by naming exactly this count. */
  removals: number;
  /** Whether removing them needs the second, explicit confirmation (removalNeedsConfirmation). */
  massRemoval: boolean;
  /** ISO timestamps. */
  createdAt: string;
  expiresAt: string;
  status: PendingImportStatus;
  /** Set once applied: the import record written. */
  importId?: string;
}

/** A preview is for deciding now, not for next week: after a day the file is to be sent again. */
export const pendingImportLifetimeMs = 24 * 60 * 60 * 1000;

/** The largest file kept for a preview: its base64 fits in one Cosmos DB document (2 MB) with room to spare. */
export const pendingImportMaxBytes = 1024 * 1024;

/** A digest of every system's id and version: any import, edit or removal in between changes it. */
export function registerFingerprint(systems: readonly StoredSystem[]): string {
  const hash = createHash('sha256');
  const entries = systems.map((system) => `${system.value.id}\u0000${system.version}`).sort();
  for (const entry of entries) hash.update(entry).update('\u0001');
  return hash.digest('hex');
}

export function isExpired(pending: Pick<PendingImport, 'expiresAt'>, now: Date): boolean {
  return now.getTime() >= Date.parse(pending.expiresAt);
}
