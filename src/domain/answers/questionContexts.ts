import type { QuestionContext } from './answer';

export interface QuestionContextsOptions {
  /** Conversations × users remembered at most; the least recently used is forgotten first. Default 10,000. */
  maxEntries?: number;
  /** A context older than this is forgotten. Default 30 minutes. */
  ttlMs?: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

interface Entry {
  context: QuestionContext;
  storedAt: number;
}

/**
 * What each user's last answer left for a follow-up ("vilka av dem är verksamhetskritiska?", "vem förvaltar
 * det?"), per conversation and user: in a group chat everyone has their own thread of questions.
 *
 * Kept in this process's memory only, bounded in size and age. With several instances behind the bot a
 * follow-up may reach an instance that has not seen the first question; it is then answered as a fresh
 * question, which is acceptable for a convenience that only saves retyping a name.
 */
export class QuestionContexts {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: QuestionContextsOptions = {}) {
    this.maxEntries = Math.max(1, options.maxEntries ?? 10_000);
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.now = options.now ?? (() => Date.now());
  }

  get size(): number {
    return this.entries.size;
  }

  get(conversationId: string, userId: string): QuestionContext | undefined {
    const key = keyOf(conversationId, userId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // A Map iterates in insertion order: moving the entry to the end marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.context;
  }

  set(conversationId: string, userId: string, context: QuestionContext): void {
    const key = keyOf(conversationId, userId);
    this.entries.delete(key);
    this.entries.set(key, { context, storedAt: this.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

const keyOf = (conversationId: string, userId: string) => JSON.stringify([conversationId, userId]);
