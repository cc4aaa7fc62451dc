import type { ImportRecord } from '../../src/domain/register/importRecord';
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

/**
 * A system with every common field filled in (Procapita, two people, business-critical), for tests that store
 * systems or plan reminders for them; they override only what they are about.
 */
export function aCompleteSystem(overrides: Partial<SystemRecord> & { name?: string } = {}): SystemRecord {
  return aSystem({
    name: 'Procapita',
    departments: ['Socialförvaltningen'],
    unit: 'Individ- och familjeomsorg',
    description: 'Verksamhetssystem för socialtjänsten',
    owner: 'Socialnämnden',
    responsible: aPerson('Anna Berg'),
    managers: [aPerson('Erik Lund')],
    businessCritical: true,
    ...overrides,
  });
}

/** `count` distinct complete systems named "System 0001", "System 0002", ... */
export function manySystems(count: number): SystemRecord[] {
  return Array.from({ length: count }, (_, index) =>
    aCompleteSystem({ name: `System ${String(index + 1).padStart(4, '0')}`, userCount: index }),
  );
}

export function anImportRecord(overrides: Partial<ImportRecord> = {}): ImportRecord {
  return {
    id: 'import-1',
    at: '2025-03-01T08:00:00.000Z',
    actor: 'cli:admin',
    fileName: 'register.xlsx',
    skipInvalid: false,
    outcome: 'applied',
    counts: { rows: 10, added: 10, changed: 0, removed: 0, unchanged: 0, rejected: 0 },
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
