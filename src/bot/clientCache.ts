import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { BoundedCache } from '../shared/boundedCache';

/**
 * CloudAdapter builds a new ConnectorClient and a new UserTokenClient, each with its own Azure HTTP pipeline, on
 * every turn, even when the reply goes back in the response (expectReplies) and neither is used. Both clients
 * are stateless between requests: they ask their credentials for a token on every request (the credentials and
 * MSAL keep the token and renew it before it expires), so one client per app id, service URL and audience serves
 * every turn. Measured in `npm run bench` (bench/README.md, "The speed layer"): without reuse a request cost 73 %
 * more CPU; reusing the connector clients alone and building the user-token client anew, 16 % and 32 % more in
 * two runs. That is why both SDK methods are replaced below rather than left to CloudAdapter.
 *
 * The caches are bounded (the composition sets the size): with authentication off the caller chooses the service
 * URL, and even with it on Teams uses a handful of regional URLs, not an unbounded set.
 */
/** The composition's limit, per cache. */
export const clientCacheLimits = { maxEntries: 100 } as const;

export interface TurnClientCaches {
  connectors: BoundedCache<Promise<ConnectorClient>>;
  userTokens: BoundedCache<Promise<UserTokenClient>>;
}

/** Longer service URLs get a client of their own per turn, as before: a cache key is not worth kilobytes. */
const maxCachedServiceUrlLength = 2_048;

/**
 * The client for key, created on first use and shared by turns that ask at the same time; a failed creation is
 * not kept, so the next turn tries again.
 */
export function sharedClient<T>(
  cache: BoundedCache<Promise<T>>,
  key: string,
  create: () => Promise<T>,
): Promise<T> {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const created = create();
  cache.set(key, created);
  created.catch(() => {
    if (cache.get(key) === created) cache.delete(key);
  });
  return created;
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
    private readonly cache: BoundedCache<Promise<ConnectorClient>>,
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
    return sharedClient(this.cache, key, () => this.inner.create(serviceUrl, audience));
  }
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
export function reuseTurnClients(authentication: BotFrameworkAuthentication, caches: TurnClientCaches): void {
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
    sharedClient(caches.userTokens, appIdOf(claimsIdentity), () => createUserTokenClient(claimsIdentity));
}
