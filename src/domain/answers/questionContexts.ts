import type { BoundedCache } from '../../shared/boundedCache';
import type { QuestionContext } from './answer';

/** How many follow-ups the process remembers (conversations × users), and for how long. */
export const questionContextLimits = { maxEntries: 10_000, ttlMs: 30 * 60_000 } as const;

/**
 * What each user's last answer left for a follow-up ("vilka av dem är verksamhetskritiska?", "vem förvaltar
 * det?"), per conversation and user: in a group chat everyone has their own thread of questions.
 *
 * Kept in this process's memory only, bounded in size and age (the cache the composition gives). With several
 * instances behind the bot a follow-up may reach an instance that has not seen the first question; it is then
 * answered as a fresh question, which is acceptable for a convenience that only saves retyping a name.
 */
export class QuestionContexts {
  constructor(private readonly cache: BoundedCache<QuestionContext>) {}

  get size(): number {
    return this.cache.size;
  }

  get(conversationId: string, userId: string): QuestionContext | undefined {
    return this.cache.get(keyOf(conversationId, userId));
  }

  set(conversationId: string, userId: string, context: QuestionContext): void {
    this.cache.set(keyOf(conversationId, userId), context);
  }
}

const keyOf = (conversationId: string, userId: string) => JSON.stringify([conversationId, userId]);
