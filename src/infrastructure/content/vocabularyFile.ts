import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseVocabulary, VocabularyError, type Vocabulary } from '../../domain/answers/vocabulary';
import { projectRoot } from '../../shared/projectRoot';

/** The vocabulary the product ships, used when no other file is named. */
export const defaultVocabularyPath = path.join(projectRoot, 'content', 'vocabulary.json');

/**
 * Reads and checks a vocabulary file (UTF-8 JSON, with or without BOM). Read once at start-up, so
 * synchronously. Throws VocabularyError saying what is wrong, never the file's content.
 */
export function readVocabularyFile(filePath: string): Vocabulary {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new VocabularyError([
      code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${String(code ?? 'error')})`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new VocabularyError(['the file is not valid JSON']);
  }
  return parseVocabulary(json);
}
