import type { Answer, Lang, RoleId } from '../../domain/answers';
import type { SystemRecord } from '../../domain/register/system';
import { say } from '../../texts';
import { answerTexts, joinNames } from '../../texts/answers';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';
import { answerVerbs, type AnswerVerbs, type ChooseSystemActionData } from './verbs';

/** A system to pick: the button shows the name as plain text, the detail below it is escaped markdown. */
export interface SystemChoiceView {
  name: string;
  detail?: string;
  action: ChooseSystemActionData;
}

/** Data of adaptiveCards/chooseSystem.json. */
export interface ChooseSystemCardData {
  title: string;
  candidates: SystemChoiceView[];
  verbs: AnswerVerbs;
}

export const chooseSystemCard = cardTemplate<ChooseSystemCardData>('chooseSystem.json');

type ChooseSystemAnswer = Extract<Answer, { kind: 'chooseSystem' }>;

export function chooseSystemCardData(answer: ChooseSystemAnswer): ChooseSystemCardData {
  const { lang, query } = answer;
  return {
    title: escapeMarkdown(
      query === ''
        ? say(lang, answerTexts.chooseSystemTitleNoQuery)
        : say(lang, answerTexts.chooseSystemTitle, { query }),
    ),
    candidates: answer.candidates.map((system) => systemChoice(lang, system, answer.roles)),
    verbs: answerVerbs,
  };
}

export function chooseSystemText(answer: ChooseSystemAnswer): string {
  const { lang } = answer;
  return say(lang, answerTexts.chooseSystemText, {
    query: answer.query,
    systems: joinNames(
      lang,
      answer.candidates.map((system) => system.name),
    ),
  });
}

export function systemChoice(lang: Lang, system: SystemRecord, roles: readonly RoleId[]): SystemChoiceView {
  // "Departments · unit", either alone when the other is blank: built as a string, without arrays in between.
  const departments = system.departments.join(', ');
  let detail = departments.trim() !== '' ? departments : '';
  if (system.unit.trim() !== '') detail = detail === '' ? system.unit : `${detail} · ${system.unit}`;
  const choice: SystemChoiceView = {
    name: system.name,
    action: { systemId: system.id, roles: [...roles], lang },
  };
  // Set afterwards rather than spread in (an object less); the template reads it by name.
  if (detail !== '') choice.detail = escapeMarkdown(detail);
  return choice;
}
