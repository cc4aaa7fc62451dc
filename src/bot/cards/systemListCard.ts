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
  const more = moreText(lang, total - shown.length);
  return {
    heading: escapeMarkdown(
      say(lang, answerTexts.listHeading, { heading: describeList(lang, answer.filter), count: total }),
    ),
    ...(total === 0 ? { empty: escapeMarkdown(emptyText(answer)) } : {}),
    systems: shown.map((system) => systemRow(lang, system)),
    ...(more ? { more } : {}),
  };
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

export function systemRow(lang: Lang, system: SystemRecord, roles?: string): SystemRowView {
  const parts = [
    ...(roles ? [roles] : []),
    system.departments.filter((department) => department.trim() !== '').join(', '),
    ...(system.businessCritical ? [say(lang, answerTexts.criticalMark)] : []),
  ].filter((part) => part !== '');
  return {
    name: escapeMarkdown(system.name),
    ...(parts.length > 0 ? { detail: escapeMarkdown(parts.join(' · ')) } : {}),
  };
}
