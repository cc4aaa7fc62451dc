import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';

import { StorageUnavailableError } from '../../../domain/errors';

export interface FileLockOptions {
  /** How long to wait for another holder before giving up with StorageUnavailableError. */
  timeoutMs?: number;
  /** A lock older than this is taken to be left behind by a hung or vanished holder (another machine). */
  staleMs?: number;
}

interface LockOwner {
  token: string;
  pid: number;
  host: string;
  at: number;
}

/**
 * Runs `work` while holding `lockPath`, a lock file created with O_EXCL ('wx') so that only one process (the bot,
 * an admin's import CLI) does a read-modify-write of a collection at a time. A lock left by a process that died
 * is recognised by its pid (same machine) or its age, and removed.
 *
 * Our own rather than proper-lockfile (4.1.2, no release since 2021): it locks with mkdir and keeps the lock fresh
 * with an mtime timer, so a holder that died is seen only after the stale time (at least 2 s, default 10 s), during
 * which the bot's turns wait; and when the timer's update fails it reports a compromised lock from the timer,
 * which throws in the process unless handled. Here the pid tells at once that the holder is gone, and no timer
 * runs between calls.
 */
export async function withFileLock<T>(
  lockPath: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const token = await acquire(lockPath, options.timeoutMs ?? 10_000, options.staleMs ?? 30_000);
  try {
    return await work();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<string> {
  const owner: LockOwner = { token: randomUUID(), pid: process.pid, host: os.hostname(), at: Date.now() };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      try {
        await handle.writeFile(JSON.stringify(owner), 'utf8');
      } finally {
        await handle.close();
      }
      return owner.token;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StorageUnavailableError('lock', { cause: error });
      }
    }
    await removeIfStale(lockPath, staleMs);
    if (Date.now() >= deadline) throw new StorageUnavailableError('lock');
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
  }
}

async function release(lockPath: string, token: string): Promise<void> {
  const current = await readOwner(lockPath);
  // Only remove our own lock: if it was judged stale and taken over meanwhile, the file is someone else's.
  if (current?.token === token) await fs.rm(lockPath, { force: true });
}

async function removeIfStale(lockPath: string, staleMs: number): Promise<void> {
  const owner = await readOwner(lockPath);
  if (owner === undefined) {
    // Empty or unreadable: either being written right now or left by a crash mid-write; age decides.
    const stat = await fs.stat(lockPath).catch(() => undefined);
    if (stat !== undefined && Date.now() - stat.mtimeMs > staleMs) await fs.rm(lockPath, { force: true });
    return;
  }
  const holderGone = owner.host === os.hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid);
  if (!holderGone && Date.now() - owner.at <= staleMs) return;
  // Re-read right before removing, so a lock that changed hands since the check above is left alone.
  const again = await readOwner(lockPath);
  if (again?.token === owner.token) await fs.rm(lockPath, { force: true });
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.token !== 'string' || typeof parsed.pid !== 'number') return undefined;
    return {
      token: parsed.token,
      pid: parsed.pid,
      host: typeof parsed.host === 'string' ? parsed.host : '',
      at: typeof parsed.at === 'number' ? parsed.at : 0,
    };
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
