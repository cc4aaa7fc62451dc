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
  const { lang, role } = answer;
  const { shown, hidden } = cut(answer.systems, systemsShown(answer.systems.length));
  const data: PersonSystemsCardData = {
    person: personView(lang, answer.person),
    heading: escapeMarkdown(heading(answer)),
    systems: shown.map(({ system, roles }) =>
      systemRow(lang, system, role ? undefined : roles.map((held) => roleNoun(lang, held)).join(', ')),
    ),
  };
  // Set afterwards rather than spread in (an object less); the template reads it by name.
  const more = moreText(lang, hidden);
  if (more) data.more = more;
  return data;
}

/** "Per Nordin är systemansvarig för 2 system: Visma Personec, Visma Window." */
export function personSystemsText(answer: PersonSystemsAnswer): string {
  const { lang, role } = answer;
  if (answer.systems.length === 0) return heading(answer);
  const names = answer.systems.map(({ system, roles }) =>
    role
      ? system.name
      : say(lang, answerTexts.withRoles, {
          system: system.name,
          roles: roles.map((held) => roleNoun(lang, held)).join(', '),
        }),
  );
  return say(lang, answerTexts.listText, {
    heading: heading(answer),
    items: namesText(lang, names, systemsShown(names.length)),
  });
}

function heading(answer: PersonSystemsAnswer): string {
  const { lang, role, person } = answer;
  const count = answer.systems.length;
  const t = answerTexts;
  if (role) {
    const params = { name: person.name, role: roleNoun(lang, role), count };
    if (count === 0) return say(lang, t.personSystemsNoneWithRole, params);
    return say(lang, count === 1 ? t.personSystemsWithRoleOne : t.personSystemsWithRole, params);
  }
  if (count === 0) return say(lang, t.personSystemsNone, { name: person.name });
  return say(lang, count === 1 ? t.personSystemsAnyRoleOne : t.personSystemsAnyRole, {
    name: person.name,
    count,
  });
}
