/**
 * Texts of the answers to "who owns which system": card labels, role names, the plain-text answer that goes
 * with every card (notifications, screen readers, the activity feed) and the help examples. Values from the
 * register come in through {placeholders}; escaping them for a card is the card builder's job.
 */
import type { RoleId, SystemFilter } from '../domain/answers';
import { say, type Lang, type Text } from './index';

interface RoleWords {
  /** Card heading for one person (or the owner organisation). */
  one: Text;
  /** Card heading for several people. */
  many: Text;
  /** Inside a sentence: "Per Nordin är {noun} för 2 system". */
  noun: Text;
  /** Start of the text answer: "Systemansvarig för {system}". */
  ofSystem: Text;
  ofSystemMany: Text;
  /** An example question about this role of a system. */
  question: Text;
}

export const roleWords: Readonly<Record<RoleId, RoleWords>> = {
  owner: {
    one: { sv: 'Systemägare', en: 'System owner' },
    many: { sv: 'Systemägare', en: 'System owners' },
    noun: { sv: 'systemägare', en: 'system owner' },
    ofSystem: { sv: 'Systemägare för {system}', en: 'System owner of {system}' },
    ofSystemMany: { sv: 'Systemägare för {system}', en: 'System owners of {system}' },
    question: { sv: 'Vem äger {system}?', en: 'Who owns {system}?' },
  },
  responsible: {
    one: { sv: 'Systemansvarig', en: 'Responsible for the system' },
    many: { sv: 'Systemansvariga', en: 'Responsible for the system' },
    noun: { sv: 'systemansvarig', en: 'responsible' },
    ofSystem: { sv: 'Systemansvarig för {system}', en: 'Responsible for {system}' },
    ofSystemMany: { sv: 'Systemansvariga för {system}', en: 'Responsible for {system}' },
    question: { sv: 'Vem är systemansvarig för {system}?', en: 'Who is responsible for {system}?' },
  },
  manager: {
    one: { sv: 'Systemförvaltare', en: 'System manager' },
    many: { sv: 'Systemförvaltare', en: 'System managers' },
    noun: { sv: 'systemförvaltare', en: 'system manager' },
    ofSystem: { sv: 'Systemförvaltare för {system}', en: 'System manager of {system}' },
    ofSystemMany: { sv: 'Systemförvaltare för {system}', en: 'System managers of {system}' },
    question: { sv: 'Vem förvaltar {system}?', en: 'Who manages {system}?' },
  },
  administrator: {
    one: { sv: 'Systemadministratör', en: 'System administrator' },
    many: { sv: 'Systemadministratörer', en: 'System administrators' },
    noun: { sv: 'systemadministratör', en: 'system administrator' },
    ofSystem: { sv: 'Systemadministratör för {system}', en: 'System administrator of {system}' },
    ofSystemMany: { sv: 'Systemadministratörer för {system}', en: 'System administrators of {system}' },
    question: { sv: 'Vem administrerar {system}?', en: 'Who administers {system}?' },
  },
  pilot: {
    one: { sv: 'Pilot/ombud', en: 'Pilot (super user)' },
    many: { sv: 'Piloter/ombud', en: 'Pilots (super users)' },
    noun: { sv: 'pilot/ombud', en: 'pilot' },
    ofSystem: { sv: 'Pilot/ombud för {system}', en: 'Pilot of {system}' },
    ofSystemMany: { sv: 'Piloter/ombud för {system}', en: 'Pilots of {system}' },
    question: { sv: 'Vem är pilot för {system}?', en: 'Who is the pilot for {system}?' },
  },
  responsibleChief: {
    one: { sv: 'Ansvarig chef', en: 'Responsible manager' },
    many: { sv: 'Ansvariga chefer', en: 'Responsible managers' },
    noun: { sv: 'ansvarig chef', en: 'responsible manager' },
    ofSystem: { sv: 'Ansvarig chef för {system}', en: 'Responsible manager of {system}' },
    ofSystemMany: { sv: 'Ansvariga chefer för {system}', en: 'Responsible managers of {system}' },
    question: {
      sv: 'Vem är ansvarig chef för {system}?',
      en: 'Who is the responsible manager for {system}?',
    },
  },
};

export function roleLabel(lang: Lang, role: RoleId, count = 1): string {
  return say(lang, count > 1 ? roleWords[role].many : roleWords[role].one);
}

export function roleNoun(lang: Lang, role: RoleId): string {
  return say(lang, roleWords[role].noun);
}

export const answerTexts = {
  // The system card
  otherRoles: { sv: 'Övriga roller', en: 'Other roles' },
  aboutSystem: { sv: 'Om systemet', en: 'About the system' },
  nobody: { sv: 'Ingen angiven i registret', en: 'Not given in the register' },
  nobodyText: { sv: 'ingen angiven i registret', en: 'not given in the register' },
  chatWith: { sv: 'Chatta med {name}', en: 'Chat with {name}' },
  andMore: { sv: 'och {count} till', en: 'and {count} more' },
  matchedTypo: {
    sv: 'Jag tolkade ”{query}” som {system}.',
    en: 'I took “{query}” to mean {system}.',
  },
  matchedAlias: {
    sv: '”{query}” är {system}.',
    en: '“{query}” is {system}.',
  },
  matchedDescription: {
    sv: 'Jag hittade {system} genom beskrivningen av systemet (”{query}”).',
    en: 'I found {system} through the description of the system (“{query}”).',
  },
  unplacedWords: {
    sv: 'Jag förstod inte ”{words}” i frågan, så jag svarar om {system}.',
    en: 'I didn’t understand “{words}” in your question, so I answer about {system}.',
  },
  severalNotUnderstood: {
    sv: 'Jag förstod inte ”{names}” i frågan, så det fick inget svar.',
    en: 'I didn’t understand “{names}” in your question, so it got no answer.',
  },
  severalLeftOut: {
    sv: 'Jag svarar på {count} saker i taget, så ”{names}” fick inget svar här. Fråga efter det för sig.',
    en: 'I answer {count} things at a time, so “{names}” got no answer here. Ask about it on its own.',
  },
  factDepartment: { sv: 'Förvaltning', en: 'Department' },
  factDepartments: { sv: 'Förvaltningar', en: 'Departments' },
  factUnit: { sv: 'Avdelning', en: 'Unit' },
  factAliases: { sv: 'Även kallat', en: 'Also known as' },
  factBusinessCritical: { sv: 'Verksamhetskritiskt', en: 'Business critical' },
  factUserCount: { sv: 'Antal användare', en: 'Number of users' },
  factGoLive: { sv: 'Driftsatt', en: 'Go-live date' },
  factInformationClass: { sv: 'Informationsklass', en: 'Information class' },
  factStatus: { sv: 'Status', en: 'Status' },
  retired: {
    sv: '{system} är avvecklat enligt registret (status: {status}). Det följs inte upp och ingen påminns om det.',
    en: '{system} is retired according to the register (status: {status}). It is not followed up and nobody is reminded of it.',
  },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  roleLine: { sv: '{role}: {who}', en: '{role}: {who}' },
  systemRolesText: { sv: '{system} – {roles}', en: '{system} – {roles}' },

  // Choosing
  chooseSystemTitle: {
    sv: 'Flera system passar ”{query}”. Vilket menar du?',
    en: 'Several systems fit “{query}”. Which one do you mean?',
  },
  chooseSystemTitleNoQuery: {
    sv: 'Flera system passar. Vilket menar du?',
    en: 'Several systems fit. Which one do you mean?',
  },
  chooseSystemText: {
    sv: 'Flera system passar ”{query}”: {systems}. Vilket menar du?',
    en: 'Several systems fit “{query}”: {systems}. Which one do you mean?',
  },
  choosePersonTitle: {
    sv: 'Flera personer passar ”{query}”. Vem menar du?',
    en: 'Several people fit “{query}”. Who do you mean?',
  },
  choosePersonText: {
    sv: 'Flera personer passar ”{query}”: {people}. Vem menar du?',
    en: 'Several people fit “{query}”: {people}. Who do you mean?',
  },

  // Not found
  systemNotFound: {
    sv: 'Det finns inget system som heter ”{query}” i registret.',
    en: 'There is no system called “{query}” in the register.',
  },
  systemNotFoundNoQuery: {
    sv: 'Det systemet finns inte i registret.',
    en: 'That system is not in the register.',
  },
  suggestionsHeading: {
    sv: 'Förslag på liknande namn (inget av dem är svaret på frågan):',
    en: 'Suggestions of similar names (none of them is the answer to your question):',
  },
  suggestionsText: {
    sv: 'Förslag på liknande namn: {names}.',
    en: 'Suggestions of similar names: {names}.',
  },
  systemNotFoundHint: {
    sv: 'Kontrollera stavningen, eller fråga efter en förvaltning, en avdelning eller en person i stället.',
    en: 'Check the spelling, or ask about a department, a unit or a person instead.',
  },
  personNotFound: {
    sv: 'Jag hittar ingen som heter ”{query}” i registret.',
    en: 'I can’t find anyone called “{query}” in the register.',
  },
  personNotFoundNoQuery: {
    sv: 'Den personen finns inte i registret.',
    en: 'That person is not in the register.',
  },
  personNotFoundHint: {
    sv: 'Skriv för- och efternamn eller e-postadress, eller fråga efter ett system.',
    en: 'Write the first and last name or the e-mail address, or ask about a system.',
  },

  askerNotInRegister: {
    sv: 'Du finns inte med i systemregistret under {address}, så jag vet inte vilka system du har. Fråga gärna efter ett system eller en person i stället.',
    en: "You are not in the system register as {address}, so I don't know which systems are yours. Ask about a system or a person instead.",
  },
  askerUnknown: {
    sv: 'Jag vet inte vem du är i registret just nu, så jag kan inte visa dina system. Fråga efter dig själv med namn eller e-postadress i stället.',
    en: "I can't tell who you are in the register right now, so I can't show your systems. Ask with your name or e-mail address instead.",
  },
  youAreWelcome: {
    sv: 'Varsågod! Fråga gärna igen när du undrar vem som ansvarar för ett system.',
    en: "You're welcome! Ask again whenever you wonder who is responsible for a system.",
  },

  // A person's systems
  personSystemsWithRole: {
    sv: '{name} är {role} för {count} system',
    en: '{name} is {role} for {count} systems',
  },
  personSystemsWithRoleOne: {
    sv: '{name} är {role} för 1 system',
    en: '{name} is {role} for 1 system',
  },
  personSystemsAnyRole: {
    sv: '{name} har roller i {count} system',
    en: '{name} has roles in {count} systems',
  },
  personSystemsAnyRoleOne: {
    sv: '{name} har en roll i 1 system',
    en: '{name} has a role in 1 system',
  },
  personSystemsNoneWithRole: {
    sv: '{name} är inte {role} för något system i registret.',
    en: '{name} is not {role} for any system in the register.',
  },
  personSystemsOtherRoles: {
    sv: '{name} är inte {role} för något system i registret, men har andra roller i {count} system',
    en: '{name} is not {role} for any system in the register, but has other roles in {count} systems',
  },
  personSystemsOtherRolesOne: {
    sv: '{name} är inte {role} för något system i registret, men har en annan roll i 1 system',
    en: '{name} is not {role} for any system in the register, but has another role in 1 system',
  },
  personSystemsNone: {
    sv: '{name} har ingen roll i något system i registret.',
    en: '{name} has no role in any system in the register.',
  },
  listText: { sv: '{heading}: {items}.', en: '{heading}: {items}.' },
  withRoles: { sv: '{system} ({roles})', en: '{system} ({roles})' },

  // Lists
  listAll: { sv: 'Alla system i registret', en: 'All systems in the register' },
  listSystems: { sv: 'System', en: 'Systems' },
  listCritical: { sv: 'Verksamhetskritiska system', en: 'Business-critical systems' },
  listSystemsLower: { sv: 'system', en: 'systems' },
  listCriticalLower: { sv: 'verksamhetskritiska system', en: 'business-critical systems' },
  listNotCritical: {
    sv: 'System som inte är verksamhetskritiska',
    en: 'Systems that are not business critical',
  },
  listNotCriticalLower: {
    sv: 'system som inte är verksamhetskritiska',
    en: 'systems that are not business critical',
  },
  listInDepartment: { sv: 'på {department}', en: 'in {department}' },
  listInUnit: { sv: 'på {unit}', en: 'in {unit}' },
  listOwnedBy: { sv: 'som {owner} äger', en: 'owned by {owner}' },
  listSuppliedBy: { sv: 'som {supplier} levererar', en: 'supplied by {supplier}' },
  listPersonRole: { sv: 'där {name} är {role}', en: 'where {name} is {role}' },
  listPersonAny: { sv: 'där {name} har en roll', en: 'where {name} has a role' },
  listWords: { sv: 'som matchar ”{words}”', en: 'matching “{words}”' },
  listHeading: { sv: '{heading} ({count})', en: '{heading} ({count})' },
  listEmpty: {
    sv: 'Jag hittar inga {what} i registret.',
    en: 'I find no {what} in the register.',
  },
  criticalMark: { sv: 'verksamhetskritiskt', en: 'business critical' },

  // Role definitions
  roleDefinitionSource: { sv: 'Källa: {source}', en: 'Source: {source}' },
  roleDefinitionHint: {
    sv: 'Fråga till exempel: ”{question}”',
    en: 'Ask for example: “{question}”',
  },

  // Help and welcome
  welcomeTitle: { sv: 'Hej! Jag är Systemkollen', en: "Hi! I'm Systemkollen" },
  helpTitle: { sv: 'Det här kan du fråga mig', en: 'What you can ask me' },
  helpIntro: {
    sv: 'Jag vet vem som äger, ansvarar för, förvaltar och administrerar kommunens IT-system. Skriv din fråga som du skulle fråga en kollega.',
    en: "I know who owns, is responsible for, manages and administers the municipality's IT systems. Write your question as you would ask a colleague.",
  },
  helpLanguages: {
    sv: 'Skriv på svenska eller engelska. (You can write to me in English too.)',
    en: 'Write in English or Swedish. (Du kan också skriva på svenska.)',
  },
  helpSystemsHeading: { sv: 'Om ett system', en: 'About a system' },
  helpPeopleHeading: { sv: 'Om en person', en: 'About a person' },
  helpListsHeading: { sv: 'Listor', en: 'Lists' },
  helpRolesHeading: { sv: 'Om rollerna', en: 'About the roles' },
  exampleResponsible: { sv: 'Vem är systemansvarig för {system}?', en: 'Who is responsible for {system}?' },
  exampleManager: { sv: 'Vem förvaltar {system}?', en: 'Who manages {system}?' },
  exampleAnyone: { sv: 'Vem kan jag fråga om {system}?', en: 'Who can I ask about {system}?' },
  examplePerson: {
    sv: 'Vilka system är {name} systemförvaltare för?',
    en: 'Which systems does {name} manage?',
  },
  exampleMine: { sv: 'Vilka är mina system?', en: 'Which systems are mine?' },
  exampleDepartment: {
    sv: 'Vilka system finns på {department}?',
    en: 'Which systems are there in {department}?',
  },
  exampleCritical: {
    sv: 'Vilka av dem är verksamhetskritiska?',
    en: 'Which of them are business critical?',
  },
  exampleRole: { sv: 'Vad gör en systemförvaltare?', en: 'What does a system manager do?' },
  helpText: {
    sv: 'Fråga mig vem som äger, ansvarar för, förvaltar eller administrerar ett system, till exempel: ”{example}”',
    en: 'Ask me who owns, is responsible for, manages or administers a system, for example: “{example}”',
  },
  welcomeText: {
    sv: 'Hej! Jag är Systemkollen. Fråga mig vem som äger, ansvarar för, förvaltar eller administrerar kommunens IT-system, till exempel: ”{example}”',
    en: "Hi! I'm Systemkollen. Ask me who owns, is responsible for, manages or administers the municipality's IT systems, for example: “{example}”",
  },
  emptyRegister: {
    sv: 'Registret är tomt just nu. En administratör behöver importera kommunens systemregister innan jag kan svara på frågor om systemen.',
    en: "The register is empty right now. An administrator needs to import the municipality's system register before I can answer questions about the systems.",
  },
  notUnderstood: {
    sv: 'Jag förstod inte riktigt frågan. Skriv till exempel: ”{example}”',
    en: "I didn't quite understand the question. Write for example: “{example}”",
  },
  notUnderstoodRole: {
    sv: 'Vilket system menar du? Skriv till exempel: ”{question}”',
    en: 'Which system do you mean? Write for example: “{question}”',
  },

  // Buttons whose data cannot be used
  actionRefused: {
    sv: 'Den knappen kunde jag inte använda. Ställ gärna frågan igen i chatten.',
    en: "I couldn't use that button. Please ask the question again in the chat.",
  },
  actionSystemGone: {
    sv: 'Det systemet finns inte längre i registret. Ställ gärna frågan igen i chatten.',
    en: 'That system is no longer in the register. Please ask the question again in the chat.',
  },
  actionPersonGone: {
    sv: 'Den personen finns inte längre i registret. Ställ gärna frågan igen i chatten.',
    en: 'That person is no longer in the register. Please ask the question again in the chat.',
  },
} as const satisfies Record<string, Text>;

/** A list's heading from its filter: "Verksamhetskritiska system på Socialförvaltningen". */
export function describeList(lang: Lang, filter: SystemFilter, { lower = false } = {}): string {
  const t = answerTexts;
  const qualifiers: string[] = [];
  if (filter.department !== undefined)
    qualifiers.push(say(lang, t.listInDepartment, { department: filter.department }));
  if (filter.unit !== undefined) qualifiers.push(say(lang, t.listInUnit, { unit: filter.unit }));
  if (filter.owner !== undefined) qualifiers.push(say(lang, t.listOwnedBy, { owner: filter.owner }));
  if (filter.supplier !== undefined)
    qualifiers.push(say(lang, t.listSuppliedBy, { supplier: filter.supplier }));
  if (filter.person) {
    qualifiers.push(
      filter.role
        ? say(lang, t.listPersonRole, { name: filter.person.name, role: roleNoun(lang, filter.role) })
        : say(lang, t.listPersonAny, { name: filter.person.name }),
    );
  }
  if (filter.words !== undefined) qualifiers.push(say(lang, t.listWords, { words: filter.words }));
  if (qualifiers.length === 0 && filter.businessCritical === undefined && !lower) return say(lang, t.listAll);
  const base =
    filter.businessCritical === true
      ? say(lang, lower ? t.listCriticalLower : t.listCritical)
      : filter.businessCritical === false
        ? say(lang, lower ? t.listNotCriticalLower : t.listNotCritical)
        : say(lang, lower ? t.listSystemsLower : t.listSystems);
  return [base, ...qualifiers].join(' ');
}

/** "A, B och C" / "A, B and C". */
export function joinNames(lang: Lang, names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  const and = lang === 'sv' ? ' och ' : ' and ';
  return `${names.slice(0, -1).join(', ')}${and}${names[names.length - 1]}`;
}
