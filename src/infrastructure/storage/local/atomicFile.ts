import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces `filePath` with `data` so that a reader (or a crash) sees either the whole old file or the whole
 * new one: write a temporary file next to it, fsync it, rename it over the target, then fsync the folder so
 * the rename itself survives a power cut.
 *
 * Our own rather than write-file-atomic (8.0.0), which does the temporary file, fsync and rename but fsyncs no
 * folder (a power cut may undo the rename) and gives up on the short EPERM/EBUSY Windows answers while another
 * process reads the file. This file is the whole database of a single-server installation, so both matter.
 */
export async function writeFileAtomic(filePath: string, data: string): Promise<void> {
  const tempPath = `${filePath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let renamed = false;
  try {
    const handle = await fs.open(tempPath, 'wx');
    try {
      await fs.writeFile(handle, data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(tempPath, filePath);
    renamed = true;
    await syncFolder(path.dirname(filePath));
  } finally {
    if (!renamed) await fs.rm(tempPath, { force: true }).catch(() => undefined);
  }
}

// Windows refuses a rename over a file another process is reading for a moment; Linux never does.
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
    }
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Opening a folder for fsync is not possible on Windows; there the rename is as durable as it gets.
  if (process.platform === 'win32') return;
  const handle = await fs.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
