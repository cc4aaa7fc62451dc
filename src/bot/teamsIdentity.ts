/**
 * Who is acting, as Teams says: the Entra object id from the activity (`from.aadObjectId`, vouched for by the
 * channel's token) and the e-mail and UPN from the Teams member lookup. Never anything a card sends back.
 *
 * The e-mail and UPN count only for a member of the turn's own (allowed) tenant who is neither a guest nor
 * anonymous: Entra does not verify `mail`, so a guest or a member of another tenant in a shared channel could
 * carry a chief's or an admin's address. Such people are known by object id only.
 *
 * The lookup is a call to the Bot Connector, so its answer is cached per person for a while (a bounded LRU):
 * a dialog of eight steps costs one lookup. When the lookup fails the person is still known by object id, which
 * is enough for admins and delegates listed by id, and the actor says that its addresses are unknown, so that a
 * refusal can say "try again" instead of "you are not responsible". A failure is not cached: the next turn asks
 * Teams again. Within one turn, though, everyone who asks (the feature, the conversation reference capture)
 * shares one answer: when Teams is slow or down, a turn waits for one lookup's time limit, not one per asker.
 * The log says so, with ids only.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../domain/checklist';
import type { BoundedCache } from '../shared/boundedCache';
import { errorFields, type Logger } from '../shared/logger';
import { withTimeout } from '../shared/withTimeout';
import { activityIds, tenantOf } from './adapter';

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
  /**
   * The tenants whose members' e-mail/UPN may be trusted (ALLOWED_TENANT_IDS); when not set, the turn's own
   * tenant only.
   */
  allowedTenantIds?: readonly string[];
  /**
   * The longest a lookup may take before the turn goes on without it; default 2 s, so a card action still
   * answers within Teams' invoke time limit when the connector is slow (it retries 5xx answers itself).
   */
  lookupTimeoutMs?: number;
  /** Test seam: the member lookup; default TeamsInfo.getMember. */
  lookup?: (context: TurnContext, userId: string) => Promise<MemberRecord>;
}

/** The parts of Teams' member record (TeamsChannelAccount) that say who someone is and where they come from. */
export interface MemberRecord {
  email?: string;
  userPrincipalName?: string;
  /** The member's home tenant. */
  tenantId?: string;
  /** "user", "guest" or "anonymous". */
  userRole?: string;
}

/** The addresses the member lookup gave that may be trusted; both undefined when there are none. */
export interface MemberAddresses {
  email: string | undefined;
  userPrincipalName: string | undefined;
}

export function createTeamsIdentity(options: TeamsIdentityOptions): TeamsIdentity {
  const { cache } = options;
  const allowedTenantIds = options.allowedTenantIds?.map((id) => id.trim().toLowerCase());
  const lookupTimeoutMs = options.lookupTimeoutMs ?? 2_000;
  const lookup =
    options.lookup ?? ((context: TurnContext, userId: string) => TeamsInfo.getMember(context, userId));

  /** The trusted addresses, or undefined when Teams could not be asked. */
  async function addresses(
    context: TurnContext,
    tenantId: string,
    aadObjectId: string,
    userId: string,
  ): Promise<MemberAddresses | undefined> {
    const key = `${tenantId}/${aadObjectId}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let member: MemberRecord;
    try {
      member = await withTimeout(lookup(context, userId), lookupTimeoutMs, () => new LookupTimeoutError());
    } catch (error) {
      options.logger.warn('identity.lookup_failed', {
        ...activityIds(context.activity),
        aadObjectId,
        fallback: 'aadObjectId-only',
        ...errorFields(error),
      });
      return undefined;
    }
    const distrust = reasonToDistrust(member, tenantId);
    if (distrust !== undefined) {
      options.logger.info('identity.addresses_ignored', {
        ...activityIds(context.activity),
        aadObjectId,
        reason: distrust,
      });
    }
    const entry: MemberAddresses =
      distrust === undefined
        ? {
            email: textOrUndefined(member.email),
            userPrincipalName: textOrUndefined(member.userPrincipalName),
          }
        : { email: undefined, userPrincipalName: undefined };
    cache.set(key, entry);
    return entry;
  }

  /** Why the member's e-mail/UPN may not be used, or undefined when they may. */
  function reasonToDistrust(member: MemberRecord, turnTenantId: string): string | undefined {
    const role = textOrUndefined(member.userRole)?.toLowerCase();
    if (role === 'guest' || role === 'anonymous') return role;
    const memberTenantId = textOrUndefined(member.tenantId)?.toLowerCase();
    if (memberTenantId === undefined) return 'no-tenant';
    const trusted = allowedTenantIds ?? (turnTenantId === '' ? [] : [turnTenantId]);
    return trusted.includes(memberTenantId) ? undefined : 'other-tenant';
  }

  async function actorOfTurn(context: TurnContext): Promise<Actor | undefined> {
    const from = context.activity.from;
    const aadObjectId = textOrUndefined(from?.aadObjectId);
    if (from === undefined || aadObjectId === undefined) return undefined;
    const tenantId = tenantOf(context.activity) ?? '';
    const found = await addresses(context, tenantId, aadObjectId.toLowerCase(), from.id);
    const name = from.name?.trim() || aadObjectId;
    if (found === undefined) return { aadObjectId, name, addressesUnknown: true };
    const { email, userPrincipalName } = found;
    return {
      aadObjectId,
      name,
      ...(email === undefined ? {} : { email }),
      ...(userPrincipalName === undefined ? {} : { userPrincipalName }),
    };
  }

  const actorsOfTurns = new WeakMap<TurnContext, Promise<Actor | undefined>>();
  return {
    actorOf(context) {
      let actor = actorsOfTurns.get(context);
      if (actor === undefined) {
        actor = actorOfTurn(context);
        actorsOfTurns.set(context, actor);
      }
      return actor;
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
