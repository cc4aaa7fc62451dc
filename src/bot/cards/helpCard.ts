import type { Lang, RegisterIndex } from '../../domain/answers';
import type { SystemRecord } from '../../domain/register/system';
import { say, type Text } from '../../texts';
import { answerTexts } from '../../texts/answers';
import { escapeMarkdown } from './markdown';
import { cardTemplate } from './templates';

export interface HelpSectionView {
  heading: string;
  examples: { text: string }[];
}

/** Data of adaptiveCards/help.json, which is also the welcome card. Escaped for markdown. */
export interface HelpCardData {
  title: string;
  /** Something to say first: the register is empty, or the question was not understood. */
  notice?: string;
  intro: string;
  sections: HelpSectionView[];
  languages: string;
}

export const helpCard = cardTemplate<HelpCardData>('help.json');

/** Names from the register that make the examples real: systems, a person and a department people know. */
export interface RegisterExamples {
  responsibleSystem: string;
  managerSystem: string;
  anySystem: string;
  person?: string;
  department?: string;
}

export interface HelpOptions {
  welcome?: boolean;
  /** Plain text; escaped here. */
  notice?: string;
}

const examplesLookedAt = 100;

/** Picks the examples from the first systems in name order, so the same register always gives the same help. */
export function registerExamples(index: RegisterIndex): RegisterExamples | undefined {
  const { systems } = index.list({}, examplesLookedAt);
  const first = systems.find((system) => system.responsible?.name.trim()) ?? systems[0];
  if (!first) return undefined;
  const second = systems.find((system) => system !== first && hasNamedManager(system)) ?? first;
  const third = systems.find((system) => system !== first && system !== second) ?? first;
  const person = second.managers.find(isNamed)?.name.trim();
  const department = first.departments.find((name) => name.trim() !== '')?.trim();
  return {
    responsibleSystem: first.name,
    managerSystem: second.name,
    anySystem: third.name,
    ...(person ? { person } : {}),
    ...(department ? { department } : {}),
  };
}

export function helpCardData(
  lang: Lang,
  examples: RegisterExamples | undefined,
  options: HelpOptions = {},
): HelpCardData {
  const t = answerTexts;
  const quote = (text: string) => escapeMarkdown(lang === 'sv' ? `”${text}”` : `“${text}”`);
  const section = (heading: Text, lines: string[]): HelpSectionView => ({
    heading: escapeMarkdown(say(lang, heading)),
    examples: lines.map((line) => ({ text: quote(line) })),
  });
  const sections: HelpSectionView[] = [];
  if (examples) {
    sections.push(
      section(t.helpSystemsHeading, [
        say(lang, t.exampleResponsible, { system: examples.responsibleSystem }),
        say(lang, t.exampleManager, { system: examples.managerSystem }),
        say(lang, t.exampleAnyone, { system: examples.anySystem }),
      ]),
    );
    sections.push(
      section(t.helpPeopleHeading, [
        ...(examples.person ? [say(lang, t.examplePerson, { name: examples.person })] : []),
        say(lang, t.exampleMine),
      ]),
    );
    if (examples.department) {
      sections.push(
        section(t.helpListsHeading, [
          say(lang, t.exampleDepartment, { department: examples.department }),
          say(lang, t.exampleCritical),
        ]),
      );
    }
  }
  sections.push(section(t.helpRolesHeading, [say(lang, t.exampleRole)]));
  return {
    title: escapeMarkdown(say(lang, options.welcome ? t.welcomeTitle : t.helpTitle)),
    ...(options.notice ? { notice: escapeMarkdown(options.notice) } : {}),
    intro: escapeMarkdown(say(lang, t.helpIntro)),
    sections,
    languages: escapeMarkdown(say(lang, t.helpLanguages)),
  };
}

/** The plain-text help: what to ask, with one real example. */
export function helpText(
  lang: Lang,
  examples: RegisterExamples | undefined,
  options: HelpOptions = {},
): string {
  const example = firstExample(lang, examples);
  const text = say(lang, options.welcome ? answerTexts.welcomeText : answerTexts.helpText, { example });
  if (!options.notice) return text;
  // A welcome greets first; an answer says what went wrong first.
  return options.welcome ? `${text} ${options.notice}` : `${options.notice} ${text}`;
}

export function firstExample(lang: Lang, examples: RegisterExamples | undefined): string {
  return examples
    ? say(lang, answerTexts.exampleResponsible, { system: examples.responsibleSystem })
    : say(lang, answerTexts.exampleRole);
}

function isNamed(person: { name: string }): boolean {
  return person.name.trim() !== '' && !person.name.includes('@');
}

function hasNamedManager(system: SystemRecord): boolean {
  return system.managers.some(isNamed);
}
