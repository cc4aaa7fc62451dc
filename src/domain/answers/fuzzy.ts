/**
 * The two pieces of typo tolerance: a bounded edit distance, and a symmetric-delete index that finds the few
 * words worth measuring without looking at every word of the register.
 */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Damerau-Levenshtein distance (optimal string alignment: an adjacent swap counts as one error) between two
 * words, bounded: returns `max + 1` as soon as the distance must exceed `max`, so a far-off word costs a row
 * or two, not the whole table.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (max <= 0) return max + 1;
  if (rowA.length <= lb) {
    rowA = new Int32Array(lb * 2 + 1);
    rowB = new Int32Array(lb * 2 + 1);
    rowC = new Int32Array(lb * 2 + 1);
  }
  let beforePrevious = rowA;
  let previous = rowB;
  let current = rowC;
  for (let j = 0; j <= lb; j++) previous[j] = j;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > max) return max + 1;
    const spare = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = spare;
  }
  const distance = previous[lb]!;
  return distance <= max ? distance : max + 1;
}

/** Every string reachable from `word` by deleting up to `depth` letters, the word itself included. */
export function deletionVariants(word: string, depth: number): Set<string> {
  const variants = new Set<string>([word]);
  let frontier = [word];
  for (let level = 0; level < depth; level++) {
    const next: string[] = [];
    for (const variant of frontier) {
      for (let i = 0; i < variant.length; i++) {
        const shorter = variant.slice(0, i) + variant.slice(i + 1);
        if (!variants.has(shorter)) {
          variants.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return variants;
}

const fnvOffsetBasis = 0x811c9dc5;
const fnvPrime = 0x01000193;

/** FNV-1a, 32 bits. Collisions only add candidates that the edit distance then rejects. */
function hashOf(text: string): number {
  return continueHash(fnvOffsetBasis, text, 0, text.length) >>> 0;
}

/** FNV-1a of `text[from, to)` continued from `hash` (a hash so far, as Math.imul leaves it). */
function continueHash(hash: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, fnvPrime);
  }
  return hash;
}

/** Variant hashes are FNV-1a shifted right by one, to pack with a word id into one float. */
const hashBits = 31;
const termIdBits = 22;
const termIdLimit = 2 ** termIdBits;

/**
 * Symmetric-delete index: each word is stored under the hashes of its deletion variants. Two words within
 * k errors share a variant reachable by at most k deletions from each side, so a lookup hashes the query's
 * variants and gets the candidate words directly. The cost depends on the query's length, not on how many
 * words the register has. Kept in flat typed arrays (sorted hashes, offsets, word ids) to stay small.
 */
export class DeletionIndex {
  /**
   * Where each bucket of hashes (their top `bucketBits` bits) starts in `hashes`, so a lookup scans a few
   * hashes instead of binary-searching them all: a word of fifteen letters has over a hundred variants.
   */
  private readonly bucketStarts: Int32Array;
  private readonly bucketShift: number;

  private constructor(
    private readonly hashes: Uint32Array,
    private readonly offsets: Int32Array,
    private readonly termIds: Int32Array,
  ) {
    // About four hashes a bucket: a quarter of the hashes' memory again, for a scan of a few.
    const bucketBits = Math.max(0, Math.min(hashBits, Math.floor(Math.log2(Math.max(1, hashes.length))) - 2));
    this.bucketShift = hashBits - bucketBits;
    this.bucketStarts = new Int32Array((1 << bucketBits) + 1);
    let slot = 0;
    for (let bucket = 0; bucket <= 1 << bucketBits; bucket++) {
      while (slot < hashes.length && hashes[slot]! >>> this.bucketShift < bucket) slot++;
      this.bucketStarts[bucket] = slot;
    }
  }

  static builder(): DeletionIndexBuilder {
    return new DeletionIndexBuilder();
  }

  /** @internal */
  static fromSortedPairs(packed: Float64Array): DeletionIndex {
    let distinct = 0;
    let last = -1;
    for (const value of packed) {
      const hash = Math.floor(value / termIdLimit);
      if (hash !== last) {
        distinct++;
        last = hash;
      }
    }
    const hashes = new Uint32Array(distinct);
    const offsets = new Int32Array(distinct + 1);
    const termIds = new Int32Array(packed.length);
    let slot = -1;
    last = -1;
    packed.forEach((value, i) => {
      const hash = Math.floor(value / termIdLimit);
      if (hash !== last) {
        slot++;
        hashes[slot] = hash;
        offsets[slot] = i;
        last = hash;
      }
      termIds[i] = value - hash * termIdLimit;
    });
    offsets[distinct] = packed.length;
    return new DeletionIndex(hashes, offsets, termIds);
  }

  /**
   * Calls `visit` with every word id sharing a deletion variant (up to `depth` deletions) with `word`. A word id
   * may come more than once. Variants are taken in the order `deletionVariants` lists them (the word, then
   * one deletion left to right, then two), so the words are first met in the same order. `visit` must not
   * look up candidates itself: the lookup works in buffers shared by all lookups.
   */
  forEachCandidate(word: string, depth: number, visit: (termId: number) => void): void {
    // Typed words meet at most two deletions: those variants are hashed in place, without building a string
    // per variant, which is what a misspelt word used to cost. Deeper searches are rare enough to build them.
    if (depth > 2) {
      for (const variant of deletionVariants(word, depth)) this.visitHash(hashOf(variant) >>> 1, visit);
      return;
    }
    const length = word.length;
    const seen = variantHashesSeen.start(1 + length + (length * (length - 1)) / 2);
    const prefixes = prefixHashesOf(word);
    const visitOnce = (hash: number) => {
      const key = hash >>> 1;
      if (seen.add(key)) this.visitHash(key, visit);
    };
    visitOnce(prefixes[length]! >>> 0);
    if (depth < 1) return;
    for (let i = 0; i < length; i++) visitOnce(continueHash(prefixes[i]!, word, i + 1, length) >>> 0);
    if (depth < 2) return;
    // Two deletions, at `first` < `second`, in the order of their first appearance among the variants.
    for (let first = 0; first < length; first++) {
      let between = prefixes[first]!;
      for (let second = first + 1; second < length; second++) {
        visitOnce(continueHash(between, word, second + 1, length) >>> 0);
        between = continueHash(between, word, second, second + 1);
      }
    }
  }

  get byteSize(): number {
    return (
      this.hashes.byteLength +
      this.offsets.byteLength +
      this.termIds.byteLength +
      this.bucketStarts.byteLength
    );
  }

  private visitHash(hash: number, visit: (termId: number) => void): void {
    const slot = this.find(hash);
    if (slot < 0) return;
    const end = this.offsets[slot + 1]!;
    for (let i = this.offsets[slot]!; i < end; i++) visit(this.termIds[i]!);
  }

  private find(hash: number): number {
    const bucket = hash >>> this.bucketShift;
    const end = this.bucketStarts[bucket + 1]!;
    for (let slot = this.bucketStarts[bucket]!; slot < end; slot++) {
      const value = this.hashes[slot]!;
      if (value === hash) return slot;
      if (value > hash) return -1;
    }
    return -1;
  }
}

let prefixHashes = new Int32Array(64);

/** The FNV-1a hashes of every beginning of `word` (`[i]` covers the first i letters), in a reused buffer. */
function prefixHashesOf(word: string): Int32Array {
  if (prefixHashes.length <= word.length) prefixHashes = new Int32Array(word.length * 2 + 1);
  let hash = fnvOffsetBasis;
  prefixHashes[0] = hash;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, fnvPrime);
    prefixHashes[i + 1] = hash;
  }
  return prefixHashes;
}

/**
 * The variant hashes one lookup has met, so that a variant reached twice ("aab" loses either "a") is looked up
 * once. Open addressing over reused arrays; a new lookup only bumps the generation, it clears nothing.
 */
class VariantHashSet {
  private hashes = new Uint32Array(1024);
  private generations = new Int32Array(1024);
  private generation = 0;
  private mask = 1023;

  /** Empties the set for a lookup of at most `count` variants. */
  start(count: number): this {
    if (count * 2 > this.hashes.length) {
      let size = this.hashes.length;
      while (count * 2 > size) size *= 2;
      this.hashes = new Uint32Array(size);
      this.generations = new Int32Array(size);
      this.mask = size - 1;
      this.generation = 0;
    }
    // The generations are Int32: before the counter leaves that range, clear them and count from the start.
    if (this.generation === 0x7fffffff) {
      this.generations.fill(0);
      this.generation = 0;
    }
    this.generation++;
    return this;
  }

  /** Adds the hash; false when this lookup had it already. */
  add(hash: number): boolean {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      if (this.generations[slot] !== this.generation) {
        this.generations[slot] = this.generation;
        this.hashes[slot] = hash;
        return true;
      }
      if (this.hashes[slot] === hash) return false;
    }
  }
}

const variantHashesSeen = new VariantHashSet();

export class DeletionIndexBuilder {
  // Each pair is packed into one float: 31 bits of hash above 22 bits of word id, exact below 2^53.
  private packed = new Float64Array(1024);
  private length = 0;

  add(termId: number, word: string, depth: number): void {
    if (termId >= termIdLimit) throw new RangeError(`The deletion index holds at most ${termIdLimit} words`);
    for (const variant of deletionVariants(word, depth)) {
      if (this.length === this.packed.length) {
        const grown = new Float64Array(this.packed.length * 2);
        grown.set(this.packed);
        this.packed = grown;
      }
      this.packed[this.length++] = (hashOf(variant) >>> 1) * termIdLimit + termId;
    }
  }

  build(): DeletionIndex {
    const pairs = this.packed.slice(0, this.length).sort();
    this.packed = new Float64Array(0);
    return DeletionIndex.fromSortedPairs(pairs);
  }
}
