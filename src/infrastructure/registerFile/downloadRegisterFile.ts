/**
 * Downloads a register file an admin sent in Teams. Teams hands the bot a pre-authenticated download URL, so
 * whoever can put a URL into an activity could make the bot fetch from anywhere (an internal address, a
 * metadata endpoint). The URL is therefore held to the tenant's file hosts: https on `*.sharepoint.com` and the
 * hosts an admin configured (REGISTER_DOWNLOAD_HOSTS); redirects are followed by hand and each target is held to
 * the same rule. Local mode also allows loopback http, so the flow can be tried and tested without Teams.
 * The body is read with a size limit and the whole download with a time limit.
 */

export interface DownloadPolicy {
  /** Host names allowed besides *.sharepoint.com, lower-case. */
  hosts: readonly string[];
  /** Local mode: http and https on 127.0.0.1, ::1 and localhost too. */
  allowLoopback: boolean;
}

export type DownloadProblem = 'host-not-allowed' | 'too-large' | 'failed';

export class RegisterDownloadError extends Error {
  constructor(
    readonly problem: DownloadProblem,
    /** HTTP status, when the server answered; never the URL, which carries a token. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`register download ${problem}${status === undefined ? '' : ` (${status})`}`);
    this.name = 'RegisterDownloadError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}

const maxRedirects = 3;
const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isAllowedDownloadUrl(value: string, policy: DownloadPolicy): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  if (
    policy.allowLoopback &&
    loopbackHosts.has(host) &&
    (url.protocol === 'http:' || url.protocol === 'https:')
  )
    return true;
  if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return false;
  return host.endsWith('.sharepoint.com') || policy.hosts.includes(host);
}

/** The file's bytes; throws RegisterDownloadError. */
export async function downloadRegisterFile(
  downloadUrl: string,
  policy: DownloadPolicy,
  limits: DownloadLimits,
): Promise<Uint8Array> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = downloadUrl;
  for (let redirects = 0; ; redirects++) {
    if (!isAllowedDownloadUrl(url, policy)) throw new RegisterDownloadError('host-not-allowed');
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal });
    } catch (error) {
      throw new RegisterDownloadError('failed', undefined, { cause: error });
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (location === null || redirects >= maxRedirects) {
        throw new RegisterDownloadError('failed', response.status);
      }
      url = new URL(location, url).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new RegisterDownloadError('failed', response.status);
    }
    return readLimited(response, limits.maxBytes);
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new RegisterDownloadError('too-large');
  }
  const reader = response.body?.getReader();
  if (reader === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new RegisterDownloadError('too-large');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof RegisterDownloadError) throw error;
    throw new RegisterDownloadError('failed', undefined, { cause: error });
  }
  return Buffer.concat(chunks);
}
