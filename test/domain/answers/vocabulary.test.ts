import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildLexicon } from '../../../src/domain/answers/lexicon';
import { parseQuestion } from '../../../src/domain/answers/question';
import { parseVocabulary, VocabularyError } from '../../../src/domain/answers/vocabulary';
import {
  defaultVocabularyPath,
  readVocabularyFile,
} from '../../../src/infrastructure/content/vocabularyFile';

function problemsOf(json: unknown): string[] {
  try {
    parseVocabulary(json);
  } catch (error) {
    assert.ok(error instanceof VocabularyError);
    return [...error.problems];
  }
  assert.fail('the vocabulary was accepted');
}

describe('vocabulary', () => {
  it('ships a default with role forms, filler and an English-Swedish glossary of municipal terms', () => {
    const vocabulary = readVocabularyFile(defaultVocabularyPath);
    assert.ok(vocabulary.roles.owner?.stems?.includes('systemägar'));
    assert.ok(vocabulary.filler.length >= 10);
    const swedishFor = (english: string) =>
      vocabulary.glossary.find((entry) => entry.en.includes(english))?.sv[0];
    assert.equal(swedishFor('payroll'), 'lön');
    assert.equal(swedishFor('library'), 'bibliotek');
    assert.equal(swedishFor('home care'), 'hemtjänst');
    assert.equal(swedishFor('social services'), 'socialförvaltningen');
    assert.equal(swedishFor('school'), 'grundskolan');
  });

  it('adds its words to the grammar: role nouns, stems, verbs and filler', () => {
    const lexicon = buildLexicon(
      parseVocabulary({
        roles: { manager: { nouns: ['IT-förvaltare'], verbs: ['tar hand'], stems: ['förvaltningsobjekt'] } },
        filler: ['typ'],
      }),
    );
    assert.deepEqual(parseQuestion('vem är it-förvaltare för Tempus', lexicon).roles, ['manager']);
    assert.deepEqual(parseQuestion('vem är förvaltningsobjektägaren för Tempus', lexicon).roles, ['manager']);
    const question = parseQuestion('vem är typ ansvarig för Tempus', lexicon);
    assert.deepEqual(question.subject?.words, ['tempus']);
  });

  it('never lets a vocabulary word change what a built-in word means', () => {
    const lexicon = buildLexicon(parseVocabulary({ roles: { pilot: { nouns: ['förvaltare'] } } }));
    assert.deepEqual(parseQuestion('vem är förvaltare för Tempus', lexicon).roles, ['manager']);
  });

  it('reads English terms in Swedish through the glossary, longest phrase first', () => {
    const lexicon = buildLexicon(
      parseVocabulary({
        glossary: [
          { en: ['care'], sv: ['omsorg'] },
          { en: ['home care'], sv: ['hemtjänst', 'hemvård'] },
        ],
      }),
    );
    const subject = parseQuestion('who owns home care?', lexicon).subject;
    assert.deepEqual(subject?.words, ['home', 'care'], 'the words as typed stay the subject');
    assert.deepEqual(subject?.glossed, [['hemtjanst'], ['hemvard']]);
    assert.equal(parseQuestion('who owns Tempus?', lexicon).subject?.glossed, undefined);
  });

  it('names every problem: unknown keys and roles, words that are not words, too short stems', () => {
    const problems = problemsOf({
      roles: { maneger: { nouns: ['x'] }, owner: { stems: ['system'], synonyms: [] } },
      filler: ['ok', '...'],
      glossary: [{ en: [], sv: ['lön'] }],
      extra: true,
    });
    const text = problems.join('\n');
    assert.match(text, /maneger/);
    assert.match(text, /synonyms/);
    assert.match(text, /roles\.owner\.stems\.0: must be at least 8 letters/);
    assert.match(text, /filler\.1: must hold a letter or a digit/);
    assert.match(text, /glossary\.0\.en: must name at least one English word/);
    assert.match(text, /extra/);
  });

  it('refuses what is not an object', () => {
    assert.deepEqual(problemsOf([]), ['must be a JSON object']);
  });

  describe('the file', () => {
    let folder: string;
    before(async () => {
      folder = await mkdtemp(path.join(os.tmpdir(), 'vocabulary-'));
    });
    after(async () => {
      await rm(folder, { recursive: true, force: true });
    });

    it('reads UTF-8 with a byte order mark', async () => {
      const file = path.join(folder, 'bom.json');
      await writeFile(file, '\uFEFF' + JSON.stringify({ filler: ['alltså'] }), 'utf8');
      assert.deepEqual(readVocabularyFile(file).filler, ['alltså']);
    });

    it('says when the file is missing or not JSON, without quoting it', async () => {
      assert.throws(() => readVocabularyFile(path.join(folder, 'missing.json')), /the file does not exist/);
      const file = path.join(folder, 'broken.json');
      await writeFile(file, '{ "filler": [hemligt', 'utf8');
      assert.throws(
        () => readVocabularyFile(file),
        (error: unknown) =>
          error instanceof VocabularyError &&
          error.message === 'the file is not valid JSON' &&
          !error.message.includes('hemligt'),
      );
    });
  });
});
