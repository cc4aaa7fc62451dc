import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { moduleMismatches, syntaxErrors, undeclaredNames } from './bicepSyntax';

const infraDir = path.resolve(__dirname, '..', '..', 'infra');

function bicepFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return bicepFiles(full);
    return entry.name.endsWith('.bicep') ? [full] : [];
  });
}

const files = bicepFiles(infraDir);

describe('Bicep files in infra/ as a parser reads them', () => {
  it('finds the main template and the bot registration module', () => {
    assert.deepEqual(files.map((file) => path.relative(infraDir, file)).sort(), [
      'azure.bicep',
      path.join('botRegistration', 'azurebot.bicep'),
    ]);
  });

  for (const file of files) {
    const name = path.relative(infraDir, file);

    it(`parses ${name} without syntax errors`, () => {
      assert.deepEqual(syntaxErrors(fs.readFileSync(file, 'utf8')), []);
    });

    it(`uses only names that ${name} declares`, () => {
      assert.deepEqual(undeclaredNames(fs.readFileSync(file, 'utf8')), []);
    });

    it(`passes each module in ${name} exactly its parameters and reads only its outputs`, () => {
      assert.deepEqual(moduleMismatches(file), []);
    });
  }
});

describe('reading Bicep with a parser', () => {
  const samples: Record<string, string> = {
    '/x/main.bicep': [
      "param location string = 'swedencentral'",
      "module bot './bot.bicep' = {",
      "  name: 'bot'",
      '  params: {',
      '    botName: location',
      '    unknownParameter: 1',
      '  }',
      '}',
      'output endpoint string = bot.outputs.missing',
      'output known string = bot.outputs.endpoint',
      '',
    ].join('\n'),
    '/x/bot.bicep': [
      'param botName string',
      'param requiredId string',
      "output endpoint string = 'x'",
      '',
    ].join('\n'),
  };
  const readFile = (file: string): string => {
    const text = samples[file];
    if (text === undefined) throw new Error(`no sample file ${file}`);
    return text;
  };

  it('reports an unclosed object and a property without a value as syntax errors', () => {
    const unclosed = [
      "resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {",
      "  name: 'plan'",
      '  properties: {',
      '}',
      '',
    ];
    assert.ok(syntaxErrors(unclosed.join('\n')).length > 0);
    assert.ok(syntaxErrors(['var settings = {', '  name:', '}', ''].join('\n')).length > 0);
    assert.deepEqual(syntaxErrors(readFile('/x/main.bicep')), []);
  });

  it('reports names nothing declares, but not lambda variables, property keys or function names', () => {
    const sample = [
      "param location string = 'swedencentral'",
      "var names = map(['a'], n => toLower('${n}-${location}-${suffix}'))",
      "var settings = { location: location, name: '${prefix}x' }",
      '',
    ].join('\n');
    assert.deepEqual(undeclaredNames(sample), ['2:57: suffix', '3:47: prefix']);
  });

  it('reports module parameters the module lacks, required ones not passed, and outputs it does not have', () => {
    assert.deepEqual(moduleMismatches('/x/main.bicep', readFile), [
      'module bot: ./bot.bicep has no parameter unknownParameter',
      'module bot: parameter requiredId is not passed',
      '9:26: ./bot.bicep has no output missing',
    ]);
  });
});
