import type { QuestionContextRepository } from '../ports';
import type { QuestionContext } from './answer';
import type { ParsedQuestion } from './question';

/** How long a follow-up builds on the last answer. */
export const questionContextLimits = { ttlMs: 30 * 60_000 } as const;

/**
 * What each user's last answer left for a follow-up ("vilka av dem är verksamhetskritiska?", "vem förvaltar
 * det?"), per conversation and user: in a group chat everyone has their own thread of questions.
 *
 * Kept in storage with an expiry, so that with several instances behind the bot a follow-up is answered right
 * whichever instance it reaches. Read only for a question that can build on the last answer (one point read),
 * written after each answer that leaves something to build on.
 */
export class QuestionContexts {
  constructor(
    private readonly repository: QuestionContextRepository,
    private readonly options: { now: () => Date; ttlMs?: number },
  ) {}

  get(conversationId: string, userId: string): Promise<QuestionContext | undefined> {
    return this.repository.get(keyOf(conversationId, userId), this.options.now());
  }

  set(conversationId: string, userId: string, context: QuestionContext): Promise<void> {
    const ttlMs = this.options.ttlMs ?? questionContextLimits.ttlMs;
    const expiresAt = new Date(this.options.now().getTime() + ttlMs);
    return this.repository.save(keyOf(conversationId, userId), context, expiresAt);
  }
}

/**
 * Whether the answer to the question may depend on the last one: "vilka av dem ...", or roles asked with no
 * system named ("vem förvaltar det?"). Other questions are answered without reading the stored context.
 */
export function mayBuildOnPrevious(question: ParsedQuestion): boolean {
  if (question.followUp) return true;
  const namesNothing = question.subject === undefined || question.subject.words.length === 0;
  return namesNothing && question.direction !== 'systems' && question.roles.length > 0;
}

const keyOf = (conversationId: string, userId: string) => JSON.stringify([conversationId, userId]);
