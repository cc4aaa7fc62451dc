import assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/bot/cards/markdown';

describe('escapeMarkdown', () => {
  it('escapes emphasis, links, images, code and HTML anywhere in a line', () => {
    assert.equal(escapeMarkdown('*fet* _kursiv_'), '\\*fet\\* \\_kursiv\\_');
    assert.equal(escapeMarkdown('[klicka](http://x)'), '\\[klicka\\](http://x)');
    assert.equal(escapeMarkdown('![bild](http://x/a.png)'), '!\\[bild\\](http://x/a.png)');
    assert.equal(escapeMarkdown('[ref]: http://x'), '\\[ref\\]: http://x');
    assert.equal(
      escapeMarkdown('`kod` <b>html</b> <http://x>'),
      '\\`kod\\` \\<b\\>html\\</b\\> \\<http://x\\>',
    );
    assert.equal(escapeMarkdown('a\\b'), 'a\\\\b');
    assert.equal(escapeMarkdown('R&amp;D'), 'R\\&amp;D');
  });

  it("escapes braces, so Teams' {{DATE(...)}} and {{TIME(...)}} functions never run on register text", () => {
    assert.equal(
      escapeMarkdown('{{DATE(2017-02-14T06:08:39Z, SHORT)}}'),
      '\\{\\{DATE(2017-02-14T06:08:39Z, SHORT)}}',
    );
    assert.equal(escapeMarkdown('Lön {gammal}'), 'Lön \\{gammal}');
  });

  it('escapes list markers, headings, quotes and numbering only at the start of a line', () => {
    assert.equal(
      escapeMarkdown('- punkt\n+ plus\n# rubrik\n> citat'),
      '\\- punkt\n\\+ plus\n\\# rubrik\n\\> citat',
    );
    assert.equal(escapeMarkdown('1. ett\n  12) tolv'), '1\\. ett\n  12\\) tolv');
    assert.equal(escapeMarkdown('=== understruken'), '\\=== understruken');
  });

  it('escapes a marker after leading white space of any kind, and a number only before a dot or bracket', () => {
    assert.equal(escapeMarkdown('  - punkt'), '  \\- punkt');
    assert.equal(escapeMarkdown('\u00a0# rubrik'), '\u00a0\\# rubrik');
    assert.equal(escapeMarkdown('3) tre'), '3\\) tre');
    assert.equal(escapeMarkdown('365 dagar'), '365 dagar');
    assert.equal(escapeMarkdown('  12 st'), '  12 st');
    assert.equal(escapeMarkdown(''), '');
  });

  it('leaves names and addresses as the register spells them', () => {
    for (const plain of [
      'Barn- och utbildningsförvaltningen',
      'Backup 3-2-1',
      'Office 365',
      'C# 2.0 kurs',
      'Karin Holmberg',
      'karin.holmberg@exempelkommun.se',
      'Åsa Öberg',
      'K2 R3 T3',
      '2012-01-01',
      'Lön (gammal)',
      'Hej!',
    ]) {
      assert.equal(escapeMarkdown(plain), plain);
    }
  });

  it('keeps line breaks, whatever their style, as single newlines', () => {
    assert.equal(escapeMarkdown('rad ett\r\nrad två\rrad tre'), 'rad ett\nrad två\nrad tre');
  });
});
