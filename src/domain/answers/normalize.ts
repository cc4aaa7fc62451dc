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

/** Lower-case ASCII letters and digits separated by single spaces: "Barn- och Utbildning!" -> "barn och utbildning". */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[øæßœđłþ]/g, (letter) => unDecomposable[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The folded words of a text: "Office-365 (Plus)" -> ["office", "365", "plus"]. */
export function tokenize(text: string): string[] {
  const folded = fold(text);
  return folded === '' ? [] : folded.split(' ');
}

/** The folded text without any separators, so "Office 365", "office-365" and "Office365" are one key. */
export function compact(text: string): string {
  return fold(text).replace(/ /g, '');
}

/** The digits of a token in order ("w3d3" -> "33"): typing errors may touch letters, never a version number. */
export function digitsOf(token: string): string {
  return token.replace(/[^0-9]/g, '');
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

/**
 * Strips one Swedish definite or plural ending, keeping at least four letters: "förvaltningen" -> "forvaltning",
 * "nämnden" -> "namnd". Conservative, because it is applied to names, where a wrong cut joins two systems.
 */
export function stripInflection(word: string): string {
  if (word.length < 6 || /[0-9]/.test(word)) return word;
  for (const suffix of inflectionSuffixes) {
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
  const latin = latinUmEnding.exec(word);
  if (latin && word.length - latin[0].length >= 3) return word.slice(0, -latin[0].length);
  for (const suffix of stemSuffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}
