import { significantTokens } from './nameIndex';
import { compact, tokenize } from './normalize';

/**
 * Beginnings of names, for search as you type: "w3" finds W3D3, "vi" Viva and the Visma systems, "pers"
 * Visma Personec, "office-3" Office 365. Each name is stored under its compact form and under the compact
 * rest of the name from each of its later words ("personec" for "Visma Personec", "365" for "Office 365"),
 * so a beginning typed with or without spaces meets the same keys.
 *
 * The keys are kept sorted, so the keys a beginning fits are one run found by binary search; a one-letter
 * beginning fits thousands of them in a large register. A min segment tree over the keys' ranks gives the
 * best-ranked key of any run in log time, so the first `limit` results cost about `limit` such lookups,
 * however long the run is.
 */

/** Name keys rank before word keys: ranks at or above this mark a key that starts at a later word. */
const wordKeyOffset = 2 ** 30;

export class PrefixIndex {
  private constructor(
    private readonly keys: readonly string[],
    /** Per key: its rank (lower is better), which also names its entry through `entryByRank`. */
    private readonly ranks: Int32Array,
    private readonly entryByRank: Int32Array,
    /** Iterative segment tree: `tree[keys.length + i]` is key i; every inner node the better of its two. */
    private readonly tree: Int32Array,
  ) {}

  /**
   * Indexes `names[i]` as entry i. Entries are ranked by how long their compact name is, then by entry
   * number: give the names in the order ties should be listed (the register index gives them in Swedish
   * name order).
   */
  static build(names: readonly string[]): PrefixIndex {
    const compactNames = names.map((name) => compact(name));
    const entryByRank = Int32Array.from(names.keys()).sort(
      (a, b) => compactNames[a]!.length - compactNames[b]!.length || a - b,
    );
    const rankOfEntry = new Int32Array(names.length);
    entryByRank.forEach((entry, rank) => (rankOfEntry[entry] = rank));

    const pairs: { key: string; rank: number }[] = [];
    names.forEach((name, entry) => {
      const whole = compactNames[entry]!;
      if (whole === '') return;
      const rank = rankOfEntry[entry]!;
      pairs.push({ key: whole, rank });
      const tokens = tokenize(name);
      // Joiners ("och" in "Lön och personal") are no beginning anyone types for a name.
      const significant = new Set(significantTokens(name));
      const seen = new Set([whole]);
      let rest = whole;
      for (let position = 0; position < tokens.length - 1; position++) {
        rest = rest.slice(tokens[position]!.length);
        if (!significant.has(tokens[position + 1]!) || seen.has(rest)) continue;
        seen.add(rest);
        pairs.push({ key: rest, rank: wordKeyOffset + rank });
      }
    });
    pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.rank - b.rank));

    const count = pairs.length;
    const ranks = Int32Array.from(pairs, (pair) => pair.rank);
    const tree = new Int32Array(Math.max(2 * count, 1));
    for (let i = 0; i < count; i++) tree[count + i] = i;
    for (let node = count - 1; node > 0; node--) {
      const left = tree[2 * node]!;
      const right = tree[2 * node + 1]!;
      tree[node] = ranks[right]! < ranks[left]! ? right : left;
    }
    return new PrefixIndex(
      pairs.map((pair) => pair.key),
      ranks,
      entryByRank,
      tree,
    );
  }

  get keyCount(): number {
    return this.keys.length;
  }

  /** Approximate bytes held in typed arrays (the key strings come on top). */
  get typedArrayBytes(): number {
    return this.ranks.byteLength + this.entryByRank.byteLength + this.tree.byteLength;
  }

  /**
   * The entries whose name, or the rest of it from one of its words, begins with the text (folded; spaces
   * and hyphens ignored), best first: whole-name beginnings before word beginnings, then shorter names,
   * then entry order. Each entry once; at most `limit`.
   */
  withPrefix(text: string, limit: number): number[] {
    const typed = compact(text);
    if (typed === '' || limit <= 0) return [];
    const start = this.lowerBound(typed);
    // Keys hold only a-z and 0-9, so every key beginning with `typed` sorts before `typed` + DEL.
    const end = this.lowerBound(`${typed}\u007f`);
    if (start === end) return [];

    // Runs still to be looked at, each with the position of its best key; the best run is taken next.
    const runs: { start: number; end: number; best: number }[] = [
      { start, end, best: this.bestIn(start, end) },
    ];
    const found: number[] = [];
    const taken = new Set<number>();
    while (runs.length > 0 && found.length < limit) {
      let chosen = 0;
      for (let i = 1; i < runs.length; i++) {
        if (this.ranks[runs[i]!.best]! < this.ranks[runs[chosen]!.best]!) chosen = i;
      }
      const run = runs[chosen]!;
      runs[chosen] = runs[runs.length - 1]!;
      runs.pop();

      const entry = this.entryByRank[this.ranks[run.best]! % wordKeyOffset]!;
      if (!taken.has(entry)) {
        taken.add(entry);
        found.push(entry);
      }
      if (run.start < run.best)
        runs.push({ start: run.start, end: run.best, best: this.bestIn(run.start, run.best) });
      if (run.best + 1 < run.end) {
        runs.push({ start: run.best + 1, end: run.end, best: this.bestIn(run.best + 1, run.end) });
      }
    }
    return found;
  }

  /** The position of the best-ranked key in [start, end), which must not be empty. */
  private bestIn(start: number, end: number): number {
    const count = this.keys.length;
    let best = start;
    for (let low = start + count, high = end + count; low < high; low >>= 1, high >>= 1) {
      if (low & 1) best = this.better(best, this.tree[low++]!);
      if (high & 1) best = this.better(best, this.tree[--high]!);
    }
    return best;
  }

  private better(a: number, b: number): number {
    const rankA = this.ranks[a]!;
    const rankB = this.ranks[b]!;
    return rankB < rankA || (rankB === rankA && b < a) ? b : a;
  }

  private lowerBound(text: string): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle]! < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
