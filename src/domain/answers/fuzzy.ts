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

/** FNV-1a, 32 bits. Collisions only add candidates that the edit distance then rejects. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const termIdBits = 22;
const termIdLimit = 2 ** termIdBits;

/**
 * Symmetric-delete index: each word is stored under the hashes of its deletion variants. Two words within
 * k errors share a variant reachable by at most k deletions from each side, so a lookup hashes the query's
 * variants and gets the candidate words directly. The cost depends on the query's length, not on how many
 * words the register has. Kept in flat typed arrays (sorted hashes, offsets, word ids) to stay small.
 */
export class DeletionIndex {
  private constructor(
    private readonly hashes: Uint32Array,
    private readonly offsets: Int32Array,
    private readonly termIds: Int32Array,
  ) {}

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

  /** Calls `visit` with every word id sharing a deletion variant (up to `depth` deletions) with `word`. */
  forEachCandidate(word: string, depth: number, visit: (termId: number) => void): void {
    for (const variant of deletionVariants(word, depth)) {
      const slot = this.find(hashOf(variant) >>> 1);
      if (slot < 0) continue;
      const end = this.offsets[slot + 1]!;
      for (let i = this.offsets[slot]!; i < end; i++) visit(this.termIds[i]!);
    }
  }

  get byteSize(): number {
    return this.hashes.byteLength + this.offsets.byteLength + this.termIds.byteLength;
  }

  private find(hash: number): number {
    let low = 0;
    let high = this.hashes.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.hashes[middle]!;
      if (value < hash) low = middle + 1;
      else if (value > hash) high = middle - 1;
      else return middle;
    }
    return -1;
  }
}

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
