import { createHash } from 'node:crypto';

/**
 * The stored id of a follow-up context. Keys hold Teams conversation and user ids, which may contain characters
 * Cosmos DB does not allow in ids ("/", "#", "?"); a hash is short, safe everywhere, and names nobody.
 */
export function questionContextIdOf(key: string): string {
  return `questionContext:${createHash('sha256').update(key).digest('hex')}`;
}

/** How a follow-up context is stored, in both stores. */
export interface StoredQuestionContext<C> {
  id: string;
  context: C;
  /** ISO 8601, UTC. */
  expiresAt: string;
}

export function unexpired<C>(stored: StoredQuestionContext<C> | undefined, now: Date): C | undefined {
  if (stored === undefined) return undefined;
  return Date.parse(stored.expiresAt) > now.getTime() ? stored.context : undefined;
}
