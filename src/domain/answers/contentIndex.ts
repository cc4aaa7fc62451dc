import { stem, tokenize } from './normalize';

/**
 * What systems are for: the words of their names and descriptions, Swedish compounds split into known words,
 * so "lönesystemet" finds "Lön och personaladministration" and "ekonomisystemet" finds "Agresso Ekonomi".
 */

/** Words that say "a system" and nothing about which one. Stems, as `stem` leaves them. */
const genericStems = new Set(
  [
    'system',
    'systemet',
    'verksamhetssystem',
    'it',
    'itsystem',
    'program',
    'programmet',
    'programvara',
    'tjanst',
    'etjanst',
    'applikation',
    'app',
    'verktyg',
    'losning',
    'plattform',
    'software',
    'tool',
    'service',
  ].map(stem),
);

// Small words of descriptions that never tell one system from another.
const descriptionStopwords = new Set([
  'och',
  'for',
  'med',
  'som',
  'att',
  'av',
  'till',
  'den',
  'det',
  'de',
  'en',
  'ett',
  'pa',
  'om',
  'inom',
  'vid',
  'hos',
  'eller',
  'samt',
  'alla',
  'all',
  'and',
  'the',
  'for',
  'of',
  'in',
  'to',
  'with',
]);

/** Generic last parts of compounds whose first part says what the system is for: "biblioteks|system". */
const genericTails = ['system', 'plattform', 'program', 'tjanst', 'verktyg'];

/**
 * "bibliotekssystem" -> "bibliotek", "skolplattform" -> "skol": the first part of a compound ending in a
 * generic word, as a word of its own, so that "bibliotekets system" and "school" (skola) meet it although the
 * register never writes it alone. A linking -s comes off.
 */
function headBeforeGenericTail(word: string): string | undefined {
  for (const tail of genericTails) {
    if (!word.endsWith(tail) || word.length - tail.length < 4) continue;
    let head = word.slice(0, -tail.length);
    if (head.endsWith('s') && head.length >= 5) head = head.slice(0, -1);
    const stemmed = stem(head);
    return stemmed.length >= minimumPartLength ? stemmed : head;
  }
  return undefined;
}

// Letters Swedish puts between the parts of a compound: "lön-e-system", "verksamhet-s-system".
const linkingLetters = new Set(['s', 'e', 'a', 'u', 'o']);
const minimumPartLength = 3;
const maximumCachedSplits = 50_000;

/** What a system is indexed by: its name, and the description saying what it does. */
export interface ContentEntry {
  name: string;
  description: string;
}

export class ContentIndex {
  private constructor(
    private readonly vocabulary: Set<string>,
    private readonly postings: Map<string, Int32Array>,
    /** Entries by the whole words of their descriptions, keyed as `wholeKeyOf` keys a word. */
    private readonly wholeWordPostings: Map<string, Int32Array>,
    private readonly splitCache: Map<string, string[] | null>,
  ) {}

  /** Indexes `entries[i]` as entry i; entries should come in list order. */
  static build(entries: readonly ContentEntry[]): ContentIndex {
    const wordsOf = (text: string) => tokenize(text).filter((word) => !descriptionStopwords.has(word));
    const namesWords = entries.map((entry) => wordsOf(entry.name));
    const descriptionsWords = entries.map((entry) => wordsOf(entry.description));
    const vocabulary = new Set<string>();
    for (const words of [...namesWords, ...descriptionsWords]) {
      for (const word of words) {
        const stemmed = stem(word);
        if (stemmed.length >= minimumPartLength && !/[0-9]/.test(stemmed)) vocabulary.add(stemmed);
        const head = headBeforeGenericTail(stemmed);
        if (head !== undefined) vocabulary.add(head);
      }
    }
    const index = new ContentIndex(vocabulary, new Map(), new Map(), new Map());
    const lists = new Map<string, number[]>();
    const wholeWordLists = new Map<string, number[]>();
    const post = (into: Map<string, number[]>, terms: Iterable<string>, entry: number) => {
      for (const term of terms) {
        const list = into.get(term);
        if (list) list.push(entry);
        else into.set(term, [entry]);
      }
    };
    entries.forEach((_, entry) => {
      const terms = new Set<string>();
      for (const word of [...namesWords[entry]!, ...descriptionsWords[entry]!]) {
        const stemmed = stem(word);
        if (genericStems.has(stemmed)) continue;
        terms.add(stemmed);
        for (const part of index.splitCompound(stemmed) ?? []) {
          if (!genericStems.has(part)) terms.add(part);
        }
      }
      post(lists, terms, entry);
      const wholeKeys = new Set(descriptionsWords[entry]!.map((word) => index.wholeKeyOf(word)));
      wholeKeys.delete('');
      post(wholeWordLists, wholeKeys, entry);
    });
    for (const [term, list] of lists) index.postings.set(term, Int32Array.from(list));
    for (const [key, list] of wholeWordLists) index.wholeWordPostings.set(key, Int32Array.from(list));
    index.splitCache.clear();
    return index;
  }

  /**
   * The terms a question word stands for, generic parts dropped: "lönesystemet" -> ["lon"],
   * "ekonomisystemet" -> ["ekonomi"], "systemet" -> []. Every term must match for a system to qualify.
   */
  termsOf(word: string): string[] {
    const stemmed = stem(word);
    if (genericStems.has(stemmed)) return [];
    const parts = this.splitCompound(stemmed) ?? [stemmed];
    return parts.filter((part) => !genericStems.has(part));
  }

  /**
   * A word as a whole, inflection and generic parts set aside: "ekonomisystemet", "ekonomisystem" and
   * "ekonomi" -> "ekonomi"; "lönesystem" and "lön" -> "lon"; "ekonomiuppföljning" -> "ekonomi uppfoljning"
   * (when the register knows both parts).
   * Empty for a generic word. Two words with the same key are the same word, not one a part of the other.
   */
  wholeKeyOf(word: string): string {
    return this.termsOf(word).join(' ');
  }

  /**
   * The entries holding every word (compounds split, as `entriesWithAll`), narrowed to those whose descriptions
   * hold the most of the words whole (see `wholeKeyOf`). "Ekonomisystemet" fits Agresso ("Ekonomisystem för
   * redovisning") whole, and Agresso Ekonomi only through the part "ekonomi" of its name: Agresso alone.
   * "Lönesystemet" fits "Äldre lönesystem" and "Lön, anställningar" whole alike: both. Ascending.
   */
  entriesDescribedBy(words: readonly string[]): Int32Array {
    const termsPerWord = words.map((word) => this.termsOf(word)).filter((terms) => terms.length > 0);
    // A description word keyed as a question word holds every term of it, so the entries holding every
    // question word whole are among those holding every term: found from the whole-word lists alone, at the
    // cost of the shortest list rather than of every system the terms name.
    const wholeLists: Int32Array[] = [];
    for (const terms of termsPerWord) {
      const list = this.wholeWordPostings.get(terms.join(' '));
      if (list) wholeLists.push(list);
    }
    if (wholeLists.length > 0 && wholeLists.length === termsPerWord.length) {
      const everyWordWhole = intersectAll(wholeLists);
      if (everyWordWhole.length > 0) return everyWordWhole;
    }
    const candidates = this.entriesWithAll(termsPerWord.flat());
    if (candidates.length <= 1 || wholeLists.length === 0) return candidates;
    let bestCount = 0;
    let best: number[] = [];
    for (const entry of candidates) {
      let count = 0;
      for (const list of wholeLists) if (containsSorted(list, entry)) count++;
      if (count > bestCount) {
        bestCount = count;
        best = [entry];
      } else if (count === bestCount && count > 0) best.push(entry);
    }
    return bestCount === 0 ? candidates : Int32Array.from(best);
  }

  /** Entries (ascending) whose name or description holds every term; empty when a term is unknown. */
  entriesWithAll(terms: readonly string[]): Int32Array {
    if (terms.length === 0) return new Int32Array(0);
    const lists: Int32Array[] = [];
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) return new Int32Array(0);
      lists.push(list);
    }
    return intersectAll(lists);
  }

  /**
   * Splits a compound into known words, longest first part first; null when it is not one. A generic last
   * part ("-system") counts as known, and one linking letter may sit between parts.
   */
  private splitCompound(word: string): string[] | null {
    const cached = this.splitCache.get(word);
    if (cached !== undefined) return cached;
    let result: string[] | null = null;
    for (let cut = word.length - minimumPartLength; cut >= minimumPartLength && !result; cut--) {
      const head = this.knownWord(word.slice(0, cut));
      if (!head) continue;
      const tail = word.slice(cut);
      const tails =
        linkingLetters.has(tail[0]!) && tail.length > minimumPartLength ? [tail, tail.slice(1)] : [tail];
      for (const candidate of tails) {
        const known = this.knownWord(candidate);
        if (known) {
          result = [head, known];
          break;
        }
        const rest = this.splitCompound(candidate);
        if (rest) {
          result = [head, ...rest];
          break;
        }
      }
    }
    // Questions bring new words forever; keep the memo from growing with them.
    if (this.splitCache.size >= maximumCachedSplits) this.splitCache.clear();
    this.splitCache.set(word, result);
    return result;
  }

  private knownWord(word: string): string | undefined {
    for (const form of [word, stem(word)]) {
      if (this.vocabulary.has(form) || genericStems.has(form)) return form;
    }
    return undefined;
  }
}

/** Intersection of ascending lists, from the shortest. */
function intersectAll(lists: Int32Array[]): Int32Array {
  lists.sort((a, b) => a.length - b.length);
  let result = lists[0]!;
  for (const other of lists.slice(1)) result = intersectSorted(result, other);
  return result;
}

/** Intersection of two ascending lists, probing the longer one by binary search. */
export function intersectSorted(shorter: Int32Array, longer: Int32Array): Int32Array {
  const out: number[] = [];
  let low = 0;
  for (const value of shorter) {
    let high = longer.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (longer[middle]! < value) low = middle + 1;
      else high = middle;
    }
    if (low < longer.length && longer[low] === value) out.push(value);
  }
  return Int32Array.from(out);
}

export function containsSorted(list: Int32Array, value: number): boolean {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low < list.length && list[low] === value;
}
