import type { Person, SystemRecord } from '../../src/domain/register/system';
import { systemIdFor } from '../../src/domain/register/system';

/** A small deterministic generator (mulberry32), so every run of a benchmark measures the same register. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const departments = [
  'Kommunledningsförvaltningen',
  'Socialförvaltningen',
  'Barn- och utbildningsförvaltningen',
  'Samhällsbyggnadsförvaltningen',
  'Kultur- och fritidsförvaltningen',
  'Miljö- och hälsoskyddsförvaltningen',
];
const owners = ['Kommunstyrelsen', 'Socialnämnden', 'Barn- och utbildningsnämnden', 'Byggnadsnämnden'];
const firstNames = ['Anna', 'Erik', 'Åsa', 'Björn', 'Linnéa', 'Jörgen', 'Karin', 'Hassan', 'Maja', 'Örjan'];
const lastNames = [
  'Berg',
  'Lund',
  'Ström',
  'Häggström',
  'Sjögren',
  'Öberg',
  'Ali',
  'Nyström',
  'Ek',
  'Åkesson',
];
const stems = [
  'Agresso',
  'Visma',
  'Procapita',
  'Combine',
  'Treserva',
  'Lifecare',
  'Ciceron',
  'Platina',
  'Tieto',
];
const suffixes = ['Ekonomi', 'Window', 'Personec', 'VoO', 'Skola', 'Arkiv', 'Portal', 'Mobil', '365', 'Plus'];
const descriptionWords = [
  'lön',
  'ekonomi',
  'ärenden',
  'skola',
  'schema',
  'fakturor',
  'bygglov',
  'arkiv',
  'vård',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function person(random: () => number): Person {
  const first = pick(random, firstNames);
  const last = pick(random, lastNames);
  const email = `${first}.${last}${Math.floor(random() * 900) + 100}@exempelkommun.se`
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  return { name: `${first} ${last}`, email };
}

/** `size` plausible systems with unique names: shared prefixes, digits, several managers, å/ä/ö in names. */
export function syntheticRegister(size: number, seed = 42): SystemRecord[] {
  const random = seededRandom(seed);
  const systems: SystemRecord[] = [];
  for (let index = 0; index < size; index++) {
    const name = `${pick(random, stems)} ${pick(random, suffixes)} ${index + 1}`;
    systems.push({
      id: systemIdFor(name),
      name,
      departments: [pick(random, departments)],
      unit: `Enhet ${Math.floor(random() * 40) + 1}`,
      description: `System för ${pick(random, descriptionWords)} och ${pick(random, descriptionWords)}`,
      owner: pick(random, owners),
      responsible: person(random),
      managers: [person(random), person(random)],
      administrators: [person(random)],
      pilots: [],
      userCount: Math.floor(random() * 2000),
      businessCritical: random() < 0.3,
      goLiveDate: `20${String(10 + Math.floor(random() * 15))}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      extra: {},
    });
  }
  return systems;
}

function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function people(list: readonly Person[]): string {
  return list.map((p) => (p.email ? `${p.name} <${p.email}>` : p.name)).join(', ');
}

/** The register as a Swedish Excel CSV export (semicolons, BOM, CRLF), the most common file admins have. */
export function registerCsv(systems: readonly SystemRecord[]): string {
  const header = [
    'Förvaltning',
    'Avdelning',
    'IT-systemets namn',
    'Beskrivning',
    'Systemägare',
    'Systemansvarig',
    'Systemförvaltare',
    'Systemadministratör',
    'Antal användare',
    'Verksamhetskritiskt (Ja/Nej)',
    'Driftsättningsdatum',
  ];
  const lines = systems.map((s) =>
    [
      s.departments.join(', '),
      s.unit,
      s.name,
      s.description,
      s.owner,
      s.responsible ? people([s.responsible]) : '',
      people(s.managers),
      people(s.administrators),
      s.userCount === undefined ? '' : String(s.userCount),
      s.businessCritical ? 'Ja' : 'Nej',
      s.goLiveDate ?? '',
    ]
      .map(csvCell)
      .join(';'),
  );
  return '\uFEFF' + [header.join(';'), ...lines].join('\r\n') + '\r\n';
}
