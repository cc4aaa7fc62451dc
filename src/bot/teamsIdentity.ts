/**
 * Who is acting, as Teams says: the Entra object id from the activity (`from.aadObjectId`, vouched for by the
 * channel's token) and the e-mail and UPN from the Teams member lookup. Never anything a card sends back.
 *
 * The lookup is a call to the Bot Connector, so its answer is cached per person for a while (a bounded LRU):
 * a dialog of eight steps costs one lookup. When the lookup fails the person is still known by object id, which
 * is enough for admins and delegates listed by id; the log says so, with ids only.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../domain/checklist';
import { errorFields, type Logger } from '../shared/logger';
import { withTimeout } from '../shared/withTimeout';
import { activityIds } from './adapter';

export interface TeamsIdentity {
  /** The actor of the turn, or undefined when the activity names no Entra object id (not a Teams user). */
  actorOf(context: TurnContext): Promise<Actor | undefined>;
}

export interface TeamsIdentityOptions {
  logger: Logger;
  /** How long a looked-up address is trusted; default 1 hour. */
  ttlMs?: number;
  /** How long a failed lookup is not retried; default 1 minute. */
  failureTtlMs?: number;
  /** People kept in the cache; the least recently used leave first. Default 5,000. */
  maxEntries?: number;
  /**
   * The longest a lookup may take before the turn goes on without it; default 2 s, so a card action still
   * answers within Teams' invoke time limit when the connector is slow (it retries 5xx answers itself).
   */
  lookupTimeoutMs?: number;
  now?: () => number;
  /** Test seam: the member lookup; default TeamsInfo.getMember. */
  lookup?: (context: TurnContext, userId: string) => Promise<{ email?: string; userPrincipalName?: string }>;
}

interface Entry {
  email: string | undefined;
  userPrincipalName: string | undefined;
  expiresAt: number;
}

export function createTeamsIdentity(options: TeamsIdentityOptions): TeamsIdentity {
  const ttlMs = options.ttlMs ?? 60 * 60_000;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 5_000;
  const lookupTimeoutMs = options.lookupTimeoutMs ?? 2_000;
  const now = options.now ?? (() => Date.now());
  const lookup =
    options.lookup ?? ((context: TurnContext, userId: string) => TeamsInfo.getMember(context, userId));
  const cache = new Map<string, Entry>();

  function cached(key: string): Entry | undefined {
    const entry = cache.get(key);
    if (entry === undefined) return undefined;
    cache.delete(key);
    if (entry.expiresAt <= now()) return undefined;
    // Re-inserted: a Map keeps insertion order, so the first key is always the least recently used.
    cache.set(key, entry);
    return entry;
  }

  function remember(key: string, entry: Entry): void {
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }

  async function addresses(context: TurnContext, key: string, userId: string): Promise<Entry> {
    const hit = cached(key);
    if (hit !== undefined) return hit;
    try {
      const member = await withTimeout(
        lookup(context, userId),
        lookupTimeoutMs,
        () => new LookupTimeoutError(),
      );
      const entry = {
        email: textOrUndefined(member.email),
        userPrincipalName: textOrUndefined(member.userPrincipalName),
        expiresAt: now() + ttlMs,
      };
      remember(key, entry);
      return entry;
    } catch (error) {
      options.logger.warn('identity.lookup_failed', {
        ...activityIds(context.activity),
        aadObjectId: key.slice(key.indexOf('/') + 1),
        fallback: 'aadObjectId-only',
        ...errorFields(error),
      });
      const entry = { email: undefined, userPrincipalName: undefined, expiresAt: now() + failureTtlMs };
      remember(key, entry);
      return entry;
    }
  }

  return {
    async actorOf(context) {
      const from = context.activity.from;
      const aadObjectId = textOrUndefined(from?.aadObjectId);
      if (from === undefined || aadObjectId === undefined) return undefined;
      const tenantId = context.activity.conversation?.tenantId ?? '';
      const { email, userPrincipalName } = await addresses(
        context,
        `${tenantId.toLowerCase()}/${aadObjectId.toLowerCase()}`,
        from.id,
      );
      return {
        aadObjectId,
        name: from.name?.trim() || aadObjectId,
        ...(email === undefined ? {} : { email }),
        ...(userPrincipalName === undefined ? {} : { userPrincipalName }),
      };
    },
  };
}

function textOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

class LookupTimeoutError extends Error {
  constructor() {
    super('the Teams member lookup timed out');
    this.name = 'LookupTimeoutError';
  }
}
