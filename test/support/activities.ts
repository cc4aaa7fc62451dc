import { randomUUID } from 'node:crypto';
import type { Activity, ConversationAccount } from 'botbuilder';

/** Ids shaped like the ones Teams sends, so code that parses them meets realistic input. */
export const testTenantId = '6f1c8d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
export const otherTenantId = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
export const testBotAppId = '2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d';
/** The channel's service URL: loopback, a port nobody listens on; expectReplies turns never call it. */
export const testServiceUrl = 'http://127.0.0.1:9/teams/';

export interface TestUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const testUser: TestUser = {
  id: '29:1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ',
  aadObjectId: 'b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e',
  name: 'Anna Lindström',
};

export type ConversationType = 'personal' | 'groupChat' | 'channel';

interface CommonOptions {
  from?: TestUser;
  tenantId?: string;
  locale?: string;
  conversationType?: ConversationType;
  /** Defaults to a personal chat id derived from the user. */
  conversationId?: string;
  serviceUrl?: string;
  botAppId?: string;
}

function base(options: CommonOptions): Partial<Activity> & Pick<Activity, 'recipient' | 'channelData'> {
  const from = options.from ?? testUser;
  const tenantId = options.tenantId ?? testTenantId;
  const botAppId = options.botAppId ?? testBotAppId;
  const conversationType = options.conversationType ?? 'personal';
  const conversationId =
    options.conversationId ??
    (conversationType === 'personal'
      ? `a:1${from.aadObjectId.replace(/-/g, '')}`
      : `19:${randomUUID().replace(/-/g, '')}@thread.v2`);
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? testServiceUrl,
    timestamp: new Date(),
    localTimestamp: new Date(),
    locale: options.locale ?? 'sv-SE',
    from: { id: from.id, aadObjectId: from.aadObjectId, name: from.name },
    recipient: { id: `28:${botAppId}`, name: 'Systemkollen' },
    // Teams leaves out name (and isGroup in personal chats), which botbuilder's type declares required.
    conversation: {
      id: conversationId,
      conversationType,
      tenantId,
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    } as ConversationAccount,
    channelData: {
      tenant: { id: tenantId },
      ...(conversationType === 'channel'
        ? { team: { id: '19:team@thread.tacv2' }, channel: { id: conversationId } }
        : {}),
    },
  };
}

export interface MessageOptions extends CommonOptions {
  text: string;
}

/** A message as Teams posts it to /api/messages. */
export function messageActivity(options: MessageOptions): Partial<Activity> {
  return {
    ...base(options),
    type: 'message',
    text: options.text,
    textFormat: 'plain',
    entities: clientInfo(options),
  };
}

export interface CardActionOptions extends CommonOptions {
  verb: string;
  data: unknown;
}

/** An Adaptive Card Action.Execute as Teams posts it when a button is pressed. */
export function cardActionActivity(options: CardActionOptions): Partial<Activity> {
  return {
    ...base(options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' },
    entities: clientInfo(options),
  };
}

/** The body of the bot's answer to an invoke: a card that replaces the pressed one, or a message. */
export interface InvokeResponseBody {
  statusCode: number;
  type: string;
  value: unknown;
}

function clientInfo(options: CommonOptions): Activity['entities'] {
  return [{ type: 'clientInfo', locale: options.locale ?? 'sv-SE', country: 'SE', platform: 'Web' }];
}

export interface InstallOptions extends CommonOptions {
  /** Who else arrives with the bot; by default the bot alone (a personal install). */
  alsoAdded?: TestUser[];
  /** When false, only the listed people are added: someone joins a chat the bot is already in. */
  includeBot?: boolean;
}

/** conversationUpdate with membersAdded, as Teams sends it when the app is installed. */
export function installActivity(options: InstallOptions = {}): Partial<Activity> {
  const activity = base(options);
  const members = [
    ...(options.includeBot === false ? [] : [{ id: activity.recipient.id, name: '' }]),
    ...(options.alsoAdded ?? []).map((user) => ({ id: user.id, name: '', aadObjectId: user.aadObjectId })),
  ];
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: members,
    channelData: { ...(activity.channelData as object), eventType: 'teamMemberAdded' },
  };
}
