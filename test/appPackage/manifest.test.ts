import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse as parseDotenv } from 'dotenv';
import JSZip from 'jszip';
import { PNG } from 'pngjs';

import {
  appPackageDir,
  botDomainOf,
  buildAppPackage,
  InvalidBotDomainError,
  findPlaceholders,
  packageApp,
  projectDir,
  schemaDirFor,
  schemaProblems,
  UnfilledPlaceholdersError,
  validateAppPackage,
  withDefaults,
  type BuiltAppPackage,
  type PlaceholderValues,
} from '../../scripts/packageApp';

const sampleValues: PlaceholderValues = {
  TEAMS_APP_ID: '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
  BOT_ID: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  BOT_DOMAIN: 'systemkollen-test.azurewebsites.net',
  APP_NAME_SUFFIX: ' (test)',
};

/** Every placeholder the app package uses; each must be documented in env/.env.dev. */
const expectedPlaceholders = [
  'TEAMS_APP_ID',
  'BOT_ID',
  'BOT_DOMAIN',
  'APP_NAME_SUFFIX',
  'DEVELOPER_NAME',
  'DEVELOPER_WEBSITE_URL',
  'PRIVACY_URL',
  'TERMS_URL',
];

const readSource = (name: string) => fs.readFileSync(path.join(appPackageDir, name), 'utf8');
const sourceManifest = JSON.parse(readSource('manifest.json')) as {
  manifestVersion: string;
  accentColor: string;
  localizationInfo: {
    defaultLanguageTag: string;
    defaultLanguageFile?: string;
    additionalLanguages: unknown[];
  };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    supportsTargetedMessages?: boolean;
    commandLists: {
      scopes: string[];
      triggers?: string[];
      commands: { title: string; description?: string }[];
    }[];
  }[];
  composeExtensions: {
    botId: string;
    commands: {
      id: string;
      type: string;
      title: string;
      context: string[];
      triggers?: string[];
      parameters: { name: string; title: string; description?: string }[];
    }[];
  }[];
  validDomains: string[];
  webApplicationInfo?: { id: string; resource?: string };
};

function built(values: PlaceholderValues = sampleValues): BuiltAppPackage {
  return buildAppPackage(appPackageDir, withDefaults(values));
}

function entryText(pkg: BuiltAppPackage, name: string): string {
  const entry = pkg.entries.find((e) => e.name === name);
  assert.ok(entry, `the package has no ${name}`);
  return entry.data.toString('utf8');
}

describe('Teams app package', () => {
  describe('placeholders', () => {
    it('uses exactly the documented placeholders in the manifest and the English localisation', () => {
      const found = new Set([
        ...findPlaceholders(readSource('manifest.json')),
        ...findPlaceholders(readSource('en.json')),
      ]);
      assert.deepEqual([...found].sort(), [...expectedPlaceholders].sort());
    });

    it('documents every placeholder in env/.env.dev so the Agents Toolkit can fill it', () => {
      const devEnv = parseDotenv(fs.readFileSync(path.join(projectDir, 'env', '.env.dev')));
      const undocumented = expectedPlaceholders.filter((name) => !(name in devEnv));
      assert.deepEqual(undocumented, []);
    });

    it('fills every placeholder from sample values, leaving none in any file of the package', () => {
      const pkg = built();
      for (const name of ['manifest.json', 'en.json']) {
        assert.deepEqual(findPlaceholders(entryText(pkg, name)), [], `${name} still has placeholders`);
      }
      assert.equal(pkg.manifest.id, sampleValues.TEAMS_APP_ID);
      assert.deepEqual(pkg.manifest.validDomains, [sampleValues.BOT_DOMAIN]);
    });

    it('derives the developer, privacy and terms pages from the bot domain when they are not given', () => {
      const developer = built().manifest.developer as Record<string, string>;
      assert.equal(developer.websiteUrl, 'https://systemkollen-test.azurewebsites.net');
      assert.equal(developer.privacyUrl, 'https://systemkollen-test.azurewebsites.net/privacy');
      assert.equal(developer.termsOfUseUrl, 'https://systemkollen-test.azurewebsites.net/terms');
    });

    it('prefers the privacy and terms pages it is given over the defaults', () => {
      const developer = built({
        ...sampleValues,
        PRIVACY_URL: 'https://www.kommun.se/personuppgifter',
        TERMS_URL: 'https://www.kommun.se/villkor',
      }).manifest.developer as Record<string, string>;
      assert.equal(developer.privacyUrl, 'https://www.kommun.se/personuppgifter');
      assert.equal(developer.termsOfUseUrl, 'https://www.kommun.se/villkor');
    });

    it('JSON-escapes values, so a developer name with quotes keeps the manifest valid', () => {
      const developer = built({ ...sampleValues, DEVELOPER_NAME: 'IT "Kommun" \\ Öst' }).manifest
        .developer as Record<string, string>;
      assert.equal(developer.name, 'IT "Kommun" \\ Öst');
    });

    it('takes the host from a bot domain given as a URL', () => {
      const pkg = built({ ...sampleValues, BOT_DOMAIN: 'https://Systemkollen.kommun.se/' });
      assert.deepEqual(pkg.manifest.validDomains, ['systemkollen.kommun.se']);
      const developer = pkg.manifest.developer as Record<string, string>;
      assert.equal(developer.websiteUrl, 'https://systemkollen.kommun.se');
      assert.equal(developer.privacyUrl, 'https://systemkollen.kommun.se/privacy');
      assert.equal(botDomainOf(' foo.se/ '), 'foo.se');
    });

    it('refuses a bot domain with a path, a port, another scheme or spaces, saying what to give', () => {
      for (const value of [
        'https://foo.se/bot',
        'https://foo.se:3978',
        'http://foo.se',
        'https://foo.se/?a=1',
        'foo.se/api/messages',
        'foo se',
        'https://',
      ]) {
        assert.throws(
          () => built({ ...sampleValues, BOT_DOMAIN: value }),
          (error: unknown) =>
            error instanceof InvalidBotDomainError &&
            error.message.includes(value) &&
            /host name/.test(error.message),
          value,
        );
      }
    });

    it('accepts an empty name suffix, as production has none', () => {
      const name = built({ ...sampleValues, APP_NAME_SUFFIX: '' }).manifest.name as Record<string, string>;
      assert.equal(name.short, 'Systemkollen');
    });

    it('refuses to build with placeholders unfilled or empty, naming each of them', () => {
      assert.throws(
        () => built({ ...sampleValues, BOT_ID: undefined, TEAMS_APP_ID: '  ' }),
        (error: unknown) => {
          assert.ok(error instanceof UnfilledPlaceholdersError);
          assert.deepEqual([...error.names].sort(), ['BOT_ID', 'TEAMS_APP_ID']);
          assert.match(error.message, /\$\{\{BOT_ID\}\}/);
          assert.match(error.message, /\$\{\{TEAMS_APP_ID\}\}/);
          return true;
        },
      );
    });
  });

  describe('schemas', () => {
    it('has a filled manifest valid against the official schema of its manifest version', () => {
      const pkg = built();
      const schema = path.join(schemaDirFor(sourceManifest.manifestVersion), 'MicrosoftTeams.schema.json');
      assert.deepEqual(schemaProblems(pkg.manifest, schema, 'manifest.json'), []);
    });

    it('has an English localisation valid against the localisation schema of the same version', () => {
      const pkg = built();
      const english = JSON.parse(entryText(pkg, 'en.json')) as { $schema: string };
      const schema = path.join(
        schemaDirFor(sourceManifest.manifestVersion),
        'MicrosoftTeams.Localization.schema.json',
      );
      assert.deepEqual(schemaProblems(english, schema, 'en.json'), []);
      assert.ok(english.$schema.includes(`/v${sourceManifest.manifestVersion}/`), english.$schema);
    });

    it('passes the whole-package check the package script runs', () => {
      assert.deepEqual(validateAppPackage(built()), []);
    });

    it('reports a manifest that breaks the schema, naming the field', () => {
      const pkg = built();
      pkg.manifest.bots = [{ ...sourceManifest.bots[0], botId: 'not-a-guid' }];
      const problems = validateAppPackage(pkg);
      assert.ok(
        problems.some((p) => p.startsWith('manifest.json: /bots/0/botId')),
        problems.join('\n'),
      );
    });

    it('reports a localisation key the schema does not know', () => {
      const pkg = built();
      const english = JSON.parse(entryText(pkg, 'en.json')) as Record<string, string>;
      english['bots[0].commandLists[0].commands[0].titel'] = 'who owns';
      const schema = path.join(
        schemaDirFor(sourceManifest.manifestVersion),
        'MicrosoftTeams.Localization.schema.json',
      );
      assert.notDeepEqual(schemaProblems(english, schema, 'en.json'), []);
    });
  });

  describe('content', () => {
    it('declares Swedish as the default language and English in en.json', () => {
      const { localizationInfo } = sourceManifest;
      assert.equal(localizationInfo.defaultLanguageTag, 'sv');
      assert.deepEqual(localizationInfo.additionalLanguages, [{ languageTag: 'en', file: 'en.json' }]);
    });

    it('is a bot for personal, team and group chats that takes files (the register an admin sends)', () => {
      const [bot] = sourceManifest.bots;
      assert.ok(bot);
      assert.equal(bot.botId, '${{BOT_ID}}');
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, true);
    });

    it("names the bot's own Entra app, so Graph's install-itself-only permission can install it", () => {
      assert.deepEqual(sourceManifest.webApplicationInfo, { id: '${{BOT_ID}}' });
    });

    it('lists the Swedish commands in personal chat, and the questions, status and help everywhere', () => {
      const [bot] = sourceManifest.bots;
      assert.ok(bot);
      const titlesFor = (scope: string) =>
        bot.commandLists
          .filter((list) => list.scopes.includes(scope))
          .flatMap((list) => list.commands.map((c) => c.title));
      assert.deepEqual(titlesFor('personal'), [
        'vem äger',
        'vem är systemansvarig för',
        'mina system',
        'mina checklistor',
        'checklista',
        'status',
        'hjälp',
      ]);
      for (const scope of ['team', 'groupChat']) {
        assert.deepEqual(titlesFor(scope), ['vem äger', 'vem är systemansvarig för', 'status', 'hjälp']);
      }
    });

    it('offers the commands of teams and group chats in the "/" menu as well as after an @mention', () => {
      const [bot] = sourceManifest.bots;
      assert.ok(bot);
      assert.equal(bot.supportsTargetedMessages, true);
      const shared = bot.commandLists.find((list) => list.scopes.includes('team'));
      assert.deepEqual(shared?.triggers, ['mention', 'slash']);
      // Slash commands are read from the schema of the manifest's own version: it must know them.
      const schema = fs.readFileSync(
        path.join(schemaDirFor(sourceManifest.manifestVersion), 'MicrosoftTeams.schema.json'),
        'utf8',
      );
      assert.match(schema, /"supportsTargetedMessages"/);
    });

    it('translates every command title and description into English, and nothing that is not there', () => {
      const english = JSON.parse(readSource('en.json')) as Record<string, string>;
      const expectedKeys: string[] = [];
      sourceManifest.bots[0]?.commandLists.forEach((list, l) =>
        list.commands.forEach((command, c) => {
          expectedKeys.push(`bots[0].commandLists[${l}].commands[${c}].title`);
          if (command.description !== undefined) {
            expectedKeys.push(`bots[0].commandLists[${l}].commands[${c}].description`);
          }
        }),
      );
      const commandKeys = Object.keys(english).filter((key) => key.startsWith('bots['));
      assert.deepEqual(commandKeys.sort(), expectedKeys.sort());
      assert.equal(english['bots[0].commandLists[0].commands[0].title'], 'who owns');
    });

    it('offers a search-based message extension for systems on the same bot', () => {
      const [extension] = sourceManifest.composeExtensions;
      assert.ok(extension);
      assert.equal(extension.botId, sourceManifest.bots[0]?.botId);
      const [command] = extension.commands;
      assert.ok(command);
      assert.equal(command.id, 'searchSystems');
      assert.equal(command.type, 'query');
      assert.equal(command.title, 'Sök system');
      // New Teams no longer opens message extensions from the command box; the compose box and "/" do.
      assert.deepEqual(command.context, ['compose']);
      assert.deepEqual(command.triggers, ['slash']);
      assert.deepEqual(
        command.parameters.map((p) => p.name),
        ['systemName'],
      );
    });

    it('describes the app in Swedish and English: owners, the annual follow-up and reminders', () => {
      const pkg = built();
      const description = pkg.manifest.description as { short: string; full: string };
      assert.match(description.full, /systemägare/);
      assert.match(description.full, /årliga uppföljningen/);
      assert.match(description.full, /påminnelser/);
      const english = JSON.parse(entryText(pkg, 'en.json')) as Record<string, string>;
      assert.match(english['description.full'] ?? '', /system owner/);
      assert.match(english['description.full'] ?? '', /annual follow-up/);
      assert.match(english['description.full'] ?? '', /reminded/);
    });
  });

  describe('icons', () => {
    // The committed design assets, decoded with pngjs.
    const color = PNG.sync.read(fs.readFileSync(path.join(appPackageDir, 'color.png')));
    const outline = PNG.sync.read(fs.readFileSync(path.join(appPackageDir, 'outline.png')));

    it('has a 192x192 colour icon and a 32x32 outline icon', () => {
      assert.deepEqual([color.width, color.height], [192, 192]);
      assert.deepEqual([outline.width, outline.height], [32, 32]);
    });

    it('has an outline icon that is white on transparent, with both opaque and transparent pixels', () => {
      const pixels = outline.data;
      let opaque = 0;
      let transparent = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const alpha = pixels[i + 3] ?? 0;
        if (alpha === 0) {
          transparent++;
          continue;
        }
        if (alpha === 255) opaque++;
        const rgb = [pixels[i], pixels[i + 1], pixels[i + 2]];
        assert.deepEqual(rgb, [255, 255, 255], `pixel ${i / 4} is not white`);
      }
      assert.ok(opaque > 50, `only ${opaque} opaque pixels`);
      assert.ok(transparent > 400, `only ${transparent} transparent pixels`);
    });

    it('has a colour icon with an opaque background in the accent colour', () => {
      const pixels = color.data;
      const accent = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(sourceManifest.accentColor);
      assert.ok(accent, `accentColor ${sourceManifest.accentColor} is not #rrggbb`);
      const accentRgb = accent.slice(1).map((hex) => parseInt(hex, 16));
      assert.deepEqual([...pixels.subarray(0, 4)], [...accentRgb, 255]);
      for (let i = 3; i < pixels.length; i += 4)
        assert.equal(pixels[i], 255, `pixel ${(i - 3) / 4} is not opaque`);
    });
  });

  describe('the package script', () => {
    let outputDir: string;

    beforeEach(() => {
      outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'systemkollen-package-'));
    });

    afterEach(() => {
      fs.rmSync(outputDir, { recursive: true, force: true });
    });

    it('writes a zip holding the filled manifest, the localisation file and both icons', async () => {
      const outputPath = path.join(outputDir, 'appPackage.test.zip');
      await packageApp({ outputPath, values: sampleValues });

      const zip = await JSZip.loadAsync(fs.readFileSync(outputPath));
      const entries = await Promise.all(
        Object.values(zip.files).map(async (file) => ({
          name: file.name,
          data: await file.async('nodebuffer'),
        })),
      );
      assert.deepEqual(
        entries.map((e) => e.name),
        ['manifest.json', 'en.json', 'color.png', 'outline.png'],
      );
      const manifest = JSON.parse(entries[0]?.data.toString('utf8') ?? '') as {
        id: string;
        bots: { botId: string }[];
      };
      assert.equal(manifest.id, sampleValues.TEAMS_APP_ID);
      assert.equal(manifest.bots[0]?.botId, sampleValues.BOT_ID);
      assert.deepEqual(entries[2]?.data, fs.readFileSync(path.join(appPackageDir, 'color.png')));
      assert.deepEqual(entries[3]?.data, fs.readFileSync(path.join(appPackageDir, 'outline.png')));
    });

    it('writes the same bytes from the same inputs', async () => {
      const first = path.join(outputDir, 'first.zip');
      const second = path.join(outputDir, 'second.zip');
      await packageApp({ outputPath: first, values: sampleValues });
      await packageApp({ outputPath: second, values: sampleValues });
      assert.deepEqual(fs.readFileSync(first), fs.readFileSync(second));
    });

    it('writes no zip when a placeholder is unfilled', async () => {
      const outputPath = path.join(outputDir, 'appPackage.test.zip');
      await assert.rejects(
        packageApp({ outputPath, values: { ...sampleValues, BOT_DOMAIN: undefined } }),
        UnfilledPlaceholdersError,
      );
      assert.equal(fs.existsSync(outputPath), false);
    });
  });
});
