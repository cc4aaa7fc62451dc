import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import sinon from 'sinon';

import { runRemindersCli } from '../../../src/cli/reminders';
import { runReviewsExport } from '../../../src/cli/reviewsExport';
import { loadConfig, reminderScheduleOf } from '../../../src/config';
import type { Storage } from '../../../src/domain/ports';
import { previewReminders } from '../../../src/domain/reminders/reminderRun';
import { zonedInstant } from '../../../src/domain/reminders/schedule';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../../../src/shared/logger';
import { messageActivity, type TestUser } from '../../support/activities';
import { startTestBot, type TestBot } from '../../support/botServer';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';
import { aPerson, aSystem } from '../../support/systemMother';
import { aCompleteReview } from '../../domain/checklist/checklistMother';

const chief: TestUser & { email: string } = {
  id: '29:1chiefKarinLarsson0000000000000000000',
  aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001',
  name: 'Karin Larsson',
  email: 'karin.larsson@kommun.se',
};

// One system with the department's own deadline where one is configured, one with the default.
const procapitaIfo = aSystem({
  name: 'Procapita IFO',
  departments: ['Socialförvaltningen'],
  responsibleChief: aPerson('Karin Larsson', chief.email),
});
const vismaWindow = aSystem({
  name: 'Visma Window',
  departments: ['Kommunledningsförvaltningen'],
  responsibleChief: aPerson('Karin Larsson', chief.email),
});
const systems = [procapitaIfo, vismaWindow];

interface Variant {
  title: string;
  env: Record<string, string>;
  /**
   * Each date at the edges, the year current on it, and whether a run that day reminds the chief: on a reminder
   * day, or up to six days after one (a missed run is made up), as long as the year has not moved on.
   */
  dates: { day: string; year: number; reminded: boolean }[];
}

const variants: Variant[] = [
  {
    title: 'the default deadline (1 March)',
    env: {},
    dates: [
      { day: '2026-01-01', year: 2025, reminded: false },
      { day: '2026-02-27', year: 2025, reminded: true }, // Friday: "1 day before" Sunday's deadline
      { day: '2026-02-28', year: 2025, reminded: true },
      { day: '2026-03-01', year: 2025, reminded: true },
      { day: '2026-03-02', year: 2025, reminded: true }, // the first Monday overdue
      { day: '2026-04-20', year: 2025, reminded: true }, // the last reminder day
      { day: '2026-04-21', year: 2026, reminded: false },
      { day: '2026-12-31', year: 2026, reminded: false },
    ],
  },
  {
    title: "a department's own deadline (15 February)",
    env: { CHECKLIST_DEADLINES_BY_DEPARTMENT: 'Socialförvaltningen=02-15' },
    dates: [
      { day: '2026-01-01', year: 2025, reminded: false },
      { day: '2026-02-13', year: 2025, reminded: true }, // Friday: "1 day before" the department's Sunday deadline
      { day: '2026-02-14', year: 2025, reminded: true },
      { day: '2026-02-15', year: 2025, reminded: true },
      { day: '2026-02-16', year: 2025, reminded: true },
      { day: '2026-04-20', year: 2025, reminded: true },
      { day: '2026-04-21', year: 2026, reminded: false },
      { day: '2026-12-31', year: 2026, reminded: false },
    ],
  },
  {
    title: '15 February for every department',
    env: { CHECKLIST_DEADLINE: '02-15' },
    dates: [
      { day: '2026-01-01', year: 2025, reminded: false },
      { day: '2026-02-14', year: 2025, reminded: true },
      { day: '2026-02-15', year: 2025, reminded: true },
      { day: '2026-02-16', year: 2025, reminded: true },
      { day: '2026-04-07', year: 2025, reminded: true }, // annandag påsk's reminder, moved to Tuesday
      { day: '2026-04-08', year: 2026, reminded: false },
      { day: '2026-12-31', year: 2026, reminded: false },
    ],
  },
];

describe('the follow-up year the dialog, the reminders and the CLIs name (through /api/messages)', () => {
  for (const variant of variants) {
    describe(`with ${variant.title}`, () => {
      let connector: FakeConnector;
      let storage: Storage;
      let dataDir: string;
      let bot: TestBot;
      let clock: sinon.SinonFakeTimers | undefined;
      const env = { NODE_ENV: 'test', ...variant.env };
      const config = loadConfig(env);

      before(async () => {
        connector = await startFakeConnector();
        connector.setMember({
          id: chief.id,
          name: chief.name,
          aadObjectId: chief.aadObjectId,
          email: chief.email,
          userPrincipalName: chief.email,
        });
        dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-follow-up-year-'));
        storage = await createLocalStorage(dataDir);
        await storage.systems.apply({ create: systems, replace: [], remove: [] });
        // Submitted for 2026 only: the export shows "Inskickad" exactly when it exports 2026.
        await storage.reviews.save(
          aCompleteReview({
            systemId: vismaWindow.id,
            systemName: vismaWindow.name,
            year: 2026,
            status: 'submitted',
            submitted: {
              by: { aadObjectId: chief.aadObjectId, name: chief.name },
              at: '2026-11-02T08:00:00.000Z',
            },
          }),
          null,
        );
        bot = await startTestBot({ storage, env: variant.env });
      });

      afterEach(() => {
        clock?.restore();
        clock = undefined;
      });

      after(async () => {
        await bot?.stop();
        await storage?.close();
        await connector?.stop();
        await rm(dataDir, { recursive: true, force: true });
      });

      /** The year "mina checklistor" shows at `now`. */
      async function yearTheDialogShows(now: Date): Promise<number> {
        clock = sinon.useFakeTimers({ now, toFake: ['Date'] });
        const replies = await bot.send(
          messageActivity({ text: 'mina checklistor', from: chief, serviceUrl: connector.serviceUrl }),
        );
        clock.restore();
        clock = undefined;
        const match = /^Dina checklistor för (\d{4}): 2 system\.$/.exec(replies[0]?.text ?? '');
        assert.ok(match, `unexpected reply ${replies[0]?.text}`);
        return Number(match[1]);
      }

      for (const { day, year, reminded } of variant.dates) {
        it(`names ${year} on ${day} in "mina checklistor", the reminders and both CLIs`, async () => {
          // Noon: after the reminder time, so the reminders' day is this day too.
          const noon = zonedInstant(day, '12:00', 'Europe/Stockholm');
          assert.equal(await yearTheDialogShows(noon), year);

          // The reminder runner's own schedule, and the conversation reference the message above left behind.
          const preview = await previewReminders(
            {
              storage,
              delivery: { deliver: () => Promise.reject(new Error('nothing is sent')) },
              access: config.checklistAccess,
              deadlines: config.checklistDeadlines,
              schedule: reminderScheduleOf(config),
              requireAuthenticated: false,
              logger: silentLogger,
            },
            { at: noon },
          );
          assert.equal(preview.year, year);
          const toChief = preview.entries.filter((entry) => entry.message.kind === 'reminder');
          assert.equal(toChief.length, reminded ? 1 : 0, `a reminder on ${day}`);
          for (const entry of toChief) assert.equal(entry.message.year, year);

          const printed: string[] = [];
          const output = {
            out: (text: string) => printed.push(text),
            err: (text: string) => printed.push(text),
          };
          const io = { ...output, env, cwd: dataDir };
          assert.equal(await runRemindersCli(['--dry-run', '--date', day], io, { storage }), 0);
          assert.match(printed.join('\n'), new RegExp(`^Påminnelser för uppföljningen ${year}, ${day} `));

          const outFile = path.join(dataDir, `export-${day}.csv`);
          const exported = await runReviewsExport(
            ['--format', 'csv', '--out', outFile],
            { ...io, env: { ...env, DATA_DIR: dataDir } },
            { now: () => noon },
          );
          assert.equal(exported, 0, printed.join('\n'));
          assert.equal(await vismaWindowStatusIn(outFile), year === 2026 ? 'Inskickad' : 'Ej påbörjad');
        });
      }
    });
  }
});

/** The status column of Visma Window's rows in a CSV export (one status for all its rows). */
async function vismaWindowStatusIn(file: string): Promise<string> {
  const rows = parse(await readFile(file), { delimiter: ';', bom: true }) as string[][];
  const statuses = new Set(rows.filter((row) => row[0] === vismaWindow.name).map((row) => row[11]));
  assert.equal(statuses.size, 1, [...statuses].join(', '));
  return [...statuses][0] as string;
}
