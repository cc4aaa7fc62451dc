import type { Answer } from '../../domain/answers';
import { say } from '../../texts';
import { answerTexts } from '../../texts/answers';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';
import { answerVerbs, type AnswerVerbs, type ChooseSystemActionData } from './verbs';

/** A close name offered as a suggestion, never as the answer. */
export interface SystemSuggestionView {
  /** Plain text: a button title. */
  name: string;
  action: ChooseSystemActionData;
}

/** Data of adaptiveCards/systemNotFound.json. */
export interface SystemNotFoundCardData {
  /** "Det finns inget system som heter ”X” i registret." */
  title: string;
  hint: string;
  /** Present when there are suggestions; says plainly that they are not the answer. */
  suggestionsHeading?: string;
  suggestions: SystemSuggestionView[];
  verbs: AnswerVerbs;
}

export const systemNotFoundCard = cardTemplate<SystemNotFoundCardData>('systemNotFound.json');

type SystemNotFoundAnswer = Extract<Answer, { kind: 'systemNotFound' }>;

export function systemNotFoundCardData(answer: SystemNotFoundAnswer): SystemNotFoundCardData {
  const { lang } = answer;
  return {
    title: escapeMarkdown(notFound(answer)),
    hint: escapeMarkdown(say(lang, answerTexts.systemNotFoundHint)),
    ...(answer.suggestions.length > 0
      ? { suggestionsHeading: escapeMarkdown(say(lang, answerTexts.suggestionsHeading)) }
      : {}),
    suggestions: answer.suggestions.map((system) => ({
      name: system.name,
      action: { systemId: system.id, roles: [...answer.roles], lang },
    })),
    verbs: answerVerbs,
  };
}

/** "Det finns inget system som heter ”X” i registret. Förslag på liknande namn: A, B." */
export function systemNotFoundText(answer: SystemNotFoundAnswer): string {
  const { lang } = answer;
  if (answer.suggestions.length === 0) return notFound(answer);
  const names = answer.suggestions.map((system) => system.name).join(', ');
  return `${notFound(answer)} ${say(lang, answerTexts.suggestionsText, { names })}`;
}

function notFound(answer: SystemNotFoundAnswer): string {
  return answer.query === ''
    ? say(answer.lang, answerTexts.systemNotFoundNoQuery)
    : say(answer.lang, answerTexts.systemNotFound, { query: answer.query });
}
