/**
 * Register values and what users type are shown in TextBlocks, which Teams renders as markdown. Escaping
 * makes them plain text: a system called "*Lön* [klicka](http://x)" shows as typed, neither bold nor a link.
 *
 * Characters that mark up text anywhere in a line are always escaped: emphasis (* _ ~), code (`), the
 * backslash itself, link and image brackets ([ ]), and < > & (HTML, autolinks, entities). With [ and ] escaped
 * no link or image can form, so ( ) and ! need no escaping and names such as "Lön (gammal)" keep their look.
 * Characters that only mean something at the start of a line (list markers, headings, quotes, "1."
 * numbering) are escaped there only, so names such as "Barn- och utbildningsförvaltningen" or "Backup 3-2-1"
 * stay exactly as the register spells them, which is also what screen readers and tests see. Button titles
 * are plain text and are never passed through here.
 */
const anywhere = /[\\`*_~[\]<>&|]/g;
const atLineStart = /^(\s*)([-+#>=])/;
const numberedLineStart = /^(\s*\d+)([.)])/;

export function escapeMarkdown(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(anywhere, (character) => `\\${character}`)
        .replace(atLineStart, (_whole, space: string, marker: string) => `${space}\\${marker}`)
        .replace(numberedLineStart, (_whole, number: string, marker: string) => `${number}\\${marker}`),
    )
    .join('\n');
}
