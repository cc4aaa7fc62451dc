import path from 'node:path';
import type { Storage } from '../../domain/ports';
import { importRegister } from '../../domain/register/registerImport';
import { projectRoot } from '../../shared/projectRoot';
import type { Logger } from '../../shared/logger';
import { readRegisterFile } from './readRegisterFile';

/** The fictional register bundled with the product, so a fresh installation has something to answer from. */
export const sampleRegisterPath = path.join(projectRoot, 'samples', 'sample-register.csv');

export const sampleRegisterActor = 'startup:sample-register';

/**
 * Loads the sample register through the ordinary import when the store is untouched: no systems and no import
 * ever recorded. A register someone emptied on purpose has an import record, so it stays empty.
 * Returns whether the sample was imported.
 */
export async function seedSampleRegisterIfEmpty(storage: Storage, logger: Logger): Promise<boolean> {
  if ((await storage.systems.count()) > 0) return false;
  if ((await storage.imports.listRecent(1)).length > 0) return false;
  const table = await readRegisterFile(sampleRegisterPath);
  const report = await importRegister({ storage, logger }, table, {
    fileName: path.basename(sampleRegisterPath),
    actor: sampleRegisterActor,
  });
  if (report.outcome !== 'applied') {
    logger.warn('register.sample.refused', { rejected: report.rejected.length, refusal: report.refusal });
    return false;
  }
  logger.info('register.sample.imported', { systems: report.added.length });
  return true;
}
