import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testTenantId } from './activities';

/**
 * A loopback stand-in for the Teams service URL (Bot Connector REST API v3). It records every request and answers
 * like Teams does, can be told to fail, and can enforce Teams' documented rate limits by answering 429.
 *
 * Routes (any path prefix before /v3/ is accepted, since real service URLs carry one, e.g. /emea/):
 *   POST /v3/conversations                                     create a 1:1 conversation -> 201 { id }
 *   POST /v3/conversations/:id/activities                      send -> 201 { id }
 *   POST /v3/conversations/:id/activities/:activityId          reply -> 201 { id }
 *   PUT  /v3/conversations/:id/activities/:activityId          update -> 200 { id }
 *   GET  /v3/conversations/:id/members/:memberId               Teams member lookup -> 200 member
 *   GET  /v3/conversations/:id/members                         all members -> 200 [member]
 *   GET  /v3/conversations/:id/pagedmembers                    all members, one page -> 200 { members }
 */

export type ConnectorOperation =
  | 'createConversation'
  | 'sendActivity'
  | 'replyToActivity'
  | 'updateActivity'
  | 'getMember'
  | 'getMembers'
  | 'unknown';

/** A member as Teams returns it from a member lookup (TeamsChannelAccount). */
export interface FakeMember {
  /** The Teams user id, "29:…". */
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  givenName?: string;
  surname?: string;
  userRole?: string;
}

export interface RecordedRequest {
  /** 1-based, in the order the fake received them (failures and 429s included). */
  number: number;
  method: string;
  /** The path as received, prefix and encoding included. */
  path: string;
  operation: ConnectorOperation;
  /** Decoded. For createConversation, the id the fake answered with (if it succeeded). */
  conversationId?: string;
  activityId?: string;
  memberId?: string;
  /** The parsed JSON body, if any. */
  body?: unknown;
  /** For send, reply and update: the activity sent. */
  activity?: FakeActivity;
  /** The status the fake answered with. */
  status: number;
  /** Whether the request carried an Authorization header (its value is never kept). */
  authorized: boolean;
  /** When it arrived, from the fake's clock (ms). */
  at: number;
}

/** The parts of an activity tests look at; everything else is kept as sent. */
export interface FakeActivity {
  type?: string;
  text?: string;
  locale?: string;
  attachments?: { contentType?: string; content?: unknown }[];
  conversation?: { id?: string; tenantId?: string };
  recipient?: { id?: string; aadObjectId?: string };
  replyToId?: string;
  [field: string]: unknown;
}

export interface DeliveredMessage {
  /** The id the fake gave the activity. */
  id: string;
  conversationId: string;
  activity: FakeActivity;
  /** True once updated with PUT; activity is then the latest version. */
  updated: boolean;
  at: number;
}

export type FailureStatus = 403 | 404 | 412 | 429 | 500 | 502 | 504 | number;

export interface FailureRule {
  status: FailureStatus;
  /** Only requests about this conversation. */
  conversationId?: string;
  /** Only the request with this number (1-based over all requests the fake receives, see RecordedRequest). */
  requestNumber?: number;
  /** Only this kind of request. */
  operation?: ConnectorOperation;
  /** How many matching requests fail before the rule is used up. Default: every one (1 with requestNumber). */
  times?: number;
  /** For 429: the Retry-After header in seconds (default 1). Fractions are sent as given. */
  retryAfterSeconds?: number;
  /** Never answer (the request hangs until the fake stops), like a service URL that does not respond. */
  silent?: true;
}

export interface FailureHandle {
  /** How many requests this rule has failed so far. */
  readonly hits: number;
  remove(): void;
}

/** Teams' documented limits for bots (learn.microsoft.com, "Optimize your bot: rate limiting and best practices"). */
export interface RateLimits {
  /** Messages (send, reply, update) per conversation: [count, window ms] pairs, each must hold. */
  perConversation: readonly (readonly [number, number])[];
  /** All requests per app and tenant. */
  perAppAndTenant: readonly (readonly [number, number])[];
}

export const teamsRateLimits: RateLimits = {
  perConversation: [
    [7, 1_000],
    [60, 30_000],
    [1_800, 3_600_000],
  ],
  perAppAndTenant: [[50, 1_000]],
};

export interface FakeConnectorOptions {
  /** Answer 429 when a documented limit would be exceeded. true: Teams' limits; or give your own. Default off. */
  enforceLimits?: boolean | RateLimits;
  /** The fake's clock in ms (default Date.now); inject one to test limits without waiting. */
  now?: () => number;
  /** The service URL's path prefix, like Teams' "/emea/" (default "/teams/"). */
  pathPrefix?: string;
  /** Members known from the start; see setMember. */
  members?: FakeMember[];
}

export interface FakeConnector {
  /** http://127.0.0.1:<port><pathPrefix>, to put in conversation references and activities. */
  serviceUrl: string;
  /** Every request, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Activities delivered (2xx) to a conversation: sends and replies, in order, updates applied in place. */
  messagesTo(conversationId: string): DeliveredMessage[];
  /** Every delivered activity in every conversation, in order. */
  allMessages(): DeliveredMessage[];
  /** The 1:1 conversation id the fake hands out for a member (the same on every create, as in Teams). */
  conversationIdFor(memberId: string): string;
  /** Adds or replaces a member; with conversationIds, the member is only found in those conversations. */
  setMember(member: FakeMember, conversationIds?: readonly string[]): void;
  removeMember(memberIdOrAadObjectId: string): void;
  /** Scripts failures; the first matching rule (in the order added) decides. */
  fail(rule: FailureRule): FailureHandle;
  clearFailures(): void;
  /** Largest number of messages seen in any window of the given length, for one conversation or all. */
  peakMessages(windowMs: number, conversationId?: string): number;
  /** Largest number of requests (any kind, answered or not) in any window of the given length. */
  peakRequests(windowMs: number): number;
  stop(): Promise<void>;
}

interface ParsedRoute {
  operation: ConnectorOperation;
  conversationId?: string;
  activityId?: string;
  memberId?: string;
}

const errorCodes: Record<number, string> = {
  400: 'BadSyntax',
  403: 'ConversationBlockedByUser',
  404: 'ConversationNotFound',
  412: 'PreconditionFailed',
  429: 'Throttled',
  500: 'InternalServerError',
  502: 'BadGateway',
  504: 'GatewayTimeout',
};

function parseRoute(method: string, pathname: string): ParsedRoute {
  const v3 = pathname.indexOf('/v3/');
  if (v3 < 0) return { operation: 'unknown' };
  const segments = pathname
    .slice(v3 + 4)
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  if (segments[0] !== 'conversations') return { operation: 'unknown' };
  const [, conversationId, resource, itemId, extra] = segments;
  if (conversationId === undefined) {
    return method === 'POST' ? { operation: 'createConversation' } : { operation: 'unknown' };
  }
  if (extra !== undefined) return { operation: 'unknown', conversationId };
  if (resource === 'activities') {
    if (method === 'POST' && itemId === undefined) return { operation: 'sendActivity', conversationId };
    if (method === 'POST') return { operation: 'replyToActivity', conversationId, activityId: itemId };
    if (method === 'PUT' && itemId !== undefined) {
      return { operation: 'updateActivity', conversationId, activityId: itemId };
    }
  }
  if (method === 'GET' && resource === 'members') {
    return itemId === undefined
      ? { operation: 'getMembers', conversationId }
      : { operation: 'getMember', conversationId, memberId: itemId };
  }
  if (method === 'GET' && resource === 'pagedmembers' && itemId === undefined) {
    return { operation: 'getMembers', conversationId };
  }
  return { operation: 'unknown', conversationId };
}

const messageOperations = new Set<ConnectorOperation>(['sendActivity', 'replyToActivity', 'updateActivity']);

/** Timestamps per key; a request is allowed when every window still has room. */
class SlidingWindows {
  private readonly times = new Map<string, number[]>();
  private readonly longest: number;

  constructor(private readonly limits: readonly (readonly [number, number])[]) {
    this.longest = Math.max(0, ...limits.map(([, windowMs]) => windowMs));
  }

  /** 0 if allowed now, else the ms until the tightest window has room. */
  waitFor(key: string, now: number): number {
    const times = this.prune(key, now);
    let wait = 0;
    for (const [count, windowMs] of this.limits) {
      let inWindow = 0;
      for (let i = times.length - 1; i >= 0 && (times[i] as number) > now - windowMs; i--) inWindow++;
      if (inWindow >= count) {
        // The oldest request in the window that must leave it for one more to fit.
        const leaving = times[times.length - count] as number;
        wait = Math.max(wait, leaving + windowMs - now);
      }
    }
    return wait;
  }

  record(key: string, now: number): void {
    this.prune(key, now).push(now);
  }

  private prune(key: string, now: number): number[] {
    let times = this.times.get(key);
    if (!times) {
      times = [];
      this.times.set(key, times);
    }
    let drop = 0;
    while (drop < times.length && (times[drop] as number) <= now - this.longest) drop++;
    if (drop > 1024) times.splice(0, drop);
    else if (drop > 0 && drop === times.length) times.length = 0;
    return times;
  }
}

function peak(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[start] as number) <= (times[end] as number) - windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export async function startFakeConnector(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
  const now = options.now ?? Date.now;
  const pathPrefix = normalizePrefix(options.pathPrefix ?? '/teams/');
  const limits: RateLimits | undefined =
    options.enforceLimits === true ? teamsRateLimits : options.enforceLimits || undefined;
  const perConversation = limits ? new SlidingWindows(limits.perConversation) : undefined;
  const perApp = limits ? new SlidingWindows(limits.perAppAndTenant) : undefined;

  const requests: RecordedRequest[] = [];
  const delivered: DeliveredMessage[] = [];
  const deliveredById = new Map<string, DeliveredMessage>();
  const members = new Map<string, { member: FakeMember; conversationIds?: Set<string> }>();
  const conversationsByMember = new Map<string, string>();
  const tenantOfConversation = new Map<string, string>();
  const rules: { rule: FailureRule; hits: number; removed: boolean }[] = [];

  const setMember = (member: FakeMember, conversationIds?: readonly string[]) => {
    removeMember(member.id);
    members.set(member.id, {
      member,
      ...(conversationIds ? { conversationIds: new Set(conversationIds) } : {}),
    });
  };
  const removeMember = (memberIdOrAadObjectId: string) => {
    const key = memberIdOrAadObjectId.toLowerCase();
    for (const [id, entry] of members) {
      if (id.toLowerCase() === key || entry.member.aadObjectId.toLowerCase() === key) members.delete(id);
    }
  };
  for (const member of options.members ?? []) setMember(member);

  const findMember = (conversationId: string, memberId: string): FakeMember | undefined => {
    const key = memberId.toLowerCase();
    for (const { member, conversationIds } of members.values()) {
      if (conversationIds && !conversationIds.has(conversationId)) continue;
      if (member.id.toLowerCase() === key || member.aadObjectId.toLowerCase() === key) return member;
    }
    return undefined;
  };
  const membersOf = (conversationId: string) =>
    [...members.values()]
      .filter(({ conversationIds }) => !conversationIds || conversationIds.has(conversationId))
      .map(({ member }) => member);

  const conversationIdFor = (memberId: string): string => {
    let id = conversationsByMember.get(memberId);
    if (!id) {
      id = `a:1${Buffer.from(memberId).toString('base64url')}`;
      conversationsByMember.set(memberId, id);
    }
    return id;
  };

  const matchingRule = (number: number, route: ParsedRoute) => {
    for (const entry of rules) {
      const { rule } = entry;
      if (entry.removed) continue;
      const limit = rule.times ?? (rule.requestNumber !== undefined ? 1 : Infinity);
      if (entry.hits >= limit) continue;
      if (rule.requestNumber !== undefined && rule.requestNumber !== number) continue;
      if (rule.operation !== undefined && rule.operation !== route.operation) continue;
      if (rule.conversationId !== undefined && rule.conversationId !== route.conversationId) continue;
      return entry;
    }
    return undefined;
  };

  const tenantOf = (route: ParsedRoute, body: unknown): string => {
    const value = body as
      | {
          tenantId?: unknown;
          conversation?: { tenantId?: unknown };
          channelData?: { tenant?: { id?: unknown } };
        }
      | undefined;
    const candidates = [value?.tenantId, value?.conversation?.tenantId, value?.channelData?.tenant?.id];
    const given = candidates.find((candidate): candidate is string => typeof candidate === 'string');
    return (
      given ??
      (route.conversationId ? tenantOfConversation.get(route.conversationId) : undefined) ??
      'unknown'
    ).toLowerCase();
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = raw === '' ? undefined : JSON.parse(raw);
      } catch {
        body = raw;
      }
      const route = parseRoute(method, url.pathname);
      const at = now();
      const record: RecordedRequest = {
        number: requests.length + 1,
        method,
        path: url.pathname,
        operation: route.operation,
        ...(route.conversationId !== undefined ? { conversationId: route.conversationId } : {}),
        ...(route.activityId !== undefined ? { activityId: route.activityId } : {}),
        ...(route.memberId !== undefined ? { memberId: route.memberId } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(messageOperations.has(route.operation) ? { activity: body as FakeActivity } : {}),
        status: 0,
        authorized: typeof req.headers.authorization === 'string',
        at,
      };
      requests.push(record);

      const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
        record.status = status;
        const text = payload === undefined ? '' : JSON.stringify(payload);
        res.writeHead(status, {
          ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
          ...headers,
        });
        res.end(text);
      };
      const answerError = (status: number, headers: Record<string, string> = {}) =>
        answer(
          status,
          { error: { code: errorCodes[status] ?? 'Error', message: `fake connector answered ${status}` } },
          headers,
        );

      const scripted = matchingRule(record.number, route);
      if (scripted) {
        scripted.hits++;
        if (scripted.rule.silent) return;
        const { status, retryAfterSeconds } = scripted.rule;
        answerError(status, status === 429 ? { 'Retry-After': String(retryAfterSeconds ?? 1) } : {});
        return;
      }

      if (perApp && perConversation) {
        const tenant = tenantOf(route, body);
        let wait = perApp.waitFor(tenant, at);
        const isMessage = messageOperations.has(route.operation) && route.conversationId !== undefined;
        if (isMessage) wait = Math.max(wait, perConversation.waitFor(route.conversationId as string, at));
        if (wait > 0) {
          answerError(429, { 'Retry-After': String(Math.max(1, Math.ceil(wait / 1000))) });
          return;
        }
        perApp.record(tenant, at);
        if (isMessage) perConversation.record(route.conversationId as string, at);
      }

      handle(route, body, record, answer, answerError);
    });
  });

  function handle(
    route: ParsedRoute,
    body: unknown,
    record: RecordedRequest,
    answer: (status: number, payload?: unknown) => void,
    answerError: (status: number) => void,
  ): void {
    switch (route.operation) {
      case 'createConversation': {
        const parameters = body as { members?: { id?: unknown }[]; tenantId?: unknown } | undefined;
        const memberId = parameters?.members?.[0]?.id;
        if (typeof memberId !== 'string') {
          answerError(400);
          return;
        }
        const id = conversationIdFor(memberId);
        record.conversationId = id;
        if (typeof parameters?.tenantId === 'string') tenantOfConversation.set(id, parameters.tenantId);
        answer(201, { id });
        return;
      }
      case 'sendActivity':
      case 'replyToActivity': {
        const id = `1:${randomUUID()}`;
        const message: DeliveredMessage = {
          id,
          conversationId: route.conversationId as string,
          activity: (body ?? {}) as FakeActivity,
          updated: false,
          at: record.at,
        };
        delivered.push(message);
        deliveredById.set(id, message);
        answer(201, { id });
        return;
      }
      case 'updateActivity': {
        const message = deliveredById.get(route.activityId as string);
        if (!message || message.conversationId !== route.conversationId) {
          answerError(404);
          return;
        }
        message.activity = (body ?? {}) as FakeActivity;
        message.updated = true;
        answer(200, { id: message.id });
        return;
      }
      case 'getMember': {
        const member = findMember(route.conversationId as string, route.memberId as string);
        if (!member) {
          answer(404, { error: { code: 'MemberNotFoundInConversation', message: 'member not found' } });
          return;
        }
        // Teams names every member's home tenant and role; a member set without them is one of the test tenant.
        answer(200, { tenantId: testTenantId, userRole: 'user', ...member });
        return;
      }
      case 'getMembers': {
        const list = membersOf(route.conversationId as string);
        answer(200, record.path.includes('/pagedmembers') ? { members: list } : list);
        return;
      }
      default:
        answerError(404);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}${pathPrefix}`,
    requests,
    messagesTo: (conversationId) => delivered.filter((message) => message.conversationId === conversationId),
    allMessages: () => [...delivered],
    conversationIdFor,
    setMember,
    removeMember,
    fail(rule) {
      const entry = { rule, hits: 0, removed: false };
      rules.push(entry);
      return {
        get hits() {
          return entry.hits;
        },
        remove() {
          entry.removed = true;
        },
      };
    },
    clearFailures() {
      for (const entry of rules) entry.removed = true;
    },
    peakMessages(windowMs, conversationId) {
      const times = requests
        .filter(
          (r) =>
            messageOperations.has(r.operation) &&
            r.status >= 200 &&
            r.status < 300 &&
            (conversationId === undefined || r.conversationId === conversationId),
        )
        .map((r) => r.at);
      return peak(times, windowMs);
    },
    peakRequests(windowMs) {
      return peak(
        requests.map((r) => r.at),
        windowMs,
      );
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function normalizePrefix(prefix: string): string {
  const withLeading = prefix.startsWith('/') ? prefix : `/${prefix}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}
