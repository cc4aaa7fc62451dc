import assert from 'node:assert/strict';
import {
  compact,
  digitsOf,
  fold,
  soundKey,
  stem,
  stripInflection,
  tokenize,
  typoBudget,
} from '../../../src/domain/answers/normalize';

describe('normalize', () => {
  it('folds case, å ä ö é and punctuation to plain lower-case words', () => {
    assert.equal(fold('Vem äger BARN- och Utbildning? (Café)'), 'vem ager barn och utbildning cafe');
    assert.equal(fold('Ørsted Æble Straße'), 'orsted aeble strasse');
  });

  it('tokenises into folded words and gives nothing for empty or symbol-only text', () => {
    assert.deepEqual(tokenize('Office-365, Plus!'), ['office', '365', 'plus']);
    assert.deepEqual(tokenize(' ?! '), []);
  });

  it('gives spaced, hyphenated and joined spellings one compact form', () => {
    assert.equal(compact('Office 365'), 'office365');
    assert.equal(compact('office-365'), 'office365');
    assert.equal(compact('Office365'), 'office365');
    assert.equal(compact('combine 2'), compact('Combine2'));
  });

  it('keeps the digits of a token in order', () => {
    assert.equal(digitsOf('w3d3'), '33');
    assert.equal(digitsOf('agresso'), '');
  });

  it('allows no typing errors in short words, one in middling and two in long ones', () => {
    assert.deepEqual([3, 4, 7, 8, 20].map(typoBudget), [0, 1, 1, 2, 2]);
  });

  it('strips definite and plural endings from long words but leaves short words and versions alone', () => {
    assert.equal(stripInflection('forvaltningen'), 'forvaltning');
    assert.equal(stripInflection('namnden'), 'namnd');
    assert.equal(stripInflection('systemen'), 'system');
    assert.equal(stripInflection('visma'), 'visma');
    assert.equal(stripInflection('office365'), 'office365');
  });

  it('stems description words so that lön, löne- and lönen meet', () => {
    assert.equal(stem('lon'), 'lon');
    assert.equal(stem('lone'), 'lon');
    assert.equal(stem('lonen'), 'lon');
    assert.equal(stem('systemet'), 'system');
    assert.equal(stem('fakturor'), stem('faktura'));
  });

  it('stems Latin nouns in -ium, -eum and -trum so that their Swedish forms meet', () => {
    const forms: string[][] = [
      ['diarium', 'diariet', 'diarier', 'diarierna', 'diariets', 'diariums'],
      ['kriterium', 'kriteriet', 'kriterier', 'kriterierna'],
      ['museum', 'museet', 'museer'],
      ['centrum', 'centret', 'centra'],
    ];
    for (const [base, ...inflected] of forms) {
      for (const form of inflected) assert.equal(stem(form), stem(base!), `${form} and ${base}`);
    }
  });

  it('stems the definite form of a noun ending in -s or -er to meet the noun itself', () => {
    const forms: string[][] = [
      ['webbplats', 'webbplatsen', 'webbplatser'],
      ['register', 'registret', 'registren'],
      ['elevregister', 'elevregistret'],
      ['center', 'centret'],
    ];
    for (const [base, ...inflected] of forms) {
      for (const form of inflected) assert.equal(stem(form), stem(base!), `${form} and ${base}`);
    }
    assert.notEqual(stem('registret'), stem('regi'));
  });

  it('leaves other words in -um whole, so that they meet no unrelated word', () => {
    assert.notEqual(stem('datum'), stem('data'));
    assert.equal(stem('datum'), stem('datumet'));
    assert.equal(stem('forum'), 'forum');
    assert.equal(stem('album'), 'album');
    assert.equal(stem('klassrum'), 'klassrum');
    assert.notEqual(stem('museum'), stem('musen'));
  });

  it('folds every Latin character, alone and beside others, as the whole-text definition does', () => {
    // The definition fold had before it became one pass over a table; the table must never disagree with it.
    const unDecomposable: Record<string, string> = {
      ø: 'o',
      æ: 'ae',
      ß: 'ss',
      œ: 'oe',
      đ: 'd',
      ł: 'l',
      þ: 'th',
    };
    const byDefinition = (text: string) =>
      text
        .toLowerCase()
        .replace(/[øæßœđłþ]/g, (letter) => unDecomposable[letter] ?? letter)
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const neighbours = ['', ' ', 'a', 'Ö', '7', '-', 'ß', '\u0301', '½', '😀'];
    for (let code = 0; code < 0x320; code++) {
      const character = String.fromCharCode(code);
      for (const before of neighbours) {
        for (const after of neighbours) {
          const text = `${before}${character}${after}x${character}`;
          assert.equal(fold(text), byDefinition(text), JSON.stringify(text));
          assert.equal(compact(text), byDefinition(text).replace(/ /g, ''), JSON.stringify(text));
        }
      }
    }
  });

  it('spells a word as it sounds, so that names typed by ear meet', () => {
    assert.equal(soundKey('schoolsoft'), soundKey('skolsoft'));
    assert.equal(soundKey('phoniro'), soundKey('foniro'));
    assert.equal(soundKey('interbook'), 'interbok');
    assert.notEqual(soundKey('tempus'), soundKey('temus'), 'a typing error is not a sound');
  });

  it('stems a genitive after a definite ending as the definite form', () => {
    assert.equal(stem('kulturskolans'), stem('kulturskolan'));
    assert.equal(stem('bibliotekets'), stem('biblioteket'));
    assert.equal(stem('hemtjanstens'), stem('hemtjansten'));
  });
});
