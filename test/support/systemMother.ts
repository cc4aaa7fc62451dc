import { systemIdFor, type Person, type SystemRecord } from '../../src/domain/register/system';

/** Object Mother for register systems: a plausible system, with only what a test cares about overridden. */
export function aSystem(overrides: Partial<SystemRecord> & { name?: string } = {}): SystemRecord {
  const name = overrides.name ?? 'Exempelsystemet';
  return {
    id: systemIdFor(name),
    name,
    departments: ['Kommunledningsförvaltningen'],
    unit: '',
    description: '',
    owner: 'Kommunstyrelsen',
    responsible: aPerson('Exempel Ansvarig'),
    managers: [],
    administrators: [],
    pilots: [],
    extra: {},
    ...overrides,
  };
}

/** "Anna Berg" -> Anna Berg <anna.berg@kommun.se>; pass `email: null` for a person named without address. */
export function aPerson(name: string, email?: string | null): Person {
  if (email === null) return { name };
  const address =
    email ??
    `${name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')}@kommun.se`;
  return { name, email: address };
}
