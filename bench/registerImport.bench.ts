/**
 * How long importing a 10,000-system register takes, into the local store and into a Cosmos DB-compatible server
 * (the Cosmos adapter's bulk path), next to the time it takes just to read the file. Prints figures; asserts nothing.
 *
 *   npm run bench:import [-- --systems 10000]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Storage } from '../src/domain/ports';
import { importRegister } from '../src/domain/register/registerImport';
import { readRegisterFile } from '../src/infrastructure/registerFile/readRegisterFile';
import { createCosmosStorage } from '../src/infrastructure/storage/cosmos/cosmosStorage';
import { createLocalStorage } from '../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../src/shared/logger';
import { startCosmosTestServer } from '../test/support/cosmosTestServer';
import { registerCsv, syntheticRegister } from './support/syntheticRegister';

const sizeArgument = process.argv.indexOf('--systems');
const size = sizeArgument > 0 ? Number(process.argv[sizeArgument + 1]) : 10_000;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

async function importInto(storage: Storage, file: string) {
  const table = await readRegisterFile(file);
  const first = await timed(() =>
    importRegister({ storage }, table, { fileName: path.basename(file), actor: 'bench' }),
  );
  // The same file again: every system is compared and nothing is written.
  const again = await timed(() =>
    importRegister({ storage }, table, { fileName: path.basename(file), actor: 'bench' }),
  );
  return { first, again };
}

async function main(): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-bench-'));
  const file = path.join(folder, 'register.csv');
  await writeFile(file, registerCsv(syntheticRegister(size)));

  const read = await timed(() => readRegisterFile(file));
  const rows = read.result.rows.length;

  const local = await createLocalStorage(path.join(folder, 'data'));
  const localRun = await importInto(local, file);
  await local.close();

  const server = await startCosmosTestServer();
  const cosmos = await createCosmosStorage({
    endpoint: server.endpoint,
    key: server.key,
    databaseName: `bench-${Date.now()}`,
    agent: server.agent,
    logger: silentLogger,
  });
  const cosmosRun = await importInto(cosmos, file);
  await cosmos.close();
  await server.stop();
  await rm(folder, { recursive: true, force: true });

  const line = (label: string, ms: number, note = '') =>
    console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms ${note}`);
  console.log(`Register import, ${rows} systems (node ${process.version}, ${os.cpus().length} cores)`);
  line('read the CSV file', read.ms);
  line('import into the local store', localRun.first.ms, `(${localRun.first.result.added.length} added)`);
  line('re-import into the local store (no changes)', localRun.again.ms);
  line(
    'import into Cosmos-compatible server (bulk)',
    cosmosRun.first.ms,
    `(${cosmosRun.first.result.added.length} added)`,
  );
  line('re-import into Cosmos (no changes)', cosmosRun.again.ms);
  console.log(
    `Cosmos import rate: ${Math.round(rows / (cosmosRun.first.ms / 1000))} systems/s; ` +
      `import takes ${(cosmosRun.first.ms / read.ms).toFixed(1)}x the file read (local ${(localRun.first.ms / read.ms).toFixed(1)}x)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
