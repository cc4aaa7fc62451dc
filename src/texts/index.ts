/**
 * Every text a user sees lives under src/texts/, one catalogue per feature, Swedish first.
 * A catalogue is a plain object of `{ sv, en }` pairs; `say` picks the language and fills `{placeholders}`.
 */
export type Lang = 'sv' | 'en';

export type Text = Readonly<Record<Lang, string>>;

export type TextParams = Readonly<Record<string, string | number>>;

export function say(lang: Lang, text: Text, params: TextParams = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
