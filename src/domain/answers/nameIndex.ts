import { DeletionIndex, boundedEditDistance } from './fuzzy';
import { compact, digitsOf, stripInflection, tokenize, typoBudget } from './normalize';

/**
 * Matching what people type against a set of names (systems, people, departments, owners): exact compact
 * forms first, then word by word with typing errors, inflections, prefixes and missing words, scored so that
 * an exact name always beats a partial or misspelt one.
 */

/** How well the best entries fit the query. */
export type MatchQuality =
  /** Every word of the name, no errors (or the same compact form: "office365" for "Office 365"). */
  | 'exact'
  /** Words of the name without errors, but not all of them ("Agresso" for "Agresso Ekonomi"). */
  | 'partial'
  /** Every word of the name, with typing errors or a word typed as its beginning. */
  | 'typo'
  /** Some of the name's words, with typing errors. */
  | 'partialTypo';

export interface NameSearch {
  /** The entries tied for the best fit, in entry order. Empty when no entry fits every query word. */
  best: number[];
  quality: MatchQuality | undefined;
  /** True when the best fit is good enough to be an answer; otherwise `best` is only a suggestion. */
  answerable: boolean;
  /** Entries worth suggesting, closest first (the best ones included). */
  suggestions: number[];
}

export interface SearchOptions {
  /**
   * Whether misspelt words are looked for (default true). Without, a search only finds names whose words
   * were typed right, in full or as a beginning: the same best fits whenever they are exact or partial, for a
   * fraction of the cost.
   */
  typos?: boolean;
}

export interface NameIndexOptions {
  /** Typing errors a word of this length may carry. Defaults to `typoBudget`. */
  typoBudget?: (length: number) => number;
}

// Words that join parts of a name ("Lön och personal") and carry nothing on their own.
const nameJoiners = new Set(['och', 'and', 'for', 'i', 'in', 'of', 'the', 'av', 'med', 'till', 'pa', 'samt']);

/** The words of a name that must be matched: joiners left out unless the name is nothing else. */
export function significantTokens(name: string): string[] {
  const all = tokenize(name);
  const significant = all.filter((token) => !nameJoiners.has(token));
  return (significant.length > 0 ? significant : all).slice(0, 30);
}

const prefixMinimumLength = 4;
const prefixesPerWord = 16;
// A typed beginning covering most of a word counts as one error; a short beginning of a long word as two.
const prefixCoverageForOneError = 0.6;
const candidatesPerTerm = 256;
const candidatesPerSearch = 512;
const noMatch = Number.MAX_SAFE_INTEGER;
const maximumTypoBudget = 2;
/**
 * Words longer than this are matched exactly (and by prefix), never with typing errors. Finding the misspelt
 * neighbours of a word costs about the cube of its length, so one pasted 500-character "word" would cost a
 * fraction of a second of CPU; real names and Swedish compounds ("informationssäkerhetssamordnare", 31) fit well
 * within the bound.
 */
export const longestTypoTolerantWord = 40;

interface Hit {
  entry: number;
  unmatched: number;
  cost: number;
  missing: number;
}

export class NameIndex {
  private readonly budget: (length: number) => number;
  private readonly terms: string[] = [];
  private readonly termBudget: number[] = [];
  /** The longest term that may carry typing errors: a longer query word is too far from every term. */
  private longestTypoTerm = 0;
  /** Each term's digits (`digitsOf`), kept from the build: a misspelt word is checked against many terms. */
  private termDigits: string[] = [];
  private readonly termIdByText = new Map<string, number>();
  private postings: Int32Array[] = [];
  private sortedTermIds = new Int32Array(0);
  private deletions: DeletionIndex | undefined;
  private readonly byCompact = new Map<string, number[]>();
  private readonly entryPositions: Uint8Array;
  private readonly entryTermStart: Int32Array;
  private entryTermIds = new Int32Array(0);
  private entryTermMasks = new Int32Array(0);
  private readonly seen: Int32Array;
  private searchStamp = 0;
  /**
   * What each query word costs on each term, for scoring: a term stamped with the current search has a row
   * `termCostRow[term]` in `wordCosts` (one cost per query word, `noMatch` for none). Scoring an entry then
   * reads arrays, not one map per word, and the arrays are reused from search to search.
   */
  private termCostStamp = new Int32Array(0);
  private termCostRow = new Int32Array(0);
  private wordCosts = new Float64Array(64);

  private constructor(entryCount: number, options: NameIndexOptions) {
    this.budget = options.typoBudget ?? typoBudget;
    this.entryPositions = new Uint8Array(entryCount);
    this.entryTermStart = new Int32Array(entryCount + 1);
    this.seen = new Int32Array(entryCount);
  }

  /** Indexes `names[i]` as entry i. */
  static build(names: readonly string[], options: NameIndexOptions = {}): NameIndex {
    const index = new NameIndex(names.length, options);
    index.fill(names);
    return index;
  }

  get size(): number {
    return this.entryPositions.length;
  }

  /** Entries whose whole name has this compact form. */
  exact(text: string): readonly number[] {
    return this.byCompact.get(compact(text)) ?? [];
  }

  /** Finds the entries that best fit the query words (already folded, question words removed). */
  search(queryTokens: readonly string[], { typos = true }: SearchOptions = {}): NameSearch {
    if (queryTokens.length === 0) return { best: [], quality: undefined, answerable: false, suggestions: [] };
    const joined = queryTokens.join('');
    const exact = this.byCompact.get(joined);
    if (exact) return { best: [...exact], quality: 'exact', answerable: true, suggestions: [...exact] };

    const wordByWord = this.evaluate(queryTokens, typos ? maximumTypoBudget : 0);
    // Nothing ranks above an exact fit, so the run-together reading could not replace it.
    if (queryTokens.length === 1 || wordByWord.quality === 'exact') return wordByWord;
    // "vismawindw" and "visma windw" should both find "Visma Window": try the words run together too.
    // Run-together forms are indexed with one error at most, so one deletion on this side is enough.
    const runTogether = this.evaluate([joined], typos ? 1 : 0);
    return rank(runTogether) < rank(wordByWord) ? runTogether : wordByWord;
  }

  /** Approximate bytes held in typed arrays (the JS maps and strings come on top). */
  get typedArrayBytes(): number {
    let bytes = this.entryTermIds.byteLength + this.entryTermMasks.byteLength + this.sortedTermIds.byteLength;
    for (const posting of this.postings) bytes += posting.byteLength;
    return bytes + (this.deletions?.byteSize ?? 0);
  }

  private fill(names: readonly string[]): void {
    const entryTerms: number[] = [];
    const entryMasks: number[] = [];
    const postingLists: number[][] = [];
    const addTerm = (text: string, budget: number, entry: number, mask: number) => {
      let termId = this.termIdByText.get(text);
      if (termId === undefined) {
        termId = this.terms.length;
        this.terms.push(text);
        this.termBudget.push(budget);
        this.termIdByText.set(text, termId);
        postingLists.push([]);
      } else if (budget > this.termBudget[termId]!) {
        this.termBudget[termId] = budget;
      }
      const posting = postingLists[termId]!;
      if (posting[posting.length - 1] !== entry) posting.push(entry);
      entryTerms.push(termId);
      entryMasks.push(mask);
    };

    names.forEach((name, entry) => {
      this.entryTermStart[entry] = entryTerms.length;
      const tokens = significantTokens(name);
      this.entryPositions[entry] = tokens.length;
      const all = tokens.length >= 31 ? -1 : (1 << tokens.length) - 1;
      tokens.forEach((token, position) => {
        const mask = 1 << position;
        addTerm(token, this.budget(token.length), entry, mask);
        const inflected = stripInflection(token);
        if (inflected !== token) addTerm(inflected, this.budget(inflected.length), entry, mask);
        // Neighbouring words typed together ("vismawindow plus", "office365"): at most one error there.
        const next = tokens[position + 1];
        if (next !== undefined && tokens.length > 2) {
          const pair = token + next;
          addTerm(pair, Math.min(1, this.budget(pair.length)), entry, mask | (mask << 1));
        }
      });
      const whole = tokens.join('');
      if (tokens.length > 1) addTerm(whole, Math.min(1, this.budget(whole.length)), entry, all);
      for (const key of new Set([compact(name), whole])) {
        if (key === '') continue;
        const holders = this.byCompact.get(key);
        if (holders) holders.push(entry);
        else this.byCompact.set(key, [entry]);
      }
    });
    this.entryTermStart[names.length] = entryTerms.length;
    this.entryTermIds = Int32Array.from(entryTerms);
    this.entryTermMasks = Int32Array.from(entryMasks);

    // Shorter names first, so that when a word is very common the closest fits are the ones looked at.
    const positions = this.entryPositions;
    this.postings = postingLists.map((list) =>
      Int32Array.from(list).sort((a, b) => positions[a]! - positions[b]! || a - b),
    );
    this.sortedTermIds = Int32Array.from(this.terms.keys()).sort((a, b) =>
      this.terms[a]! < this.terms[b]! ? -1 : this.terms[a]! > this.terms[b]! ? 1 : 0,
    );
    this.termDigits = this.terms.map(digitsOf);
    this.termCostStamp = new Int32Array(this.terms.length);
    this.termCostRow = new Int32Array(this.terms.length);
    const deletions = DeletionIndex.builder();
    this.terms.forEach((term, termId) => {
      if (term.length > longestTypoTolerantWord) this.termBudget[termId] = 0;
      const budget = this.termBudget[termId]!;
      if (budget === 0) return;
      deletions.add(termId, term, budget);
      if (term.length > this.longestTypoTerm) this.longestTypoTerm = term.length;
    });
    this.deletions = deletions.build();
  }

  /** The terms a query word may stand for, with what each costs in typing errors. */
  private termsFor(word: string, depthCap: number): Map<number, number> {
    const found = new Map<number, number>();
    const exactId = this.termIdByText.get(word);
    if (exactId !== undefined) found.set(exactId, 0);
    const inflected = stripInflection(word);
    const inflectedId = inflected === word ? undefined : this.termIdByText.get(inflected);
    if (inflectedId !== undefined) found.set(inflectedId, 0);

    // A word spelt as the register spells it needs no misspelt neighbours: every entry holding the word
    // already scores best on it. Skipping them keeps correctly typed questions cheap.
    // A word more letters longer than every term than it may carry errors is within reach of none.
    const wordBudget =
      found.size > 0 ||
      word.length > Math.min(longestTypoTolerantWord, this.longestTypoTerm + maximumTypoBudget)
        ? 0
        : Math.min(depthCap, this.budget(word.length));
    if (wordBudget > 0 && this.deletions) {
      const wordDigits = digitsOf(word);
      this.deletions.forEachCandidate(word, wordBudget, (termId) => {
        if (found.has(termId)) return;
        const allowed = Math.min(wordBudget, this.termBudget[termId]!);
        if (allowed === 0 || this.termDigits[termId] !== wordDigits) return;
        const distance = boundedEditDistance(word, this.terms[termId]!, allowed);
        if (distance <= allowed) found.set(termId, distance);
      });
    }

    if (word.length >= prefixMinimumLength && !/[0-9]/.test(word)) {
      let slot = this.firstTermNotBefore(word);
      for (let taken = 0; slot < this.sortedTermIds.length && taken < prefixesPerWord; slot++, taken++) {
        const termId = this.sortedTermIds[slot]!;
        const term = this.terms[termId]!;
        if (!term.startsWith(word)) break;
        const cost = word.length >= term.length * prefixCoverageForOneError ? 1 : 2;
        const known = found.get(termId);
        if (known === undefined || known > cost) found.set(termId, cost);
      }
    }
    return found;
  }

  private firstTermNotBefore(word: string): number {
    let low = 0;
    let high = this.sortedTermIds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.terms[this.sortedTermIds[middle]!]! < word) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private evaluate(queryTokens: readonly string[], depthCap: number): NameSearch {
    const perWord = queryTokens.map((word) => this.termsFor(word, depthCap));
    const postingTotals = perWord.map((terms) => {
      let total = 0;
      for (const termId of terms.keys()) total += this.postings[termId]!.length;
      return total;
    });
    const everyWordFound = postingTotals.every((total) => total > 0);

    // Every full fit holds the rarest word, so its entries are the only candidates worth scoring.
    let rarest = 0;
    postingTotals.forEach((total, i) => {
      if (total < postingTotals[rarest]!) rarest = i;
    });
    const sources = everyWordFound ? [perWord[rarest]!] : perWord;

    const stamp = ++this.searchStamp;
    this.tabulateWordCosts(perWord, stamp);
    const hits: Hit[] = [];
    this.collect(sources, perWord.length, stamp, hits);
    if (everyWordFound && !hits.some((hit) => hit.unmatched === 0)) {
      // No entry holds every word: widen to all words, for suggestions only.
      this.collect(perWord, perWord.length, stamp, hits);
    }
    hits.sort(
      (a, b) =>
        a.unmatched - b.unmatched ||
        a.cost - b.cost ||
        a.missing - b.missing ||
        this.entryPositions[a.entry]! - this.entryPositions[b.entry]! ||
        a.entry - b.entry,
    );

    const top = hits[0];
    const suggestions = hits.filter((hit) => hit.unmatched < queryTokens.length).map((hit) => hit.entry);
    if (!top || top.unmatched > 0) return { best: [], quality: undefined, answerable: false, suggestions };
    const best = hits
      .filter((hit) => hit.unmatched === 0 && hit.cost === top.cost && hit.missing === top.missing)
      .map((hit) => hit.entry)
      .sort((a, b) => a - b);
    const quality: MatchQuality =
      top.cost === 0 ? (top.missing === 0 ? 'exact' : 'partial') : top.missing === 0 ? 'typo' : 'partialTypo';
    const typedLength = queryTokens.reduce((sum, word) => sum + word.length, 0);
    const answerable =
      quality === 'exact' ||
      quality === 'partial' ||
      (quality === 'typo' && top.cost <= Math.max(1, this.budget(typedLength))) ||
      (quality === 'partialTypo' && top.cost <= 1 && typedLength >= 6);
    return { best, quality, answerable, suggestions };
  }

  /** Fills `wordCosts` for this search (`stamp`) from each query word's terms and costs. */
  private tabulateWordCosts(perWord: readonly Map<number, number>[], stamp: number): void {
    const wordCount = perWord.length;
    let rows = 0;
    perWord.forEach((terms, word) => {
      for (const [termId, cost] of terms) {
        if (this.termCostStamp[termId] !== stamp) {
          this.termCostStamp[termId] = stamp;
          this.termCostRow[termId] = rows;
          const start = rows * wordCount;
          if (start + wordCount > this.wordCosts.length) {
            const grown = new Float64Array((start + wordCount) * 2);
            grown.set(this.wordCosts);
            this.wordCosts = grown;
          }
          this.wordCosts.fill(noMatch, start, start + wordCount);
          rows++;
        }
        this.wordCosts[this.termCostRow[termId]! * wordCount + word] = cost;
      }
    });
  }

  /** Scores the entries under the given words' terms, each entry once per search (`stamp`). */
  private collect(
    sources: readonly Map<number, number>[],
    wordCount: number,
    stamp: number,
    hits: Hit[],
  ): void {
    for (const terms of sources) {
      // Cheapest terms first, so exact spellings are scored before the cap can cut anything off.
      const ordered = [...terms.entries()].sort((a, b) => a[1] - b[1]);
      for (const [termId] of ordered) {
        const posting = this.postings[termId]!;
        const end = Math.min(posting.length, candidatesPerTerm);
        for (let i = 0; i < end && hits.length < candidatesPerSearch; i++) {
          const entry = posting[i]!;
          if (this.seen[entry] === stamp) continue;
          this.seen[entry] = stamp;
          hits.push(this.score(entry, wordCount, stamp));
        }
      }
    }
  }

  /**
   * Matches each query word, in order, to the cheapest term of the entry whose words are still free. Reads
   * the costs `tabulateWordCosts` left for this search (`stamp`).
   */
  private score(entry: number, wordCount: number, stamp: number): Hit {
    const start = this.entryTermStart[entry]!;
    const end = this.entryTermStart[entry + 1]!;
    let used = 0;
    let cost = 0;
    let unmatched = 0;
    for (let word = 0; word < wordCount; word++) {
      let bestCost = noMatch;
      let bestMask = 0;
      for (let k = start; k < end; k++) {
        const termId = this.entryTermIds[k]!;
        if (this.termCostStamp[termId] !== stamp) continue;
        const termCost = this.wordCosts[this.termCostRow[termId]! * wordCount + word]!;
        const mask = this.entryTermMasks[k]!;
        if ((mask & used) === 0 && termCost < bestCost) {
          bestCost = termCost;
          bestMask = mask;
        }
      }
      if (bestCost === noMatch) unmatched++;
      else {
        cost += bestCost;
        used |= bestMask;
      }
    }
    return { entry, unmatched, cost, missing: this.entryPositions[entry]! - bitCount(used) };
  }
}

function bitCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count++;
  return count;
}

const qualityRank: Record<MatchQuality, number> = { exact: 0, partial: 1, typo: 2, partialTypo: 3 };

function rank(search: NameSearch): number {
  if (!search.quality) return 10;
  return qualityRank[search.quality] + (search.answerable ? 0 : 5);
}
