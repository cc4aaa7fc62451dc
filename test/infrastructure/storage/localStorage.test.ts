import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import sinon from 'sinon';

import { ConcurrencyConflictError, StorageUnavailableError } from '../../../src/domain/errors';
import type { RegisterChanges, Storage } from '../../../src/domain/ports';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { describeStorageContract } from './storageContract';
import { aCompleteSystem, manySystems } from '../../support/systemMother';

function changes(partial: Partial<RegisterChanges>): RegisterChanges {
  return { create: [], replace: [], remove: [], ...partial };
}

describe('local storage adapter', () => {
  const folders = new Map<Storage, string>();
  const createdFolders: string[] = [];

  function newFolder(): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'systemkollen-storage-'));
    createdFolders.push(folder);
    return folder;
  }

  async function openIn(folder: string): Promise<Storage> {
    const storage = await createLocalStorage(folder);
    folders.set(storage, folder);
    return storage;
  }

  after(() => {
    for (const folder of createdFolders) fs.rmSync(folder, { recursive: true, force: true });
  });

  describeStorageContract('local', {
    open: () => openIn(newFolder()),
    reopen: (previous) => {
      const folder = folders.get(previous);
      assert.ok(folder, 'reopen of a store this test did not open');
      return openIn(folder);
    },
  });

  describe('local storage', () => {
    let folder: string;

    beforeEach(() => {
      folder = newFolder();
    });

    afterEach(() => {
      sinon.restore();
    });

    it('removes the follow-up contexts that expired a day before the one it saves, and keeps the others', async () => {
      const storage = await createLocalStorage(folder);
      const at = (iso: string) => new Date(iso);
      await storage.questionContexts.save('old', { systemId: 'agresso' }, at('2026-03-01T10:30:00Z'));
      await storage.questionContexts.save('recent', { systemId: 'w3d3' }, at('2026-03-02T09:00:00Z'));
      await storage.questionContexts.save('new', { systemId: 'visma' }, at('2026-03-02T10:31:00Z'));

      const stored = JSON.parse(fs.readFileSync(path.join(folder, 'questionContexts.json'), 'utf8')) as {
        items: Record<string, { value: { context: { systemId: string } } }>;
      };
      assert.deepEqual(
        Object.values(stored.items)
          .map((item) => item.value.context.systemId)
          .sort(),
        ['visma', 'w3d3'],
      );
      assert.deepEqual(await storage.questionContexts.get('recent', at('2026-03-02T08:00:00Z')), {
        systemId: 'w3d3',
      });
      await storage.close();
    });

    it('creates the data folder when it is missing', async () => {
      const missing = path.join(folder, 'nested', 'data');

      const storage = await createLocalStorage(missing);
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));

      assert.ok(fs.existsSync(path.join(missing, 'systems.json')));
    });

    it('keeps the previous file whole and readable when the rename of a write fails', async () => {
      const storage = await createLocalStorage(folder);
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const before = fs.readFileSync(path.join(folder, 'systems.json'), 'utf8');
      sinon.stub(fs.promises, 'rename').rejects(Object.assign(new Error('disk gone'), { code: 'EIO' }));

      await assert.rejects(
        storage.systems.apply(changes({ create: [aCompleteSystem({ name: 'Combine2' })] })),
        StorageUnavailableError,
      );
      sinon.restore();

      assert.equal(fs.readFileSync(path.join(folder, 'systems.json'), 'utf8'), before);
      assert.deepEqual(fs.readdirSync(folder), ['systems.json'], 'no temporary or lock file is left behind');
      const reopened = await createLocalStorage(folder);
      assert.deepEqual(
        (await reopened.systems.list()).map((stored) => stored.value.id),
        ['procapita'],
      );
      assert.deepEqual(
        (await storage.systems.list()).map((stored) => stored.value.id),
        ['procapita'],
      );
    });

    it('keeps the previous file whole when writing the new content fails halfway', async () => {
      const storage = await createLocalStorage(folder);
      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));
      const before = fs.readFileSync(path.join(folder, 'systems.json'), 'utf8');
      sinon.stub(fs.promises, 'writeFile').callsFake(async (file) => {
        // Half a file reaches the disk, then the write fails: what a full disk does.
        await (file as fs.promises.FileHandle).write('{"type":"systems","items":[');
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      });

      await assert.rejects(
        storage.systems.apply(changes({ create: [aCompleteSystem({ name: 'Combine2' })] })),
        StorageUnavailableError,
      );
      sinon.restore();

      assert.equal(fs.readFileSync(path.join(folder, 'systems.json'), 'utf8'), before);
      assert.ok(
        !fs.readdirSync(folder).some((name) => name.endsWith('.tmp')),
        'the temporary file is removed',
      );
      assert.equal(await (await createLocalStorage(folder)).systems.count(), 1);
    });

    it('writes nothing from a batch when one of its versions is stale', async () => {
      const storage = await createLocalStorage(folder);
      await storage.systems.apply(
        changes({ create: [aCompleteSystem(), aCompleteSystem({ name: 'W3D3' })] }),
      );
      const procapita = await storage.systems.get('procapita');
      const w3d3 = await storage.systems.get('w3d3');
      assert.ok(procapita && w3d3);

      await assert.rejects(
        storage.systems.apply(
          changes({
            create: [aCompleteSystem({ name: 'Combine2' })],
            replace: [
              { value: { ...procapita.value, unit: 'Kansliet' }, version: procapita.version },
              { value: w3d3.value, version: 'stale-version' },
            ],
          }),
        ),
        ConcurrencyConflictError,
      );

      assert.deepEqual(await storage.systems.get('procapita'), procapita);
      assert.equal(await storage.systems.get('combine2'), undefined);
    });

    it('lets two instances on the same folder see each other’s writes and conflict on a stale version', async () => {
      const bot = await createLocalStorage(folder);
      const cli = await createLocalStorage(folder);
      await bot.systems.apply(changes({ create: [aCompleteSystem()] }));
      const readByBot = await bot.systems.get('procapita');
      assert.ok(readByBot);

      const readByCli = await cli.systems.get('procapita');
      assert.deepEqual(readByCli, readByBot);
      await cli.systems.apply(
        changes({
          replace: [{ value: { ...readByBot.value, owner: 'Kommunstyrelsen' }, version: readByBot.version }],
          create: [aCompleteSystem({ name: 'Combine2' })],
        }),
      );

      assert.equal((await bot.systems.get('procapita'))?.value.owner, 'Kommunstyrelsen');
      assert.equal(await bot.systems.count(), 2);
      await assert.rejects(
        bot.systems.apply(changes({ replace: [{ value: readByBot.value, version: readByBot.version }] })),
        ConcurrencyConflictError,
      );
      assert.equal((await cli.systems.get('procapita'))?.value.owner, 'Kommunstyrelsen');
    });

    it('loses no write when two instances write to the same folder at the same time', async () => {
      const first = await createLocalStorage(folder);
      const second = await createLocalStorage(folder);
      const systems = manySystems(40);

      await Promise.all(
        systems.map((system, index) =>
          (index % 2 === 0 ? first : second).systems.apply(changes({ create: [system] })),
        ),
      );

      assert.equal(await first.systems.count(), 40);
      assert.equal(await second.systems.count(), 40);
    });

    it('sees an import written by another process', async function () {
      this.timeout(30_000);
      const bot = await createLocalStorage(folder);
      assert.equal(await bot.systems.count(), 0);
      const script = `
      const { createLocalStorage } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/infrastructure/storage/local/localStorage'))});
      createLocalStorage(process.argv[1]).then((storage) =>
        storage.systems.apply({ create: [{ id: 'w3d3', name: 'W3D3', departments: [], unit: '', description: '', owner: 'Kommunstyrelsen', managers: [], administrators: [], pilots: [], extra: {} }], replace: [], remove: [] }),
      ).catch((error) => { console.error(error); process.exit(1); });`;

      const exitCode = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', '-e', script, folder],
          {
            stdio: 'inherit',
          },
        );
        child.on('error', reject);
        child.on('exit', resolve);
      });

      assert.equal(exitCode, 0);
      assert.equal((await bot.systems.get('w3d3'))?.value.owner, 'Kommunstyrelsen');
    });

    it('takes over a lock left by a process that has died', async () => {
      fs.writeFileSync(
        path.join(folder, 'systems.json.lock'),
        JSON.stringify({ token: 'dead', pid: 2 ** 22 + 12_345, host: os.hostname(), at: Date.now() }),
      );
      const storage = await createLocalStorage(folder);

      await storage.systems.apply(changes({ create: [aCompleteSystem()] }));

      assert.equal(await storage.systems.count(), 1);
      assert.ok(!fs.existsSync(path.join(folder, 'systems.json.lock')));
    });

    it('gives up with StorageUnavailableError while a live process holds the lock', async () => {
      fs.writeFileSync(
        path.join(folder, 'systems.json.lock'),
        JSON.stringify({ token: 'alive', pid: process.ppid, host: os.hostname(), at: Date.now() }),
      );
      const storage = await createLocalStorage(folder, { lock: { timeoutMs: 200 } });

      await assert.rejects(
        storage.systems.apply(changes({ create: [aCompleteSystem()] })),
        StorageUnavailableError,
      );
      assert.equal(await storage.systems.count(), 0);
    });

    it('imports 10,000 systems in one write of the register file', async () => {
      // How long it takes is measured by `npm run bench:import`; here, that it is one write, not one per system.
      const storage = await createLocalStorage(folder);
      const systems = manySystems(10_000);
      const renames = sinon.spy(fs.promises, 'rename');

      await storage.systems.apply(changes({ create: systems }));
      const registerWrites = renames
        .getCalls()
        .filter((call) => String(call.args[1]).endsWith('systems.json'));
      renames.restore();
      const listed = await (await createLocalStorage(folder)).systems.list();

      assert.equal(registerWrites.length, 1);
      assert.equal(listed.length, 10_000);
    });
  });
});
