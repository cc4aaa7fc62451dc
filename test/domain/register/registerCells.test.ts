import assert from 'node:assert/strict';
import {
  cleanMultilineText,
  cleanText,
  isEmail,
  parseDate,
  parseList,
  parsePeople,
  parseUserCount,
  parseYesNo,
} from '../../../src/domain/register/registerCells';

describe('register cells', () => {
  describe('people', () => {
    it('reads "Förnamn Efternamn <e-mail>" and lower-cases the e-mail', () => {
      assert.deepEqual(parsePeople('Linnéa Sjögren <Linnea.Sjogren@Exempelkommun.se>'), {
        people: [{ name: 'Linnéa Sjögren', email: 'linnea.sjogren@exempelkommun.se' }],
        unreadable: [],
        vacant: [],
      });
    });

    it('keeps a bare name exactly, with å, ä, ö and é', () => {
      assert.deepEqual(parsePeople('  Åsa Öberg-Häll ').people, [{ name: 'Åsa Öberg-Häll' }]);
      assert.deepEqual(parsePeople('René Ekström').people, [{ name: 'René Ekström' }]);
    });

    it('composes decomposed accents so a name from a Mac file equals the same name typed elsewhere', () => {
      assert.deepEqual(parsePeople('A\u030asa O\u0308berg').people, [{ name: 'Åsa Öberg' }]);
    });

    it('names a person given only by e-mail after the address', () => {
      assert.deepEqual(parsePeople('Support@Exempelkommun.se').people, [
        { name: 'support@exempelkommun.se', email: 'support@exempelkommun.se' },
      ]);
    });

    it('reads a name followed by a bare e-mail', () => {
      assert.deepEqual(parsePeople('Anna Lindqvist anna.lindqvist@exempelkommun.se').people, [
        { name: 'Anna Lindqvist', email: 'anna.lindqvist@exempelkommun.se' },
      ]);
    });

    it('reads several people separated by commas, semicolons and line breaks', () => {
      const cell =
        'Jörgen Häggström <jorgen.haggstrom@exempelkommun.se>, Anna Bergström; anna.lindqvist@exempelkommun.se\nHassan Ali';
      assert.deepEqual(
        parsePeople(cell).people.map((person) => person.name),
        ['Jörgen Häggström', 'Anna Bergström', 'anna.lindqvist@exempelkommun.se', 'Hassan Ali'],
      );
    });

    it('gives the parts that look like e-mail but are not one as unreadable', () => {
      const parsed = parsePeople('Anna <anna.kommun.se>, Per Nordin, per@kommun, Eva <>');
      assert.deepEqual(parsed.people, [{ name: 'Per Nordin' }]);
      assert.deepEqual(parsed.unreadable, ['Anna <anna.kommun.se>', 'per@kommun', 'Eva <>']);
    });

    describe('as registers really write them', () => {
      const names = (cell: string) => parsePeople(cell).people;

      it('reads "Efternamn, Förnamn" as one person, with an address in <...> or (...), and stores "Förnamn Efternamn"', () => {
        assert.deepEqual(names('Öberg, Åsa'), [{ name: 'Åsa Öberg' }]);
        assert.deepEqual(names('Öberg, Åsa <asa.oberg@kommun.se>'), [
          { name: 'Åsa Öberg', email: 'asa.oberg@kommun.se' },
        ]);
        assert.deepEqual(names('Lund, Kim (kim.lund@kommun.se)'), [
          { name: 'Kim Lund', email: 'kim.lund@kommun.se' },
        ]);
        assert.deepEqual(names('Berg-Ek, Anna Karin [ak.bergek@kommun.se]'), [
          { name: 'Anna Karin Berg-Ek', email: 'ak.bergek@kommun.se' },
        ]);
      });

      it('reads several "Efternamn, Förnamn" separated by ";" or by "," alike', () => {
        const expected = [{ name: 'Åsa Öberg' }, { name: 'Bo Ek' }];
        assert.deepEqual(names('Öberg, Åsa; Ek, Bo'), expected);
        assert.deepEqual(names('Öberg, Åsa, Ek, Bo'), expected);
        assert.deepEqual(names('Öberg, Åsa\nEk, Bo'), expected);
      });

      it('reads full names separated by a comma as several people', () => {
        assert.deepEqual(names('Anna Berg, Bo Ek'), [{ name: 'Anna Berg' }, { name: 'Bo Ek' }]);
        assert.deepEqual(names('Anna Berg, Ek, Bo'), [{ name: 'Anna Berg' }, { name: 'Bo Ek' }]);
      });

      for (const [label, cell] of [
        ['" och "', 'Anna Berg och Bo Ek'],
        ['" & "', 'Anna Berg & Bo Ek'],
        ['"/"', 'Anna Berg/Bo Ek'],
        ['a line break', 'Anna Berg\r\nBo Ek'],
        ['";"', 'Anna Berg;Bo Ek'],
      ]) {
        it(`separates people joined by ${label}`, () => {
          assert.deepEqual(names(cell as string), [{ name: 'Anna Berg' }, { name: 'Bo Ek' }]);
        });
      }

      it('keeps a separator inside an address or a parenthesis out of the split', () => {
        assert.deepEqual(names('Anna Berg (vikarie/inhyrd), Bo Ek'), [
          { name: 'Anna Berg (vikarie/inhyrd)' },
          { name: 'Bo Ek' },
        ]);
      });

      it('reads the words for nobody as an empty role, given back as written', () => {
        for (const cell of ['Vakant', '-', '–', 'saknas', 'Ej tillsatt', 'N/A', '?', 'Saknas.', ' vakant ']) {
          assert.deepEqual(parsePeople(cell), { people: [], unreadable: [], vacant: [cell.trim()] }, cell);
        }
        assert.deepEqual(parsePeople('Anna Berg; vakant'), {
          people: [{ name: 'Anna Berg' }],
          unreadable: [],
          vacant: ['vakant'],
        });
      });

      it('gives the same person once when a cell repeats them', () => {
        assert.deepEqual(names('Öberg, Åsa; Åsa Öberg'), [{ name: 'Åsa Öberg' }]);
      });
    });

    describe('text safety', () => {
      it('refuses addresses with a query, quoting or other characters no organisation hands out', () => {
        for (const text of [
          'eve@evil.se?subject=hi&body=x',
          'eve@evil.se&cc=x@y.se',
          '"eve"@evil.se',
          'eve@@evil.se',
          'eve.@evil.se',
          'ev..e@evil.se',
          'eve@evil',
          'eve@-evil.se',
          'eve@evil.s',
          'eve@evil.se/path',
        ]) {
          assert.equal(isEmail(text), false, text);
          assert.deepEqual(parsePeople(`Eve <${text}>`).people, [], text);
        }
        for (const text of [
          'anna.berg@kommun.se',
          "o'neil@kommun.se",
          'a+b@sub.kommun.se',
          'x@härnösand.se',
        ]) {
          assert.equal(isEmail(text), true, text);
        }
      });

      it('strips control, bidirectional and zero-width characters, so a name reads as it looks', () => {
        assert.equal(cleanText('Ad\u202emin\u200b \u001b[31mRöd\u0007'), 'Admin [31mRöd');
        assert.equal(cleanMultilineText('rad\u2066 ett\nrad\u00ad två'), 'rad ett\nrad två');
        assert.deepEqual(parsePeople('Eva\u200d Strand\u202e <eva.strand@kommun.se>').people, [
          { name: 'Eva Strand', email: 'eva.strand@kommun.se' },
        ]);
      });
    });

    it('gives no one for an empty cell', () => {
      assert.deepEqual(parsePeople(''), { people: [], unreadable: [], vacant: [] });
      assert.deepEqual(parsePeople(undefined), { people: [], unreadable: [], vacant: [] });
    });
  });

  it('splits a list cell, dropping blanks and repeats', () => {
    assert.deepEqual(
      parseList('Socialförvaltningen, Barn- och utbildningsförvaltningen;;Socialförvaltningen'),
      ['Socialförvaltningen', 'Barn- och utbildningsförvaltningen'],
    );
  });

  describe('dates', () => {
    it('accepts ISO, slashed and day-first dates and gives them as ISO', () => {
      assert.deepEqual(parseDate('2019-03-01'), { ok: true, value: '2019-03-01' });
      assert.deepEqual(parseDate('2019/3/1'), { ok: true, value: '2019-03-01' });
      assert.deepEqual(parseDate('1/3/2019'), { ok: true, value: '2019-03-01' });
      assert.deepEqual(parseDate('01.03.2019'), { ok: true, value: '2019-03-01' });
      assert.deepEqual(parseDate('2019-03-01 00:00:00'), { ok: true, value: '2019-03-01' });
      assert.deepEqual(parseDate('20190301'), { ok: true, value: '2019-03-01' });
      assert.deepEqual(parseDate('2024-02-29'), { ok: true, value: '2024-02-29' });
    });

    it('rejects dates that are not in the calendar', () => {
      for (const text of [
        '2023-02-29',
        '2021-02-30',
        '2021-13-01',
        '31/4/2020',
        '2021-00-10',
        '0219-01-01',
      ]) {
        assert.deepEqual(parseDate(text), { ok: false, value: text }, text);
      }
    });

    it('rejects text that is not a date', () => {
      assert.deepEqual(parseDate('våren 2019'), { ok: false, value: 'våren 2019' });
      assert.deepEqual(parseDate('2019'), { ok: false, value: '2019' });
    });

    it('gives no date for an empty cell', () => {
      assert.deepEqual(parseDate('  '), { ok: true, value: undefined });
    });
  });

  describe('user counts', () => {
    it('accepts digits with space or no-break-space thousands separators', () => {
      assert.deepEqual(parseUserCount('1200'), { ok: true, value: 1200 });
      assert.deepEqual(parseUserCount('1 200'), { ok: true, value: 1200 });
      assert.deepEqual(parseUserCount('1\u00a0200'), { ok: true, value: 1200 });
      assert.deepEqual(parseUserCount('1\u202f200\u202f000'), { ok: true, value: 1200000 });
    });

    it('rejects words, decimals and misplaced separators', () => {
      for (const text of ['ca 50', '12,5', '12 00', '-3', 'många']) {
        assert.equal(parseUserCount(text).ok, false, text);
      }
    });
  });

  it('reads yes and no in Swedish and English, and refuses anything else', () => {
    assert.deepEqual(parseYesNo('Ja'), { ok: true, value: true });
    assert.deepEqual(parseYesNo('yes'), { ok: true, value: true });
    assert.deepEqual(parseYesNo('NEJ'), { ok: true, value: false });
    assert.deepEqual(parseYesNo('No'), { ok: true, value: false });
    assert.deepEqual(parseYesNo(''), { ok: true, value: undefined });
    assert.deepEqual(parseYesNo('Kanske'), { ok: false, value: 'Kanske' });
  });
});
