import type { ImportRecord } from '../../../src/domain/register/importRecord';
import { systemIdFor, type SystemRecord } from '../../../src/domain/register/system';

/** A complete, valid system; tests override only what they are about. */
export function aSystem(overrides: Partial<SystemRecord> & { name?: string } = {}): SystemRecord {
  const name = overrides.name ?? 'Procapita';
  return {
    id: systemIdFor(name),
    name,
    departments: ['Socialförvaltningen'],
    unit: 'Individ- och familjeomsorg',
    description: 'Verksamhetssystem för socialtjänsten',
    owner: 'Socialnämnden',
    responsible: { name: 'Anna Berg', email: 'anna.berg@kommun.se' },
    managers: [{ name: 'Erik Lund', email: 'erik.lund@kommun.se' }],
    administrators: [],
    pilots: [],
    businessCritical: true,
    extra: {},
    ...overrides,
  };
}

/** `count` distinct systems named "System 0001", "System 0002", ... */
export function manySystems(count: number): SystemRecord[] {
  return Array.from({ length: count }, (_, index) =>
    aSystem({ name: `System ${String(index + 1).padStart(4, '0')}`, userCount: index }),
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
