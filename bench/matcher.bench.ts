/**
 * Micro-benchmark of question answering: builds the register index for 5,000 and 50,000 generated systems and
 * times a fixed mix of questions. Prints figures only.
 *
 *   npx ts-node --transpile-only bench/matcher.bench.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RegisterIndex, answerQuestion } from '../src/domain/answers';
import type { Person, SystemRecord } from '../src/domain/register/system';
import { systemIdFor } from '../src/domain/register/system';

setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** mulberry32: a small seeded generator, so every run measures the same register and questions. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
const products = [
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
const departments = [
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

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

function generateRegister(
  size: number,
  seed: number,
): { systems: SystemRecord[]; people: Person[]; madeUp: string[] } {
  const random = seeded(seed);
  const madeUp = Array.from({ length: Math.max(200, Math.floor(size / 6)) }, () => madeUpWord(random));
  const people: Person[] = [];
  const personCount = Math.max(200, Math.floor(size / 5));
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
      unit: '',
      description: `Stöd för ${product}hantering och ${pick(random, products).toLowerCase()}`,
      owner: owners[department]!,
      responsible: pick(random, people),
      managers: [pick(random, people), pick(random, people)],
      administrators: random() < 0.5 ? [pick(random, people)] : [],
      pilots: [],
      businessCritical: random() < 0.3,
      extra: {},
    });
  }
  return { systems, people, madeUp };
}

/** One or two typing errors in a name, never touching digits: a swap, a dropped or a doubled letter. */
function misspell(name: string, random: () => number): string {
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

interface Question {
  category: 'exact' | 'typo' | 'reverse' | 'list' | 'notFound' | 'description';
  text: string;
  /** The system a name question means, to count how often the answer names it. */
  expectedId?: string;
}

function questionMix(systems: SystemRecord[], people: Person[], random: () => number): Question[] {
  const questions: Question[] = [];
  for (let i = 0; i < 200; i++) {
    const system = pick(random, systems);
    questions.push({ category: 'exact', text: `Vem äger ${system.name}?`, expectedId: system.id });
    const misspelt = pick(random, systems);
    questions.push({
      category: 'typo',
      text: `vem förvaltar ${misspell(misspelt.name, random)}`,
      expectedId: misspelt.id,
    });
    const person = pick(random, people);
    questions.push({ category: 'reverse', text: `Vilka system är ${person.name} systemansvarig för?` });
    questions.push({
      category: 'list',
      text:
        i % 2 === 0
          ? `vilka system finns på ${pick(random, departments)}`
          : 'vilka system är verksamhetskritiska',
    });
    questions.push({ category: 'notFound', text: `vem är systemansvarig för Zyxwq${i} Plopp` });
    questions.push({
      category: 'description',
      text: `vem ansvarar för ${pick(random, products).toLowerCase()}systemet`,
    });
  }
  return questions;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function describe(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return `${label.padEnd(12)} mean ${mean.toFixed(1).padStart(7)} µs   p50 ${percentile(sorted, 50)
    .toFixed(1)
    .padStart(7)} µs   p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} µs`;
}

function run(size: number): void {
  const { systems, people } = generateRegister(size, 20240611 + size);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = process.hrtime.bigint();
  const index = RegisterIndex.build(systems);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;

  const questions = questionMix(systems, people, seeded(size));
  for (const question of questions) answerQuestion(index, question.text); // warm-up
  const byCategory = new Map<string, number[]>();
  const all: number[] = [];
  const kinds = new Map<string, Map<string, number>>();
  const rounds = 5;
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const start = process.hrtime.bigint();
      const answer = answerQuestion(index, question.text);
      const micros = Number(process.hrtime.bigint() - start) / 1e3;
      all.push(micros);
      const samples = byCategory.get(question.category) ?? [];
      samples.push(micros);
      byCategory.set(question.category, samples);
      if (round === 0) {
        const counts = kinds.get(question.category) ?? new Map<string, number>();
        counts.set(answer.kind, (counts.get(answer.kind) ?? 0) + 1);
        if (question.expectedId) {
          const named =
            (answer.kind === 'systemRoles' && answer.system.id === question.expectedId) ||
            (answer.kind === 'chooseSystem' && answer.candidates.some((c) => c.id === question.expectedId));
          if (named) counts.set('intended system named', (counts.get('intended system named') ?? 0) + 1);
          if (answer.kind === 'systemRoles' && answer.system.id !== question.expectedId) {
            counts.set('WRONG system', (counts.get('WRONG system') ?? 0) + 1);
          }
        }
        kinds.set(question.category, counts);
      }
    }
  }

  console.log(`\n${size.toLocaleString('en')} systems, ${index.personCount.toLocaleString('en')} people`);
  console.log(
    `build        ${buildMs.toFixed(0)} ms, index heap ≈ ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB`,
  );
  console.log(describe('all', all));
  for (const [category, samples] of byCategory) {
    const answered = [...(kinds.get(category) ?? new Map<string, number>()).entries()]
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    console.log(`${describe(category, samples)}   (${answered})`);
  }
}

for (const size of [5_000, 50_000]) run(size);
