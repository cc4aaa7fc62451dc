import type { Answer, Lang } from '../../domain/answers';
import type { SystemRecord } from '../../domain/register/system';
import { say } from '../../texts';
import { answerTexts, describeList } from '../../texts/answers';
import { escapeMarkdown } from './markdown';
import { cut, moreText } from './people';
import { cardTemplate } from './templates';

/** A system in a list. Escaped for markdown. */
export interface SystemRowView {
  name: string;
  /** Departments, and whether it is business critical (or a person's roles in it). */
  detail?: string;
}

/** Data of adaptiveCards/systemList.json. */
export interface SystemListCardData {
  /** "Verksamhetskritiska system på Socialförvaltningen (8)". */
  heading: string;
  /** Said instead of rows when the filter matches nothing. */
  empty?: string;
  systems: SystemRowView[];
  more?: string;
}

export const systemListCard = cardTemplate<SystemListCardData>('systemList.json');

/** Systems shown of a long list; the rest are counted. */
export const listedSystemsShown = 15;
/** A list this short is shown whole: "och 2 till" would hide names to save almost nothing. */
export const systemsShownWhole = 20;

/** How many of a list of `total` systems to show. */
export function systemsShown(total: number): number {
  return total <= systemsShownWhole ? total : listedSystemsShown;
}

type SystemListAnswer = Extract<Answer, { kind: 'systemList' }>;

export function systemListCardData(answer: SystemListAnswer): SystemListCardData {
  const { lang, total } = answer;
  const { shown } = cut(answer.systems, systemsShown(total));
  const data: SystemListCardData = {
    heading: escapeMarkdown(
      say(lang, answerTexts.listHeading, { heading: describeList(lang, answer.filter), count: total }),
    ),
    systems: shown.map((system) => systemRow(lang, system)),
  };
  // Optional fields are set afterwards rather than spread in (an object less each); the template reads them by
  // name, so their order in the data does not show in the card.
  if (total === 0) data.empty = escapeMarkdown(emptyText(answer));
  const more = moreText(lang, total - shown.length);
  if (more) data.more = more;
  return data;
}

/** "Verksamhetskritiska system på Socialförvaltningen (8): A, B, C och 5 till." */
export function systemListText(answer: SystemListAnswer): string {
  const { lang, total } = answer;
  if (total === 0) return emptyText(answer);
  const { shown } = cut(answer.systems, systemsShown(total));
  const names = shown.map((system) => system.name).join(', ');
  const more = moreText(lang, total - shown.length);
  return say(lang, answerTexts.listText, {
    heading: say(lang, answerTexts.listHeading, { heading: describeList(lang, answer.filter), count: total }),
    items: more ? `${names} ${more}` : names,
  });
}

function emptyText(answer: SystemListAnswer): string {
  return say(answer.lang, answerTexts.listEmpty, {
    what: describeList(answer.lang, answer.filter, { lower: true }),
  });
}

/** "Socialförvaltningen · Verksamhetskritiskt", after the person's roles when given; blank parts left out. */
export function systemRow(lang: Lang, system: SystemRecord, roles?: string): SystemRowView {
  let detail = roles ?? '';
  detail = withPart(detail, ' · ', nonBlankDepartments(system.departments));
  if (system.businessCritical) detail = withPart(detail, ' · ', say(lang, answerTexts.criticalMark));
  const row: SystemRowView = { name: escapeMarkdown(system.name) };
  if (detail !== '') row.detail = escapeMarkdown(detail);
  return row;
}

/** The departments that are not blank, joined with commas; as a string at once, without arrays in between. */
function nonBlankDepartments(departments: readonly string[]): string {
  let text = '';
  for (const department of departments) {
    if (department.trim() !== '') text = withPart(text, ', ', department);
  }
  return text;
}

/** `text` and `part` joined by `separator`, or either alone when the other is empty. */
function withPart(text: string, separator: string, part: string): string {
  if (part === '') return text;
  return text === '' ? part : `${text}${separator}${part}`;
}
