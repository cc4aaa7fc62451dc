/**
 * Where proactive messages may go. A conversation reference's service URL came from an activity; in production
 * only https URLs on the Bot Framework's and Teams' own hosts are used, so a forged or stale reference can never
 * make the bot send its token (and people's data) elsewhere.
 *
 * Hosts: *.botframework.com (the Bot Connector), smba.trafficmanager.net (Teams, public cloud: /emea/, /amer/,
 * /apac/, /teams/ …) and the Teams service URLs of the US government clouds (GCC, GCC High, DoD).
 */
const exactHosts = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);
const hostSuffixes = ['.botframework.com'];

export function isBotFrameworkServiceUrl(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  if (url.port !== '' && url.port !== '443') return false;
  const host = url.hostname.toLowerCase();
  return exactHosts.has(host) || hostSuffixes.some((suffix) => host.endsWith(suffix));
}

/** Production: Bot Framework hosts over https only. Elsewhere any http(s) URL (loopback fakes, the Playground). */
export function mayUseServiceUrl(serviceUrl: string, production: boolean): boolean {
  if (production) return isBotFrameworkServiceUrl(serviceUrl);
  try {
    const { protocol } = new URL(serviceUrl);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
