import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Storage } from '../../../src/domain/ports';
import { importRegister } from '../../../src/domain/register/registerImport';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import { exportRegister } from '../../../src/infrastructure/registerFile/registerExport';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';

const registerCsv = [
  'Förvaltning;Avdelning;IT-systemets namn;Även kallat;Beskrivning;Systemägare;Systemansvarig;Systemförvaltare;Systemadministratör;Pilot;Ansvarig chef;Antal användare;Verksamhetskritiskt;Driftsättningsdatum;Informationsklass;Status;Leverantör',
  'Socialförvaltningen, Vård- och omsorgsförvaltningen;IFO;Procapita IFO;PCI;Verksamhetssystem för IFO;Socialnämnden;Öberg, Åsa <asa.oberg@kommun.se>;Anna Berg och Bo Ek <bo.ek@kommun.se>;Kim Lund (kim.lund@kommun.se);Vakant;Eva Ek;350;Ja;2019-03-15;Känslig;I drift;Tieto AB',
  'Kommunledningsförvaltningen;Ekonomi;Agresso Ekonomi;Agresso, UBW;=Ekonomi;Kommunstyrelsen;Karin Larsson;;;;Bo Ek <bo.ek@kommun.se>;;Nej;;;Avvecklad 2023;',
].join('\r\n');

describe('register export', () => {
  let dataDir: string;
  let storage: Storage;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-export-'));
    storage = await createLocalStorage(dataDir);
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes a workbook that imports back with no change: Excel → bot → Excel round-trips', async () => {
    const table = await readRegisterFile({
      fileName: 'register.csv',
      bytes: Buffer.from(registerCsv, 'utf8'),
    });
    const first = await importRegister({ storage }, table, { fileName: 'register.csv', actor: 'test' });
    assert.equal(first.added.length, 2);

    const exported = await exportRegister(storage.systems, '2026-12-03');
    assert.equal(exported.fileName, 'Systemregister 2026-12-03.xlsx');
    assert.equal(exported.systemCount, 2);
    const again = await importRegister(
      { storage },
      await readRegisterFile({ fileName: exported.fileName, bytes: exported.bytes }),
      { fileName: exported.fileName, actor: 'test', dryRun: true },
    );
    assert.equal(again.refusal, undefined);
    assert.deepEqual(
      [again.added.length, again.changed.length, again.removed.length, again.unchanged.length],
      [0, 0, 0, 2],
      JSON.stringify(again.changed),
    );
  });
});
