/**
 * The built bot as the load script runs it: `dist/` built, a generated register imported into local storage
 * through the real import, and an environment with nothing from the developer's own (a COSMOS_ENDPOINT or
 * BOT_ID set in the shell must not change what is measured). Shared by the answers and load benchmarks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importRegister } from '../../src/domain/register/registerImport';
import { readRegisterFile } from '../../src/infrastructure/registerFile/readRegisterFile';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { generateRegister, registerCsv, type SyntheticRegister } from './syntheticRegister';

export const projectRoot = path.resolve(__dirname, '..', '..');

/** Runs `npm run build`; type errors elsewhere do not stop a measurement as long as dist/index.js exists. */
export function buildBot(): void {
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, encoding: 'utf8' });
  if (result.status === 0) {
    console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return;
  }
  const output = `${result.stdout}${result.stderr}`.trim();
  if (!existsSync(path.join(projectRoot, 'dist', 'index.js'))) {
    throw new Error(`npm run build failed and left no dist/index.js:\n${output}`);
  }
  console.log(`WARNING: npm run build reported errors; running what it emitted.\n${output}\n`);
}

export interface ImportedRegister {
  register: SyntheticRegister;
  csvBytes: number;
}

/** Generates `systems` systems (seed 42, as every benchmark) and imports them as an admin's CSV would be. */
export async function importSyntheticRegister(
  dataDir: string,
  folder: string,
  systems: number,
): Promise<ImportedRegister> {
  const register = generateRegister(systems, { seed: 42 });
  const file = path.join(folder, 'register.csv');
  const csv = registerCsv(register.systems);
  await writeFile(file, csv);
  const table = await readRegisterFile(file);
  const storage = await createLocalStorage(dataDir);
  try {
    await importRegister({ storage }, table, { fileName: 'register.csv', actor: 'bench' });
    const stored = await storage.systems.count();
    if (stored !== systems) throw new Error(`the import stored ${stored} systems, expected ${systems}`);
    return { register, csvBytes: Buffer.byteLength(csv) };
  } finally {
    await storage.close();
  }
}

/** The bot's environment: local mode, warnings and errors only in its log, plus `extra`. */
export function botEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DOTENV_CONFIG_PATH: '/dev/null',
    ...extra,
  };
}
