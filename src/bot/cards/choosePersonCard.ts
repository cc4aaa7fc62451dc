import type { Answer, Lang, PersonRef, RoleId } from '../../domain/answers';
import { say } from '../../texts';
import { answerTexts, joinNames } from '../../texts/answers';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';
import { answerVerbs, type AnswerVerbs, type ChoosePersonActionData } from './verbs';

/** A person to pick: the button shows the name as plain text, the e-mail below it is escaped markdown. */
export interface PersonChoiceView {
  name: string;
  detail?: string;
  action: ChoosePersonActionData;
}

/** Data of adaptiveCards/choosePerson.json. */
export interface ChoosePersonCardData {
  title: string;
  people: PersonChoiceView[];
  verbs: AnswerVerbs;
}

export const choosePersonCard = cardTemplate<ChoosePersonCardData>('choosePerson.json');

type ChoosePersonAnswer = Extract<Answer, { kind: 'choosePerson' }>;

export function choosePersonCardData(answer: ChoosePersonAnswer): ChoosePersonCardData {
  const { lang } = answer;
  return {
    title: escapeMarkdown(say(lang, answerTexts.choosePersonTitle, { query: answer.query })),
    people: answer.people.map((person) => personChoice(lang, person, answer.role)),
    verbs: answerVerbs,
  };
}

export function choosePersonText(answer: ChoosePersonAnswer): string {
  const { lang } = answer;
  return say(lang, answerTexts.choosePersonText, {
    query: answer.query,
    people: joinNames(
      lang,
      answer.people.map((person) => person.name),
    ),
  });
}

export function personChoice(lang: Lang, person: PersonRef, role: RoleId | undefined): PersonChoiceView {
  return {
    name: person.name,
    ...(person.email && person.email !== person.name ? { detail: escapeMarkdown(person.email) } : {}),
    action: { personKey: person.key, ...(role ? { role } : {}), lang },
  };
}
