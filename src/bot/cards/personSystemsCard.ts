import type { Answer } from '../../domain/answers';
import { say } from '../../texts';
import { answerTexts, roleNoun } from '../../texts/answers';
import { escapeMarkdown } from './markdown';
import { cut, moreText, namesText, personView, type PersonView } from './people';
import { cardTemplate } from './templates';
import { systemRow, systemsShown, type SystemRowView } from './systemListCard';

/** Data of adaptiveCards/personSystems.json. */
export interface PersonSystemsCardData {
  person: PersonView;
  /** "Per Nordin är systemansvarig för 2 system" (or that they are not, when the list is empty). */
  heading: string;
  systems: SystemRowView[];
  more?: string;
}

export const personSystemsCard = cardTemplate<PersonSystemsCardData>('personSystems.json');

type PersonSystemsAnswer = Extract<Answer, { kind: 'personSystems' }>;

export function personSystemsCardData(answer: PersonSystemsAnswer): PersonSystemsCardData {
  const { lang } = answer;
  const { listed, withRoles } = listedSystems(answer);
  const { shown, hidden } = cut(listed, systemsShown(listed.length));
  const data: PersonSystemsCardData = {
    person: personView(lang, answer.person),
    heading: escapeMarkdown(heading(answer)),
    systems: shown.map(({ system, roles }) =>
      systemRow(lang, system, withRoles ? roles.map((held) => roleNoun(lang, held)).join(', ') : undefined),
    ),
  };
  // Set afterwards rather than spread in (an object less); the template reads it by name.
  const more = moreText(lang, hidden);
  if (more) data.more = more;
  return data;
}

/** "Per Nordin är systemansvarig för 2 system: Visma Personec, Visma Window." */
export function personSystemsText(answer: PersonSystemsAnswer): string {
  const { lang } = answer;
  const { listed, withRoles } = listedSystems(answer);
  if (listed.length === 0) return heading(answer);
  const names = listed.map(({ system, roles }) =>
    withRoles
      ? say(lang, answerTexts.withRoles, {
          system: system.name,
          roles: roles.map((held) => roleNoun(lang, held)).join(', '),
        })
      : system.name,
  );
  return say(lang, answerTexts.listText, {
    heading: heading(answer),
    items: namesText(lang, names, systemsShown(names.length)),
  });
}

/** The systems listed: those of the asked role, or when there are none, those of the person's other roles. */
function listedSystems(answer: PersonSystemsAnswer) {
  if (answer.otherRoles && answer.systems.length === 0) return { listed: answer.otherRoles, withRoles: true };
  return { listed: answer.systems, withRoles: answer.role === undefined };
}

function heading(answer: PersonSystemsAnswer): string {
  const { lang, role, person } = answer;
  const count = answer.systems.length;
  const t = answerTexts;
  if (role) {
    const params = { name: person.name, role: roleNoun(lang, role), count };
    const others = answer.otherRoles?.length ?? 0;
    if (count === 0 && others > 0) {
      const text = others === 1 ? t.personSystemsOtherRolesOne : t.personSystemsOtherRoles;
      return say(lang, text, { ...params, count: others });
    }
    if (count === 0) return say(lang, t.personSystemsNoneWithRole, params);
    return say(lang, count === 1 ? t.personSystemsWithRoleOne : t.personSystemsWithRole, params);
  }
  if (count === 0) return say(lang, t.personSystemsNone, { name: person.name });
  return say(lang, count === 1 ? t.personSystemsAnyRoleOne : t.personSystemsAnyRole, {
    name: person.name,
    count,
  });
}
