/**
 * What this process knows of each person's stored conversation reference, so that a turn showing nothing new
 * costs no storage call. The capture (conversationReferences.ts) keeps it, and the reminder runner forgets a
 * person whose reference it changed.
 */
import {
  conversationReferenceIdFor,
  type ConversationReferenceRecord,
  type ObservedReference,
} from '../domain/reminders/conversationReference';
import { BoundedCache } from '../shared/boundedCache';

/** A member lookup older than this is repeated on the person's next turn (e-mail and UPN rarely change). */
export const memberLookupMaxAgeMs = 7 * 24 * 3_600_000;

/** What a turn shows of a person's conversation reference; e-mail and UPN come from the member lookup instead. */
export type TurnObservation = Omit<ObservedReference, 'email' | 'userPrincipalName' | 'memberLookupAt'>;

export interface ConversationReferenceCacheOptions {
  /** People remembered; the least recently seen leave first. */
  maxEntries: number;
  /** How long what was stored or read is trusted before storage is read again. */
  refreshMs: number;
  /** How long a person whose member lookup failed goes before it is tried again. */
  lookupRetryMs: number;
}

/** The composition's limits: 10,000 people, read again after 6 hours, a failed lookup retried after a minute. */
export const conversationReferenceCacheLimits: ConversationReferenceCacheOptions = {
  maxEntries: 10_000,
  refreshMs: 6 * 3_600_000,
  lookupRetryMs: 60_000,
};

interface CachedReference {
  stored: StoredFields;
  /** When storage was last read or written for the person (ms). */
  checkedAt: number;
  /** When the member lookup is due again (ms). */
  lookupDueAt: number;
}

/**
 * What this process last stored or read for each person: the fields a turn can show (service URL, conversation,
 * tenant, bot, language, authenticated) and the active flag, so a turn that
 * shows nothing new costs no storage call. E-mail and UPN come from the member lookup, not from the turn: the
 * lookup's due time is kept instead, and a due lookup goes to storage.
 *
 * A person who writes is active by definition, so a turn matches only an entry that is active. What changes the
 * record elsewhere is seen as follows:
 * - the reminder sender in this process marks a reference inactive after a 403/404: it calls `forget`
 *   (the composition gives the capture and the reminder runner the same cache), so the person's next turn reads, finds it inactive and reactivates it;
 * - the app is removed: the capture itself forgets the person before marking the record;
 * - another instance (Cosmos DB, several instances) changes the record: this one trusts its entry for at most
 *   `refreshMs`, then reads again. Until then a reference another instance's sender marked inactive stays
 *   inactive even though the person wrote here: a reminder may be missed for up to that long, never sent to a
 *   wrong conversation (a turn with a new conversation or service URL does not match the entry and is stored).
 */
export class ConversationReferenceCache {
  readonly refreshMs: number;
  readonly lookupRetryMs: number;
  private readonly entries: BoundedCache<CachedReference>;

  constructor(options: ConversationReferenceCacheOptions) {
    this.refreshMs = options.refreshMs;
    this.lookupRetryMs = options.lookupRetryMs;
    // Each entry's own times decide when it is stale (isCurrent); the cache only keeps the number bounded.
    this.entries = new BoundedCache({ maxEntries: options.maxEntries });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether storage already holds what the turn shows, as far as this process knows; refreshes its recency. */
  isCurrent(id: string, observed: TurnObservation, at: number): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    if (at - entry.checkedAt >= this.refreshMs || at >= entry.lookupDueAt) return false;
    return showsNothingNew(observed, entry.stored);
  }

  /** The record as this process just stored or read it. */
  remember(record: ConversationReferenceRecord, at: number): void {
    // A lookup that failed (none yet, or an old one not renewed) is tried again after lookupRetryMs, not on
    // every turn.
    const lookupDueAt = Math.max(
      at + this.lookupRetryMs,
      (Date.parse(record.memberLookupAt ?? '') || 0) + memberLookupMaxAgeMs,
    );
    this.entries.set(record.id, { stored: storedFieldsOf(record), checkedAt: at, lookupDueAt });
  }

  /** Something else changed the person's record: their next turn reads it. */
  forget(id: string): void {
    this.entries.delete(conversationReferenceIdFor(id));
  }
}

type StoredFields = Pick<
  ConversationReferenceRecord,
  | 'userId'
  | 'tenantId'
  | 'serviceUrl'
  | 'conversationId'
  | 'botId'
  | 'botName'
  | 'channelId'
  | 'language'
  | 'authenticated'
  | 'active'
>;

/**
 * A copy of only these fields, so the cache does not keep whole records (at 10,000 people a few hundred bytes
 * each, mostly the ids and service URL, which are shared with nothing else).
 */
function storedFieldsOf(record: StoredFields): StoredFields {
  return {
    userId: record.userId,
    tenantId: record.tenantId,
    serviceUrl: record.serviceUrl,
    conversationId: record.conversationId,
    botId: record.botId,
    botName: record.botName,
    channelId: record.channelId,
    language: record.language,
    authenticated: record.authenticated,
    active: record.active,
  };
}

/**
 * Whether storing the turn would write what is stored already. Compared field by field, with nothing built,
 * because it runs on every turn of a personal chat. A message without a language of its own keeps the stored
 * one, and a person who writes is active.
 */
function showsNothingNew(observed: TurnObservation, stored: StoredFields): boolean {
  return (
    stored.active === true &&
    observed.userId === stored.userId &&
    observed.tenantId.toLowerCase() === stored.tenantId &&
    observed.serviceUrl === stored.serviceUrl &&
    observed.conversationId === stored.conversationId &&
    observed.botId === stored.botId &&
    (observed.botName ?? '') === (stored.botName ?? '') &&
    observed.channelId === stored.channelId &&
    (observed.language ?? stored.language) === stored.language &&
    observed.authenticated === stored.authenticated
  );
}
