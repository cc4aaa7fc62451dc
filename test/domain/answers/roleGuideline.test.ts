import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { allRoles } from '../../../src/domain/answers';
import { parseRoleGuideline, RoleGuidelineError } from '../../../src/domain/answers/roleGuideline';
import {
  defaultRoleGuidelinePath,
  readRoleGuidelineFile,
} from '../../../src/infrastructure/content/roleGuidelineFile';

const validGuideline = () => ({
  roles: Object.fromEntries(allRoles.map((role) => [role, { sv: `Om ${role}`, en: `About ${role}` }])),
});

function problemsOf(json: unknown): string[] {
  try {
    parseRoleGuideline(json);
  } catch (error) {
    assert.ok(error instanceof RoleGuidelineError);
    return [...error.problems];
  }
  assert.fail('the guideline was accepted');
}

describe('role guideline', () => {
  it('ships a default that defines every role in Swedish and English, from the municipal guideline', () => {
    const guideline = readRoleGuidelineFile(defaultRoleGuidelinePath);
    for (const role of allRoles) {
      assert.ok(guideline.roles[role].sv.length > 100, role);
      assert.ok(guideline.roles[role].en.length > 100, role);
    }
    assert.match(guideline.roles.manager.sv, /operativa, dagliga ansvaret/);
    assert.match(guideline.roles.owner.sv, /ekonomiska och funktionella ansvaret/);
  });

  it('accepts a guideline without a source', () => {
    assert.deepEqual(parseRoleGuideline(validGuideline()).roles.pilot, { sv: 'Om pilot', en: 'About pilot' });
  });

  it('names a missing role, a missing language and an empty text', () => {
    const json = validGuideline();
    delete (json.roles as Record<string, unknown>).pilot;
    (json.roles as Record<string, unknown>).manager = { sv: 'Förvaltar' };
    (json.roles as Record<string, unknown>).owner = { sv: '  ', en: 'Owns' };
    const problems = problemsOf(json);
    assert.ok(problems.includes('roles.pilot: is missing'), problems.join('\n'));
    assert.ok(problems.includes('roles.manager.en: is missing'), problems.join('\n'));
    assert.ok(problems.includes('roles.owner.sv: must not be empty'), problems.join('\n'));
  });

  it('refuses an unknown role, so a misspelt one is not silently ignored', () => {
    const json = validGuideline();
    (json.roles as Record<string, unknown>).manger = { sv: 'x', en: 'y' };
    assert.match(problemsOf(json).join('\n'), /roles: Unrecognized key\(s\) in object: 'manger'/);
  });

  it('refuses what is not an object', () => {
    assert.deepEqual(problemsOf([]), ['must be a JSON object']);
  });

  describe('the file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-guideline-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads UTF-8 with a byte order mark', async () => {
      const file = path.join(dir, 'roller.json');
      await writeFile(file, '\uFEFF' + JSON.stringify(validGuideline()), 'utf8');
      assert.equal(readRoleGuidelineFile(file).roles.owner.sv, 'Om owner');
    });

    it('says when the file is missing or not JSON, without quoting it', async () => {
      assert.throws(() => readRoleGuidelineFile(path.join(dir, 'saknas.json')), {
        problems: ['the file does not exist'],
      });
      const file = path.join(dir, 'trasig.json');
      await writeFile(file, '{ "roles": hemligt', 'utf8');
      assert.throws(
        () => readRoleGuidelineFile(file),
        (error: unknown) =>
          error instanceof RoleGuidelineError &&
          error.problems[0] === 'the file is not valid JSON' &&
          !error.message.includes('hemligt'),
      );
    });
  });
});
