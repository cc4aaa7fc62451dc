import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { ConcurrencyConflictError } from '../domain/errors';
import type { Storage } from '../domain/register/ports';
import {
  conversationReferenceIdFor,
  markedInactive,
  mergeObservedReference,
  type ObservedReference,
} from '../domain/reminders/conversationReference';
import { errorFields, type Logger } from '../shared/logger';
import { activityIds, tenantOf } from './adapter';
import type { BotApplication, FeatureDeps } from './app';
import { languageOfMessage } from './language';

/** A member lookup older than this is repeated on the person's next turn (e-mail and UPN rarely change). */
export const memberLookupMaxAgeMs = 7 * 24 * 3_600_000;

/** E-mail and UPN from Teams for a conversation member; undefined, or neither address: the lookup failed. */
export type MemberLookup = (
  conversationId: string,
  userId: string,
) => Promise<{ email?: string; userPrincipalName?: string } | undefined>;

export interface ConversationReferenceCaptureOptions {
  storage: Pick<Storage, 'conversationReferences'>;
  logger: Logger;
  /** E-mail and UPN from Teams for the turn's sender; default the Teams member lookup on the turn's client. */
  lookUpSender?: (
    context: TurnContext,
  ) => Promise<{ email?: string; userPrincipalName?: string } | undefined>;
  now?: () => Date;
}

/** Captures the turn's reference; never throws. */
export type ConversationReferenceCapture = (context: TurnContext) => Promise<void>;

/**
 * Registers the capture of conversation references as an afterTurn hook, so every turn of a person in their
 * personal chat with the bot (a message, a card action, an install) keeps their reference current. Only personal
 * chats: a reminder must never go to a group chat or channel.
 *
 * In production the adapter refuses turns without a valid Bot Framework token, so every captured reference is
 * authenticated. In local mode (authentication off) references are stored too, marked `authenticated: false`, so
 * reminders can be tried out locally; production never sends to such a reference (plan.ts).
 *
 * It runs after the turn's own work, when Teams has the answer already: the storage read, the member lookup (once
 * a week per person) and the write do not delay what the person sees, and their failures are logged without
 * touching the turn. It still finishes inside the turn, so nothing writes after the server has stopped.
 */
export function registerConversationReferenceCapture(app: BotApplication, deps: FeatureDeps): void {
  const capture = conversationReferenceCapture({
    storage: deps.storage,
    logger: deps.logger,
    // The checklist's identity lookup caches per person: a turn that already looked the sender up costs nothing.
    lookUpSender: (context) => deps.identity.actorOf(context),
  });
  app.turn('afterTurn', async (context) => {
    await capture(context);
    return true;
  });
}

export function conversationReferenceCapture(
  options: ConversationReferenceCaptureOptions,
): ConversationReferenceCapture {
  const now = options.now ?? (() => new Date());
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const aadObjectId = activity.from?.aadObjectId?.trim();
    if (!aadObjectId || !isPersonal(activity)) return;
    const ids = activityIds(activity);
    try {
      if (isUninstall(activity)) {
        await markUninstalled(options, aadObjectId, now().toISOString());
        return;
      }
      const observed = observationOf(context, aadObjectId);
      await remember(options, observed, memberLookupOf(context, options, ids), now);
    } catch (error) {
      options.logger.warn('conversation_reference.capture_failed', { ...ids, ...errorFields(error) });
    }
  };
}

/** Everything the capture reads from the activity. */
function observationOf(
  context: TurnContext,
  aadObjectId: string,
): Omit<ObservedReference, 'email' | 'userPrincipalName' | 'memberLookupAt'> {
  const activity = context.activity;
  return {
    aadObjectId,
    userId: activity.from.id,
    tenantId: tenantOf(activity) ?? '',
    serviceUrl: activity.serviceUrl,
    conversationId: activity.conversation.id,
    botId: activity.recipient.id,
    ...(activity.recipient.name ? { botName: activity.recipient.name } : {}),
    channelId: activity.channelId,
    ...(activity.type === ActivityTypes.Message && activity.text
      ? { language: languageOfMessage(activity.text) }
      : {}),
    authenticated: isAuthenticated(context),
  };
}

async function remember(
  options: ConversationReferenceCaptureOptions,
  base: Omit<ObservedReference, 'email' | 'userPrincipalName' | 'memberLookupAt'>,
  lookUp: MemberLookup,
  now: () => Date,
): Promise<void> {
  const repository = options.storage.conversationReferences;
  const id = conversationReferenceIdFor(base.aadObjectId);
  let member: { email?: string; userPrincipalName?: string; at: string } | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const stored = await repository.get(id);
    const at = now();
    const lookupDue =
      stored?.value.memberLookupAt === undefined ||
      stored.value.userId !== base.userId ||
      at.getTime() - Date.parse(stored.value.memberLookupAt) > memberLookupMaxAgeMs;
    if (lookupDue && member === undefined) {
      const found = await lookUp(base.conversationId, base.userId);
      if (found?.email || found?.userPrincipalName) member = { ...found, at: at.toISOString() };
    }
    const observed: ObservedReference = {
      ...base,
      ...(member?.email ? { email: member.email } : {}),
      ...(member?.userPrincipalName ? { userPrincipalName: member.userPrincipalName } : {}),
      ...(member ? { memberLookupAt: member.at } : {}),
    };
    const next = mergeObservedReference(stored?.value, observed, at.toISOString());
    if (next === undefined) return;
    try {
      await repository.save(next, stored?.version ?? null);
      options.logger.info('conversation_reference.saved', {
        conversationId: base.conversationId.slice(0, 128),
        created: stored === undefined,
        reactivated: stored !== undefined && !stored.value.active,
        addresses: next.email !== undefined || next.userPrincipalName !== undefined,
      });
      return;
    } catch (error) {
      // Two turns of the same person at once: read again and merge into what the other one wrote.
      if (!(error instanceof ConcurrencyConflictError)) throw error;
    }
  }
}

async function markUninstalled(
  options: ConversationReferenceCaptureOptions,
  aadObjectId: string,
  at: string,
): Promise<void> {
  const repository = options.storage.conversationReferences;
  const stored = await repository.get(conversationReferenceIdFor(aadObjectId));
  if (stored === undefined) return;
  const inactive = markedInactive(stored.value, 'uninstalled', at);
  if (inactive !== undefined) await repository.save(inactive, stored.version);
}

/**
 * The Teams member lookup (what TeamsInfo.getMember does) on the turn's own connector client: the e-mail and UPN
 * come from Teams, never from the activity, which the client could shape. The turn's answers are sent by now, so
 * the SDK's retry policy is taken off that client (a per-turn client): an unreachable connector fails the lookup
 * at once instead of holding the turn open for its backoff; the next turn tries again.
 */
function memberLookupOf(
  context: TurnContext,
  options: ConversationReferenceCaptureOptions,
  ids: ReturnType<typeof activityIds>,
): MemberLookup {
  const client = context.turnState.get<ConnectorClient | undefined>(context.adapter.ConnectorClientKey);
  return async (conversationId, userId) => {
    if (client === undefined) return undefined;
    const pipeline = (
      client as unknown as { client?: { pipeline?: { removePolicy(p: { name: string }): unknown } } }
    ).client?.pipeline;
    pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
    try {
      const member = options.lookUpSender
        ? await options.lookUpSender(context)
        : ((await client.conversations.getConversationMember(conversationId, userId)) as {
            email?: string;
            userPrincipalName?: string;
          });
      return {
        ...(member?.email ? { email: member.email } : {}),
        ...(member?.userPrincipalName ? { userPrincipalName: member.userPrincipalName } : {}),
      };
    } catch (error) {
      options.logger.warn('conversation_reference.member_lookup_failed', { ...ids, ...errorFields(error) });
      return undefined;
    }
  };
}

function isPersonal(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return (
    activity.channelId === 'msteams' &&
    (type === 'personal' || (type === undefined && !activity.conversation?.isGroup))
  );
}

function isUninstall(activity: Activity): boolean {
  return activity.type === ActivityTypes.InstallationUpdate && /^remove/.test(activity.action ?? '');
}

/**
 * Whether the turn carried a verified token. With authentication off botframework-connector still hands out an
 * identity, of type "anonymous" and without claims, whose isAuthenticated is true: that one does not count.
 */
function isAuthenticated(context: TurnContext): boolean {
  const identity = context.turnState.get<ClaimsIdentity | undefined>(context.adapter.BotIdentityKey);
  if (identity?.isAuthenticated !== true) return false;
  const type = (identity as unknown as { authenticationType?: unknown }).authenticationType;
  return type !== AuthenticationConstants.AnonymousAuthType && identity.claims.length > 0;
}
