import {
  ActivityTypes,
  CardFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationReferenceRecord } from '../../domain/reminders/conversationReference';
import type { PlannedMessage } from '../../domain/reminders/plan';
import type { AttemptResult, SendAttempt } from '../../infrastructure/reminders/reliableDelivery';
import { errorFields, type Logger } from '../../shared/logger';
import { reminderContent } from './reminderCard';

/** The Bot Framework reference for a stored record: what continueConversationAsync needs. */
export function toConversationReference(record: ConversationReferenceRecord): Partial<ConversationReference> {
  return {
    channelId: record.channelId,
    serviceUrl: record.serviceUrl,
    bot: { id: record.botId, name: record.botName ?? '' },
    user: { id: record.userId, name: '', aadObjectId: record.aadObjectId },
    conversation: {
      id: record.conversationId,
      conversationType: 'personal',
      tenantId: record.tenantId,
      isGroup: false,
      name: '',
    },
  };
}

export interface BotFrameworkSenderOptions {
  adapter: TeamsAdapter;
  /** The bot's app id; '' in local mode (no credentials). */
  botAppId: string;
  logger: Logger;
}

/**
 * One attempt to send a reminder into the person's personal chat, through the adapter's connector client (its
 * token, its service URL handling). The SDK's own retry policy is taken off that client: retries, pacing and
 * Retry-After are reliableDelivery's, which counts them against Teams' limits and bounds them.
 */
export function createBotFrameworkSender(options: BotFrameworkSenderOptions): SendAttempt {
  const { adapter } = options;
  return async (message: PlannedMessage, gate: () => Promise<void>): Promise<AttemptResult> => {
    const reference = toConversationReference(message.recipient);
    const content = reminderContent(message);
    let activityId: string | undefined;
    // The adapter's onTurnError would swallow an error thrown inside the callback, so it is caught there.
    let failure: unknown;
    try {
      await adapter.continueConversationAsync(options.botAppId, reference, async (context) => {
        try {
          const client = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
          withoutSdkRetries(client);
          const activity = TurnContext.applyConversationReference(
            {
              type: ActivityTypes.Message,
              text: content.text,
              summary: content.text,
              locale: message.lang === 'en' ? 'en-US' : 'sv-SE',
              attachments: [CardFactory.adaptiveCard(content.card)],
            } as Partial<Activity>,
            reference,
          );
          // A proactive message starts a new thread: it replies to nothing.
          delete activity.replyToId;
          await gate();
          const response = await client.conversations.sendToConversation(
            message.recipient.conversationId,
            activity as Activity,
          );
          activityId = response.id;
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure === undefined) return { ok: true, ...(activityId ? { activityId } : {}) };
    const status = statusOf(failure);
    if (status === undefined) {
      options.logger.warn('reminders.send_error', { claimId: message.claimId, ...errorFields(failure) });
    }
    const retryAfterMs = retryAfterOf(failure);
    return {
      ok: false,
      ...(status !== undefined ? { status } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  };
}

/**
 * botframework-connector takes client options (retries among them) only for all of an adapter's clients, and the
 * replies of ordinary turns keep the SDK's retries; so the policy is taken off this one client, by its name. Left
 * on, every attempt reliableDelivery counts is up to four requests to Teams: a reminder that meets 503 three
 * times became 12 requests instead of 3 (test/bot/reminders/reminders.test.ts, "bounded retries").
 */
function withoutSdkRetries(client: ConnectorClient): void {
  const pipeline = (
    client as unknown as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } }
  ).client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** Retry-After in seconds or as an HTTP date, from the RestError's response. */
export function retryAfterOf(error: unknown, now = Date.now()): number | undefined {
  const headers = (
    error as { response?: { headers?: { get?(name: string): string | undefined } } } | undefined
  )?.response?.headers;
  const value = headers?.get?.('retry-after');
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
