import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseReminderArguments, runRemindersCli } from '../../src/cli/reminders';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { aClaim, aReference } from '../infrastructure/storage/reminderStorageContract';
import { aCompleteSystem } from '../support/systemMother';
import { runInProcess, runNpmScript, type CommandRun } from '../support/cli';

const anna = { name: 'Anna Berg', email: 'anna.berg@kommun.se' };
const annaRef = aReference({
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  email: anna.email,
  authenticated: false,
});

describe('reminders dry-run command', () => {
  let dataDir: string;

  const run = (args: string[]): Promise<CommandRun> =>
    runInProcess(runRemindersCli, args, { env: { NODE_ENV: 'development', DATA_DIR: dataDir } });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'reminders-cli-'));
    const storage = await createLocalStorage(dataDir);
    await storage.systems.apply({
      create: [
        aCompleteSystem({ name: 'Procapita', responsible: anna }),
        aCompleteSystem({ name: 'Treserva', responsible: anna }),
        aCompleteSystem({
          name: 'Lifecare',
          responsible: { name: 'Per Nordin', email: 'per.nordin@kommun.se' },
        }),
      ],
      replace: [],
      remove: [],
    });
    await storage.conversationReferences.save(annaRef, null);
    await storage.close();
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints who would get what on a reminder day, and who cannot be reached, without sending or writing', async () => {
    const result = await run(['--dry-run', '--date', '2026-02-27']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.match(
      lines[0] ?? '',
      /Påminnelser för uppföljningen 2025, 2026-02-27 kl\. 08:00 \(Europe\/Stockholm\)\. Torrkörning/,
    );
    assert.ok(
      lines.includes('1 meddelanden skulle skickas, 0 redan skickade eller pågående.'),
      result.stdout,
    );
    assert.ok(
      lines.includes(
        'Påminnelse till anna.berg@kommun.se (sv), tillfälle 2026-02-27 (1 dagar före 2026-03-01):',
      ),
      result.stdout,
    );
    assert.ok(lines.includes('  - Procapita: Ej påbörjad, sista dag 2026-03-01'));
    assert.ok(lines.includes('  - Treserva: Ej påbörjad, sista dag 2026-03-01'));
    assert.ok(lines.includes('  - Per Nordin <per.nordin@kommun.se>: har inte öppnat appen, 1 system kvar'));
    const storage = await createLocalStorage(dataDir);
    assert.deepEqual(await storage.reminderClaims.listByYear(2025), []);
    await storage.close();
  });

  it('marks what was already sent, and prints nothing to send on a day without reminders', async () => {
    const storage = await createLocalStorage(dataDir);
    await storage.reminderClaims.create(
      aClaim({ recipientId: annaRef.id, occasion: '2026-02-27', state: 'sent' }),
    );
    await storage.close();
    const sent = await run(['--dry-run', '--date=2026-02-27', '--lang', 'en']);
    assert.match(sent.stdout, /0 messages would be sent, 1 already sent or in progress\./);
    assert.match(sent.stdout, /occasion 2026-02-27 \(1 days before 2026-03-01\) \[already sent\]:/);
    const quiet = await run(['--dry-run', '--date', '2026-01-15']);
    assert.match(quiet.stdout, /Inga påminnelser att skicka\./);
  });

  it('refuses to run without --dry-run, and refuses a malformed date', async () => {
    assert.deepEqual(parseReminderArguments([]), { kind: 'invalid', lang: 'sv', problem: 'dryRunOnly' });
    assert.deepEqual(parseReminderArguments(['--dry-run', '--date', '2026-02-30']), {
      kind: 'invalid',
      lang: 'sv',
      problem: 'badDate',
      params: { value: '2026-02-30' },
    });
    const result = await run(['--date', '2026-02-27']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /Bara --dry-run/);
  });

  it('runs as `npm run reminders` does: configuration from the .env file, the report on stdout, the exit code', async function () {
    this.timeout(60_000);
    const envFile = path.join(dataDir, 'reminders.env');
    await writeFile(envFile, `NODE_ENV=development\nDATA_DIR=${dataDir}\n`, 'utf8');
    const args = ['--dry-run', '--date', '2026-02-27'];

    const result = await runNpmScript('reminders', args, { DOTENV_CONFIG_PATH: envFile });

    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /anna\.berg@kommun\.se/);
    assert.equal(result.stdout, (await run(args)).stdout, 'the process prints what the command prints');
  });
});
