import { RegisterIndex, type Answer, type PersonRef, type RoleId } from '../../../src/domain/answers';
import type { RoleGuideline } from '../../../src/domain/answers/roleGuideline';
import type { Person, SystemRecord } from '../../../src/domain/register/system';
import { aPerson, aSystem } from '../../support/systemMother';

/**
 * Answers to fill the card templates with: plausible ones, and hostile ones whose register text tries markdown,
 * links, HTML and template expressions, with lists long enough to be cut.
 */
export const hostile = '*bold* [link](http://x) ${oops} <b>html</b> _under_ `code` \\ !';
export const hostileEscaped =
  '\\*bold\\* \\[link\\](http://x) $\\{oops} \\<b\\>html\\</b\\> \\_under\\_ \\`code\\` \\\\ !';

export const longName = 'Ett mycket långt systemnamn för verksamhetens ärendehantering '.repeat(4).trim();

export function people(count: number, prefix = 'Person'): Person[] {
  return Array.from({ length: count }, (_, i) => aPerson(`${prefix} Nummer${i + 1}`));
}

export const vismaWindow = aSystem({
  name: 'Visma Window',
  departments: ['Kommunledningsförvaltningen'],
  unit: 'HR-avdelningen',
  description: 'Äldre lönesystem; används för historiska lönespecifikationer och arkivsökning',
  owner: 'Kommunstyrelsen',
  responsible: aPerson('Per Nordin', 'per.nordin@exempelkommun.se'),
  managers: [aPerson('Åsa Öberg', 'asa.oberg@exempelkommun.se')],
  administrators: [
    aPerson('Mikael Strand', 'mikael.strand@exempelkommun.se'),
    aPerson('Oliver Nilsson', null),
  ],
  userCount: 15,
  businessCritical: false,
  goLiveDate: '2004-03-15',
  informationClass: 'K3 R3 T1',
  extra: { Leverantör: 'Visma' },
});

export const hostileSystem = aSystem({
  name: `${hostile} ${longName}`,
  departments: [hostile, 'Barn- och utbildningsförvaltningen'],
  unit: hostile,
  description: `# Rubrik\n- punkt\n+ plus\n1. ett\n> citat\n${hostile}\n${'Lång beskrivning. '.repeat(60)}`,
  owner: `Nämnden ${hostile}`,
  responsible: aPerson(`Anna ${hostile}`, 'anna_b@kommun.se'),
  managers: people(30, `Förvaltare ${hostile}`),
  administrators: people(12, 'Admin'),
  pilots: [aPerson('Pilot Utan Epost', null)],
  responsibleChief: aPerson('- Chef Med Streck', 'chef@kommun.se'),
  userCount: 1234567,
  businessCritical: true,
  goLiveDate: '2020-01-01',
  informationClass: hostile,
  extra: { [hostile]: hostile, Anteckning: 'x'.repeat(800) },
});

export const noRolesSystem = aSystem({ name: 'Tomma rollers system', owner: '', responsible: undefined });

export const manySystems: SystemRecord[] = Array.from({ length: 40 }, (_, i) =>
  aSystem({
    name: `${i % 2 === 0 ? hostile : 'System'} ${String(i + 1).padStart(2, '0')}`,
    departments: [i % 3 === 0 ? hostile : 'Socialförvaltningen'],
    businessCritical: i % 2 === 0,
  }),
);

export const personRef = (person: Person): PersonRef =>
  person.email
    ? { key: person.email, name: person.name, email: person.email }
    : { key: `name:${person.name}`, name: person.name };

export const hostileGuideline: RoleGuideline = {
  source: { sv: hostile, en: hostile },
  roles: Object.fromEntries(
    (['owner', 'responsible', 'manager', 'administrator', 'pilot', 'responsibleChief'] as RoleId[]).map(
      (role) => [
        role,
        {
          sv: `${hostile}\n\n# Andra stycket ${'ord '.repeat(200)}`,
          en: `${hostile}\n\nSecond ${'word '.repeat(200)}`,
        },
      ],
    ),
  ) as RoleGuideline['roles'],
};

export const sampleIndex = RegisterIndex.build([vismaWindow, hostileSystem, noRolesSystem, ...manySystems]);
export const hostileIndex = RegisterIndex.build([hostileSystem]);
export const emptyIndex = RegisterIndex.build([]);

/** For every answer kind: a plausible answer and hostile, long ones, in both languages. */
export function sampleAnswers(): Answer[] {
  const answers: Answer[] = [];
  for (const lang of ['sv', 'en'] as const) {
    answers.push(
      {
        kind: 'systemRoles',
        lang,
        system: vismaWindow,
        roles: ['responsible'],
        matchedBy: 'name',
        query: 'Visma Window',
      },
      {
        kind: 'systemRoles',
        lang,
        system: vismaWindow,
        roles: [],
        matchedBy: 'partialName',
        query: 'visma w',
      },
      {
        kind: 'systemRoles',
        lang,
        system: hostileSystem,
        roles: ['manager', 'owner'],
        matchedBy: 'typo',
        query: hostile,
      },
      {
        kind: 'systemRoles',
        lang,
        system: hostileSystem,
        roles: [],
        matchedBy: 'description',
        query: hostile,
      },
      { kind: 'systemRoles', lang, system: noRolesSystem, roles: ['pilot'], matchedBy: 'chosen', query: '' },
      { kind: 'chooseSystem', lang, query: hostile, candidates: manySystems.slice(0, 8), roles: ['manager'] },
      { kind: 'chooseSystem', lang, query: '', candidates: [vismaWindow, hostileSystem], roles: [] },
      {
        kind: 'systemNotFound',
        lang,
        query: hostile,
        suggestions: [vismaWindow, hostileSystem, noRolesSystem].map(({ id, name }) => ({ id, name })),
        roles: ['owner'],
      },
      { kind: 'systemNotFound', lang, query: 'Fnordsystem', suggestions: [], roles: [] },
      {
        kind: 'personSystems',
        lang,
        person: personRef(hostileSystem.responsible!),
        systems: manySystems.map((system) => ({ system, roles: ['manager', 'administrator'] as RoleId[] })),
      },
      {
        kind: 'personSystems',
        lang,
        person: personRef(vismaWindow.responsible!),
        role: 'responsible',
        systems: [{ system: vismaWindow, roles: ['responsible'] }],
      },
      {
        kind: 'personSystems',
        lang,
        person: { key: 'name:oliver nilsson', name: 'Oliver Nilsson' },
        role: 'manager',
        systems: [],
      },
      {
        kind: 'personSystems',
        lang,
        person: personRef(hostileSystem.responsible!),
        role: 'owner',
        systems: [],
        otherRoles: manySystems.map((system) => ({
          system,
          roles: ['manager', 'administrator'] as RoleId[],
        })),
      },
      {
        kind: 'choosePerson',
        lang,
        query: hostile,
        people: people(8, hostile).map(personRef),
        role: 'manager',
      },
      { kind: 'personNotFound', lang, query: hostile, suggestions: people(3, hostile).map(personRef) },
      { kind: 'personNotFound', lang, query: 'Ingen Alls', suggestions: [], role: 'owner' },
      {
        kind: 'systemList',
        lang,
        filter: { department: hostile, businessCritical: true, words: hostile },
        systems: manySystems.slice(0, 25),
        total: 200,
      },
      { kind: 'systemList', lang, filter: {}, systems: [vismaWindow], total: 1 },
      {
        kind: 'systemList',
        lang,
        filter: { owner: hostile, person: personRef(vismaWindow.responsible!), role: 'manager' },
        systems: [],
        total: 0,
      },
      { kind: 'roleDefinition', lang, role: 'manager' },
      { kind: 'roleDefinition', lang, role: 'owner' },
      { kind: 'help', lang },
      { kind: 'thanks', lang },
      { kind: 'askerNotInRegister', lang, address: 'okand@kommun.se', role: 'manager' },
      { kind: 'askerNotInRegister', lang },
      { kind: 'notUnderstood', lang, roles: [] },
      { kind: 'notUnderstood', lang, roles: ['administrator'] },
    );
  }
  return answers;
}
