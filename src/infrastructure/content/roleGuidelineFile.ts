import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseRoleGuideline,
  RoleGuidelineError,
  type RoleGuideline,
} from '../../domain/answers/roleGuideline';
import { projectRoot } from '../../shared/projectRoot';

/** The guideline the product ships, used when ROLE_GUIDELINE_FILE is not set. */
export const defaultRoleGuidelinePath = path.join(projectRoot, 'content', 'roleGuideline.json');

/**
 * Reads and checks a role guideline file (UTF-8 JSON, with or without BOM). Read once at start-up, so
 * synchronously. Throws RoleGuidelineError saying what is wrong, never the file's content.
 */
export function readRoleGuidelineFile(filePath: string): RoleGuideline {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new RoleGuidelineError([
      code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${String(code ?? 'error')})`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new RoleGuidelineError(['the file is not valid JSON']);
  }
  return parseRoleGuideline(json);
}
