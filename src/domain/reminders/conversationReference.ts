/**
 * How the bot reaches a person later (a proactive message): what Teams told it when the person installed the app
 * or wrote to it, in a personal chat. A plain record, so the domain and storage never see botbuilder types; the
 * bot layer turns it into a Bot Framework ConversationReference.
 */
import type { Lang } from '../answers';

export type ReferenceInactiveReason = 'forbidden' | 'notFound' | 'uninstalled';

export interface ConversationReferenceRecord {
  /** The person's Entra object id, lower-cased: the storage id (see conversationReferenceIdFor). */
  id: string;
  aadObjectId: string;
  /** The Teams user id ("29:…") in this bot's conversations. */
  userId: string;
  /** Lower-cased, from the Teams member lookup. */
  email?: string;
  /** Lower-cased, from the Teams member lookup. */
  userPrincipalName?: string;
  /** When the member lookup last succeeded (ISO); it is repeated when older than a week. */
  memberLookupAt?: string;
  tenantId: string;
  serviceUrl: string;
  /** The personal (1:1) conversation with the bot. */
  conversationId: string;
  /** The bot's channel account id ("28:<app id>") and name, as Teams addressed it. */
  botId: string;
  botName?: string;
  channelId: string;
  /** The language the person last wrote in; 'sv' until they write. */
  language: Lang;
  /** False after Teams answered 403 or 404 for the conversation, or the app was removed. */
  active: boolean;
  inactiveReason?: ReferenceInactiveReason;
  /** When it last became inactive or active again (ISO). */
  activeChangedAt: string;
  /**
   * Whether the turn it came from carried a verified Bot Framework token. Always true in production (the adapter
   * refuses others); false in local mode, where reminders may use it but production never would.
   */
  authenticated: boolean;
  /** When something in the record last changed (ISO). */
  updatedAt: string;
}

export function conversationReferenceIdFor(aadObjectId: string): string {
  return aadObjectId.trim().toLowerCase();
}

/** The e-mail and UPN of a reference, lower-cased, for matching the register's e-mails. */
export function addressesOfReference(reference: ConversationReferenceRecord): string[] {
  const addresses = [reference.email, reference.userPrincipalName]
    .map((address) => address?.trim().toLowerCase() ?? '')
    .filter((address) => address !== '');
  return [...new Set(addresses)];
}

/** What a turn tells about the person; the bot layer fills it from the activity and the member lookup. */
export interface ObservedReference {
  aadObjectId: string;
  userId: string;
  email?: string;
  userPrincipalName?: string;
  /** Set when the member lookup ran for this observation. */
  memberLookupAt?: string;
  tenantId: string;
  serviceUrl: string;
  conversationId: string;
  botId: string;
  botName?: string;
  channelId: string;
  /** Undefined when the turn carried no text (an install, a card action). */
  language?: Lang;
  authenticated: boolean;
}

/**
 * The stored record after a turn: the observation merged into what was stored. A turn from the person makes the
 * reference active again. Returns undefined when nothing changed, so most turns write nothing.
 */
export function mergeObservedReference(
  stored: ConversationReferenceRecord | undefined,
  observed: ObservedReference,
  at: string,
): ConversationReferenceRecord | undefined {
  const email = observed.email?.trim().toLowerCase() || stored?.email;
  const userPrincipalName = observed.userPrincipalName?.trim().toLowerCase() || stored?.userPrincipalName;
  const memberLookupAt = observed.memberLookupAt ?? stored?.memberLookupAt;
  const reactivated = stored !== undefined && !stored.active;
  const next: ConversationReferenceRecord = {
    id: conversationReferenceIdFor(observed.aadObjectId),
    aadObjectId: observed.aadObjectId.trim().toLowerCase(),
    userId: observed.userId,
    ...(email ? { email } : {}),
    ...(userPrincipalName ? { userPrincipalName } : {}),
    ...(memberLookupAt ? { memberLookupAt } : {}),
    tenantId: observed.tenantId.toLowerCase(),
    serviceUrl: observed.serviceUrl,
    conversationId: observed.conversationId,
    botId: observed.botId,
    ...(observed.botName ? { botName: observed.botName } : {}),
    channelId: observed.channelId,
    language: observed.language ?? stored?.language ?? 'sv',
    active: true,
    activeChangedAt: stored === undefined || reactivated ? at : stored.activeChangedAt,
    // An authenticated turn vouches for the record; an unauthenticated one never downgrades a verified record's
    // flag silently, it replaces it as unverified (only possible outside production).
    authenticated: observed.authenticated,
    updatedAt: at,
  };
  if (stored !== undefined && sameReference(stored, next)) return undefined;
  return next;
}

/** The record marked unreachable; undefined when it already is (for the same reason). */
export function markedInactive(
  stored: ConversationReferenceRecord,
  reason: ReferenceInactiveReason,
  at: string,
): ConversationReferenceRecord | undefined {
  if (!stored.active && stored.inactiveReason === reason) return undefined;
  return { ...stored, active: false, inactiveReason: reason, activeChangedAt: at, updatedAt: at };
}

function sameReference(a: ConversationReferenceRecord, b: ConversationReferenceRecord): boolean {
  const { updatedAt: _a, ...restA } = a;
  const { updatedAt: _b, ...restB } = b;
  return JSON.stringify(sortKeys(restA)) === JSON.stringify(sortKeys(restB));
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
