import type { Lang } from '../../domain/answers';
import { say } from '../../texts';
import { answerTexts } from '../../texts/answers';
import { escapeMarkdown } from './markdown';

/** A button that opens a Teams chat with someone. */
export interface ChatButtonView {
  /** Plain text (button titles are not markdown). */
  title: string;
  url: string;
}

/** A person on a card. `name` and `email` are escaped for TextBlock markdown. */
export interface PersonView {
  name: string;
  email?: string;
  /** Only when the register gives an e-mail address. */
  chat?: ChatButtonView;
}

/** Teams' deep link to a one-to-one chat with the address given. */
export function teamsChatUrl(email: string): string {
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(email)}`;
}

export function personView(lang: Lang, person: { name: string; email?: string }): PersonView {
  const name = person.name.trim() !== '' ? person.name : (person.email ?? '');
  if (!person.email) return { name: escapeMarkdown(name) };
  return {
    name: escapeMarkdown(name),
    email: escapeMarkdown(person.email),
    chat: { title: say(lang, answerTexts.chatWith, { name }), url: teamsChatUrl(person.email) },
  };
}

/** "Per Nordin (per.nordin@kommun.se)", for the plain-text answer. */
export function personText(person: { name: string; email?: string }): string {
  if (!person.email) return person.name;
  if (person.name.trim() === '' || person.name === person.email) return person.email;
  return `${person.name} (${person.email})`;
}

/** The first `limit` items and how many were left out. */
export function cut<T>(items: readonly T[], limit: number): { shown: T[]; hidden: number } {
  return { shown: items.slice(0, limit), hidden: Math.max(0, items.length - limit) };
}

/** "och 3 till" / "and 3 more"; undefined when nothing was left out. */
export function moreText(lang: Lang, hidden: number): string | undefined {
  return hidden > 0 ? say(lang, answerTexts.andMore, { count: hidden }) : undefined;
}

/** Names for the plain-text answer, cut like the card: "A, B, C och 12 till". */
export function namesText(lang: Lang, names: readonly string[], limit: number): string {
  const { shown, hidden } = cut(names, limit);
  const more = moreText(lang, hidden);
  return more ? `${shown.join(', ')} ${more}` : shown.join(', ');
}
