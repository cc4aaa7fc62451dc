import { z } from 'zod';

/**
 * The fields botbuilder and teams-ai read before any of our code runs, with the types they assume. botbuilder
 * checks no more than that the body is an object; a serviceUrl that is not text, or a type that is missing,
 * throws inside the SDK and would come out as a 500, and teams-ai fails every turn without a channel, bot,
 * conversation and sender id. Teams always sends all of them, so anything else is a malformed request: 400. Unknown fields pass, and what a feature reads (card data, the text's meaning) is
 * checked by that feature.
 */
const text = z.string().nullish();
const id = z.string().min(1);
const member = z.object({ id: text, aadObjectId: text, name: text, role: text }).passthrough();
// teams-ai keys turn state by channel, bot, conversation and sender, and refuses a turn without any of them;
// without a service URL botbuilder sends the answer to its default endpoint and retries for seconds, and a
// reference to any other kind of URL would be kept for reminders.
const party = member.extend({ id });

const activityShape = z
  .object({
    type: z.string().min(1).max(100),
    id: text,
    name: text,
    text,
    channelId: id,
    serviceUrl: z.string().refine(isHttpUrl),
    locale: text,
    action: text,
    deliveryMode: text,
    replyToId: text,
    textFormat: text,
    from: party,
    recipient: party,
    conversation: z
      .object({ id, tenantId: text, conversationType: text, isGroup: z.boolean().nullish() })
      .passthrough(),
    channelData: z
      .object({ tenant: z.object({ id: text }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    entities: z.array(z.object({ type: text }).passthrough()).nullish(),
    attachments: z.array(z.object({ contentType: text }).passthrough()).nullish(),
    membersAdded: z.array(member).nullish(),
    membersRemoved: z.array(member).nullish(),
  })
  .passthrough();

/** Whether a parsed /api/messages body has the shape the SDK takes for granted. */
export function hasActivityShape(body: Record<string, unknown>): boolean {
  return activityShape.safeParse(body).success;
}

function isHttpUrl(value: string): boolean {
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
