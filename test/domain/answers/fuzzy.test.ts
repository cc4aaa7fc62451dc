import assert from 'node:assert/strict';
import { DeletionIndex, boundedEditDistance, deletionVariants } from '../../../src/domain/answers/fuzzy';

describe('fuzzy', () => {
  describe('boundedEditDistance', () => {
    it('counts a missing, an extra, a wrong and a swapped letter as one error each', () => {
      assert.equal(boundedEditDistance('agresso', 'agreso', 2), 1);
      assert.equal(boundedEditDistance('visma', 'vismaa', 2), 1);
      assert.equal(boundedEditDistance('window', 'windoe', 2), 1);
      assert.equal(boundedEditDistance('procapita', 'porcapita', 2), 1);
    });

    it('gives zero for the same word and max + 1 once the distance is beyond the bound', () => {
      assert.equal(boundedEditDistance('treserva', 'treserva', 0), 0);
      assert.equal(boundedEditDistance('treserva', 'reserv', 1), 2);
      assert.equal(boundedEditDistance('kommunstyrelsen', 'socialnamnden', 2), 3);
      assert.equal(boundedEditDistance('a', 'abcdef', 2), 3);
    });

    it('measures two errors within a bound of two', () => {
      assert.equal(boundedEditDistance('vsma', 'visma', 2), 1);
      assert.equal(boundedEditDistance('agrsso ekonmi', 'agresso ekonomi', 2), 2);
    });
  });

  it('lists every deletion variant up to the given depth, the word included', () => {
    assert.deepEqual([...deletionVariants('abc', 1)].sort(), ['ab', 'abc', 'ac', 'bc']);
    assert.equal(deletionVariants('abcd', 2).size, 1 + 4 + 6);
  });

  it('finds the words within reach of a misspelling and not the far ones', () => {
    const words = ['agresso', 'treserva', 'procapita', 'visma'];
    const builder = DeletionIndex.builder();
    words.forEach((word, id) => builder.add(id, word, 2));
    const index = builder.build();
    const found = new Set<string>();
    index.forEachCandidate('agreso', 1, (id) => found.add(words[id]!));
    assert.ok(found.has('agresso'));
    assert.ok(!found.has('procapita'));
  });

  it('meets the words sharing a deletion variant, each first in the order the variants are listed', () => {
    const words = [
      'agresso',
      'agreso',
      'aggresso',
      'treserva',
      'visma',
      'vsima',
      'aab',
      'ab',
      'b',
      'lonesystem',
    ];
    const builder = DeletionIndex.builder();
    words.forEach((word, id) => builder.add(id, word, 2));
    const index = builder.build();
    for (const query of ['agresso', 'agersso', 'aab', 'abba', 'vsma', 'lonesystemet', '']) {
      for (const depth of [0, 1, 2]) {
        const expected: number[] = [];
        for (const variant of deletionVariants(query, depth)) {
          words.forEach((word, id) => {
            if (deletionVariants(word, 2).has(variant) && !expected.includes(id)) expected.push(id);
          });
        }
        const met: number[] = [];
        index.forEachCandidate(query, depth, (id) => {
          if (!met.includes(id)) met.push(id);
        });
        assert.deepEqual(met, expected, `${query} within ${depth}`);
      }
    }
  });
});
