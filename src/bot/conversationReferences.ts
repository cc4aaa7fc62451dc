import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, type ClaimsIdentity } from 'botframework-connector';
import { ConcurrencyConflictError } from '../domain/errors';
import {
  conversationReferenceIdFor,
  markedInactive,
  mergeObservedReference,
  type ObservedReference,
} from '../domain/reminders/conversationReference';
import type { Storage } from '../domain/ports';
import { errorFields, type Logger } from '../shared/logger';
import { activityIds, tenantOf } from './adapter';
import {
  memberLookupMaxAgeMs,
  type ConversationReferenceCache,
  type TurnObservation,
} from './conversationReferenceCache';
import type { BotApplication, FeatureDeps } from './featureDeps';
import { languageOfMessage } from './language';

/** E-mail and UPN from Teams for a conversation member; undefined, or neither address: the lookup failed. */
export type MemberLookup = (
  conversationId: string,
  userId: string,
) => Promise<{ email?: string; userPrincipalName?: string } | undefined>;

export interface ConversationReferenceCaptureOptions {
  storage: Pick<Storage, 'conversationReferences'>;
  logger: Logger;
  /** E-mail and UPN from Teams for the turn's sender (the app passes its cached Teams identity lookup). */
  lookUpSender: (context: TurnContext) => Promise<{ email?: string; userPrincipalName?: string } | undefined>;
  /** What this process last stored or read per person; the reminder sender forgets in the same one. */
  cache: ConversationReferenceCache;
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
 * Most turns touch no storage at all: the capture remembers what this process last stored or read for each person
 * (ConversationReferenceCache) and goes to storage only when the turn shows something else, when the member
 * lookup is due, or when what it remembers is old enough that another instance may have changed the record.
 * It runs after the turn's own work, when Teams has the answer already, and its failures are logged without
 * touching the turn. It still finishes inside the turn, so nothing writes after the server has stopped.
 */
export function registerConversationReferenceCapture(app: BotApplication, deps: FeatureDeps): void {
  const capture = conversationReferenceCapture({
    storage: deps.storage,
    logger: deps.logger,
    // The checklist's identity lookup caches per person and has its own time limit: a turn that already looked
    // the sender up costs nothing, and an unreachable connector does not hold the turn open.
    lookUpSender: (context) => deps.identity.actorOf(context),
    cache: deps.conversationReferenceCache,
    now: deps.now,
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
  const { cache } = options;
  return async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    const aadObjectId = activity.from?.aadObjectId?.trim();
    if (!aadObjectId || !isPersonal(activity)) return;
    const ids = activityIds(activity);
    const id = conversationReferenceIdFor(aadObjectId);
    try {
      if (isUninstall(activity)) {
        cache.forget(id);
        await markUninstalled(options, id, now().toISOString());
        return;
      }
      const observed = observationOf(context, aadObjectId);
      if (cache.isCurrent(id, observed, now().getTime())) return;
      await remember(options, cache, observed, memberLookupOf(context, options, ids), now);
    } catch (error) {
      options.logger.warn('conversation_reference.capture_failed', { ...ids, ...errorFields(error) });
    }
  };
}

/** Everything the capture reads from the activity. */
function observationOf(context: TurnContext, aadObjectId: string): TurnObservation {
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
  cache: ConversationReferenceCache,
  base: TurnObservation,
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
    if (next === undefined) {
      if (stored !== undefined) cache.remember(stored.value, at.getTime());
      return;
    }
    try {
      await repository.save(next, stored?.version ?? null);
      cache.remember(next, at.getTime());
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
  id: string,
  at: string,
): Promise<void> {
  const repository = options.storage.conversationReferences;
  const stored = await repository.get(id);
  if (stored === undefined) return;
  const inactive = markedInactive(stored.value, 'uninstalled', at);
  if (inactive !== undefined) await repository.save(inactive, stored.version);
}

/** The sender's addresses from the Teams identity lookup; undefined when it failed or gave neither address. */
function memberLookupOf(
  context: TurnContext,
  options: ConversationReferenceCaptureOptions,
  ids: ReturnType<typeof activityIds>,
): MemberLookup {
  return async () => {
    try {
      const member = await options.lookUpSender(context);
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
