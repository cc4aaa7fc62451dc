import { ActivityTypes, INVOKE_RESPONSE_KEY, type Activity, type TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationError } from 'botframework-connector';
import type { BotCredentials } from '../config';
import { StorageUnavailableError } from '../domain/errors';
import { errorFields, type Logger } from '../shared/logger';
import { withTimeout } from '../shared/withTimeout';
import { say } from '../texts';
import { botTexts } from '../texts/bot';
import { languageOfActionData } from './cards/verbs';
import { reuseTurnClients, type TurnClientCaches } from './clientCache';
import { silenceTokenVerifierConsole } from './connectorConsole';
import { TimedConnectorFactory } from './connectorTimeout';
import { createRefusalLog } from './refusalLog';
import { languageOfMessage } from './language';

/**
 * Where tokens from the channel are verified. Production always uses Bot Framework's public endpoints; this
 * exists so tests can serve their own OpenID metadata and keys on loopback. It is deliberately not reachable
 * from configuration.
 */
export interface ChannelAuthenticationEndpoints {
  openIdMetadataUrl: string;
  tokenIssuer: string;
}

export interface AdapterOptions {
  /** Undefined: local mode, authentication off. */
  credentials: BotCredentials | undefined;
  /** Lower-cased tenant ids; undefined serves every tenant. */
  allowedTenantIds: readonly string[] | undefined;
  logger: Logger;
  channelAuthentication?: ChannelAuthenticationEndpoints;
  /** Connector and user-token clients kept for reuse across turns; without them each turn builds its own. */
  clientCaches?: TurnClientCaches;
  /** Longest waits on Bot Framework; defaults in defaultBotFrameworkTimeouts. */
  timeouts?: Partial<BotFrameworkTimeouts>;
}

export interface BotFrameworkTimeouts {
  /** A token check, the OpenID metadata and key fetch included. */
  verifierMs: number;
  /** One request through the Bot Connector: replies, member lookups and proactive sends (reminders). */
  connectorMs: number;
}

/**
 * Teams waits about 15 s for an answer; a token check or a send that takes longer than these is not coming, and a
 * slow service URL must not hold the request (or a reminder run) for minutes.
 */
export const defaultBotFrameworkTimeouts: BotFrameworkTimeouts = { verifierMs: 5_000, connectorMs: 10_000 };

/**
 * The token could not be checked because the verifier's own dependency (Bot Framework's OpenID metadata or
 * keys) failed or did not answer in time: answered 503, which Teams retries, unlike 401.
 */
export class ChannelVerifierUnavailableError extends Error {
  constructor(options?: ErrorOptions) {
    super('The Bot Framework token verifier is unavailable.', options);
    this.name = 'ChannelVerifierUnavailableError';
  }
}

export function createAdapter(options: AdapterOptions): SystemkollenAdapter {
  const adapter = new SystemkollenAdapter(
    {
      ...credentialSettings(options.credentials),
      ...(options.channelAuthentication ? endpointSettings(options.channelAuthentication) : {}),
    },
    options.logger,
    options.clientCaches,
    options.timeouts,
  );
  if (options.allowedTenantIds) adapter.use(tenantFilter(options.allowedTenantIds, options.logger));
  adapter.onTurnError = turnErrorHandler(options.logger);
  return adapter;
}

/**
 * botframework-connector lets the verifier's own errors through for a token whose signature or validity dates
 * are wrong (jsonwebtoken's JsonWebTokenError, NotBeforeError), and CloudAdapter answers those with 500 as if
 * the fault were ours. A forged token is the caller's fault: 401, like every other refused token
 * (test/bot/authentication.test.ts). reuseTurnClients wraps authenticateRequest again; the two wrappers commute
 * (this one maps errors and passes results through, that one passes errors through and wraps results), so their
 * order does not matter.
 */
export class SystemkollenAdapter extends TeamsAdapter {
  constructor(
    settings: Record<string, string>,
    logger: Logger,
    clientCaches?: TurnClientCaches,
    timeouts: Partial<BotFrameworkTimeouts> = {},
  ) {
    super(settings);
    const { verifierMs: timeoutMs, connectorMs } = { ...defaultBotFrameworkTimeouts, ...timeouts };
    silenceTokenVerifierConsole();
    const refusals = createRefusalLog(logger, 'auth.request_refused');
    const authentication = this.botFrameworkAuthentication;
    const authenticate = authentication.authenticateRequest.bind(authentication);
    authentication.authenticateRequest = async (activity, authHeader) => {
      try {
        const result = await withTimeout(
          authenticate(activity, authHeader),
          timeoutMs,
          () => new ChannelVerifierUnavailableError({ cause: new Error(`no answer in ${timeoutMs} ms`) }),
        );
        if (!result.connectorFactory) return result;
        return {
          ...result,
          connectorFactory: new TimedConnectorFactory(result.connectorFactory, connectorMs),
        };
      } catch (error) {
        if (isRefusedToken(error)) {
          refusals.refused({ ...activityIds(activity), ...errorFields(error) });
          if (error instanceof AuthenticationError) throw error;
          throw new AuthenticationError('Unauthorized. Token verification failed.', 401);
        }
        logger.error('auth.verifier_unavailable', {
          ...activityIds(activity),
          ...errorFields(error instanceof ChannelVerifierUnavailableError ? error.cause : error),
        });
        throw error instanceof ChannelVerifierUnavailableError
          ? error
          : new ChannelVerifierUnavailableError({ cause: error });
      }
    };
    // Proactive turns (reminders) get their clients here.
    const createConnectorFactory = authentication.createConnectorFactory.bind(authentication);
    authentication.createConnectorFactory = (claimsIdentity) =>
      new TimedConnectorFactory(createConnectorFactory(claimsIdentity), connectorMs);
    if (clientCaches) reuseTurnClients(authentication, clientCaches);
  }

  /**
   * Runs one activity that server.ts has already read and checked (readJsonBody, hasActivityShape): what
   * CloudAdapter.process does after its own checks, without them. Those build zod schemas anew on every request
   * and walk the whole activity with them, and check no more than ours did: going through process() instead cost
   * 16 % and 29 % more CPU per request in two `npm run bench` A/B runs (bench/README.md, "The speed layer"), so
   * this copy of its last steps stays. The rest is process()'s: timestamps as Dates, authentication, the turn,
   * and the invoke response (or the replies of an expectReplies request) as status and body; a refused token is
   * 401, anything else thrown 500. The error is returned rather than printed, as process() would, so that only
   * its class and code reach our log.
   */
  async processCheckedActivity(
    activity: Activity,
    authorization: string,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<ChannelResponse> {
    timestampsAsDates(activity);
    try {
      const invokeResponse = await this.processActivity(authorization, activity, logic);
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (error) {
      return { status: statusOf(error), error };
    }
  }
}

const tokenVerificationErrors = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The caller's fault: a token the verifier looked at and refused. botframework-connector also throws its
 * AuthenticationError with status 500 when it could not load the OpenID metadata or keys; that, a network error
 * or no answer in time is the verifier's own fault, not the token's.
 */
function isRefusedToken(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode >= 400 && error.statusCode < 500;
  return error instanceof Error && tokenVerificationErrors.has(error.name);
}

function statusOf(error: unknown): number {
  if (error instanceof AuthenticationError) return 401;
  if (error instanceof ChannelVerifierUnavailableError) return 503;
  return 500;
}

/** What the channel gets back for one posted activity: a status, and for invokes and expectReplies a body. */
export interface ChannelResponse {
  status: number;
  body?: unknown;
  /** Why the activity was refused (401) or failed (500); for the log, never for the response. */
  error?: unknown;
}

/** As botbuilder's validateAndFixActivity (not exported), which process() applies: the SDK reads these as Dates. */
function timestampsAsDates(activity: Activity): void {
  const fields = activity as unknown as Record<string, unknown>;
  if (typeof fields.timestamp === 'string') {
    fields.rawTimestamp = fields.timestamp;
    fields.timestamp = new Date(fields.timestamp);
  }
  if (typeof fields.expiration === 'string') {
    fields.rawExpiration = fields.expiration;
    fields.expiration = new Date(fields.expiration);
  }
  if (typeof fields.localTimestamp === 'string') {
    fields.rawLocalTimestamp = fields.localTimestamp;
    fields.localTimestamp = new Date(fields.localTimestamp);
  }
}

function credentialSettings(credentials: BotCredentials | undefined): Record<string, string> {
  if (!credentials) return {};
  return {
    MicrosoftAppId: credentials.appId,
    MicrosoftAppType: credentials.type,
    ...(credentials.tenantId ? { MicrosoftAppTenantId: credentials.tenantId } : {}),
    ...(credentials.password ? { MicrosoftAppPassword: credentials.password } : {}),
  };
}

// Giving any endpoint makes botframework-connector take all of them as given, so the outbound ones are the
// public cloud's values.
function endpointSettings(endpoints: ChannelAuthenticationEndpoints): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
  };
}

/** The tenant an activity comes from, as Teams states it; lower-cased. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = fromConversation ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
  return tenantId?.toLowerCase();
}

/**
 * Adapter middleware, so it runs before the Application and any state is read: an activity from a tenant not
 * in the list (or stating no tenant) ends here, without a reply (an invoke with 403).
 */
function tenantFilter(allowedTenantIds: readonly string[], logger: Logger) {
  const allowed = new Set(allowedTenantIds.map((id) => id.toLowerCase()));
  return async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
    const tenantId = tenantOf(context.activity);
    if (tenantId !== undefined && allowed.has(tenantId)) {
      await next();
      return;
    }
    logger.warn('activity.dropped.tenant_not_allowed', {
      ...activityIds(context.activity),
      tenantId: tenantId ?? 'none',
    });
    // An invoke left without an answer becomes botbuilder's 501, as if the fault were ours.
    if (context.activity.type === ActivityTypes.Invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
    }
  };
}

/**
 * The ids that identify a turn in logs; never text, names or e-mail addresses. Before authentication they are
 * whatever the caller sent, so only short strings are kept.
 */
export function activityIds(activity: Partial<Activity>) {
  const id = (value: unknown) => (typeof value === 'string' ? value.slice(0, 128) : undefined);
  return {
    activityId: id(activity.id),
    activityType: id(activity.type),
    conversationId: id(activity.conversation?.id),
  };
}

/**
 * Last line of defence for a turn: the user gets a polite answer in their language, the log gets ids and the
 * error's class and code. Never the error's message or stack: SDK messages can echo request content.
 */
function turnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    logger.error('turn.failed', { ...activityIds(context.activity), ...errorFields(error) });
    const text = isStorageUnavailable(error) ? botTexts.storageUnavailable : botTexts.somethingWentWrong;
    try {
      if (isUnansweredCardAction(context)) {
        // Without an invoke response botbuilder answers 501 and Teams shows a generic error on the card; a
        // message response shows the text and leaves the card as it was, so the step can be sent again.
        const lang = languageOfActionData(context.activity.value?.action?.data);
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: invokeMessageType, value: say(lang, text) } },
        });
        return;
      }
      // Only messages get a text answer; for events and installs a message out of nowhere would confuse.
      if (context.activity.type !== ActivityTypes.Message) return;
      await context.sendActivity(say(languageOfMessage(context.activity.text), text));
    } catch (sendError) {
      logger.error('turn.error_reply_failed', {
        ...activityIds(context.activity),
        ...errorFields(sendError),
      });
    }
  };
}

const invokeMessageType = 'application/vnd.microsoft.activity.message';

/** An Action.Execute press not answered yet: a handler that failed after answering must not answer twice. */
function isUnansweredCardAction(context: TurnContext): boolean {
  return (
    context.activity.type === ActivityTypes.Invoke &&
    context.activity.name === 'adaptiveCard/action' &&
    context.turnState.get(INVOKE_RESPONSE_KEY) === undefined
  );
}

function isStorageUnavailable(error: unknown): boolean {
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth++
  ) {
    if (current instanceof StorageUnavailableError) return true;
  }
  return false;
}
