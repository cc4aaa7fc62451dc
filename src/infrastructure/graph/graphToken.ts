import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

export const graphScope = 'https://graph.microsoft.com/.default';

/** An access token for Microsoft Graph (application permissions); tests hand in a fake. */
export type GraphTokenProvider = () => Promise<string>;

/**
 * Tokens from the app's own identity: the user-assigned managed identity when its client id is configured,
 * otherwise DefaultAzureCredential (a managed identity in Azure, a developer's sign-in locally). Tokens are reused
 * until five minutes before they expire, so a run of many installs asks once.
 */
export function azureGraphTokenProvider(
  options: { managedIdentityClientId?: string; credential?: TokenCredential } = {},
): GraphTokenProvider {
  const credential =
    options.credential ??
    (options.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: options.managedIdentityClientId })
      : new DefaultAzureCredential());
  let cached: { token: string; expiresAt: number } | undefined;
  return async () => {
    if (cached !== undefined && cached.expiresAt - 5 * 60_000 > Date.now()) return cached.token;
    const token = await credential.getToken(graphScope);
    if (token === null) throw new GraphTokenError();
    cached = { token: token.token, expiresAt: token.expiresOnTimestamp };
    return token.token;
  };
}

/** No Graph token could be had: no identity, or it is not allowed. Nothing to retry per person. */
export class GraphTokenError extends Error {
  constructor() {
    super('No access token for Microsoft Graph');
    this.name = 'GraphTokenError';
  }
}
