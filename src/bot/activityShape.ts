/**
 * The fields botbuilder and teams-ai read before any of our code runs, with the types they assume. botbuilder
 * checks no more than that the body is an object; a serviceUrl that is not text, or a type that is missing,
 * throws inside the SDK and would come out as a 500, and teams-ai fails every turn without a channel, bot,
 * conversation and sender id. Teams always sends all of them, so anything else is a malformed request: 400.
 * Unknown fields pass, and what a feature reads (card data, the text's meaning) is checked by that feature.
 *
 * Written out by hand rather than as a schema because it runs on every request and must not copy the activity;
 * test/bot/activityShape.test.ts holds the same rules as a zod schema and checks that both always agree.
 */
export function hasActivityShape(body: Record<string, unknown>): boolean {
  return (
    typeof body.type === 'string' &&
    body.type.length >= 1 &&
    body.type.length <= 100 &&
    optionalTexts(body, activityTexts) &&
    isId(body.channelId) &&
    typeof body.serviceUrl === 'string' &&
    isHttpUrl(body.serviceUrl) &&
    // teams-ai keys turn state by channel, bot, conversation and sender, and refuses a turn without any of them;
    // without a service URL botbuilder sends the answer to its default endpoint and retries for seconds, and a
    // reference to any other kind of URL would be kept for reminders.
    isParty(body.from) &&
    isParty(body.recipient) &&
    isConversation(body.conversation) &&
    isNullish(body.channelData, isChannelData) &&
    isNullish(body.entities, (value) => isArrayOf(value, (item) => isObjectWithText(item, 'type'))) &&
    isNullish(body.attachments, (value) =>
      isArrayOf(value, (item) => isObjectWithText(item, 'contentType')),
    ) &&
    isNullish(body.membersAdded, (value) => isArrayOf(value, isMember)) &&
    isNullish(body.membersRemoved, (value) => isArrayOf(value, isMember))
  );
}

const activityTexts = ['id', 'name', 'text', 'locale', 'action', 'deliveryMode', 'replyToId', 'textFormat'];
const memberTexts = ['aadObjectId', 'name', 'role'];

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNullish(value: unknown, otherwise: (value: unknown) => boolean): boolean {
  return value === undefined || value === null || otherwise(value);
}

function isOptionalText(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'string';
}

function optionalTexts(fields: Fields, names: readonly string[]): boolean {
  for (const name of names) if (!isOptionalText(fields[name])) return false;
  return true;
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1;
}

function isMember(value: unknown): boolean {
  return isObject(value) && isOptionalText(value.id) && optionalTexts(value, memberTexts);
}

function isParty(value: unknown): boolean {
  return isObject(value) && isId(value.id) && optionalTexts(value, memberTexts);
}

function isConversation(value: unknown): boolean {
  return (
    isObject(value) &&
    isId(value.id) &&
    isOptionalText(value.tenantId) &&
    isOptionalText(value.conversationType) &&
    isNullish(value.isGroup, (isGroup) => typeof isGroup === 'boolean')
  );
}

function isChannelData(value: unknown): boolean {
  return isObject(value) && isNullish(value.tenant, (tenant) => isObjectWithText(tenant, 'id'));
}

function isObjectWithText(value: unknown, field: string): boolean {
  return isObject(value) && isOptionalText(value[field]);
}

function isArrayOf(value: unknown, item: (value: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  // By index, not every(): every() skips the holes of a sparse array, which are undefined and so not an item.
  for (let index = 0; index < value.length; index++) if (!item(value[index])) return false;
  return true;
}

function isHttpUrl(value: string): boolean {
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
