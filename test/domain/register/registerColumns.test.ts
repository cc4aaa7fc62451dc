import assert from 'node:assert/strict';
import { fieldForHeader, mapColumns } from '../../../src/domain/register/registerColumns';

describe('register columns', () => {
  it('recognises the Swedish headers whatever their case, accents, spacing and hyphens', () => {
    const cases: [string, string][] = [
      ['IT-systemets namn', 'name'],
      ['it systemets NAMN', 'name'],
      ['Systemnamn', 'name'],
      ['System', 'name'],
      ['FORVALTNING', 'departments'],
      ['Kontor', 'departments'],
      ['Avdelning', 'unit'],
      ['Beskrivning', 'description'],
      ['Systemagare', 'owner'],
      ['System-ansvarig', 'responsible'],
      ['Systemförvaltare', 'managers'],
      ['Systemadministratör', 'administrators'],
      ['Systemadministratörer', 'administrators'],
      ['Pilot', 'pilots'],
      ['Ombud', 'pilots'],
      ['Pilot/Ombud', 'pilots'],
      ['Ansvarig  chef', 'responsibleChief'],
      ['Antal användare', 'userCount'],
      ['Verksamhetskritiskt (Ja/Nej)', 'businessCritical'],
      ['Verksamhetskritiskt', 'businessCritical'],
      ['Driftsättningsdatum', 'goLiveDate'],
      ['Informationsklass', 'informationClass'],
      ['Även kallat', 'aliases'],
      ['Förkortning', 'aliases'],
      ['\uFEFFFörvaltning', 'departments'],
    ];
    for (const [header, field] of cases) assert.equal(fieldForHeader(header), field, header);
  });

  it('recognises the English headers', () => {
    const cases: [string, string][] = [
      ['System name', 'name'],
      ['Department', 'departments'],
      ['Unit', 'unit'],
      ['Description', 'description'],
      ['System owner', 'owner'],
      ['Responsible', 'responsible'],
      ['System manager(s)', 'managers'],
      ['Administrator(s)', 'administrators'],
      ['Pilot(s)/Super users', 'pilots'],
      ['Responsible manager/chief', 'responsibleChief'],
      ['Number of users', 'userCount'],
      ['Business critical', 'businessCritical'],
      ['Business-critical (Yes/No)', 'businessCritical'],
      ['Go-live date', 'goLiveDate'],
      ['Information class', 'informationClass'],
      ['Also known as', 'aliases'],
    ];
    for (const [header, field] of cases) assert.equal(fieldForHeader(header), field, header);
  });

  it('does not guess a field for a header it does not know', () => {
    assert.equal(fieldForHeader('Leverantör'), undefined);
    assert.equal(fieldForHeader('Avtal/Leverantör'), undefined);
    assert.equal(fieldForHeader(''), undefined);
  });

  it('keeps unknown columns as extra facts under their original header and ignores blank headers', () => {
    const map = mapColumns(['Systemnamn', ' Leverantör ', '', 'Avtalsnummer', 'Leverantör']);
    assert.equal(map.fields.name, 0);
    assert.deepEqual(map.extra, [
      { header: 'Leverantör', index: 1 },
      { header: 'Avtalsnummer', index: 3 },
      { header: 'Leverantör (2)', index: 4 },
    ]);
  });

  it('uses the first column naming a field and keeps a repeated one as an extra fact', () => {
    const map = mapColumns(['System', 'Systemnamn']);
    assert.equal(map.fields.name, 0);
    assert.deepEqual(map.repeated, [{ header: 'Systemnamn', field: 'name' }]);
    assert.deepEqual(map.extra, [{ header: 'Systemnamn', index: 1 }]);
  });

  it('leaves the name column unset when no header names the system', () => {
    assert.equal(mapColumns(['Förvaltning', 'Beskrivning']).fields.name, undefined);
  });
});
