/**
 * Folding and tokenising shared by the register index and the question parser. Both sides go through the
 * same functions, so "Förvaltning", "forvaltning" and "FÖRVALTNING" meet as the same token.
 */

// Letters that Unicode decomposition leaves alone but people type as plain ASCII.
const unDecomposable: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  ß: 'ss',
  œ: 'oe',
  đ: 'd',
  ł: 'l',
  þ: 'th',
};

/**
 * `fold` as a chain of whole-text passes: the definition, kept for the characters the table below does not
 * cover, and to build that table from.
 */
function foldByPasses(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæßœđłþ]/g, (letter) => unDecomposable[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Below this code every character folds on its own, whatever stands around it: Latin letters, digits and
 * punctuation, and the modifier letters before the combining marks (U+0300), which change the letter before
 * them. Case, decomposition and the marks dropped act character by character there, so folding a text is
 * folding its characters, separators run together.
 */
const tableLimit = 0x300;
const space = 0x20;
/** Per character: the one letter or digit it folds to, `separator`, or `several` (see `foldedChars`). */
const foldedCode = new Int32Array(tableLimit);
const separator = -1;
const several = -2;
/** Per character folding to more than one (ß -> ss, ½ -> 1 2): its folded letters, spaces as separators. */
const foldedChars: string[] = [];

for (let code = 0; code < tableLimit; code++) {
  const alone = String.fromCharCode(code);
  // Padded, so that the separators the character folds to at its edges survive the trim.
  const folded = foldByPasses(`a${alone}a`).slice(1, -1);
  if (folded.length === 1 && folded !== ' ') foldedCode[code] = folded.charCodeAt(0);
  else if (folded === '' || folded === ' ') foldedCode[code] = separator;
  else {
    foldedCode[code] = several;
    foldedChars[code] = folded;
  }
}

// Folded characters are gathered here before becoming a string; reused, as questions are short.
let foldBuffer = new Uint16Array(256);
let foldLength = 0;
let foldSeparatorPending = false;

function pushFolded(code: number, keepSpaces: boolean): void {
  if (foldSeparatorPending) {
    foldSeparatorPending = false;
    if (keepSpaces && foldLength > 0) pushCode(space);
  }
  pushCode(code);
}

function pushCode(code: number): void {
  if (foldLength === foldBuffer.length) {
    const grown = new Uint16Array(foldBuffer.length * 2);
    grown.set(foldBuffer);
    foldBuffer = grown;
  }
  foldBuffer[foldLength++] = code;
}

/**
 * Folds in one pass over the text through the table, without the intermediate strings of the passes;
 * undefined when a character lies beyond the table. With `keepSpaces` false the words are run together
 * (`compact`). Gives back `text` itself when it is folded already.
 */
function foldInOnePass(text: string, keepSpaces: boolean): string | undefined {
  foldLength = 0;
  foldSeparatorPending = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= tableLimit) return undefined;
    const folded = foldedCode[code]!;
    if (folded >= 0) pushFolded(folded, keepSpaces);
    else if (folded === separator) foldSeparatorPending = true;
    else {
      const chars = foldedChars[code]!;
      for (let k = 0; k < chars.length; k++) {
        const charCode = chars.charCodeAt(k);
        if (charCode === space) foldSeparatorPending = true;
        else pushFolded(charCode, keepSpaces);
      }
    }
  }
  if (foldLength === text.length && sameAsBuffer(text)) return text;
  return stringFromBuffer();
}

function sameAsBuffer(text: string): boolean {
  for (let i = 0; i < foldLength; i++) if (foldBuffer[i] !== text.charCodeAt(i)) return false;
  return true;
}

function stringFromBuffer(): string {
  const chunk = 4096;
  let result = '';
  for (let start = 0; start < foldLength; start += chunk) {
    const end = Math.min(foldLength, start + chunk);
    result += String.fromCharCode.apply(null, foldBuffer.subarray(start, end) as unknown as number[]);
  }
  return result;
}

/** Lower-case ASCII letters and digits separated by single spaces: "Barn- och Utbildning!" -> "barn och utbildning". */
export function fold(text: string): string {
  return foldInOnePass(text, true) ?? foldByPasses(text);
}

/** The folded words of a text: "Office-365 (Plus)" -> ["office", "365", "plus"]. */
export function tokenize(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

/** The folded text without any separators, so "Office 365", "office-365" and "Office365" are one key. */
export function compact(text: string): string {
  return foldInOnePass(text, false) ?? foldByPasses(text).replace(/ /g, '');
}

/** The digits of a token in order ("w3d3" -> "33"): typing errors may touch letters, never a version number. */
export function digitsOf(token: string): string {
  let digits = '';
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits += token[i];
  }
  return digits;
}

/**
 * How many typing errors a word of this length may carry and still be recognised. Short words get none, so
 * "ppt" does not match every three-letter name; long words get two.
 */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

// Definite and plural endings (-en, -et, -na, -er, -ar, -or, -erna, -arna ...), longest first.
const inflectionSuffixes = [
  'arnas',
  'ernas',
  'ornas',
  'arna',
  'erna',
  'orna',
  'ens',
  'ets',
  'en',
  'et',
  'na',
  'ar',
  'er',
  'or',
];

/** The endings by their last letter, longest first still: a word is only tried against those it could have. */
const inflectionSuffixesByLastLetter = new Map<string, string[]>();
for (const suffix of inflectionSuffixes) {
  const last = suffix[suffix.length - 1]!;
  inflectionSuffixesByLastLetter.set(last, [...(inflectionSuffixesByLastLetter.get(last) ?? []), suffix]);
}

/**
 * Strips one Swedish definite or plural ending, keeping at least four letters: "förvaltningen" -> "forvaltning",
 * "nämnden" -> "namnd". Conservative, because it is applied to names, where a wrong cut joins two systems.
 */
export function stripInflection(word: string): string {
  if (word.length < 6) return word;
  const suffixes = inflectionSuffixesByLastLetter.get(word[word.length - 1]!);
  if (suffixes === undefined || /[0-9]/.test(word)) return word;
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

const stemSuffixes = [...inflectionSuffixes, 'ande', 'ende', 'an', 'a', 'e', 's'];

/**
 * Latin nouns in -ium, -eum and -trum drop -um when Swedish inflects them (diarium -> diariet, diarier;
 * museum -> museet; centrum -> centret), so their stem is the word without it, as the inflected forms'
 * stems already are. Other -um words keep it in every form (datum -> datumet, forum -> forumet, klassrum ->
 * klassrummet), so they are left whole: cutting them would only make "datum" meet "data". A genitive -s
 * comes off with it.
 */
const latinUmEnding = /(?<=[ie]|tr)ums?$/;

/**
 * A light Swedish stem for words in descriptions: also drops a final vowel or -s so that "lön", "löne-" and
 * "lönen" meet ("lone" -> "lon"). Too aggressive for names; used for description words only.
 */
export function stem(word: string): string {
  if (word.length < 4 || /[0-9]/.test(word)) return word;
  // A genitive -s after a definite ending: "kulturskolans" is "kulturskolan"'s, "bygglovets" is "bygglovet"'s.
  if (word.length >= 7 && word.endsWith('s') && definiteBeforeGenitive.test(word))
    return stem(word.slice(0, -1));
  const latin = latinUmEnding.exec(word);
  if (latin && word.length - latin[0].length >= 3) return withoutLooseR(word.slice(0, -latin[0].length));
  for (const suffix of stemSuffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const cut = word.slice(0, -suffix.length);
      // What is left after a definite or plural ending is a base form, whose own -s goes too: "webbplatsen"
      // meets "webbplats" (both "webbplat"). Not a final vowel: "museet" is "muse", as "museum" is.
      const base =
        inflectionSuffixSet.has(suffix) && cut.length >= 4 && cut.endsWith('s') ? cut.slice(0, -1) : cut;
      return withoutLooseR(base);
    }
  }
  return word;
}

const inflectionSuffixSet = new Set(inflectionSuffixes);
const definiteBeforeGenitive = /(?:an|en|et|na)s$/;
const vowels = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/**
 * A stem never ends in a consonant and r: an -er noun loses its e before an ending, so "registret" and
 * "register" meet only as "regist", and "centret", "centrum", "centra" and "center" as "cent".
 */
function withoutLooseR(stemmed: string): string {
  const length = stemmed.length;
  if (length >= 4 && stemmed[length - 1] === 'r' && !vowels.has(stemmed[length - 2]!)) {
    return stemmed.slice(0, -1);
  }
  return stemmed;
}

// Spellings that sound alike to a Swedish ear, each to one form: "Schoolsoft" typed "skolsoft", "Interbook"
// typed "intrabok". Longest first at each place.
const soundAlikes: readonly (readonly [string, string])[] = [
  ['sch', 'sk'],
  ['ck', 'k'],
  ['ph', 'f'],
  ['th', 't'],
  ['qu', 'kv'],
  ['ce', 'se'],
  ['ci', 'si'],
  ['cy', 'sy'],
  ['ch', 'k'],
  ['c', 'k'],
  ['q', 'k'],
  ['w', 'v'],
  ['z', 's'],
  ['x', 'ks'],
];

/**
 * A folded word as it sounds, roughly: the spellings above made one, and doubled letters single ("oo" in
 * "book", "ll" in "Kallelse"). For suggestions only: two names that sound alike are not one.
 */
export function soundKey(word: string): string {
  let key = '';
  for (let i = 0; i < word.length;) {
    const alike = soundAlikes.find(([spelling]) => word.startsWith(spelling, i));
    const next = alike ? alike[1] : word[i]!;
    for (const letter of next) if (key[key.length - 1] !== letter) key += letter;
    i += alike ? alike[0].length : 1;
  }
  return key;
}
