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
import type { BoundedCache } from '../shared/boundedCache';
import { errorFields, type Logger } from '../shared/logger';
import { withTimeout } from '../shared/withTimeout';
import { activityIds } from './adapter';

export interface TeamsIdentity {
  /** The actor of the turn, or undefined when the activity names no Entra object id (not a Teams user). */
  actorOf(context: TurnContext): Promise<Actor | undefined>;
}

/** The composition's cache of looked-up addresses: 5,000 people, each trusted for an hour. */
export const identityCacheLimits = { maxEntries: 5_000, ttlMs: 60 * 60_000 } as const;

export interface TeamsIdentityOptions {
  logger: Logger;
  /** The addresses looked up, per tenant and person; an entry lives for the cache's lifetime. */
  cache: BoundedCache<MemberAddresses>;
  /** How long a failed lookup is not retried; default 1 minute. */
  failureTtlMs?: number;
  /**
   * The longest a lookup may take before the turn goes on without it; default 2 s, so a card action still
   * answers within Teams' invoke time limit when the connector is slow (it retries 5xx answers itself).
   */
  lookupTimeoutMs?: number;
  /** Test seam: the member lookup; default TeamsInfo.getMember. */
  lookup?: (context: TurnContext, userId: string) => Promise<{ email?: string; userPrincipalName?: string }>;
}

/** What the member lookup said; both undefined when it failed. */
export interface MemberAddresses {
  email: string | undefined;
  userPrincipalName: string | undefined;
}

export function createTeamsIdentity(options: TeamsIdentityOptions): TeamsIdentity {
  const { cache } = options;
  const failureTtlMs = options.failureTtlMs ?? 60_000;
  const lookupTimeoutMs = options.lookupTimeoutMs ?? 2_000;
  const lookup =
    options.lookup ?? ((context: TurnContext, userId: string) => TeamsInfo.getMember(context, userId));

  async function addresses(context: TurnContext, key: string, userId: string): Promise<MemberAddresses> {
    const hit = cache.get(key);
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
      };
      cache.set(key, entry);
      return entry;
    } catch (error) {
      options.logger.warn('identity.lookup_failed', {
        ...activityIds(context.activity),
        aadObjectId: key.slice(key.indexOf('/') + 1),
        fallback: 'aadObjectId-only',
        ...errorFields(error),
      });
      const entry = { email: undefined, userPrincipalName: undefined };
      cache.set(key, entry, failureTtlMs);
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
