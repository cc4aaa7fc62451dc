import assert from 'node:assert/strict';
import {
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
