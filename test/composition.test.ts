import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compose, loadStartupConfig } from '../src/composition';
import { ConfigError, loadConfig } from '../src/config';
import { allRoles } from '../src/domain/answers';
import { createLocalStorage } from '../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../src/shared/logger';

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadStartupConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, 'expected a ConfigError');
    return error;
  }
  assert.fail('expected the configuration to be refused');
}

function problemsOf(env: NodeJS.ProcessEnv): Map<string, string> {
  return new Map(refusal(env).problems.map((p) => [p.variable, p.problem]));
}

describe('composition', () => {
  describe('VOCABULARY_FILE', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'systemkollen-config-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('uses the bundled vocabulary when not set, with its English glossary', () => {
      const { vocabulary } = loadStartupConfig({}).content;
      assert.ok(JSON.stringify(vocabulary).includes('payroll'));
    });

    it('refuses to start with a vocabulary file that is missing or malformed, naming the variable', () => {
      const missing = path.join(dir, 'missing.json');
      assert.equal(
        problemsOf({ VOCABULARY_FILE: missing }).get('VOCABULARY_FILE'),
        `${missing} is unusable: the file does not exist`,
      );
      const broken = path.join(dir, 'broken.json');
      writeFileSync(broken, '{ "roles": { "systemägare-typo": {} } }');
      assert.match(problemsOf({ VOCABULARY_FILE: broken }).get('VOCABULARY_FILE') ?? '', /is unusable: /);
    });
  });

  describe('ROLE_GUIDELINE_FILE', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'systemkollen-config-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const guideline = (text: string) => ({
      roles: Object.fromEntries(
        allRoles.map((role) => [role, { sv: `${text} ${role}`, en: `${text} ${role}` }]),
      ),
    });

    it('uses the bundled guideline when not set', () => {
      assert.match(
        loadStartupConfig({}).content.roleGuideline.roles.manager.sv,
        /^Systemförvaltaren har det operativa/,
      );
    });

    it("reads the municipality's own guideline from the file it names", () => {
      const file = path.join(dir, 'roller.json');
      writeFileSync(file, JSON.stringify(guideline('Vår kommuns text om')));
      const config = loadStartupConfig({ ROLE_GUIDELINE_FILE: file }).content;
      assert.equal(config.roleGuideline.roles.pilot.sv, 'Vår kommuns text om pilot');
    });

    it('refuses to start with a file that is missing, naming the variable and the file', () => {
      const file = path.join(dir, 'saknas.json');
      const problems = problemsOf({ ROLE_GUIDELINE_FILE: file });
      assert.equal(problems.get('ROLE_GUIDELINE_FILE'), `${file} is unusable: the file does not exist`);
    });

    it('refuses to start with a malformed guideline, saying what is wrong, together with other problems', () => {
      const file = path.join(dir, 'roller.json');
      const incomplete = guideline('Text');
      delete (incomplete.roles as Record<string, unknown>).administrator;
      writeFileSync(file, JSON.stringify(incomplete));
      const problems = problemsOf({ ROLE_GUIDELINE_FILE: file, PORT: 'abc' });
      assert.equal(
        problems.get('ROLE_GUIDELINE_FILE'),
        `${file} is unusable: roles.administrator: is missing`,
      );
      assert.ok(problems.has('PORT'));
    });

    it('refuses a file that is not JSON without quoting its content', () => {
      const file = path.join(dir, 'roller.json');
      writeFileSync(file, 'systemägare: hemlig text');
      const error = refusal({ ROLE_GUIDELINE_FILE: file });
      assert.match(error.message, /ROLE_GUIDELINE_FILE: .* is unusable: the file is not valid JSON/);
      assert.doesNotMatch(error.message, /hemlig/);
    });
  });

  describe('CHECKLIST_FILE', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'systemkollen-config-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('uses the bundled checklist when not set', () => {
      const { checklist } = loadStartupConfig({}).content;
      assert.equal(checklist.id, 'default-2025-1');
      assert.equal(checklist.sections.length, 7);
    });

    it("reads the municipality's own checklist from CHECKLIST_FILE", () => {
      const file = path.join(dir, 'checklista.json');
      writeFileSync(file, JSON.stringify({ ...loadStartupConfig({}).content.checklist, id: 'vaxjo-2026-1' }));
      assert.equal(loadStartupConfig({ CHECKLIST_FILE: file }).content.checklist.id, 'vaxjo-2026-1');
    });

    it('refuses to start with a checklist file that is missing or malformed, naming every problem', () => {
      const missing = path.join(dir, 'saknas.json');
      assert.equal(
        problemsOf({ CHECKLIST_FILE: missing }).get('CHECKLIST_FILE'),
        `${missing} is unusable: (the whole file): the file does not exist`,
      );
      const broken = path.join(dir, 'trasig.json');
      writeFileSync(broken, JSON.stringify({ ...loadStartupConfig({}).content.checklist, sections: [] }));
      const problems = problemsOf({ CHECKLIST_FILE: broken, PORT: 'abc' });
      assert.equal(
        problems.get('CHECKLIST_FILE'),
        `${broken} is unusable: sections: must list at least one section`,
      );
      assert.ok(problems.has('PORT'));
      const notJson = path.join(dir, 'text.json');
      writeFileSync(notJson, 'hemlig checklista');
      const error = refusal({ CHECKLIST_FILE: notJson });
      assert.match(error.message, /CHECKLIST_FILE: .* is unusable: the file is not valid JSON/);
      assert.doesNotMatch(error.message, /hemlig/);
    });
  });

  describe('compose', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'systemkollen-compose-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a checklist file that cannot be used, naming the variable, when no content is given', async () => {
      const storage = await createLocalStorage(dir);
      try {
        await assert.rejects(
          compose(loadConfig({ NODE_ENV: 'test', CHECKLIST_FILE: path.join(dir, 'saknas.json') }), {
            storage,
            logger: silentLogger,
          }),
          (error: unknown) =>
            error instanceof ConfigError && error.problems[0]?.variable === 'CHECKLIST_FILE',
        );
      } finally {
        await storage.close();
      }
    });

    it('hands the configured time zone and reminder times to the reminder schedule', async () => {
      const storage = await createLocalStorage(dir);
      const application = await compose(
        loadConfig({ NODE_ENV: 'test', TIME_ZONE: 'Europe/Helsinki', REMINDER_TIME: '07:15' }),
        { storage, logger: silentLogger },
      );
      try {
        assert.equal(application.reminders.schedule.timeZone, 'Europe/Helsinki');
        assert.equal(application.reminders.schedule.time, '07:15');
      } finally {
        await application.stop();
        await storage.close();
      }
    });
  });

  describe('where the server listens', () => {
    const credentials = {
      BOT_ID: '2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d',
      BOT_PASSWORD: 'test-client-secret',
      BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    };
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'systemkollen-listen-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    async function boundAddress(env: NodeJS.ProcessEnv): Promise<string | undefined> {
      const storage = await createLocalStorage(dir);
      const application = await compose(loadConfig({ NODE_ENV: 'test', SAMPLE_REGISTER: 'off', ...env }), {
        storage,
        logger: silentLogger,
      });
      try {
        await application.start(0);
        return application.server.address()?.address;
      } finally {
        await application.stop();
        await storage.close();
      }
    }

    it('listens on the loopback address only in local mode, where authentication is off', async () => {
      assert.equal(await boundAddress({}), '127.0.0.1');
    });

    it('listens on the address HOST names', async () => {
      assert.equal(await boundAddress({ HOST: '::1' }), '::1');
    });

    it('listens on every interface with bot credentials, as App Service needs', async () => {
      assert.match((await boundAddress(credentials)) ?? '', /^(::|0\.0\.0\.0)$/);
    });
  });
});
