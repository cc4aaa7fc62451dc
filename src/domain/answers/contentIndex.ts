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

// Letters Swedish puts between the parts of a compound: "lön-e-system", "verksamhet-s-system".
const linkingLetters = new Set(['s', 'e', 'a', 'u', 'o']);
const minimumPartLength = 3;
const maximumCachedSplits = 50_000;

export function isGenericWord(word: string): boolean {
  return genericStems.has(stem(word));
}

export class ContentIndex {
  private constructor(
    private readonly vocabulary: Set<string>,
    private readonly postings: Map<string, Int32Array>,
    private readonly splitCache: Map<string, string[] | null>,
  ) {}

  /** Indexes `texts[i]` (a system's name and description) as entry i; entries should come in list order. */
  static build(texts: readonly string[]): ContentIndex {
    const wordsPerEntry = texts.map((text) =>
      tokenize(text).filter((word) => !descriptionStopwords.has(word)),
    );
    const vocabulary = new Set<string>();
    for (const words of wordsPerEntry) {
      for (const word of words) {
        const stemmed = stem(word);
        if (stemmed.length >= minimumPartLength && !/[0-9]/.test(stemmed)) vocabulary.add(stemmed);
      }
    }
    const index = new ContentIndex(vocabulary, new Map(), new Map());
    const lists = new Map<string, number[]>();
    wordsPerEntry.forEach((words, entry) => {
      const terms = new Set<string>();
      for (const word of words) {
        const stemmed = stem(word);
        if (genericStems.has(stemmed)) continue;
        terms.add(stemmed);
        for (const part of index.splitCompound(stemmed) ?? []) {
          if (!genericStems.has(part)) terms.add(part);
        }
      }
      for (const term of terms) {
        const list = lists.get(term);
        if (list) list.push(entry);
        else lists.set(term, [entry]);
      }
    });
    for (const [term, list] of lists) index.postings.set(term, Int32Array.from(list));
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

  /** Entries (ascending) whose name or description holds every term; empty when a term is unknown. */
  entriesWithAll(terms: readonly string[]): Int32Array {
    if (terms.length === 0) return new Int32Array(0);
    const lists: Int32Array[] = [];
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) return new Int32Array(0);
      lists.push(list);
    }
    lists.sort((a, b) => a.length - b.length);
    let result = lists[0]!;
    for (const other of lists.slice(1)) result = intersectSorted(result, other);
    return result;
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
