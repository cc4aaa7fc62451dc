import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  knownSettings,
  loadConfig,
  loadStorageConfig,
  requiredInProduction,
  requiredInProductionUnlessManagedIdentity,
} from '../../src/config';
import { cosmosContainers } from '../../src/infrastructure/storage/cosmos/cosmosStorage';
import {
  arrayObjects,
  objectProperties,
  parameterDefault,
  propertyBlocks,
  resourcesOfType,
  stringLiteral,
} from './bicepText';

const infraDir = path.resolve(__dirname, '..', '..', 'infra');
const mainBicep = fs.readFileSync(path.join(infraDir, 'azure.bicep'), 'utf8');
const botBicep = fs.readFileSync(path.join(infraDir, 'botRegistration', 'azurebot.bicep'), 'utf8');

/**
 * Settings App Service itself reads; the app does not. Each needs a reason to be here: the list exists so that a
 * setting the app should understand cannot hide as "platform".
 */
const platformSettings: Readonly<Record<string, string>> = {
  WEBSITE_RUN_FROM_PACKAGE: 'App Service runs the deployed zip as a read-only package',
};

/**
 * Stand-ins for settings whose value is a Bicep expression (identity.properties.clientId, ...), shaped like what
 * Azure returns, so the configuration can be loaded from what the Bicep sets.
 */
const sampleValuesOfExpressions: Readonly<Record<string, string>> = {
  BOT_ID: '3c9f8a6e-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
  BOT_TENANT_ID: '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  ALLOWED_TENANT_IDS: '7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  AZURE_CLIENT_ID: '3c9f8a6e-1b2d-4e5f-8a9b-0c1d2e3f4a5b',
  COSMOS_ENDPOINT: 'https://systemkollenabc-cosmos.documents.azure.com:443/',
  COSMOS_DATABASE: 'systemkollen',
  REMINDERS_INSTANCES: '2',
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/',
};

interface AppSetting {
  name: string;
  /** The raw Bicep expression. */
  value: string;
}

function webAppSettings(): AppSetting[] {
  const blocks = propertyBlocks(mainBicep, 'appSettings');
  assert.equal(blocks.length, 1, 'expected exactly one appSettings array in infra/azure.bicep');
  return arrayObjects(blocks[0]!).map((object) => {
    const properties = objectProperties(object);
    const name = stringLiteral(properties.get('name'));
    assert.ok(name !== undefined, `an app setting's name is not a plain string: ${object.text}`);
    const value = properties.get('value');
    assert.ok(value !== undefined, `app setting ${name} has no value`);
    return { name, value };
  });
}

describe('Bicep app settings and the configuration', () => {
  const settings = webAppSettings();
  const names = settings.map((s) => s.name);

  it('reads the app settings out of the Web App in infra/azure.bicep', () => {
    assert.ok(names.includes('NODE_ENV'), names.join(', '));
    assert.ok(names.includes('COSMOS_ENDPOINT'), names.join(', '));
    assert.ok(settings.length >= 9, `only ${settings.length} settings found`);
  });

  it('passes only settings the configuration understands, or platform settings on the allow-list', () => {
    const unknown = names.filter((name) => !knownSettings.includes(name) && !(name in platformSettings));
    assert.deepEqual(unknown, []);
  });

  it('keeps the platform allow-list free of settings the configuration reads', () => {
    assert.deepEqual(
      Object.keys(platformSettings).filter((name) => knownSettings.includes(name)),
      [],
    );
  });

  it('sets every setting the configuration requires in production', () => {
    assert.deepEqual(
      requiredInProduction.filter((name) => !names.includes(name)),
      [],
    );
  });

  it('sets no secret: no bot password and no Cosmos DB key', () => {
    assert.ok(requiredInProductionUnlessManagedIdentity.includes('BOT_PASSWORD'));
    for (const secret of [...requiredInProductionUnlessManagedIdentity, 'COSMOS_KEY']) {
      assert.ok(!names.includes(secret), `${secret} is set`);
    }
  });

  it('leaves PORT to App Service', () => {
    assert.ok(!names.includes('PORT'));
  });

  it('sets no setting twice', () => {
    assert.deepEqual(
      names.filter((name, index) => names.indexOf(name) !== index),
      [],
    );
  });

  it('runs in production as the user-assigned managed identity', () => {
    const literal = (name: string) => stringLiteral(settings.find((s) => s.name === name)?.value);
    assert.equal(literal('NODE_ENV'), 'production');
    assert.equal(literal('BOT_TYPE'), 'UserAssignedMSI');
  });

  it('gives a configuration the app accepts: managed identity bot, tenant restriction and Cosmos DB', () => {
    const env: NodeJS.ProcessEnv = {};
    for (const { name, value } of settings) {
      if (name in platformSettings) continue;
      const literal = stringLiteral(value);
      const sample = sampleValuesOfExpressions[name];
      assert.ok(literal !== undefined || sample !== undefined, `no sample value for ${name} = ${value}`);
      env[name] = literal ?? sample;
    }
    const config = loadConfig(env);
    assert.equal(config.production, true);
    assert.equal(config.bot?.type, 'UserAssignedMSI');
    assert.equal(config.bot?.appId, sampleValuesOfExpressions.BOT_ID);
    assert.equal(config.bot?.password, undefined);
    assert.deepEqual(config.allowedTenantIds, [sampleValuesOfExpressions.BOT_TENANT_ID]);
    assert.equal(config.storage.kind, 'cosmos');
    assert.equal(config.managedIdentityClientId, sampleValuesOfExpressions.AZURE_CLIENT_ID);
  });

  it('uses the same identity for the bot and for Azure SDK credentials', () => {
    const value = (name: string) => settings.find((s) => s.name === name)?.value;
    assert.equal(value('BOT_ID'), 'identity.properties.clientId');
    assert.equal(value('AZURE_CLIENT_ID'), 'identity.properties.clientId');
    assert.equal(value('BOT_TENANT_ID'), value('ALLOWED_TENANT_IDS'));
  });
});

describe('Bicep Cosmos DB and the storage adapter', () => {
  const containers = resourcesOfType(
    mainBicep,
    'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
  ).map((block) => {
    const resource = propertyBlocks(block.text, 'resource')[0];
    assert.ok(resource, 'a container has no properties.resource');
    const partitionKey = propertyBlocks(resource.text, 'partitionKey')[0];
    assert.ok(partitionKey, 'a container has no partition key');
    return {
      id: stringLiteral(objectProperties(resource).get('id')),
      partitionKeyPaths: [
        ...(propertyBlocks(partitionKey.text, 'paths')[0]?.text.matchAll(/'([^']*)'/g) ?? []),
      ].map((m) => m[1]),
      compositeIndexPaths: [
        ...(propertyBlocks(resource.text, 'compositeIndexes')[0]?.text ?? '').matchAll(
          /path:\s*'([^']*)'\s*order:\s*'([^']*)'/g,
        ),
      ].map((m) => `${m[1]} ${m[2]}`),
      defaultTtl: /^\s*defaultTtl:\s*(-?\d+)\s*$/m.exec(resource.text)?.[1],
    };
  });

  it('creates every container the storage adapter opens, with the same partition key', () => {
    for (const definition of Object.values(cosmosContainers)) {
      const container = containers.find((c) => c.id === definition.id);
      assert.ok(container, `infra/azure.bicep creates no container ${definition.id}`);
      assert.deepEqual(container.partitionKeyPaths, [definition.partitionKeyPath], definition.id);
    }
  });

  it('creates the composite indexes the storage adapter asks for', () => {
    for (const definition of Object.values(cosmosContainers)) {
      const wanted =
        'indexingPolicy' in definition
          ? (definition.indexingPolicy.compositeIndexes ?? []).flat().map((p) => `${p.path} ${p.order}`)
          : [];
      assert.deepEqual(
        containers.find((c) => c.id === definition.id)?.compositeIndexPaths,
        wanted,
        definition.id,
      );
    }
  });

  it('sets the time to live the storage adapter creates each container with', () => {
    for (const definition of Object.values(cosmosContainers)) {
      const wanted = 'defaultTtl' in definition ? String(definition.defaultTtl) : undefined;
      assert.equal(containers.find((c) => c.id === definition.id)?.defaultTtl, wanted, definition.id);
    }
  });

  it('names the database as the configuration does by default', () => {
    const defaultName = stringLiteral(parameterDefault(mainBicep, 'cosmosDatabaseName'));
    const configured = loadStorageConfig({ COSMOS_ENDPOINT: 'https://example.documents.azure.com:443/' });
    assert.equal(configured.kind, 'cosmos');
    assert.equal(defaultName, configured.kind === 'cosmos' ? configured.databaseName : undefined);
  });

  it('allows Entra ID access only, and gives the identity the built-in Data Contributor role', () => {
    const [account] = resourcesOfType(mainBicep, 'Microsoft.DocumentDB/databaseAccounts');
    assert.ok(account);
    assert.match(account.text, /disableLocalAuth:\s*true/);
    assert.match(account.text, /name:\s*'EnableServerless'/);
    const [assignment] = resourcesOfType(
      mainBicep,
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
    );
    assert.ok(assignment);
    assert.match(assignment.text, /principalId:\s*identity\.properties\.principalId/);
    assert.match(mainBicep, /cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
    for (const text of [mainBicep, botBicep]) assert.doesNotMatch(text, /listKeys|listConnectionStrings/);
  });
});

describe('Bicep Web App and bot registration', () => {
  it('serves HTTPS only on Linux Node, always on, with the health check on /readyz', () => {
    const [site] = resourcesOfType(mainBicep, 'Microsoft.Web/sites');
    assert.ok(site);
    assert.match(site.text, /httpsOnly:\s*true/);
    assert.match(site.text, /alwaysOn:\s*true/);
    assert.match(site.text, /healthCheckPath:\s*'\/readyz'/);
    assert.match(site.text, /linuxFxVersion:\s*nodeRuntime/);
    assert.match(parameterDefault(mainBicep, 'nodeRuntime') ?? '', /^'NODE\|20-lts'$/);
  });

  it('registers a single-tenant bot on the managed identity, with the Teams channel and /api/messages', () => {
    const [bot] = resourcesOfType(botBicep, 'Microsoft.BotService/botServices');
    assert.ok(bot);
    assert.match(bot.text, /msaAppType:\s*'UserAssignedMSI'/);
    assert.match(bot.text, /msaAppMSIResourceId:\s*identityResourceId/);
    assert.match(botBicep, /'https:\/\/\$\{botAppDomain\}\/api\/messages'/);
    const [channel] = resourcesOfType(botBicep, 'Microsoft.BotService/botServices/channels');
    assert.match(channel?.text ?? '', /channelName:\s*'MsTeamsChannel'/);
  });
});
