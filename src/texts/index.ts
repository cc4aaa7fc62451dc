/**
 * Every text a user sees lives under src/texts/, one catalogue per feature, Swedish first.
 * A catalogue is a plain object of `{ sv, en }` pairs; `say` picks the language and fills `{placeholders}`.
 */
import type { Lang } from '../shared/lang';

export type { Lang };

export type Text = Readonly<Record<Lang, string>>;

export type TextParams = Readonly<Record<string, string | number>>;

const noParams: TextParams = Object.freeze({});
const placeholder = /\{(\w+)\}/g;

/** The text in the language, each `{name}` that params has as its own key replaced; other braces stay. */
export function say(lang: Lang, text: Text, params: TextParams = noParams): string {
  const template = text[lang];
  // Most texts have no placeholder, and an answer says several.
  if (!template.includes('{')) return template;
  return template.replace(placeholder, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The form for one, or the form for any other number with `{count}` filled in: "1 system", "3 systems". */
export function sayCount(lang: Lang, count: number, one: Text, many: Text): string {
  return count === 1 ? say(lang, one) : say(lang, many, { count });
}
