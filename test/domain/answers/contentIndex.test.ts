import assert from 'node:assert/strict';
import { ContentIndex, type ContentEntry } from '../../../src/domain/answers/contentIndex';
import { tokenize } from '../../../src/domain/answers/normalize';

// Shaped like the sample register's look-alikes: a whole compound in one description, a part in a name, the
// same word alone in another description, and a compound that merely contains the word.
const entries: ContentEntry[] = [
  { name: 'Agresso', description: 'Ekonomisystem för redovisning och fakturor' },
  { name: 'Agresso Ekonomi', description: 'Budget, prognos och uppföljning' },
  { name: 'Visma Window', description: 'Äldre lönesystem för arkivsökning' },
  { name: 'Visma Personec', description: 'Lön, anställningar och schema' },
  { name: 'Raindance', description: 'Ekonomiuppföljning och attest' },
  { name: 'W3D3', description: 'Diarium och ärendehantering' },
];
const index = ContentIndex.build(entries);
const describedBy = (text: string) =>
  Array.from(index.entriesDescribedBy(tokenize(text)), (entry) => entries[entry]!.name);

describe('ContentIndex', () => {
  it('keys a word as a whole, inflection and generic parts set aside', () => {
    assert.equal(index.wholeKeyOf('ekonomisystemet'), 'ekonomi');
    assert.equal(index.wholeKeyOf('ekonomisystem'), index.wholeKeyOf('ekonomi'));
    assert.equal(index.wholeKeyOf('lonesystemet'), index.wholeKeyOf('lon'));
    assert.notEqual(index.wholeKeyOf('ekonomiuppfoljning'), index.wholeKeyOf('ekonomi'));
    assert.equal(index.wholeKeyOf('systemet'), '');
  });

  it('still finds every system that holds a word somewhere, parts of compounds and names included', () => {
    const all = Array.from(index.entriesWithAll(index.termsOf('ekonomisystemet')), (e) => entries[e]!.name);
    assert.deepEqual(all, ['Agresso', 'Agresso Ekonomi', 'Raindance']);
  });

  it('prefers a description holding the question word whole over a part of a compound or a word of a name', () => {
    assert.deepEqual(describedBy('ekonomisystemet'), ['Agresso']);
  });

  it('keeps every system whose description holds the word whole, compound or not', () => {
    assert.deepEqual(describedBy('lönesystemet'), ['Visma Window', 'Visma Personec']);
  });

  it('falls back to every system holding the word when no description holds it whole', () => {
    const onlyParts = ContentIndex.build([
      { name: 'Alfa Ekonomi', description: 'Uppföljning' },
      { name: 'Beta', description: 'Ekonomiuppföljning' },
    ]);
    assert.deepEqual(Array.from(onlyParts.entriesDescribedBy(['ekonomisystemet'])), [0, 1]);
  });

  it('prefers the systems whose descriptions hold more of the question words whole', () => {
    assert.deepEqual(describedBy('lön schema'), ['Visma Personec']);
  });

  it('finds a Latin noun in a description from its Swedish inflected form', () => {
    assert.deepEqual(describedBy('diariet'), ['W3D3']);
  });

  it('knows the first part of a compound ending in a generic word, though the register never writes it alone', () => {
    const library = ContentIndex.build([
      { name: 'Mikromarc', description: 'Bibliotekssystem för utlån' },
      { name: 'Schoolsoft', description: 'Skolplattform för närvaro' },
      { name: 'Tempus', description: 'Närvaro i förskola' },
    ]);
    const found = (word: string) => [...library.entriesDescribedBy([word])];
    assert.deepEqual(found('bibliotekets'), [0]);
    assert.deepEqual(found('bibliotek'), [0]);
    assert.deepEqual(found('skola'), [1]);
  });
});
