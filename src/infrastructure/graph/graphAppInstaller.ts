/**
 * Installs the bot's Teams app for a person through Microsoft Graph
 * (`POST /users/{id}/teamwork/installedApps`, application permission TeamsAppInstallation.ReadWriteSelfForUser.All:
 * the app can install only itself, recognised by the manifest's webApplicationInfo.id, which is the bot's id).
 * Teams then sends the bot the installation event in the person's personal scope, and the existing capture
 * (src/bot/conversationReferences.ts) stores their conversation reference: the first reminder reaches them.
 *
 * Requests are paced (a few a second: Graph throttles per app and tenant), 429 waits at least Retry-After, 502,
 * 503, 504 and network failures are retried with backoff and jitter, all bounded.
 */
import type { Logger } from '../../shared/logger';
import { RateLimiter, type RateLimits } from '../reminders/rateLimiter';
import type { GraphTokenProvider } from './graphToken';

export const graphBaseUrl = 'https://graph.microsoft.com/v1.0';

export type AppInstallOutcome =
  /** 201: installed now; Teams sends the installation event. */
  | { outcome: 'installed' }
  /** 409: the app was already installed for the person. */
  | { outcome: 'alreadyInstalled' }
  /** 403 (not allowed for this person: policy, licence, permission) or 404 (no such user, or no such app). */
  | { outcome: 'refused'; status: 403 | 404 }
  /** Retries used up, or an answer retrying does not fix; status undefined: no HTTP answer. */
  | { outcome: 'failed'; status?: number };

export interface AppInstaller {
  /** Throws only when no Graph token can be had (nothing any person's attempt could change). */
  install(userPrincipalName: string): Promise<AppInstallOutcome>;
}

/** A few requests a second for the whole app: far below Graph's limits, and installs are one per person. */
export const graphInstallLimits: RateLimits = {
  perConversation: [{ count: 4, windowMs: 1_000 }],
  perTenant: [{ count: 4, windowMs: 1_000 }],
};

export interface GraphAppInstallerOptions {
  /** The app's id in the tenant app catalog (TEAMS_APP_CATALOG_ID). */
  catalogAppId: string;
  token: GraphTokenProvider;
  logger: Logger;
  /** Only tests change it (a loopback stand-in). */
  baseUrl?: string;
  limits?: RateLimits;
  /** Attempts per person, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const retriedStatuses = new Set([429, 502, 503, 504]);
const pacingKey = 'graph';

export function createGraphAppInstaller(options: GraphAppInstallerOptions): AppInstaller {
  const baseUrl = (options.baseUrl ?? graphBaseUrl).replace(/\/+$/, '');
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 120_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const limiter = new RateLimiter({ limits: options.limits ?? graphInstallLimits });
  const body = JSON.stringify(installRequestBody(options.catalogAppId, baseUrl));

  const attempt = async (userPrincipalName: string): Promise<{ status?: number; retryAfterMs?: number }> => {
    const token = await options.token();
    const release = await limiter.acquire(pacingKey, pacingKey);
    try {
      const response = await fetch(
        `${baseUrl}/users/${encodeURIComponent(userPrincipalName)}/teamwork/installedApps`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        },
      );
      // The body is not needed (201 has none, errors name the user); read it so the connection is reused.
      await response.arrayBuffer().catch(() => undefined);
      const retryAfterMs = retryAfterOf(response.headers.get('retry-after'));
      if (response.status >= 400) {
        options.logger.warn('graph.app_install.answered', {
          statusCode: response.status,
          requestId: response.headers.get('request-id') ?? undefined,
        });
      }
      return { status: response.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch {
      return {};
    } finally {
      release();
    }
  };

  return {
    async install(userPrincipalName) {
      let last: number | undefined;
      for (let attemptNumber = 1; attemptNumber <= maxAttempts; attemptNumber++) {
        const { status, retryAfterMs } = await attempt(userPrincipalName);
        if (status !== undefined && status >= 200 && status < 300) return { outcome: 'installed' };
        if (status === 409) return { outcome: 'alreadyInstalled' };
        if (status === 403 || status === 404) return { outcome: 'refused', status };
        if (status !== undefined && !retriedStatuses.has(status)) return { outcome: 'failed', status };
        last = status;
        if (attemptNumber === maxAttempts) break;
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNumber - 1));
        const delay = Math.min(
          maxDelayMs,
          Math.max(retryAfterMs ?? 0, backoff / 2) + random() * (backoff / 2),
        );
        // Graph throttles the app as a whole: a 429 holds every request, not only this person's.
        if (status === 429) limiter.pauseConversation(pacingKey, delay);
        options.logger.warn('graph.app_install.retry', {
          statusCode: status,
          attempt: attemptNumber,
          delayMs: Math.round(delay),
        });
        await sleep(delay);
      }
      return { outcome: 'failed', ...(last !== undefined ? { status: last } : {}) };
    },
  };
}

/** The request's body: the catalog app, bound by its Graph URL. */
export function installRequestBody(catalogAppId: string, baseUrl: string = graphBaseUrl) {
  return {
    'teamsApp@odata.bind': `${baseUrl.replace(/\/+$/, '')}/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}`,
  };
}

/** Retry-After in seconds (what Graph sends) or as an HTTP date. */
function retryAfterOf(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
