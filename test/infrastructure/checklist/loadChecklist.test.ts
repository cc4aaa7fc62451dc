import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { questionCount } from '../../../src/domain/checklist/checklist';
import {
  ChecklistFileError,
  defaultChecklistPath,
  loadChecklist,
} from '../../../src/infrastructure/checklist/loadChecklist';

describe('loading the checklist', () => {
  let folder: string;

  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'systemkollen-checklist-'));
  });

  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  function writeChecklist(name: string, content: unknown): string {
    const file = path.join(folder, name);
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content), 'utf8');
    return file;
  }

  function defaultContent(): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(defaultChecklistPath, 'utf8')) as Record<string, unknown>;
  }

  async function problemsOf(file: string): Promise<string> {
    try {
      await loadChecklist(file);
    } catch (error) {
      assert.ok(error instanceof ChecklistFileError, `expected ChecklistFileError, got ${String(error)}`);
      assert.equal(error.filePath, path.resolve(file));
      assert.ok(error.message.includes(path.resolve(file)), 'the message names the file');
      return error.message;
    }
    assert.fail('the checklist was accepted');
  }

  it('loads the bundled default: the seven sections of the annual follow-up, in Swedish and English', async () => {
    const checklist = await loadChecklist();

    assert.equal(checklist.id, 'default-2025-1');
    assert.deepEqual(
      checklist.sections.map((section) => section.title.sv),
      [
        'Organisation och roller',
        'Behörigheter',
        'Loggning och spårbarhet',
        'Informationssäkerhet',
        'Kontinuitet',
        'Användare och dokumentation',
        'Leverantör och utveckling',
      ],
    );
    assert.ok(checklist.sections.every((section) => section.questions.length >= 2));
    assert.equal(questionCount(checklist), 17);
    assert.deepEqual(
      checklist.answerOptions.map((option) => [option.label.sv, option.label.en, option.requiresAction]),
      [
        ['Ja', 'Yes', false],
        ['Delvis', 'Partly', true],
        ['Nej', 'No', true],
        ['Ej aktuellt', 'Not applicable', false],
      ],
    );
  });

  it('loads a municipality’s own file, also when saved with a byte order mark', async () => {
    const own = { ...defaultContent(), id: 'vasterby-2026-1' };
    const file = writeChecklist('egen.json', '\uFEFF' + JSON.stringify(own));

    assert.equal((await loadChecklist(file)).id, 'vasterby-2026-1');
  });

  it('uses the default when the given path is empty', async () => {
    assert.equal((await loadChecklist('  ')).id, 'default-2025-1');
  });

  it('names a file that does not exist', async () => {
    const message = await problemsOf(path.join(folder, 'saknas.json'));

    assert.match(message, /the file does not exist/);
  });

  it('names a file that is not JSON', async () => {
    const message = await problemsOf(writeChecklist('trasig.json', '{ "id": "x", '));

    assert.match(message, /not valid JSON/);
  });

  it('names every problem by its place in the file', async () => {
    const content = defaultContent() as {
      sections: { id: string; questions: { id: string; text: { en: string } }[] }[];
    };
    const broken = structuredClone(content);
    broken.sections[1]!.questions[0]!.text.en = ' ';
    broken.sections[2]!.id = broken.sections[0]!.id;
    broken.sections[3]!.questions[1]!.id = broken.sections[0]!.questions[0]!.id;
    (broken.sections[4] as Record<string, unknown>).qustions = [];

    const message = await problemsOf(writeChecklist('fel.json', broken));

    assert.match(message, /4 problems/);
    assert.match(message, /sections\[1\]\.questions\[0\]\.text\.en: must not be empty/);
    assert.match(message, /sections\[2\]\.id: section id "organisation" is used more than once/);
    assert.match(
      message,
      /sections\[3\]\.questions\[1\]\.id: question id "management-plan" is used more than once/,
    );
    assert.match(message, /sections\[4\]: Unrecognized key\(s\) in object: 'qustions'/);
  });

  it('rejects ids that cannot be used in cards and files, and answers outside the four known ones', async () => {
    const content = defaultContent() as { id: string; answerOptions: { value: string }[] };
    const broken = structuredClone(content);
    broken.id = 'Standard 2025!';
    broken.answerOptions[3]!.value = 'kanske';

    const message = await problemsOf(writeChecklist('id.json', broken));

    assert.match(message, /^ {2}- id: must be 1-64 lower-case letters/m);
    assert.match(message, /answerOptions\[3\]\.value: must be one of yes, partly, no, notApplicable/);
  });

  it('rejects a checklist without sections or where every answer needs an action', async () => {
    const content = defaultContent() as { sections: unknown[]; answerOptions: { requiresAction: boolean }[] };
    const broken = structuredClone(content);
    broken.sections = [];
    for (const option of broken.answerOptions) option.requiresAction = true;

    const message = await problemsOf(writeChecklist('tom.json', broken));

    assert.match(message, /sections: must list at least one section/);
    assert.match(message, /answerOptions: at least one answer must not require an action/);
  });

  it('rejects a file that is a list rather than a checklist', async () => {
    const message = await problemsOf(writeChecklist('lista.json', []));

    assert.match(message, /must be a JSON object with id, title, answerOptions and sections/);
  });
});
