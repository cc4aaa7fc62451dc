/**
 * Register values and what users type are shown in TextBlocks, which Teams renders as markdown. Escaping
 * makes them plain text: a system called "*Lön* [klicka](http://x)" shows as typed, neither bold nor a link.
 *
 * Characters that mark up text anywhere in a line are always escaped: emphasis (* _ ~), code (`), the
 * backslash itself, link and image brackets ([ ]), and < > & (HTML, autolinks, entities). With [ and ] escaped
 * no link or image can form, so ( ) and ! need no escaping and names such as "Lön (gammal)" keep their look.
 * Every { is escaped too: Teams evaluates {{DATE(...)}} and {{TIME(...)}} in a TextBlock before rendering it,
 * and "\{\{" no longer reads as one, so register text cannot turn into a formatted date.
 * Characters that only mean something at the start of a line (list markers, headings, quotes, "1."
 * numbering) are escaped there only, so names such as "Barn- och utbildningsförvaltningen" or "Backup 3-2-1"
 * stay exactly as the register spells them, which is also what screen readers and tests see. Button titles
 * are plain text and are never passed through here.
 */
const anywhere = /[\\`*_~[\]<>&|{]/g;
const atLineStart = /^(\s*)([-+#>=])/;
const numberedLineStart = /^(\s*\d+)([.)])/;
const lineBreak = /\r\n|\r|\n/;
/**
 * Whether escapeMarkdown could change the text at all: a character escaped anywhere or a line break (a second
 * line can start with a marker), or a first line starting with a marker or a digit (a digit only may start
 * "1."). Most register values (names, departments, e-mail addresses) have none of these, and two tests are far
 * cheaper than splitting into lines and running three replacements. Two expressions, not one with an
 * alternative: the anchored one fails at once, where an alternation would be tried at every position.
 */
const escapedAnywhereOrLineBreak = /[\\`*_~[\]<>&|{\r\n]/;
const markerOrDigitFirst = /^\s*[-+#=\d]/;

export function escapeMarkdown(text: string): string {
  if (!escapedAnywhereOrLineBreak.test(text) && !markerOrDigitFirst.test(text)) return text;
  if (!text.includes('\n') && !text.includes('\r')) return escapeLine(text);
  return text.split(lineBreak).map(escapeLine).join('\n');
}

// Replacement patterns ($&, $1) rather than callbacks: the same result without a call per match.
function escapeLine(line: string): string {
  return line.replace(anywhere, '\\$&').replace(atLineStart, '$1\\$2').replace(numberedLineStart, '$1\\$2');
}
