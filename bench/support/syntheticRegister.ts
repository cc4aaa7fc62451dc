/**
 * The one register generator of the benchmarks: plausible municipal systems (vendor and product names, made-up
 * names, digits, å/ä/ö, shared words), a pool of people who each hold roles in several systems, and the
 * register as the CSV file admins export from Excel. Deterministic: the same size and seed give the same
 * register, so every run measures the same thing.
 */
import type { Person, SystemRecord } from '../../src/domain/register/system';
import { systemIdFor } from '../../src/domain/register/system';

/** mulberry32: a small seeded generator, so every run of a benchmark measures the same register. */
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

export const pick = <T>(random: () => number, list: readonly T[]): T =>
  list[Math.floor(random() * list.length)]!;

const vendors = [
  'Visma',
  'Agresso',
  'Procapita',
  'Lifecare',
  'Treserva',
  'Combine',
  'Office',
  'Tieto',
  'Evry',
  'Sokigo',
  'Ciceron',
  'Platina',
  'Raindance',
  'Hypergene',
  'Stratsys',
  'Medvind',
  'Personec',
  'Heroma',
  'Unit4',
  'Public',
  'Edlevo',
  'Infomentor',
  'Ecos',
  'Pulsen',
  'Nova',
  'Vitec',
  'Artvise',
  'Formpipe',
  'Castor',
  'Tempus',
  'Dexter',
  'Mikromarc',
  'Sitevision',
  'Winlas',
  'Barium',
  'Canea',
  'Insika',
  'Qlik',
  'Abou',
  'Norrsken',
];

/** Product words: the second word of many names, and the words descriptions are made of. */
export const products = [
  'Ekonomi',
  'Lön',
  'Personal',
  'Window',
  'Skola',
  'Vård',
  'Omsorg',
  'Bygglov',
  'Arkiv',
  'Diarium',
  'Portal',
  'Schema',
  'Tid',
  'Faktura',
  'Budget',
  'Ärende',
  'Elevregister',
  'Bibliotek',
  'Fastighet',
  'Karta',
  'GIS',
  'Miljö',
  'Hälsa',
  'Inköp',
  'Avtal',
  'Lokalbokning',
  'Parkering',
  'Felanmälan',
  'Kundtjänst',
  'Intranät',
  'Webb',
  'Analys',
  'Rapport',
  'Planering',
  'Dokument',
  'Registratur',
  'Kassa',
  'Bistånd',
  'Hemtjänst',
  'Larm',
  'Journal',
  'Förskola',
  'Fritids',
  'Antagning',
  'Betyg',
  'Närvaro',
  'Skolskjuts',
  'Måltid',
  'Kost',
];

export const departments = [
  'Kommunledningsförvaltningen',
  'Socialförvaltningen',
  'Barn- och utbildningsförvaltningen',
  'Samhällsbyggnadsförvaltningen',
  'Kultur- och fritidsförvaltningen',
  'Miljöförvaltningen',
  'Tekniska förvaltningen',
  'Vård- och omsorgsförvaltningen',
  'Arbetsmarknadsförvaltningen',
  'Serviceförvaltningen',
  'Stadsbyggnadskontoret',
  'Räddningstjänsten',
];

/** The board owning each department's systems, by the department's position. */
const owners = [
  'Kommunstyrelsen',
  'Socialnämnden',
  'Barn- och utbildningsnämnden',
  'Samhällsbyggnadsnämnden',
  'Kultur- och fritidsnämnden',
  'Miljönämnden',
  'Tekniska nämnden',
  'Vård- och omsorgsnämnden',
  'Arbetsmarknadsnämnden',
  'Servicenämnden',
  'Byggnadsnämnden',
  'Räddningsnämnden',
];

const firstNames = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Emma',
  'Kerstin',
  'Ingrid',
  'Malin',
  'Jenny',
  'Linda',
  'Sofia',
  'Helena',
  'Johanna',
  'Åsa',
  'Elin',
  'Ida',
  'Petra',
  'Cecilia',
  'Erik',
  'Lars',
  'Karl',
  'Anders',
  'Johan',
  'Per',
  'Nils',
  'Jan',
  'Mikael',
  'Hans',
  'Peter',
  'Olof',
  'Björn',
  'Jonas',
  'Fredrik',
  'Mats',
  'Magnus',
  'Daniel',
  'Stefan',
  'Örjan',
  'André',
  'Göran',
  'Tove',
  'Märta',
  'Sören',
  'Agneta',
  'Pia',
  'Ulf',
];

const lastNames = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Lindström',
  'Olofsson',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lind',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Lundin',
  'Håkansson',
  'Björk',
  'Bergman',
  'Gunnarsson',
  'Holm',
  'Wikström',
  'Samuelsson',
  'Isaksson',
  'Fransson',
  'Bergqvist',
  'Nyström',
  'Holmberg',
  'Arvidsson',
  'Löfgren',
  'Söderberg',
  'Nyberg',
  'Blomqvist',
  'Claesson',
  'Nordström',
  'Mårtensson',
  'Lundström',
  'Ek',
];

const syllables = [
  'ka',
  'ro',
  'vi',
  'ne',
  'ta',
  'lo',
  'mi',
  'sa',
  'de',
  'fa',
  'gu',
  'pe',
  'ri',
  'to',
  'ul',
  'an',
  'er',
  'is',
  'kor',
  'vik',
  'berg',
  'nor',
];

function madeUpWord(random: () => number): string {
  const count = 2 + Math.floor(random() * 2);
  let word = '';
  for (let i = 0; i < count; i++) word += syllables[Math.floor(random() * syllables.length)];
  return word[0]!.toUpperCase() + word.slice(1);
}

export interface SyntheticRegisterOptions {
  /** Same size and seed, same register. */
  seed?: number;
  /** How many distinct people hold the roles; default a fifth of the size (at least 200). */
  peopleCount?: number;
}

export interface SyntheticRegister {
  systems: SystemRecord[];
  /** Everyone who holds a role, some under the same name (as in a real municipality). */
  people: Person[];
}

/**
 * `size` systems with unique names of five shapes ("Visma Lön", "Visma Lön 7", "Korovi Arkiv", "Visma Korovi",
 * "Korovi3 Lön Tanor"), so names share words, digits and made-up stems; each with a department and its board,
 * a description of product words, a responsible, two managers and sometimes an administrator.
 */
export function generateRegister(size: number, options: SyntheticRegisterOptions = {}): SyntheticRegister {
  const seed = options.seed ?? 42;
  const random = seededRandom(seed);
  // Details nobody matches on (unit, user count, go-live date) come from a stream of their own, so adding one
  // never changes the names, people and questions of an existing benchmark.
  const details = seededRandom(seed ^ 0x5bd1e995);
  const madeUp = Array.from({ length: Math.max(200, Math.floor(size / 6)) }, () => madeUpWord(random));
  const people: Person[] = [];
  const personCount = options.peopleCount ?? Math.max(200, Math.floor(size / 5));
  for (let i = 0; i < personCount; i++) {
    const name = `${pick(random, firstNames)} ${pick(random, lastNames)}`;
    const email = `${systemIdFor(name).replace(/-/g, '.')}${i}@kommun.se`;
    people.push({ name, email });
  }
  const names = new Set<string>();
  const systems: SystemRecord[] = [];
  while (systems.length < size) {
    const shape = random();
    let name: string;
    if (shape < 0.3) name = `${pick(random, vendors)} ${pick(random, products)}`;
    else if (shape < 0.5)
      name = `${pick(random, vendors)} ${pick(random, products)} ${1 + Math.floor(random() * 12)}`;
    else if (shape < 0.7) name = `${pick(random, madeUp)} ${pick(random, products)}`;
    else if (shape < 0.85) name = `${pick(random, vendors)} ${pick(random, madeUp)}`;
    else
      name = `${pick(random, madeUp)}${Math.floor(random() * 10)} ${pick(random, products)} ${pick(random, madeUp)}`;
    if (names.has(name.toLowerCase())) continue;
    names.add(name.toLowerCase());
    const product = pick(random, products).toLowerCase();
    const department = Math.floor(random() * departments.length);
    systems.push({
      id: systemIdFor(name),
      name,
      departments: [departments[department]!],
      unit: `Enhet ${1 + Math.floor(details() * 40)}`,
      description: `Stöd för ${product}hantering och ${pick(random, products).toLowerCase()}`,
      owner: owners[department]!,
      responsible: pick(random, people),
      managers: [pick(random, people), pick(random, people)],
      administrators: random() < 0.5 ? [pick(random, people)] : [],
      pilots: [],
      userCount: Math.floor(details() * 2000),
      businessCritical: random() < 0.3,
      goLiveDate: `20${10 + Math.floor(details() * 15)}-0${1 + Math.floor(details() * 9)}-1${Math.floor(details() * 9)}`,
      extra: {},
    });
  }
  return { systems, people };
}

/** The systems of generateRegister alone. */
export function syntheticRegister(size: number, seed = 42): SystemRecord[] {
  return generateRegister(size, { seed }).systems;
}

/** One typing error in a name, never touching digits or the first letter: a swap, a dropped or a doubled letter. */
export function misspell(name: string, random: () => number): string {
  const letters = [...name];
  const positions = letters.flatMap((letter, i) => (/[a-zåäö]/i.test(letter) && i > 0 ? [i] : []));
  const at = pick(random, positions);
  const kind = random();
  if (kind < 0.34 && at + 1 < letters.length && /[a-zåäö]/i.test(letters[at + 1]!)) {
    [letters[at], letters[at + 1]] = [letters[at + 1]!, letters[at]!];
  } else if (kind < 0.67) letters.splice(at, 1);
  else letters.splice(at, 0, letters[at]!);
  return letters.join('').toLowerCase();
}

function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function peopleCell(list: readonly Person[]): string {
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
      s.responsible ? peopleCell([s.responsible]) : '',
      peopleCell(s.managers),
      peopleCell(s.administrators),
      s.userCount === undefined ? '' : String(s.userCount),
      s.businessCritical ? 'Ja' : 'Nej',
      s.goLiveDate ?? '',
    ]
      .map(csvCell)
      .join(';'),
  );
  return '\uFEFF' + [header.join(';'), ...lines].join('\r\n') + '\r\n';
}
