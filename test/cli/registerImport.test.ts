import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseImportArguments, runRegisterImport } from '../../src/cli/registerImport';
import type { Storage } from '../../src/domain/ports';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { aSystemRow, registerCsv } from '../domain/register/registerRows';
import { runInProcess, runNpmScript, type CommandRun } from '../support/cli';

describe('register import command', () => {
  let dir: string;
  let dataDir: string;

  const run = (...args: string[]): Promise<CommandRun> =>
    runInProcess(runRegisterImport, args, { env: { DATA_DIR: dataDir } });

  const writeRegister = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text, 'utf8');
    return file;
  };

  const withStorage = async <T>(use: (storage: Storage) => Promise<T>): Promise<T> => {
    const storage = await createLocalStorage(dataDir);
    try {
      return await use(storage);
    } finally {
      await storage.close();
    }
  };

  const threeSystems = () => [
    aSystemRow({ name: 'Agresso' }),
    aSystemRow({ name: 'Agresso Ekonomi' }),
    aSystemRow({ name: 'W3D3' }),
  ];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'register-cli-'));
    dataDir = path.join(dir, 'data');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a register file, prints what was added and records the import', async () => {
    const file = await writeRegister('register.csv', registerCsv(threeSystems()));
    const result = await run(file);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Tillagda \(3\):/);
    assert.match(result.stdout, /Agresso Ekonomi \(rad 3\)/);
    assert.match(result.stdout, /Importen är genomförd\./);
    await withStorage(async (storage) => {
      assert.equal(await storage.systems.count(), 3);
      const [record] = await storage.imports.listRecent(1);
      assert.equal(record?.fileName, 'register.csv');
      assert.equal(record?.actor, `cli:${os.userInfo().username}`);
      assert.equal(record?.outcome, 'applied');
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = await writeRegister('register.csv', registerCsv(threeSystems()));
    await run(file);
    const before = await withStorage((storage) => storage.systems.list());
    const again = await run(file);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Oförändrade: 3/);
    assert.doesNotMatch(again.stdout, /Tillagda|Ändrade|Borttagna/);
    assert.deepEqual(await withStorage((storage) => storage.systems.list()), before);
  });

  it('removes a system a later file leaves out, and says so', async () => {
    await run(await writeRegister('register.csv', registerCsv(threeSystems())));
    const result = await run(await writeRegister('register-2.csv', registerCsv(threeSystems().slice(0, 2))));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Borttagna \(1\):\n {2}W3D3/);
    assert.equal(await withStorage((storage) => storage.systems.get('w3d3')), undefined);
  });

  it('writes nothing from a file with rejected rows, lists them by line and exits with 1', async () => {
    await run(await writeRegister('register.csv', registerCsv(threeSystems())));
    const before = await withStorage((storage) => storage.systems.list());
    const rows = [
      aSystemRow({ name: 'Agresso', description: 'Ny beskrivning' }),
      aSystemRow({ name: '' }),
      aSystemRow({ name: 'Ny', goLive: '2021-02-30' }),
    ];
    const result = await run(await writeRegister('bad.csv', registerCsv(rows)));
    assert.equal(result.code, 1);
    assert.match(result.stdout, /rad 3: saknar systemnamn/);
    assert.match(result.stdout, /rad 4 "Ny": omöjligt datum i Driftsättningsdatum: "2021-02-30"/);
    assert.match(result.stdout, /Behålls fast de saknas i filen \(2\)/);
    assert.match(result.stdout, /Importen stoppades av avvisade rader \(2\)/);
    assert.match(result.stdout, /--skip-invalid/);
    await withStorage(async (storage) => {
      assert.deepEqual(await storage.systems.list(), before);
      assert.equal((await storage.imports.listRecent(1))[0]?.outcome, 'refused');
    });
  });

  it('with --skip-invalid imports the valid rows, lists the rejected ones and exits with 0', async () => {
    await run(await writeRegister('register.csv', registerCsv(threeSystems())));
    const agressoBefore = await withStorage((storage) => storage.systems.get('agresso'));
    const rows = [
      aSystemRow({ name: 'Agresso', users: 'många' }),
      aSystemRow({ name: 'Agresso Ekonomi', description: 'Budget och prognos' }),
    ];
    const result = await run(await writeRegister('partly.csv', registerCsv(rows)), '--skip-invalid');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /rad 2 "Agresso": Antal användare är inte ett heltal: "många"/);
    assert.match(result.stdout, /Ändrade \(1\):\n {2}Agresso Ekonomi \(rad 3\): Beskrivning/);
    assert.match(result.stdout, /utan de avvisade raderna \(1\)/);
    await withStorage(async (storage) => {
      assert.deepEqual(await storage.systems.get('agresso'), agressoBefore);
      assert.ok(await storage.systems.get('w3d3'), 'absent systems are kept while rows are rejected');
      assert.equal((await storage.systems.get('agresso-ekonomi'))?.value.description, 'Budget och prognos');
    });
  });

  it('with --dry-run prints the report and writes nothing, not even an import record', async () => {
    const file = await writeRegister('register.csv', registerCsv(threeSystems()));
    const result = await run(file, '--dry-run');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Provkörning/);
    assert.match(result.stdout, /Skulle läggas till \(3\):/);
    await withStorage(async (storage) => {
      assert.equal(await storage.systems.count(), 0);
      assert.deepEqual(await storage.imports.listRecent(1), []);
    });
    const rejected = await run(
      await writeRegister('bad.csv', registerCsv([aSystemRow({ critical: 'Kanske' })])),
      '--dry-run',
    );
    assert.equal(rejected.code, 1);
  });

  it('reports in English with --lang en', async () => {
    const result = await run(
      await writeRegister('register.csv', registerCsv(threeSystems())),
      '--lang',
      'en',
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Added \(3\):/);
    assert.match(result.stdout, /W3D3 \(line 4\)/);
    assert.match(result.stdout, /The import is done\./);
  });

  it('exits with 2 for a missing file, a file without a system-name column, and a wrong command', async () => {
    const missing = await run(path.join(dir, 'saknas.csv'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, new RegExp(`Filen finns inte: ${path.join(dir, 'saknas.csv')}`));

    const noName = await run(await writeRegister('utan-namn.csv', 'Förvaltning;Beskrivning\nX;Y\n'));
    assert.equal(noName.code, 2);
    assert.match(noName.stdout, /saknar en kolumn för systemets namn/);

    const wrong = await run('--force');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Okänt val: --force/);
    assert.match(wrong.stderr, /Användning:/);
    await withStorage(async (storage) => assert.equal(await storage.systems.count(), 0));
  });

  it('runs as `npm run register:import` does: storage from the .env file, the report on stdout, the exit code', async function () {
    this.timeout(60_000);
    const envFile = path.join(dir, 'import.env');
    await writeFile(envFile, `DATA_DIR=${dataDir}\n`, 'utf8');
    const file = await writeRegister(
      'bad.csv',
      registerCsv([aSystemRow({ name: 'Agresso' }), aSystemRow({ name: '' })]),
    );

    const result = await runNpmScript('register:import', [file], { DOTENV_CONFIG_PATH: envFile });

    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stdout, (await run(file)).stdout, 'the process prints what the command prints');
    await withStorage(async (storage) => {
      const records = await storage.imports.listRecent(2);
      assert.deepEqual(
        records.map((record) => [record.fileName, record.outcome]),
        [
          ['bad.csv', 'refused'],
          ['bad.csv', 'refused'],
        ],
      );
    });
  });

  describe('arguments', () => {
    it('reads the file and every option', () => {
      assert.deepEqual(parseImportArguments(['r.csv', '--dry-run', '--skip-invalid', '--lang=en']), {
        kind: 'run',
        args: { file: 'r.csv', dryRun: true, skipInvalid: true, lang: 'en' },
      });
    });

    it('refuses a second file, an unknown language and no file at all', () => {
      assert.equal(parseImportArguments(['a.csv', 'b.csv']).kind, 'invalid');
      assert.deepEqual(parseImportArguments(['a.csv', '--lang', 'de']), {
        kind: 'invalid',
        lang: 'sv',
        problem: 'badLang',
        params: { lang: 'de' },
      });
      assert.deepEqual(parseImportArguments(['--lang', 'en']), {
        kind: 'invalid',
        lang: 'en',
        problem: 'missingFile',
      });
    });
  });
});
