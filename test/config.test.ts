import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allRoles } from '../src/domain/answers';
import {
  ConfigError,
  knownSettings,
  loadConfig,
  loadStorageConfig,
  localModeWarning,
  requiredInProduction,
  requiredInProductionUnlessManagedIdentity,
} from '../src/config';

const botId = '2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d';
const tenantId = '6f1c8d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const production = {
  NODE_ENV: 'production',
  BOT_ID: botId,
  BOT_PASSWORD: 'not-a-real-secret',
  BOT_TENANT_ID: tenantId,
};

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, 'expected a ConfigError');
    return error;
  }
  assert.fail('expected the configuration to be refused');
}

function problemsOf(env: NodeJS.ProcessEnv): Map<string, string> {
  return new Map(refusal(env).problems.map((p) => [p.variable, p.problem]));
}

describe('config', () => {
  describe('loadConfig', () => {
    it('runs an empty environment in local mode with the documented defaults', () => {
      const config = loadConfig({});
      assert.equal(config.port, 3978);
      assert.equal(config.nodeEnv, 'development');
      assert.equal(config.production, false);
      assert.equal(config.logLevel, 'info');
      assert.equal(config.bot, undefined);
      assert.equal(config.localMode, true);
      assert.equal(config.allowedTenantIds, undefined);
      assert.deepEqual(config.storage, { kind: 'local', dataDir: '.data' });
      assert.equal(config.sampleRegister, true);
    });

    it('treats empty variables as unset, as Bicep and .env files write them', () => {
      const config = loadConfig({ PORT: '', BOT_ID: ' ', COSMOS_ENDPOINT: '', ALLOWED_TENANT_IDS: '' });
      assert.equal(config.port, 3978);
      assert.equal(config.localMode, true);
      assert.equal(config.storage.kind, 'local');
      assert.equal(config.allowedTenantIds, undefined);
    });

    it('reads a full production configuration with a client secret, defaulting BOT_TYPE to SingleTenant', () => {
      const config = loadConfig({
        ...production,
        PORT: '8080',
        LOG_LEVEL: 'WARN',
        ALLOWED_TENANT_IDS: `${tenantId.toUpperCase()}, ${botId} ,`,
        COSMOS_ENDPOINT: 'https://systemkollen.documents.azure.com:443/',
        AZURE_CLIENT_ID: botId,
        APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc',
      });
      assert.equal(config.port, 8080);
      assert.equal(config.production, true);
      assert.equal(config.localMode, false);
      assert.equal(config.logLevel, 'warn');
      assert.deepEqual(config.bot, {
        appId: botId,
        type: 'SingleTenant',
        tenantId,
        password: 'not-a-real-secret',
      });
      assert.deepEqual(config.allowedTenantIds, [tenantId, botId]);
      assert.deepEqual(config.storage, {
        kind: 'cosmos',
        endpoint: 'https://systemkollen.documents.azure.com:443/',
        databaseName: 'systemkollen',
      });
      assert.equal(config.sampleRegister, false);
      assert.equal(config.managedIdentityClientId, botId);
      assert.equal(config.applicationInsightsConnectionString, 'InstrumentationKey=abc');
    });

    it('accepts a user-assigned managed identity without a password', () => {
      const config = loadConfig({
        NODE_ENV: 'production',
        BOT_ID: botId,
        BOT_TENANT_ID: tenantId,
        BOT_TYPE: 'UserAssignedMSI',
      });
      assert.deepEqual(config.bot, { appId: botId, type: 'UserAssignedMSI', tenantId });
    });

    it('refuses a password together with a managed identity, which botbuilder would reject later', () => {
      const problems = problemsOf({ ...production, BOT_TYPE: 'UserAssignedMSI' });
      assert.deepEqual([...problems.keys()], ['BOT_PASSWORD']);
    });

    it('refuses production without bot credentials, naming every missing variable', () => {
      const error = refusal({ NODE_ENV: 'production' });
      assert.deepEqual(error.problems.map((p) => p.variable).sort(), [
        'BOT_ID',
        'BOT_PASSWORD',
        'BOT_TENANT_ID',
      ]);
      const message = error.message;
      for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID'])
        assert.match(message, new RegExp(`${name}: `));
      assert.match(message, /NODE_ENV=production/);
    });

    it('names every malformed variable at once, without echoing any value', () => {
      const error = refusal({
        PORT: '80a',
        NODE_ENV: 'prod',
        LOG_LEVEL: 'verbose',
        BOT_ID: 'my-bot',
        BOT_TENANT_ID: 'contoso.onmicrosoft.com',
        BOT_TYPE: 'Single',
        BOT_PASSWORD: 'secret-value-123',
        ALLOWED_TENANT_IDS: `${tenantId},not-a-guid`,
        COSMOS_ENDPOINT: 'http://localhost:8081',
        COSMOS_DATABASE: 'a/b',
        AZURE_CLIENT_ID: '1234',
        SAMPLE_REGISTER: 'yes',
      });
      const problems = new Map(error.problems.map((p) => [p.variable, p.problem]));
      assert.deepEqual([...problems.keys()].sort(), [
        'ALLOWED_TENANT_IDS',
        'AZURE_CLIENT_ID',
        'BOT_ID',
        'BOT_TENANT_ID',
        'BOT_TYPE',
        'COSMOS_DATABASE',
        'COSMOS_ENDPOINT',
        'LOG_LEVEL',
        'NODE_ENV',
        'PORT',
        'SAMPLE_REGISTER',
      ]);
      assert.match(problems.get('PORT') ?? '', /whole number/);
      assert.match(problems.get('BOT_ID') ?? '', /GUID/);
      assert.match(problems.get('COSMOS_ENDPOINT') ?? '', /https URL/);
      assert.match(error.message, /^Configuration is invalid \(11 problems\):/);
      for (const value of ['secret-value-123', 'my-bot', 'contoso.onmicrosoft.com', 'not-a-guid', '80a']) {
        assert.ok(!error.message.includes(value), `the message echoes ${value}`);
      }
    });

    it('refuses a port above 65535', () => {
      assert.match(problemsOf({ PORT: '70000' }).get('PORT') ?? '', /between 0 and 65535/);
    });

    it('asks for the rest of the credentials when only some are given outside production', () => {
      const problems = problemsOf({ BOT_ID: botId });
      assert.deepEqual([...problems.keys()].sort(), ['BOT_PASSWORD', 'BOT_TENANT_ID']);
    });

    it('lets a MultiTenant bot run without a tenant id outside production', () => {
      const config = loadConfig({ BOT_ID: botId, BOT_PASSWORD: 'x', BOT_TYPE: 'multitenant' });
      assert.deepEqual(config.bot, { appId: botId, type: 'MultiTenant', password: 'x' });
      assert.equal(config.localMode, false);
      assert.equal(config.sampleRegister, false, 'the sample register is on by default in local mode only');
    });

    it('never loads the fictional sample register into production, even when asked to', () => {
      assert.equal(loadConfig(production).sampleRegister, false);
      assert.deepEqual([...problemsOf({ ...production, SAMPLE_REGISTER: 'on' }).keys()], ['SAMPLE_REGISTER']);
      assert.equal(loadConfig({ SAMPLE_REGISTER: 'off' }).sampleRegister, false);
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
      assert.match(loadConfig({}).roleGuideline.roles.manager.sv, /^Systemförvaltaren har det operativa/);
    });

    it("reads the municipality's own guideline from the file it names", () => {
      const file = path.join(dir, 'roller.json');
      writeFileSync(file, JSON.stringify(guideline('Vår kommuns text om')));
      const config = loadConfig({ ROLE_GUIDELINE_FILE: file });
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

  describe('the annual follow-up settings', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'systemkollen-config-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('has no admins or coordinators, the bundled checklist and 1 March when nothing is set', () => {
      const config = loadConfig({});
      assert.deepEqual(config.checklistAccess, { admins: [], securityCoordinators: [] });
      assert.equal(config.checklist.id, 'default-2025-1');
      assert.equal(config.checklist.sections.length, 7);
      assert.deepEqual(config.checklistDeadlines, {});
    });

    it('reads admins and coordinators as object ids and e-mail addresses, lower-cased', () => {
      const config = loadConfig({
        ADMIN_USERS: ` ${botId.toUpperCase()}, IT-Admin@Kommun.se ,`,
        SECURITY_COORDINATORS: 'ciso@kommun.se',
      });
      assert.deepEqual(config.checklistAccess, {
        admins: [botId, 'it-admin@kommun.se'],
        securityCoordinators: ['ciso@kommun.se'],
      });
    });

    it('refuses an entry that is neither an object id nor an e-mail address, naming its position only', () => {
      const problems = problemsOf({ ADMIN_USERS: 'it@kommun.se, Lisa Admin', SECURITY_COORDINATORS: 'x' });
      assert.equal(
        problems.get('ADMIN_USERS'),
        'entry 2 must be an Entra object id (a GUID) or an e-mail address',
      );
      assert.ok(problems.has('SECURITY_COORDINATORS'));
      assert.doesNotMatch(refusal({ ADMIN_USERS: 'Lisa Admin' }).message, /Lisa/);
    });

    it('reads the deadline and the departments with their own', () => {
      const config = loadConfig({
        CHECKLIST_DEADLINE: '03-15',
        CHECKLIST_DEADLINES_BY_DEPARTMENT:
          'Socialförvaltningen=02-15; Barn- och utbildningsförvaltningen = 04-01;',
      });
      assert.deepEqual(config.checklistDeadlines, {
        monthDay: '03-15',
        byDepartment: { Socialförvaltningen: '02-15', 'Barn- och utbildningsförvaltningen': '04-01' },
      });
    });

    it('refuses deadlines that are not month-days, and departments named twice', () => {
      assert.equal(
        problemsOf({ CHECKLIST_DEADLINE: '02-30' }).get('CHECKLIST_DEADLINE'),
        'must be a month and day as MM-DD, such as 03-01',
      );
      const byDepartment = (value: string) =>
        problemsOf({ CHECKLIST_DEADLINES_BY_DEPARTMENT: value }).get('CHECKLIST_DEADLINES_BY_DEPARTMENT');
      assert.equal(
        byDepartment('Socialförvaltningen=15/2'),
        'entry 1 must end in a month and day as MM-DD, such as =02-15',
      );
      assert.equal(
        byDepartment('A=02-15;=03-01'),
        'entry 2 must be Department=MM-DD, such as Socialförvaltningen=02-15',
      );
      assert.equal(
        byDepartment('Kultur=02-15;kultur=03-01'),
        'entry 2 names a department that an earlier entry named',
      );
    });

    it("reads the municipality's own checklist from CHECKLIST_FILE", () => {
      const file = path.join(dir, 'checklista.json');
      writeFileSync(file, JSON.stringify({ ...loadConfig({}).checklist, id: 'vaxjo-2026-1' }));
      assert.equal(loadConfig({ CHECKLIST_FILE: file }).checklist.id, 'vaxjo-2026-1');
    });

    it('refuses to start with a checklist file that is missing or malformed, naming every problem', () => {
      const missing = path.join(dir, 'saknas.json');
      assert.equal(
        problemsOf({ CHECKLIST_FILE: missing }).get('CHECKLIST_FILE'),
        `${missing} is unusable: (the whole file): the file does not exist`,
      );
      const broken = path.join(dir, 'trasig.json');
      writeFileSync(broken, JSON.stringify({ ...loadConfig({}).checklist, sections: [] }));
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

  describe('loadStorageConfig', () => {
    it('uses local files in DATA_DIR when no Cosmos DB endpoint is set', () => {
      assert.deepEqual(loadStorageConfig({ DATA_DIR: '/var/systemkollen' }), {
        kind: 'local',
        dataDir: '/var/systemkollen',
      });
    });

    it('uses Cosmos DB with the key and database given, and ignores the bot settings', () => {
      assert.deepEqual(
        loadStorageConfig({
          COSMOS_ENDPOINT: 'https://localhost:8081/',
          COSMOS_KEY: 'k',
          COSMOS_DATABASE: 'test-db',
          NODE_ENV: 'production',
          BOT_ID: 'broken',
        }),
        { kind: 'cosmos', endpoint: 'https://localhost:8081/', key: 'k', databaseName: 'test-db' },
      );
    });

    it('names a malformed storage variable', () => {
      assert.throws(
        () => loadStorageConfig({ COSMOS_ENDPOINT: 'not a url' }),
        (error: unknown) => error instanceof ConfigError && error.problems[0]?.variable === 'COSMOS_ENDPOINT',
      );
    });
  });

  describe('settings', () => {
    it('lists every variable the configuration reads, and those production needs', () => {
      assert.deepEqual([...knownSettings].sort(), [
        'ADMIN_USERS',
        'ALLOWED_TENANT_IDS',
        'APPLICATIONINSIGHTS_CONNECTION_STRING',
        'AZURE_CLIENT_ID',
        'BOT_ID',
        'BOT_PASSWORD',
        'BOT_TENANT_ID',
        'BOT_TYPE',
        'CHECKLIST_DEADLINE',
        'CHECKLIST_DEADLINES_BY_DEPARTMENT',
        'CHECKLIST_FILE',
        'COSMOS_DATABASE',
        'COSMOS_ENDPOINT',
        'COSMOS_KEY',
        'DATA_DIR',
        'GRAPH_INSTALL_APP',
        'LOG_LEVEL',
        'NODE_ENV',
        'PORT',
        'REMINDERS_INSTANCES',
        'REMINDERS_RUN_SECRET',
        'REMINDERS_SCHEDULE',
        'REMINDER_DAYS',
        'REMINDER_TIME',
        'ROLE_GUIDELINE_FILE',
        'SAMPLE_REGISTER',
        'SECURITY_COORDINATORS',
        'TEAMS_APP_CATALOG_ID',
      ]);
      assert.deepEqual([...requiredInProduction].sort(), ['BOT_ID', 'BOT_TENANT_ID', 'NODE_ENV']);
      assert.deepEqual([...requiredInProductionUnlessManagedIdentity], ['BOT_PASSWORD']);
    });

    it('flags local mode with a multi-line warning that authentication is off', () => {
      const warning = localModeWarning(3978);
      assert.ok(warning.split('\n').length >= 4);
      assert.match(warning, /AUTHENTICATION IS OFF/);
      assert.match(warning, /3978/);
    });
  });
});
