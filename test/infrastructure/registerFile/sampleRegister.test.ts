import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Storage } from '../../../src/domain/ports';
import { planImport } from '../../../src/domain/register/registerImport';
import type { SystemRecord } from '../../../src/domain/register/system';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import {
  sampleRegisterPath,
  seedSampleRegisterIfEmpty,
} from '../../../src/infrastructure/registerFile/sampleRegister';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../../../src/shared/logger';

describe('the bundled sample register', () => {
  let systems: SystemRecord[];

  before(async () => {
    const plan = planImport(await readRegisterFile(sampleRegisterPath), []);
    assert.deepEqual(plan.rejected, []);
    assert.deepEqual(plan.warnings, []);
    systems = plan.changes.create;
  });

  const byName = (name: string) => {
    const system = systems.find((candidate) => candidate.name === name);
    assert.ok(system, name);
    return system;
  };
  const people = (system: SystemRecord) => [
    ...(system.responsible ? [system.responsible] : []),
    ...system.managers,
    ...system.administrators,
    ...system.pilots,
    ...(system.responsibleChief ? [system.responsibleChief] : []),
  ];

  it('imports cleanly with 35 to 45 systems, each with an owner board', () => {
    assert.ok(systems.length >= 35 && systems.length <= 45, String(systems.length));
    for (const system of systems) assert.match(system.owner, /(nämnden|styrelsen)$/, system.name);
  });

  it('has the variety of a real register', () => {
    byName('Agresso');
    byName('Agresso Ekonomi');
    byName('Visma Window');
    byName('Visma Personec');
    for (const name of ['W3D3', 'Office 365', 'Combine2', 'Procapita VoO']) byName(name);
    assert.ok(byName('Office 365').departments.length > 1);
    assert.ok(systems.some((system) => system.managers.length > 1));
    assert.ok(
      systems.some((system) => system.responsibleChief) && systems.some((system) => !system.responsibleChief),
    );
    assert.ok(systems.some((system) => system.businessCritical === true));
    assert.ok(systems.some((system) => system.businessCritical === false));
    assert.ok(systems.every((system) => system.extra.Leverantör));
    assert.ok(systems.some((system) => system.description.includes('\n')));
  });

  it('uses fictional people on exempelkommun.se, with å, ä, ö and é, some in several systems and two named Anna', () => {
    const everyone = systems.flatMap(people);
    for (const person of everyone) {
      if (person.email) assert.match(person.email, /@exempelkommun\.se$/);
    }
    const names = new Set(everyone.map((person) => person.name));
    assert.ok(
      [...names].some((name) => /[åäö]/i.test(name)) && [...names].some((name) => name.includes('é')),
    );
    assert.ok([...names].filter((name) => name.startsWith('Anna ')).length >= 2);
    const systemsPerPerson = new Map<string, number>();
    for (const system of systems) {
      for (const name of new Set(people(system).map((person) => person.name))) {
        systemsPerPerson.set(name, (systemsPerPerson.get(name) ?? 0) + 1);
      }
    }
    assert.ok([...systemsPerPerson.values()].some((count) => count >= 3));
  });

  describe('seeding', () => {
    let dataDir: string;
    let storage: Storage;

    beforeEach(async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'sample-register-'));
      storage = await createLocalStorage(dataDir);
    });

    afterEach(async () => {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('imports the sample into an untouched store, recorded as the start-up', async () => {
      assert.equal(await seedSampleRegisterIfEmpty(storage, silentLogger), true);
      assert.equal(await storage.systems.count(), systems.length);
      const [record] = await storage.imports.listRecent(1);
      assert.equal(record?.actor, 'startup:sample-register');
      assert.equal(record?.fileName, 'sample-register.csv');
      assert.equal(record?.counts.added, systems.length);
    });

    it('does nothing the second time', async () => {
      await seedSampleRegisterIfEmpty(storage, silentLogger);
      assert.equal(await seedSampleRegisterIfEmpty(storage, silentLogger), false);
      assert.equal((await storage.imports.listRecent(5)).length, 1);
    });

    it('leaves a register someone emptied on purpose empty', async () => {
      await storage.imports.add({
        id: 'earlier',
        at: '2025-01-01T00:00:00.000Z',
        actor: 'cli:admin',
        fileName: 'register.csv',
        skipInvalid: false,
        outcome: 'applied',
        counts: { rows: 1, added: 0, changed: 0, removed: 1, unchanged: 0, rejected: 0 },
      });
      assert.equal(await seedSampleRegisterIfEmpty(storage, silentLogger), false);
      assert.equal(await storage.systems.count(), 0);
    });
  });
});
