import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DeletionIndex } from '../../../src/domain/answers/fuzzy';
import { longestTypoTolerantWord, NameIndex } from '../../../src/domain/answers/nameIndex';
import { tokenize } from '../../../src/domain/answers/normalize';

const names = [
  'Agresso',
  'Agresso Ekonomi',
  'Visma Window',
  'Visma Personec',
  'W3D3',
  'Office 365',
  'Combine2',
  'Lön och personal',
];
const index = NameIndex.build(names);
const search = (text: string) => {
  const found = index.search(tokenize(text));
  return {
    ...found,
    best: found.best.map((entry) => names[entry]),
    suggestions: found.suggestions.map((e) => names[e]),
  };
};

describe('NameIndex', () => {
  it('prefers the exact name over a longer name that starts with it', () => {
    const found = search('agresso');
    assert.deepEqual(found.best, ['Agresso']);
    assert.equal(found.quality, 'exact');
  });

  it('finds the longer name when it is typed in full', () => {
    assert.deepEqual(search('agresso ekonomi').best, ['Agresso Ekonomi']);
  });

  it('takes part of a name when no system is called just that', () => {
    const found = search('personec');
    assert.deepEqual(found.best, ['Visma Personec']);
    assert.equal(found.quality, 'partial');
    assert.ok(found.answerable);
  });

  it('reports a tie when a shared word fits several names equally', () => {
    const found = search('visma');
    assert.deepEqual([...found.best].sort(), ['Visma Personec', 'Visma Window']);
    assert.ok(found.answerable);
  });

  it('forgives one error in a word of middling length and two across a longer name', () => {
    assert.deepEqual(search('agreso').best, ['Agresso']);
    assert.equal(search('agreso').quality, 'typo');
    assert.deepEqual(search('vsma windw').best, ['Visma Window']);
    assert.deepEqual(search('agrsso ekonmi').best, ['Agresso Ekonomi']);
  });

  it('does not stretch typo tolerance so far that short or distant words match', () => {
    assert.deepEqual(search('agr').best, []);
    assert.deepEqual(search('axrexxo').best, []);
    assert.equal(
      search('visa').answerable,
      false,
      'four letters, one error and only part of a name: a suggestion',
    );
  });

  it('matches spaced, hyphenated and joined digits to the same name, and never another version', () => {
    for (const typed of ['office 365', 'Office365', 'office-365', 'OFFICE 365']) {
      assert.deepEqual(search(typed).best, ['Office 365'], typed);
    }
    assert.deepEqual(search('combine 2').best, ['Combine2']);
    assert.deepEqual(search('combine 3').best, []);
    assert.deepEqual(search('w3d4').best, []);
    assert.deepEqual(search('office 356').best, []);
  });

  it('finds names whose words were typed together, even with an error', () => {
    assert.deepEqual(search('vismawindow').best, ['Visma Window']);
    assert.deepEqual(search('vismawindw').best, ['Visma Window']);
  });

  it('ignores joiners such as "och" in names', () => {
    assert.deepEqual(search('lön personal').best, ['Lön och personal']);
  });

  it('keeps names that hold only some of the words as suggestions, not answers', () => {
    const found = search('agresso fakturering');
    assert.deepEqual(found.best, []);
    assert.equal(found.answerable, false);
    assert.deepEqual(found.suggestions.slice(0, 2), ['Agresso', 'Agresso Ekonomi']);
  });

  it('finds a misspelt name among twenty thousand others', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `Generated System ${i}`).concat(['Treserva']);
    const big = NameIndex.build(many);
    const found = big.search(['treserv']);
    assert.deepEqual(
      found.best.map((entry) => many[entry]),
      ['Treserva'],
    );
  });
});

describe('NameIndex work per word', () => {
  afterEach(() => sinon.restore());

  it('looks for misspelt neighbours of no word longer than the longest typo-tolerant word', () => {
    const lookups = sinon.spy(DeletionIndex.prototype, 'forEachCandidate');
    const pasted = 'agressoekonomi'.repeat(40);
    const found = index.search(tokenize(`${pasted} visma windw`));
    assert.ok(lookups.called, 'the misspelt "windw" is still looked up');
    for (const call of lookups.getCalls()) {
      assert.ok((call.args[0] as string).length <= longestTypoTolerantWord, `looked up ${call.args[0]}`);
    }
    assert.notEqual(found.quality, 'exact');
  });

  it('still forgives a typing error in an ordinary word', () => {
    assert.deepEqual(search('agreso ekonomi').best, ['Agresso Ekonomi']);
  });
});
