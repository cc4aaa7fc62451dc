import type { Answer } from '../../domain/answers';
import type { RoleGuideline } from '../../domain/answers/roleGuideline';
import { say } from '../../texts';
import { answerTexts, roleLabel, roleWords } from '../../texts/answers';
import type { RegisterExamples } from './helpCard';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';

/** Data of adaptiveCards/roleDefinition.json. Escaped for markdown. */
export interface RoleDefinitionCardData {
  title: string;
  paragraphs: { text: string }[];
  /** An example question about the role, with a system from the register. */
  hint?: string;
  source?: string;
}

export const roleDefinitionCard = cardTemplate<RoleDefinitionCardData>('roleDefinition.json');

type RoleDefinitionAnswer = Extract<Answer, { kind: 'roleDefinition' }>;

export function roleDefinitionCardData(
  answer: RoleDefinitionAnswer,
  guideline: RoleGuideline,
  examples: RegisterExamples | undefined,
): RoleDefinitionCardData {
  const { lang, role } = answer;
  const source = guideline.source?.[lang];
  return {
    title: escapeMarkdown(roleLabel(lang, role)),
    paragraphs: paragraphs(guideline.roles[role][lang]).map((text) => ({ text: escapeMarkdown(text) })),
    ...(examples
      ? {
          hint: escapeMarkdown(
            say(lang, answerTexts.roleDefinitionHint, {
              question: say(lang, roleWords[role].question, { system: examples.anySystem }),
            }),
          ),
        }
      : {}),
    ...(source ? { source: escapeMarkdown(say(lang, answerTexts.roleDefinitionSource, { source })) } : {}),
  };
}

/** "Systemförvaltare: <the guideline's first paragraph>" */
export function roleDefinitionText(answer: RoleDefinitionAnswer, guideline: RoleGuideline): string {
  const { lang, role } = answer;
  const first = paragraphs(guideline.roles[role][lang])[0] ?? '';
  return `${roleLabel(lang, role)}: ${first}`;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}
