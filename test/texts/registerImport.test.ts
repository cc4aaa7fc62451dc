import assert from 'node:assert/strict';
import { planImport, type ImportReport } from '../../src/domain/register/registerImport';
import type { RegisterTable } from '../../src/domain/register/registerTable';
import { describeImportReport } from '../../src/texts/registerImport';
import { aSystemRow, registerTable } from '../domain/register/registerRows';

function reportFor(table: RegisterTable, overrides: Partial<ImportReport> = {}): ImportReport {
  const { changes: _changes, ...plan } = planImport(table, [], { skipInvalid: true });
  return {
    fileName: 'register.csv',
    dryRun: false,
    skipInvalid: true,
    outcome: 'applied',
    written: true,
    unfinished: [],
    registerFingerprint: 'empty-register',
    changedSample: [],
    ...plan,
    ...overrides,
  };
}

describe('register import report texts', () => {
  const table = registerTable([
    aSystemRow({ name: 'Viva', responsible: 'Maria Sundberg, Leila Karimi' }),
    aSystemRow({ name: '' }),
    aSystemRow({ name: '?' }),
    aSystemRow({ name: 'Dubblett' }),
    aSystemRow({ name: 'dubblett' }),
    aSystemRow({ name: 'E', managers: 'Eva <eva@>' }),
    aSystemRow({ name: 'F', goLive: '2021-02-30' }),
    aSystemRow({ name: 'G', users: 'många' }),
    aSystemRow({ name: 'H', critical: 'Kanske' }),
  ]);

  it("describes every rejection reason and warning in Swedish, naming the file's own column headers", () => {
    const text = describeImportReport(reportFor(table), 'sv').join('\n');
    assert.match(text, /rad 3: saknar systemnamn/);
    assert.match(text, /rad 4 "\?": systemnamnet "\?" har varken bokstäver eller siffror/);
    assert.match(text, /rad 5 "Dubblett": samma systemnamn som rad 6/);
    assert.match(text, /rad 7 "E": oläslig e-postadress i Systemförvaltare: "Eva <eva@>"/);
    assert.match(text, /rad 8 "F": omöjligt datum i Driftsättningsdatum: "2021-02-30"/);
    assert.match(text, /rad 9 "G": Antal användare är inte ett heltal: "många"/);
    assert.match(text, /rad 10 "H": Verksamhetskritiskt \(Ja\/Nej\) ska vara Ja eller Nej: "Kanske"/);
    assert.match(text, /rad 2 "Viva": Systemansvarig ska vara en person men cellen anger 2/);
    assert.doesNotMatch(text, /\{\w+\}/);
  });

  it('describes the same report in English', () => {
    const text = describeImportReport(reportFor(table), 'en').join('\n');
    assert.match(text, /line 3: no system name/);
    assert.match(text, /line 6 "dubblett": same system name as line 5/);
    assert.match(text, /line 9 "G": Antal användare is not a whole number: "många"/);
    assert.match(text, /The import is done without the rejected rows \(8\)/);
    assert.doesNotMatch(text, /\{\w+\}/);
  });

  it('explains a file without a system-name column and lists the columns it has', () => {
    const report = reportFor(
      { headers: ['Förvaltning', 'Leverantör'], rows: [{ line: 2, cells: ['X', 'Y'] }] },
      { outcome: 'refused', written: false },
    );
    const text = describeImportReport(report, 'sv').join('\n');
    assert.match(text, /saknar en kolumn för systemets namn/);
    assert.match(text, /Kolumnerna i filen: Förvaltning, Leverantör/);
  });
  it('shows a sample of the systems kept because of rejected rows, with a count of the rest', () => {
    const kept = Array.from({ length: 40 }, (_, index) => ({ id: `s-${index}`, name: `Kvar ${index + 1}` }));
    const text = describeImportReport(reportFor(table, { keptAbsent: kept }), 'sv').join('\n');
    assert.match(text, /Behålls fast de saknas i filen \(40\)/);
    assert.match(text, /Kvar 15\n/);
    assert.doesNotMatch(text, /Kvar 16\n/);
    assert.match(text, /… och 25 till/);
  });
});
