import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sinon from 'sinon';
import { CurrentRegister } from '../../../src/domain/answers/currentRegister';
import { StorageUnavailableError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/domain/ports';
import { importRegister } from '../../../src/domain/register/registerImport';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { createLogger, silentLogger } from '../../../src/shared/logger';
import { aSystemRow, registerTable } from '../register/registerRows';

/** Imports a register of these system names, as the CLI does. */
async function importNames(storage: Storage, names: string[]): Promise<void> {
  const report = await importRegister(
    { storage, logger: silentLogger },
    registerTable(names.map((name) => aSystemRow({ name }))),
    { fileName: 'register.csv', actor: 'cli:test' },
  );
  assert.equal(report.outcome, 'applied');
}

const namesIn = async (register: CurrentRegister) =>
  (await register.index()).list({}, 100).systems.map((system) => system.name);

describe('CurrentRegister', () => {
  let dataDir: string;
  let storage: Storage;
  let clock: number;
  const now = () => clock;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-current-'));
    storage = await createLocalStorage(dataDir);
    clock = 1_000_000;
  });

  afterEach(async () => {
    sinon.restore();
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Lets a background refresh started by index() finish. */
  const settle = (register: CurrentRegister) => register.refresh();

  it('builds the index from the register on first use', async () => {
    await importNames(storage, ['Agresso', 'W3D3']);
    const register = new CurrentRegister(storage, { now });
    assert.deepEqual(await namesIn(register), ['Agresso', 'W3D3']);
  });

  it('answers from memory within the refresh interval, reading nothing from storage', async () => {
    await importNames(storage, ['Agresso']);
    const register = new CurrentRegister(storage, { now, refreshIntervalMs: 15_000 });
    const first = await register.index();
    const list = sinon.spy(storage.systems, 'list');
    const listRecent = sinon.spy(storage.imports, 'listRecent');

    clock += 14_999;
    for (let i = 0; i < 5; i++) assert.equal(await register.index(), first);
    assert.equal(list.callCount, 0);
    assert.equal(listRecent.callCount, 0);
  });

  it('picks up an import after the refresh interval, without a restart', async () => {
    await importNames(storage, ['Agresso']);
    const register = new CurrentRegister(storage, { now, refreshIntervalMs: 15_000 });
    assert.deepEqual(await namesIn(register), ['Agresso']);

    await importNames(storage, ['Agresso', 'Visma Window']);
    clock += 14_000;
    assert.deepEqual(await namesIn(register), ['Agresso'], 'not yet checked');

    clock += 1_000;
    // The question that finds the check due is answered at once, from the index it already has.
    assert.deepEqual(await namesIn(register), ['Agresso']);
    await settle(register);
    assert.deepEqual(await namesIn(register), ['Agresso', 'Visma Window']);
  });

  it('only looks at the newest import record when nothing changed, and keeps the same index', async () => {
    await importNames(storage, ['Agresso']);
    const register = new CurrentRegister(storage, { now, refreshIntervalMs: 15_000 });
    const first = await register.index();
    const list = sinon.spy(storage.systems, 'list');
    const listRecent = sinon.spy(storage.imports, 'listRecent');

    clock += 60_000;
    await register.index();
    await settle(register);
    assert.equal(await register.index(), first);
    assert.equal(list.callCount, 0, 'the register was read again');
    assert.ok(listRecent.calledWith(1));
  });

  it('shares one build among questions that arrive while it runs', async () => {
    await importNames(storage, ['Agresso']);
    const register = new CurrentRegister(storage, { now });
    const list = sinon.spy(storage.systems, 'list');
    const indexes = await Promise.all(Array.from({ length: 20 }, () => register.index()));
    assert.equal(list.callCount, 1);
    assert.ok(indexes.every((index) => index === indexes[0]));
  });

  it('shares one refresh among questions that find it due', async () => {
    await importNames(storage, ['Agresso']);
    const register = new CurrentRegister(storage, { now, refreshIntervalMs: 15_000 });
    await register.index();
    await importNames(storage, ['Agresso', 'W3D3']);
    const list = sinon.spy(storage.systems, 'list');
    const listRecent = sinon.spy(storage.imports, 'listRecent');

    clock += 20_000;
    await Promise.all(Array.from({ length: 20 }, () => register.index()));
    await settle(register);
    assert.equal(listRecent.callCount, 1);
    assert.equal(list.callCount, 1);
    assert.deepEqual(await namesIn(register), ['Agresso', 'W3D3']);
  });

  it('builds an empty index for an empty register, and the first import fills it', async () => {
    const register = new CurrentRegister(storage, { now, refreshIntervalMs: 15_000 });
    assert.equal((await register.index()).systemCount, 0);
    await importNames(storage, ['Agresso']);
    clock += 15_000;
    await register.index();
    await settle(register);
    assert.deepEqual(await namesIn(register), ['Agresso']);
  });

  it('fails the first question when storage fails, and builds on the next one', async () => {
    await importNames(storage, ['Agresso']);
    const register = new CurrentRegister(storage, { now });
    const failure = new StorageUnavailableError('list', { cause: new Error('ECONNRESET') });
    const list = sinon.stub(storage.systems, 'list').rejects(failure);
    await assert.rejects(register.index(), (error) => error === failure);

    list.restore();
    assert.deepEqual(await namesIn(register), ['Agresso']);
  });

  it('keeps answering from the index it has when a refresh fails, logs it, and tries again later', async () => {
    await importNames(storage, ['Agresso']);
    const lines: string[] = [];
    const register = new CurrentRegister(storage, {
      now,
      refreshIntervalMs: 15_000,
      logger: createLogger({ sink: (line) => lines.push(line) }),
    });
    const first = await register.index();
    await importNames(storage, ['Agresso', 'W3D3']);
    const listRecent = sinon
      .stub(storage.imports, 'listRecent')
      .rejects(new StorageUnavailableError('listRecent', { cause: new Error('timeout') }));

    clock += 15_000;
    assert.equal(await register.index(), first);
    await assert.rejects(settle(register));
    assert.equal(await register.index(), first, 'not retried before another interval');
    assert.ok(lines.some((line) => JSON.parse(line).event === 'register.refresh_failed'));

    listRecent.restore();
    clock += 15_000;
    await register.index();
    await settle(register);
    assert.deepEqual(await namesIn(register), ['Agresso', 'W3D3']);
  });
});
