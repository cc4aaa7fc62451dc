import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  configurationTable,
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

  describe('the annual follow-up settings', () => {
    it('has no admins or coordinators, the bundled files and 1 March when nothing is set', () => {
      const config = loadConfig({});
      assert.deepEqual(config.checklistAccess, { admins: [], securityCoordinators: [] });
      assert.deepEqual(config.files, {
        checklist: undefined,
        roleGuideline: undefined,
        vocabulary: undefined,
      });
      assert.deepEqual(config.checklistDeadlines, { monthDay: '03-01' });
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
  });

  describe('TIME_ZONE', () => {
    it('is Europe/Stockholm unless set', () => {
      assert.equal(loadConfig({}).timeZone, 'Europe/Stockholm');
      assert.equal(loadConfig({ TIME_ZONE: ' Europe/Helsinki ' }).timeZone, 'Europe/Helsinki');
    });

    it('refuses a zone Intl does not know, naming the variable', () => {
      assert.equal(
        problemsOf({ TIME_ZONE: 'Europe/Stockholmm' }).get('TIME_ZONE'),
        'must be an IANA time zone, such as Europe/Stockholm',
      );
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
        'HOST',
        'LOG_LEVEL',
        'NODE_ENV',
        'PORT',
        'REGISTER_DOWNLOAD_HOSTS',
        'REMINDERS_INSTANCES',
        'REMINDERS_RUN_SECRET',
        'REMINDERS_SCHEDULE',
        'REMINDER_DAYS',
        'REMINDER_TIME',
        'ROLE_GUIDELINE_FILE',
        'SAMPLE_REGISTER',
        'SECURITY_COORDINATORS',
        'TEAMS_APP_CATALOG_ID',
        'TIME_ZONE',
        'VOCABULARY_FILE',
        'WEBSITE_INSTANCE_ID',
      ]);
      assert.deepEqual([...requiredInProduction].sort(), ['BOT_ID', 'BOT_TENANT_ID', 'NODE_ENV']);
      assert.deepEqual([...requiredInProductionUnlessManagedIdentity], ['BOT_PASSWORD']);
    });

    it("keeps the README's configuration table as the settings state it (npm run docs:config rewrites it)", () => {
      const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
      const start = readme.indexOf('| variable |');
      assert.ok(start >= 0, 'the README has a configuration table');
      const end = readme.indexOf('\n\n', start);
      assert.equal(readme.slice(start, end), configurationTable());
    });

    it('flags local mode with a multi-line warning that authentication is off', () => {
      const warning = localModeWarning(3978);
      assert.ok(warning.split('\n').length >= 4);
      assert.match(warning, /AUTHENTICATION IS OFF/);
      assert.match(warning, /3978/);
      assert.doesNotMatch(warning, /DANGER/);
    });

    it('warns loudly, naming the risk, when HOST opens local mode to the network', () => {
      const warning = localModeWarning(3978, '0.0.0.0');
      assert.match(warning, /DANGER: HOST=0\.0\.0\.0/);
      assert.match(warning, /Anyone who can reach it can talk to the bot/);
      assert.match(warning, /send requests to any address/);
      assert.doesNotMatch(localModeWarning(3978, '127.0.0.1'), /DANGER/);
      assert.doesNotMatch(localModeWarning(3978, '::1'), /DANGER/);
    });
  });

  describe('HOST and Azure App Service', () => {
    it('listens on 127.0.0.1 in local mode, on what HOST says when set, and on every interface in production', () => {
      assert.equal(loadConfig({}).host, '127.0.0.1');
      assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
      assert.equal(
        loadConfig({
          NODE_ENV: 'production',
          BOT_ID: '2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d',
          BOT_PASSWORD: 'secret',
          BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
        }).host,
        undefined,
      );
    });

    it('refuses to start in local mode in Azure App Service, saying why and what to set', () => {
      assert.throws(
        () => loadConfig({ WEBSITE_INSTANCE_ID: 'abc123' }),
        (error: unknown) =>
          error instanceof ConfigError &&
          /Azure App Service/.test(error.message) &&
          /without authentication/.test(error.message) &&
          /NODE_ENV=production/.test(error.message),
      );
      assert.doesNotThrow(() =>
        loadConfig({
          WEBSITE_INSTANCE_ID: 'abc123',
          NODE_ENV: 'production',
          BOT_ID: '2f6f8a4c-1d3e-4b5a-9c7d-8e9f0a1b2c3d',
          BOT_PASSWORD: 'secret',
          BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
        }),
      );
    });
  });
});

describe('REGISTER_DOWNLOAD_HOSTS', () => {
  it('reads host names a register file may be downloaded from, lower-cased, and refuses anything else', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      REGISTER_DOWNLOAD_HOSTS: ' Intranet.Kommun.se, filer.kommun.se ',
    });
    assert.deepEqual(config.registerDownloads.hosts, ['intranet.kommun.se', 'filer.kommun.se']);
    assert.equal(config.registerDownloads.allowLoopback, true);
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', REGISTER_DOWNLOAD_HOSTS: 'https://evil.example/x' }),
      /REGISTER_DOWNLOAD_HOSTS/,
    );
  });
});
