import type { Answer } from '../../domain/answers';
import { say } from '../../texts';
import { answerTexts } from '../../texts/answers';
import { personChoice, type PersonChoiceView } from './choosePersonCard';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';
import { answerVerbs, type AnswerVerbs } from './verbs';

/** Data of adaptiveCards/personNotFound.json. */
export interface PersonNotFoundCardData {
  title: string;
  hint: string;
  /** Present when there are suggestions; says plainly that they are not the answer. */
  suggestionsHeading?: string;
  suggestions: PersonChoiceView[];
  verbs: AnswerVerbs;
}

export const personNotFoundCard = cardTemplate<PersonNotFoundCardData>('personNotFound.json');

type PersonNotFoundAnswer = Extract<Answer, { kind: 'personNotFound' }>;

export function personNotFoundCardData(answer: PersonNotFoundAnswer): PersonNotFoundCardData {
  const { lang } = answer;
  return {
    title: escapeMarkdown(notFound(answer)),
    hint: escapeMarkdown(say(lang, answerTexts.personNotFoundHint)),
    ...(answer.suggestions.length > 0
      ? { suggestionsHeading: escapeMarkdown(say(lang, answerTexts.suggestionsHeading)) }
      : {}),
    suggestions: answer.suggestions.map((person) => personChoice(lang, person, answer.role)),
    verbs: answerVerbs,
  };
}

export function personNotFoundText(answer: PersonNotFoundAnswer): string {
  const { lang } = answer;
  if (answer.suggestions.length === 0) return notFound(answer);
  const names = answer.suggestions.map((person) => person.name).join(', ');
  return `${notFound(answer)} ${say(lang, answerTexts.suggestionsText, { names })}`;
}

function notFound(answer: PersonNotFoundAnswer): string {
  return answer.query === ''
    ? say(answer.lang, answerTexts.personNotFoundNoQuery)
    : say(answer.lang, answerTexts.personNotFound, { query: answer.query });
}
