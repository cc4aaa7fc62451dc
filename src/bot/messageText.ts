import type { Activity } from 'botbuilder';

/**
 * The words a person typed, from a Teams message's `text`. Teams sends HTML there: formatting (`<p>`,
 * `<strong>`), mentions (`<at>`, removed earlier by teams-ai) and, when someone shares a card from a message
 * extension, only the compose-card markup (`<span class="inline-compose-card" …>`). Typed `<` and `&` arrive
 * as entities, so every tag is markup and can go.
 */
export function typedTextOf(activity: Pick<Partial<Activity>, 'text'>): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  const known = typedTexts.get(activity);
  if (known?.text === text) return known.typed;
  const typed = decodeEntities(text.replace(/<\/?[a-z][^<>]*>/gi, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  typedTexts.set(activity, { text, typed });
  return typed;
}

/**
 * The input guard, the attachments check and the answer each read the typed text of the same message: it is
 * worked out once per activity. Kept with the text it came from, since teams-ai rewrites the text (mentions).
 */
const typedTexts = new WeakMap<object, { text: string; typed: string }>();

/** A message with no words of its own, only attachments: a card shared into the chat, a file, an image. */
export function isAttachmentsOnly(activity: Pick<Partial<Activity>, 'text' | 'attachments'>): boolean {
  return typedTextOf(activity) === '' && (activity.attachments?.length ?? 0) > 0;
}

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return codePoint(parseInt(body.slice(2), 16), entity);
    if (body.startsWith('#')) return codePoint(parseInt(body.slice(1), 10), entity);
    return namedEntities[body.toLowerCase()] ?? entity;
  });
}

function codePoint(value: number, original: string): string {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : original;
}
