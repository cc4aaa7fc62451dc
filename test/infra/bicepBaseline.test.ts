import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  maskBicep,
  matchingClose,
  objectProperties,
  propertyBlocks,
  resourcesOfType,
  stringLiteral,
} from './bicepText';

const infraDir = path.resolve(__dirname, '..', '..', 'infra');
const mainBicep = fs.readFileSync(path.join(infraDir, 'azure.bicep'), 'utf8');
const botBicep = fs.readFileSync(path.join(infraDir, 'botRegistration', 'azurebot.bicep'), 'utf8');
const infraReadme = fs.readFileSync(path.join(infraDir, 'README.md'), 'utf8');

/** The whole value of `key: fn(...)` (a function call such as concat), from the opening bracket to its close. */
function callArgumentsOf(text: string, key: string): { text: string } {
  const masked = maskBicep(text);
  const match = new RegExp(`(?<![\\w.])${key}\\s*:\\s*\\w+\\(`).exec(masked);
  assert.ok(match, `${key} is set by a function call`);
  const open = match.index + match[0].length - 1;
  return { text: text.slice(open, matchingClose(masked, open) + 1) };
}

/** The `scope:` of every diagnostic setting in a Bicep file, as written (a resource's symbolic name). */
function diagnosticScopes(text: string): string[] {
  return resourcesOfType(text, 'Microsoft.Insights/diagnosticSettings').map((block) => {
    const properties = objectProperties(block);
    assert.match(block.text, /workspaceId:\s*\w/, 'every diagnostic setting writes to a workspace');
    assert.match(block.text, /categoryGroup:\s*'allLogs'/, 'every diagnostic setting sends all logs');
    return properties.get('scope') ?? '';
  });
}

describe('Bicep security and operations baseline', () => {
  it('sends the Web App, Cosmos DB and bot registration logs to the Log Analytics workspace', () => {
    assert.deepEqual(diagnosticScopes(mainBicep).sort(), ['cosmosAccount', 'webApp']);
    assert.deepEqual(diagnosticScopes(botBicep), ['botService']);
    assert.match(mainBicep, /logAnalyticsWorkspaceId:\s*logAnalytics\.id/);
  });

  it('turns basic-auth publishing off for both ftp and scm', () => {
    const policies = resourcesOfType(mainBicep, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies');
    const byName = new Map(
      policies.map((block) => [stringLiteral(objectProperties(block).get('name')), block.text]),
    );
    assert.deepEqual([...byName.keys()].sort(), ['ftp', 'scm']);
    for (const text of byName.values()) assert.match(text, /allow:\s*false/);
  });

  it('lets only the Azure Bot Service (and ranges the operator adds) reach the Web App, denying the rest', () => {
    const [site] = resourcesOfType(mainBicep, 'Microsoft.Web/sites');
    assert.ok(site);
    assert.match(site.text, /ipSecurityRestrictionsDefaultAction:\s*'Deny'/);
    const restrictions = callArgumentsOf(site.text, 'ipSecurityRestrictions');
    const literalSources = [...restrictions.text.matchAll(/ipAddress:\s*'([^']+)'/g)].map((m) => m[1]);
    assert.deepEqual(literalSources, ['AzureBotService']);
    assert.match(restrictions.text, /tag:\s*'ServiceTag'/);
    assert.match(restrictions.text, /ipAddress:\s*additionalAllowedInboundRanges\[i\]/);
    assert.doesNotMatch(restrictions.text, /action:\s*'Deny'/);
  });

  it('keeps TLS 1.2 as the minimum and continuous backup on Cosmos DB', () => {
    const [account] = resourcesOfType(mainBicep, 'Microsoft.DocumentDB/databaseAccounts');
    assert.ok(account);
    assert.match(account.text, /minimalTlsVersion:\s*'Tls12'/);
    const [backup] = propertyBlocks(account.text, 'backupPolicy');
    assert.match(backup?.text ?? '', /type:\s*'Continuous'/);
    const [site] = resourcesOfType(mainBicep, 'Microsoft.Web/sites');
    assert.match(site?.text ?? '', /minTlsVersion:\s*'1\.2'/);
    assert.match(site?.text ?? '', /scmMinTlsVersion:\s*'1\.2'/);
  });

  it('registers the bot with local authentication disabled', () => {
    const [bot] = resourcesOfType(botBicep, 'Microsoft.BotService/botServices');
    assert.match(bot?.text ?? '', /disableLocalAuth:\s*true/);
  });

  it('describes the reminders endpoint as it is, not as a later issue', () => {
    assert.doesNotMatch(infraReadme, /later issue/i);
    assert.match(infraReadme, /POST \/api\/reminders\/run/);
    assert.match(infraReadme, /additionalAllowedInboundRanges/);
  });
});
