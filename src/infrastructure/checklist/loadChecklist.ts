import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseChecklist, type Checklist, type ChecklistProblem } from '../../domain/checklist/checklist';
import { projectRoot } from '../../shared/projectRoot';

/** The checklist bundled with the product, from the domain README's seven sections. */
export const defaultChecklistPath = path.join(projectRoot, 'content', 'checklist.default.json');

/**
 * The checklist file cannot be used. The message names the file and every problem by its place in the file
 * ("sections[2].questions[0].text.en: must not be empty"), so whoever edited it can fix it; it holds no answers
 * or personal data.
 */
export class ChecklistFileError extends Error {
  constructor(
    readonly filePath: string,
    readonly problems: readonly ChecklistProblem[],
  ) {
    super(
      [
        `The checklist file ${filePath} cannot be used (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):`,
        ...problems.map((problem) => `  - ${problem.path}: ${problem.problem}`),
      ].join('\n'),
    );
    this.name = 'ChecklistFileError';
  }
}

/**
 * Reads and validates a checklist: the given file (CHECKLIST_FILE), or the bundled default when none is given.
 * Meant for start-up: any problem throws ChecklistFileError, so a broken file stops the app instead of a dialog.
 */
export async function loadChecklist(filePath?: string): Promise<Checklist> {
  const resolved = resolveChecklistPath(filePath);
  let text: string;
  try {
    text = await readFile(resolved, 'utf8');
  } catch (error) {
    throw unreadable(resolved, error);
  }
  return checklistFromText(resolved, text);
}

/** loadChecklist for synchronous start-up code (the configuration is read and checked synchronously). */
export function loadChecklistSync(filePath?: string): Checklist {
  const resolved = resolveChecklistPath(filePath);
  let text: string;
  try {
    text = readFileSync(resolved, 'utf8');
  } catch (error) {
    throw unreadable(resolved, error);
  }
  return checklistFromText(resolved, text);
}

function resolveChecklistPath(filePath: string | undefined): string {
  return filePath === undefined || filePath.trim() === '' ? defaultChecklistPath : path.resolve(filePath);
}

function unreadable(resolved: string, error: unknown): ChecklistFileError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem =
    code === 'ENOENT'
      ? 'the file does not exist'
      : code === 'EISDIR'
        ? 'this is a folder, not a file'
        : `the file cannot be read (${code ?? 'unknown error'})`;
  return new ChecklistFileError(resolved, [{ path: '(the whole file)', problem }]);
}

function checklistFromText(resolved: string, text: string): Checklist {
  let data: unknown;
  try {
    // Editors on Windows may save a byte order mark; JSON.parse does not accept one.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ChecklistFileError(resolved, [
      { path: '(the whole file)', problem: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  const result = parseChecklist(data);
  if (!result.ok) throw new ChecklistFileError(resolved, result.problems);
  return result.checklist;
}
