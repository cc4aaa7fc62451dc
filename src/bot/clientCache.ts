import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/**
 * CloudAdapter builds a new ConnectorClient and a new UserTokenClient, each with its own Azure HTTP pipeline, on
 * every turn, even when the reply goes back in the response (expectReplies) and neither is used. Both clients
 * are stateless between requests: they ask their credentials for a token on every request (the credentials and
 * MSAL keep the token and renew it before it expires), so one client per app id, service URL and audience serves
 * every turn. Measured in `npm run bench` (bench/README.md, "The speed layer"): without reuse a request cost 73 %
 * more CPU; reusing the connector clients alone and building the user-token client anew, 16 % and 32 % more in
 * two runs. That is why both SDK methods are replaced below rather than left to CloudAdapter.
 *
 * Bounded, least recently used first out: with authentication off the caller chooses the service URL, and even
 * with it on Teams uses a handful of regional URLs, not an unbounded set.
 */
export const defaultMaxCachedClients = 100;

/** Longer service URLs get a client of their own per turn, as before: a cache key is not worth kilobytes. */
const maxCachedServiceUrlLength = 2_048;

export class BoundedClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  private newestKey: string | undefined;

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError('maxEntries must be at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  /** The client for key, created on first use; a failed creation is not kept, so the next turn tries again. */
  getOrCreate(key: string, create: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Re-inserted: a Map keeps insertion order, so the first key is always the least recently used. Most
      // turns come from the service URL of the turn before, already last.
      if (key !== this.newestKey) {
        this.entries.delete(key);
        this.entries.set(key, cached);
        this.newestKey = key;
      }
      return cached;
    }
    const created = create();
    this.entries.set(key, created);
    this.newestKey = key;
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return created;
  }
}

/** The app id botframework-connector builds clients for: the token's audience, else its app id claim. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return (
    claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly cache: BoundedClientCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    if (typeof serviceUrl !== 'string' || serviceUrl.length > maxCachedServiceUrlLength) {
      return this.inner.create(serviceUrl, audience);
    }
    // Lengths keep the parts apart whatever characters they hold; the caller's service URL comes last.
    const audiencePart = audience === undefined ? '-' : `${audience.length}:${audience}`;
    const key = `${this.appId.length}:${this.appId}${audiencePart}${serviceUrl}`;
    return this.cache.getOrCreate(key, () => this.inner.create(serviceUrl, audience));
  }
}

export interface TurnClientCaches {
  connectors: BoundedClientCache<ConnectorClient>;
  userTokens: BoundedClientCache<UserTokenClient>;
}

/**
 * Makes an authentication reuse clients across turns: the connector factory of every authenticated request, and
 * createUserTokenClient. createConnectorFactory, which CloudAdapter uses for proactive turns only, is left as it
 * is: the reminder sender takes the SDK's retry policy off its turn's client (reminders/botFrameworkSender.ts),
 * and a shared client would carry that into the replies of ordinary turns.
 *
 * The wrapper passes authenticateRequest's errors through untouched, so it may sit inside or outside the adapter's
 * own (which maps a forged token's errors to 401).
 */
export function reuseTurnClients(
  authentication: BotFrameworkAuthentication,
  maxEntries: number = defaultMaxCachedClients,
): TurnClientCaches {
  const caches: TurnClientCaches = {
    connectors: new BoundedClientCache<ConnectorClient>(maxEntries),
    userTokens: new BoundedClientCache<UserTokenClient>(maxEntries),
  };
  const authenticate = authentication.authenticateRequest.bind(authentication);
  authentication.authenticateRequest = async (activity, authHeader): Promise<AuthenticateRequestResult> => {
    const result = await authenticate(activity, authHeader);
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: new CachingConnectorFactory(
        result.connectorFactory,
        appIdOf(result.claimsIdentity),
        caches.connectors,
      ),
    };
  };
  const createUserTokenClient = authentication.createUserTokenClient.bind(authentication);
  // The client depends on the app id alone: OAuth URL, scope and login endpoint are the adapter's settings.
  authentication.createUserTokenClient = (claimsIdentity) =>
    caches.userTokens.getOrCreate(appIdOf(claimsIdentity), () => createUserTokenClient(claimsIdentity));
  return caches;
}
