import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testBotAppId } from './activities';

/**
 * Bot Framework signs every request to the bot with a key published in its OpenID metadata. A loopback server
 * plays that part, so the whole verification (signature, issuer, audience, service URL, endorsement) runs for
 * real without the internet. Pass `{ openIdMetadataUrl: channel.metadataUrl, tokenIssuer: channelTokenIssuer }`
 * as the bot's channel authentication.
 */
export const channelTokenIssuer = 'https://api.botframework.test';

/** How the key endpoint behaves: serves the keys, answers 503 (an outage), or never answers. */
export type KeyEndpointBehaviour = 'serving' | 'failing' | 'silent';

export interface BotFrameworkChannel {
  metadataUrl: string;
  signingKey: KeyObject;
  keyId: string;
  /** Change at any time; the bot fetches keys on its first token check (botframework-connector keeps them a day). */
  keyEndpoint: KeyEndpointBehaviour;
  /** Requests to the key endpoint so far. */
  keyRequests: number;
  close(): Promise<void>;
}

export async function startBotFrameworkChannel(): Promise<BotFrameworkChannel> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomUUID();
  const jwk = publicKey.export({ format: 'jwk' });
  const channel = { keyEndpoint: 'serving' as KeyEndpointBehaviour, keyRequests: 0 };
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/openid') {
      res.end(
        JSON.stringify({
          issuer: channelTokenIssuer,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      channel.keyRequests += 1;
      if (channel.keyEndpoint === 'silent') return;
      if (channel.keyEndpoint === 'failing') {
        res.statusCode = 503;
        res.end('{}');
        return;
      }
      res.end(JSON.stringify({ keys: [{ ...jwk, kid: keyId, use: 'sig', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(channel, {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    signingKey: privateKey,
    keyId,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A silent key endpoint holds its requests open.
        server.closeAllConnections();
      }),
  });
}

/** A channel token for the test bot, valid for an hour, signed with `key`; `claims` add or override. */
export function channelToken(key: KeyObject, keyId: string, claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: keyId })}.${encode({
    iss: channelTokenIssuer,
    aud: testBotAppId,
    nbf: now - 60,
    exp: now + 3600,
    ...claims,
  })}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}
