import assert from 'node:assert/strict';
import { RegisterIndex } from '../../../src/domain/answers/registerIndex';
import { aSystem } from '../../support/systemMother';
import { fictionalRegister } from './fictionalRegister';

const names = (index: RegisterIndex, text: string, limit = 25) =>
  index.systemsWithPrefix(text, limit).map((system) => system.name);

/** A register of only these names, given out of order so that the index has to sort them. */
const registerOf = (...systemNames: string[]) =>
  RegisterIndex.build(systemNames.map((name) => aSystem({ name })));

describe('RegisterIndex.systemsWithPrefix (search as you type)', () => {
  const fictional = RegisterIndex.build(fictionalRegister());

  it('finds a name from its first letter', () => {
    assert.deepEqual(names(fictional, 'w'), ['W3D3', 'Visma Window']);
    assert.deepEqual(names(fictional, 'c'), ['Combine2']);
  });

  it('finds a name by a beginning that holds digits', () => {
    assert.deepEqual(names(fictional, 'W3'), ['W3D3']);
    assert.deepEqual(names(fictional, 'w3d'), ['W3D3']);
    assert.deepEqual(names(fictional, 'combine2'), ['Combine2']);
    assert.deepEqual(names(fictional, 'combine3'), []);
  });

  it('finds the beginning of any word of a name, digits included', () => {
    assert.deepEqual(names(fictional, 'pers'), ['Visma Personec']);
    assert.deepEqual(names(fictional, '365'), ['Office 365']);
    assert.deepEqual(names(fictional, '3'), ['Office 365']);
    assert.deepEqual(names(fictional, 'ekon'), ['Agresso Ekonomi']);
  });

  it('ignores case, and the spaces and hyphens typed between words', () => {
    assert.deepEqual(names(fictional, 'office-3'), ['Office 365']);
    assert.deepEqual(names(fictional, 'OFFICE 3'), ['Office 365']);
    assert.deepEqual(names(fictional, 'office3'), ['Office 365']);
    assert.deepEqual(names(fictional, 'Visma W'), ['Visma Window']);
    assert.deepEqual(names(fictional, 'vismap'), ['Visma Personec']);
  });

  it('takes ö typed as o, and o typed as ö', () => {
    const index = registerOf('Öppna data', 'Orkester', 'Lön och personal', 'Ärendehantering Å');
    assert.deepEqual(names(index, 'o'), ['Orkester', 'Öppna data']);
    assert.deepEqual(names(index, 'ÖPP'), ['Öppna data']);
    assert.deepEqual(names(index, 'opp'), ['Öppna data']);
    assert.deepEqual(names(index, 'aren'), ['Ärendehantering Å']);
    assert.deepEqual(names(index, 'lön'), ['Lön och personal']);
  });

  it('does not start a word at a joiner such as "och"', () => {
    const index = registerOf('Lön och personal', 'Ocharis');
    assert.deepEqual(names(index, 'och'), ['Ocharis']);
    assert.deepEqual(names(index, 'pers'), ['Lön och personal']);
    assert.deepEqual(names(index, 'lon och p'), ['Lön och personal']);
  });

  it('lists names that begin with the text before names with a later word that does', () => {
    const index = registerOf('EDP Vision', 'Visma Window', 'Viva', 'Sitevision', 'Visma Personec');
    assert.deepEqual(names(index, 'vi'), ['Viva', 'Visma Window', 'Visma Personec', 'EDP Vision']);
  });

  it('lists shorter names first, then in Swedish name order', () => {
    // Same length: Swedish order puts å, ä, ö after z, though they are typed and matched as a and o.
    const index = registerOf('Ärla', 'Arla', 'Zarla', 'Arlanda', 'Ärlanda', 'Arl');
    assert.deepEqual(names(index, 'ar'), ['Arl', 'Arla', 'Ärla', 'Arlanda', 'Ärlanda']);
    assert.deepEqual(names(registerOf('Ab 2', 'Ab 10', 'Ab 1'), 'ab'), ['Ab 1', 'Ab 2', 'Ab 10']);
  });

  it('lists a system once, even when several of its words begin with the text', () => {
    const index = registerOf('Kart Kartor Karta', 'Kartverket');
    assert.deepEqual(names(index, 'kart'), ['Kartverket', 'Kart Kartor Karta']);
    assert.deepEqual(names(index, 'karto'), ['Kart Kartor Karta']);
  });

  it('gives at most the limit, and the best of them', () => {
    const index = RegisterIndex.build(
      Array.from({ length: 300 }, (_, i) => aSystem({ name: `Visma Modul ${300 - i}` })).concat(
        aSystem({ name: 'Vis' }),
        aSystem({ name: 'Bo Vis' }),
      ),
    );
    assert.deepEqual(names(index, 'vis', 3), ['Vis', 'Visma Modul 1', 'Visma Modul 2']);
    assert.equal(names(index, 'v', 10).length, 10);
    assert.equal(names(index, 'vis', 400).length, 302);
    assert.equal(names(index, 'vis', 400).at(-1), 'Bo Vis');
    assert.deepEqual(names(index, 'vis', 0), []);
  });

  it('finds nothing for text without letters or digits, or a beginning no name has', () => {
    assert.deepEqual(names(fictional, ''), []);
    assert.deepEqual(names(fictional, ' - '), []);
    assert.deepEqual(names(fictional, 'xq'), []);
    assert.deepEqual(names(RegisterIndex.build([]), 'a'), []);
  });
});
