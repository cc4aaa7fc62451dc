/**
 * Sends one reminder the way Teams asks bots to: paced by the rate limiter, 429 waited out for Retry-After (with
 * exponential backoff and jitter when it gives none), 412/502/503/504 and network failures retried with backoff,
 * 403/404 reported as unreachable, anything else reported at once. Retries are bounded; then the message fails.
 */
import type { PlannedMessage } from '../../domain/reminders/plan';
import type { DeliveryOutcome, ReminderDelivery } from '../../domain/reminders/reminderRun';
import type { Logger } from '../../shared/logger';
import type { RateLimiter, ReleasePlace } from './rateLimiter';
import { mayUseServiceUrl } from './serviceUrlGuard';

/** One HTTP attempt's result, as the bot layer saw it. */
export type AttemptResult =
  | { ok: true; activityId?: string }
  /** status undefined: no HTTP answer (connection refused or reset, timeout). */
  | { ok: false; status?: number; retryAfterMs?: number };

/**
 * One attempt. The sender calls `gate` right before its HTTP request, once: the rate limiter then paces the
 * requests themselves, not the set-up before them, whose time varies with the event loop's load. The attempt
 * resolves once the request's answer is in (or it failed); that frees its place in the limiter's windows.
 */
export type SendAttempt = (message: PlannedMessage, gate: () => Promise<void>) => Promise<AttemptResult>;

export interface ReliableDeliveryOptions {
  attempt: SendAttempt;
  limiter: RateLimiter;
  production: boolean;
  logger: Logger;
  /** Attempts per message, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const retriedStatuses = new Set([412, 429, 502, 503, 504]);

export function createReliableDelivery(options: ReliableDeliveryOptions): ReminderDelivery {
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 120_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;

  return {
    async deliver(message: PlannedMessage): Promise<DeliveryOutcome> {
      const { recipient } = message;
      if (!mayUseServiceUrl(recipient.serviceUrl, options.production)) {
        options.logger.warn('reminders.service_url_refused', { claimId: message.claimId });
        return { outcome: 'failed', code: 'serviceUrlRefused' };
      }
      let last: { status?: number } = {};
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        // The request holds its place in Teams' windows from the gate until its answer is in (rateLimiter.ts).
        let release: ReleasePlace | undefined;
        let result: AttemptResult;
        try {
          result = await options.attempt(message, async () => {
            release = await options.limiter.acquire(recipient.tenantId, recipient.conversationId);
          });
        } finally {
          release?.();
        }
        if (result.ok)
          return { outcome: 'sent', ...(result.activityId ? { activityId: result.activityId } : {}) };
        const { status } = result;
        if (status === 403 || status === 404) return { outcome: 'unreachable', status };
        if (status !== undefined && !retriedStatuses.has(status)) {
          return { outcome: 'failed', code: 'rejected', status };
        }
        last = { ...(status !== undefined ? { status } : {}) };
        if (attempt === maxAttempts) break;
        // Exponential backoff, with at least what Teams asked for, and jitter so that many senders throttled at
        // once do not come back at the same instant.
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        const asked = result.retryAfterMs ?? 0;
        const delay = Math.min(maxDelayMs, Math.max(asked, backoff / 2) + random() * (backoff / 2));
        if (status === 429) options.limiter.pauseConversation(recipient.conversationId, delay);
        options.logger.warn('reminders.send_retry', {
          claimId: message.claimId,
          statusCode: status,
          attempt,
          delayMs: Math.round(delay),
        });
        await sleep(delay);
      }
      return { outcome: 'failed', code: 'retriesExhausted', ...last };
    },
  };
}
