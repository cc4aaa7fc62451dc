/**
 * The files the configuration names (checklist, role guideline, vocabulary), read and checked at start-up. Apart
 * from the composition so that index.ts can read and check everything, and start telemetry, before the bot's
 * modules (which telemetry instruments as they load) are required.
 */
import {
  ConfigError,
  loadConfig,
  loadSettings,
  type AppConfig,
  type ConfigProblem,
  type SettingValues,
} from './config';
import { RoleGuidelineError, type RoleGuideline } from './domain/answers/roleGuideline';
import { VocabularyError, type Vocabulary } from './domain/answers/vocabulary';
import type { Checklist } from './domain/checklist/checklist';
import { ChecklistFileError, loadChecklistSync } from './infrastructure/checklist/loadChecklist';
import { defaultRoleGuidelinePath, readRoleGuidelineFile } from './infrastructure/content/roleGuidelineFile';
import { defaultVocabularyPath, readVocabularyFile } from './infrastructure/content/vocabularyFile';

/** What the files named by the configuration hold, read and checked at start-up. */
export interface ConfiguredContent {
  /** The follow-up checklist (CHECKLIST_FILE, or the bundled one). */
  checklist: Checklist;
  /** What each role means (ROLE_GUIDELINE_FILE, or the bundled one). */
  roleGuideline: RoleGuideline;
  /** The municipality's words for questions (VOCABULARY_FILE, or the bundled one). */
  vocabulary: Vocabulary;
}

/** Reads the configuration and the files it names, and reports every problem of both at once. */
export function loadStartupConfig(env: NodeJS.ProcessEnv): { config: AppConfig; content: ConfiguredContent } {
  const problems: ConfigProblem[] = [];
  let config: AppConfig | undefined;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  // The file variables are plain paths that cannot be malformed, so their files are read even when other
  // variables are wrong: one start tells every problem.
  const files =
    config?.files ?? filesOf(loadSettings(env, ['CHECKLIST_FILE', 'ROLE_GUIDELINE_FILE', 'VOCABULARY_FILE']));
  const content = contentOrProblems(files, problems);
  if (config === undefined || content === undefined || problems.length > 0) throw new ConfigError(problems);
  return { config, content };
}

/** Reads the files the configuration names; a missing or malformed one is a ConfigError naming its variable. */
export function readConfiguredContent(files: AppConfig['files']): ConfiguredContent {
  const problems: ConfigProblem[] = [];
  const content = contentOrProblems(files, problems);
  if (content === undefined) throw new ConfigError(problems);
  return content;
}

function contentOrProblems(
  files: AppConfig['files'],
  problems: ConfigProblem[],
): ConfiguredContent | undefined {
  const roleGuideline = roleGuidelineFrom(files.roleGuideline, problems);
  const checklist = checklistFrom(files.checklist, problems);
  const vocabulary = vocabularyFrom(files.vocabulary, problems);
  return roleGuideline && checklist && vocabulary ? { roleGuideline, checklist, vocabulary } : undefined;
}

const filesOf = (
  values: SettingValues<'CHECKLIST_FILE' | 'ROLE_GUIDELINE_FILE' | 'VOCABULARY_FILE'>,
): AppConfig['files'] => ({
  checklist: values.CHECKLIST_FILE,
  roleGuideline: values.ROLE_GUIDELINE_FILE,
  vocabulary: values.VOCABULARY_FILE,
});

/** Like the role guideline: the words questions are read with are checked at start, naming every problem. */
function vocabularyFrom(file: string | undefined, problems: ConfigProblem[]): Vocabulary | undefined {
  try {
    return readVocabularyFile(file ?? defaultVocabularyPath);
  } catch (error) {
    if (!(error instanceof VocabularyError)) throw error;
    const which = file === undefined ? `not set, and the default ${defaultVocabularyPath}` : file;
    problems.push({
      variable: 'VOCABULARY_FILE',
      problem: `${which} is unusable: ${error.problems.join('; ')}`,
    });
    return undefined;
  }
}

/** Like the role guideline: a checklist file that is missing or malformed stops the bot with every problem. */
function checklistFrom(file: string | undefined, problems: ConfigProblem[]): Checklist | undefined {
  try {
    return loadChecklistSync(file);
  } catch (error) {
    if (!(error instanceof ChecklistFileError)) throw error;
    const which = file === undefined ? 'not set, and the bundled default' : file;
    // JSON.parse's message quotes the file's text; the configuration error names problems, never content.
    const found = error.problems.map((p) =>
      p.problem.startsWith('not valid JSON') ? 'the file is not valid JSON' : `${p.path}: ${p.problem}`,
    );
    problems.push({ variable: 'CHECKLIST_FILE', problem: `${which} is unusable: ${found.join('; ')}` });
    return undefined;
  }
}

/**
 * The role guideline is read at start-up, so a replacement that is missing or malformed stops the bot with the
 * reason instead of failing the first "vad gör en systemförvaltare?".
 */
function roleGuidelineFrom(file: string | undefined, problems: ConfigProblem[]): RoleGuideline | undefined {
  try {
    return readRoleGuidelineFile(file ?? defaultRoleGuidelinePath);
  } catch (error) {
    if (!(error instanceof RoleGuidelineError)) throw error;
    const which = file === undefined ? `not set, and the default ${defaultRoleGuidelinePath}` : file;
    problems.push({
      variable: 'ROLE_GUIDELINE_FILE',
      problem: `${which} is unusable: ${error.problems.join('; ')}`,
    });
    return undefined;
  }
}
