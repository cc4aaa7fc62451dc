import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runRemindersCli } from '../../src/cli/reminders';
import type { Storage } from '../../src/domain/ports';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { aReference } from '../infrastructure/storage/reminderStorageContract';
import { aCompleteSystem as aSystem } from '../support/systemMother';

const anna = { name: 'Anna Berg', email: 'anna.berg@kommun.se' };
const per = { name: 'Per Nordin', email: 'per.nordin@kommun.se' };

/** The dry run in this process, on a store already open; what it printed, line by line. */
async function dryRun(storage: Storage, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRemindersCli(
    ['--dry-run', ...args],
    {
      env: { NODE_ENV: 'development', DATA_DIR: '/nonexistent', ...env },
      cwd: process.cwd(),
      out: (text) => out.push(...text.split('\n')),
      err: (text) => err.push(text),
    },
    { storage },
  );
  return { code, lines: out, err };
}

describe('reminders dry run: occasions, reach and systems nobody can be reminded about', () => {
  let dataDir: string;
  let storage: Storage;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'reminders-dry-run-'));
    storage = await createLocalStorage(dataDir);
    await storage.systems.apply({
      create: [
        aSystem({ name: 'Procapita', responsible: anna }),
        aSystem({ name: 'Lifecare', responsible: per }),
        aSystem({
          name: 'Kulturarkivet',
          departments: ['Kulturförvaltningen'],
          responsible: undefined,
          responsibleChief: undefined,
        }),
      ],
      replace: [],
      remove: [],
    });
    await storage.conversationReferences.save(
      aReference({ aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', email: anna.email }),
      null,
    );
  });

  afterEach(async () => {
    await storage.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says the day is a reminder day for the deadline, counts who gets a message and who cannot be reached', async () => {
    const { code, lines, err } = await dryRun(storage, ['--date', '2026-02-27']);
    assert.equal(code, 0, err.join('\n'));
    assert.ok(
      lines.includes(
        'Sista dag 2026-03-01 (Kulturförvaltningen, Socialförvaltningen), 3 öppna system: påminnelsedag (1 dagar före)',
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes('1 personer skulle få en påminnelse, 1 med öppna system kan inte nås.'),
      lines.join('\n'),
    );
  });

  it('lists the systems nobody can be reminded about: nobody named in the register, or nobody reachable', async () => {
    const { lines } = await dryRun(storage, ['--date', '2026-02-27']);
    const heading = lines.indexOf('System som ingen kan påminnas om (2):');
    assert.ok(heading > 0, lines.join('\n'));
    assert.deepEqual(lines.slice(heading + 1, heading + 3), [
      '  - Kulturarkivet: ingen ansvarig chef, systemansvarig eller ombud i registret',
      '  - Lifecare: ingen av de som kan svara kan nås',
    ]);
  });

  it('gives departments with their own deadline their own line: a reminder day for one, one made up for the other', async () => {
    const { lines } = await dryRun(storage, ['--date', '2026-02-19', '--lang', 'en'], {
      CHECKLIST_DEADLINES_BY_DEPARTMENT: 'Kulturförvaltningen=02-20',
    });
    assert.ok(
      lines.includes(
        'Deadline 2026-02-20 (Kulturförvaltningen), 1 open systems: a reminder day (1 days before)',
      ),
      lines.join('\n'),
    );
    // 15 February, 14 days before, is a Sunday: sent on Friday the 13th, and made up until six days later.
    assert.ok(
      lines.includes(
        'Deadline 2026-03-01 (Socialförvaltningen), 2 open systems: ' +
          'not a reminder day; the reminder of 2026-02-13 (14 days before) goes out if it has not yet',
      ),
      lines.join('\n'),
    );
  });

  it('says when the day is no reminder day for any deadline', async () => {
    const { lines } = await dryRun(storage, ['--date', '2026-01-15', '--year', '2025']);
    assert.ok(
      lines.includes(
        'Sista dag 2026-03-01 (Kulturförvaltningen, Socialförvaltningen), 3 öppna system: ingen påminnelsedag',
      ),
      lines.join('\n'),
    );
    assert.ok(lines.includes('0 personer skulle få en påminnelse, 1 med öppna system kan inte nås.'));
  });
});
