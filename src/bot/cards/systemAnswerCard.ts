import { allRoles, type Answer, type Lang, type RoleId } from '../../domain/answers';
import { isRetired, type Person, type SystemRecord } from '../../domain/register/system';
import { shortened } from '../../shared/text';
import { say } from '../../texts';
import { answerTexts, roleLabel, roleWords } from '../../texts/answers';
import { checklistDialogTexts } from '../../texts/checklistDialog';
import type { ChecklistStartActionData } from './checklistActions';
import { escapeMarkdown } from './markdown';
import { moreText, namesText, personText, personView, type PersonView } from './people';
import { cardTemplate, type AdaptiveCard, type CardTemplate } from './templates';
import { checklistStartVerb } from './verbs';

/** One role of the system: the owner organisation, or its people. Text is escaped for markdown. */
export interface RoleSectionView {
  label: string;
  /** The owner: an organisation, not a person. */
  organisation?: string;
  /** "Ingen angiven i registret" when nobody holds the role. */
  nobody?: string;
  people: PersonView[];
  more?: string;
}

export interface FactView {
  title: string;
  value: string;
}

/** Data of adaptiveCards/systemAnswer.json. */
export interface SystemAnswerCardData {
  name: string;
  /** How the question was read, when it was not the name as typed ("Jag tolkade ..."). */
  note?: string;
  /** Said first when the register's status says the system is retired; it then has no follow-up button. */
  retired?: string;
  /** The roles asked, first and highlighted; empty when the question asked about the system as a whole. */
  asked: RoleSectionView[];
  othersHeading?: string;
  others: RoleSectionView[];
  aboutHeading: string;
  description?: string;
  facts: FactView[];
  /**
   * "Starta årlig uppföljning": opens the system's checklist (features/checklist.ts decides who may). Absent
   * for a retired system, which is not followed up.
   */
  followUp?: { title: string; verb: typeof checklistStartVerb; action: ChecklistStartActionData };
}

const systemAnswerTemplate = cardTemplate<SystemAnswerCardData>('systemAnswer.json');

/** The card; without the follow-up button (a retired system, a search result) it has no actions list at all. */
export const systemAnswerCard = {
  fileName: systemAnswerTemplate.fileName,
  expand(data: SystemAnswerCardData): AdaptiveCard {
    const card = systemAnswerTemplate.expand(data);
    // The template's only action is the follow-up button; an empty list is not valid at 1.5.
    if (Array.isArray(card.actions) && card.actions.length === 0) delete card.actions;
    return card;
  },
} satisfies CardTemplate<SystemAnswerCardData>;

/** People shown for a role that was asked, and for the other roles below it. */
export const askedPeopleShown = 15;
export const otherPeopleShown = 5;
/** When the question asked about the system as a whole, every role is shown, each a little shorter. */
export const allRolesPeopleShown = 10;
// Teams refuses messages over about 28 KB, card and text together: long register text is cut.
const descriptionLength = 1000;
const extraFactsShown = 10;
const extraFactLength = 300;

type SystemRolesAnswer = Extract<Answer, { kind: 'systemRoles' }>;

// The roles every system should have are shown even when empty: a missing one is worth seeing.
const alwaysShown: ReadonlySet<RoleId> = new Set(['owner', 'responsible', 'manager']);

export interface SystemAnswerCardOptions {
  /**
   * Whether the asker may start the system's annual follow-up (its answerer per the register, a delegate or an
   * admin): only they see "Starta årlig uppföljning", which would refuse anyone else. Default false.
   */
  followUp?: boolean;
}

/** The system card, with the follow-up button only for someone who may start it. */
export function systemAnswerCardFor(
  answer: SystemRolesAnswer,
  options: SystemAnswerCardOptions = {},
): AdaptiveCard {
  const data = systemAnswerCardData(answer);
  if (!options.followUp) delete data.followUp;
  return systemAnswerCard.expand(data);
}

export function systemAnswerCardData(answer: SystemRolesAnswer): SystemAnswerCardData {
  const { system, lang } = answer;
  const asked = askedRoles(answer);
  const others = allRoles.filter((role) => !asked.includes(role) && isShown(system, role));
  const note =
    [unplacedNote(answer), matchNote(answer)].filter((part) => part !== undefined).join(' ') || undefined;
  const othersShown = asked.length > 0 ? otherPeopleShown : allRolesPeopleShown;
  const data: SystemAnswerCardData = {
    name: escapeMarkdown(system.name),
    asked: asked.map((role) => roleSection(lang, system, role, askedPeopleShown)),
    others: others.map((role) => roleSection(lang, system, role, othersShown)),
    aboutHeading: say(lang, answerTexts.aboutSystem),
    facts: facts(lang, system),
  };
  if (isRetired(system)) data.retired = escapeMarkdown(retiredText(lang, system));
  else {
    data.followUp = {
      title: say(lang, checklistDialogTexts.startAnnualFollowUp),
      verb: checklistStartVerb,
      action: { systemId: system.id, lang },
    };
  }
  // Optional fields are set afterwards rather than spread in: a spread allocates an object per field. The
  // template reads fields by name, so their order in the data does not show in the card.
  if (note) data.note = escapeMarkdown(note);
  if (asked.length > 0 && others.length > 0) data.othersHeading = say(lang, answerTexts.otherRoles);
  const description = system.description.trim();
  if (description !== '') data.description = escapeMarkdown(shortened(description, descriptionLength));
  return data;
}

/** "Systemansvarig för Visma Window: Per Nordin (per.nordin@kommun.se)." for each asked role, or all of them. */
export function systemAnswerText(answer: SystemRolesAnswer): string {
  const { system, lang } = answer;
  const asked = askedRoles(answer);
  const note = matchNote(answer);
  let text: string;
  if (asked.length > 0) {
    text = asked
      .map((role) => {
        const count = holders(system, role).length;
        const heading = say(lang, count > 1 ? roleWords[role].ofSystemMany : roleWords[role].ofSystem, {
          system: system.name,
        });
        return `${heading}: ${whoText(lang, system, role, askedPeopleShown)}.`;
      })
      .join(' ');
  } else {
    const lines = allRoles
      .filter((role) => isShown(system, role))
      .map((role) =>
        say(lang, answerTexts.roleLine, {
          role: roleLabel(lang, role, holders(system, role).length),
          who: whoText(lang, system, role, allRolesPeopleShown),
        }),
      );
    text = say(lang, answerTexts.systemRolesText, { system: system.name, roles: `${lines.join('. ')}.` });
  }
  if (isRetired(system)) text = `${retiredText(lang, system)} ${text}`;
  return [unplacedNote(answer), note, text].filter((part) => part !== undefined).join(' ');
}

function retiredText(lang: Lang, system: SystemRecord): string {
  return say(lang, answerTexts.retired, { system: system.name, status: system.status ?? '' });
}

/** The roles asked, each once; most questions ask one role or none, which needs no copy. */
function askedRoles(answer: SystemRolesAnswer): readonly RoleId[] {
  const { roles } = answer;
  return roles.length < 2 ? roles : [...new Set(roles)];
}

function unplacedNote(answer: SystemRolesAnswer): string | undefined {
  if (!answer.unplaced) return undefined;
  return say(answer.lang, answerTexts.unplacedWords, { words: answer.unplaced, system: answer.system.name });
}

function matchNote(answer: SystemRolesAnswer): string | undefined {
  const { lang, query, system } = answer;
  if (query === '') return undefined;
  if (answer.matchedBy === 'typo') return say(lang, answerTexts.matchedTypo, { query, system: system.name });
  if (answer.matchedBy === 'description')
    return say(lang, answerTexts.matchedDescription, { query, system: system.name });
  if (answer.matchedBy === 'alias')
    return say(lang, answerTexts.matchedAlias, { query, system: system.name });
  return undefined;
}

function holders(system: SystemRecord, role: RoleId): Person[] {
  switch (role) {
    case 'owner':
      return [];
    case 'responsible':
      return system.responsible ? [system.responsible] : [];
    case 'manager':
      return system.managers;
    case 'administrator':
      return system.administrators;
    case 'pilot':
      return system.pilots;
    case 'responsibleChief':
      return system.responsibleChief ? [system.responsibleChief] : [];
  }
}

function isShown(system: SystemRecord, role: RoleId): boolean {
  if (alwaysShown.has(role)) return true;
  return holders(system, role).length > 0;
}

function roleSection(lang: Lang, system: SystemRecord, role: RoleId, limit: number): RoleSectionView {
  if (role === 'owner') {
    const owner = system.owner.trim();
    return owner === ''
      ? { label: roleLabel(lang, role), nobody: say(lang, answerTexts.nobody), people: [] }
      : { label: roleLabel(lang, role), organisation: escapeMarkdown(owner), people: [] };
  }
  const people = holders(system, role);
  if (people.length === 0)
    return { label: roleLabel(lang, role), nobody: say(lang, answerTexts.nobody), people: [] };
  const shown = people.length > limit ? people.slice(0, limit) : people;
  const section: RoleSectionView = {
    label: roleLabel(lang, role, people.length),
    people: shown.map((person) => personView(lang, person)),
  };
  const more = moreText(lang, people.length - shown.length);
  if (more) section.more = more;
  return section;
}

function whoText(lang: Lang, system: SystemRecord, role: RoleId, limit: number): string {
  if (role === 'owner') return system.owner.trim() || say(lang, answerTexts.nobodyText);
  const people = holders(system, role);
  if (people.length === 0) return say(lang, answerTexts.nobodyText);
  return namesText(lang, people.map(personText), limit);
}

function facts(lang: Lang, system: SystemRecord): FactView[] {
  const t = answerTexts;
  const list: FactView[] = [];
  let departmentCount = 0;
  let departments = '';
  for (const department of system.departments) {
    if (department.trim() === '') continue;
    departmentCount++;
    departments = departments === '' ? department : `${departments}, ${department}`;
  }
  addFact(list, say(lang, departmentCount > 1 ? t.factDepartments : t.factDepartment), departments);
  addFact(list, say(lang, t.factUnit), system.unit);
  if (system.aliases && system.aliases.length > 0)
    addFact(list, say(lang, t.factAliases), system.aliases.join(', '));
  if (system.businessCritical !== undefined)
    addFact(list, say(lang, t.factBusinessCritical), say(lang, system.businessCritical ? t.yes : t.no));
  if (system.userCount !== undefined)
    addFact(list, say(lang, t.factUserCount), numberFormats[lang].format(system.userCount));
  if (system.goLiveDate) addFact(list, say(lang, t.factGoLive), system.goLiveDate);
  if (system.informationClass) addFact(list, say(lang, t.factInformationClass), system.informationClass);
  if (system.status) addFact(list, say(lang, t.factStatus), system.status);
  const extraHeaders = Object.keys(system.extra);
  for (let i = 0; i < extraHeaders.length && i < extraFactsShown; i++) {
    const header = extraHeaders[i]!;
    addFact(list, header, shortened(system.extra[header]!, extraFactLength));
  }
  return list;
}

/** A fact with a value; a blank value is left out. */
function addFact(list: FactView[], title: string, value: string): void {
  const trimmed = value.trim();
  if (trimmed !== '') list.push({ title: escapeMarkdown(title), value: escapeMarkdown(trimmed) });
}

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  sv: new Intl.NumberFormat('sv-SE'),
  en: new Intl.NumberFormat('en-GB'),
};
