/**
 * Micro-benchmark of question answering: builds the register index for 5,000 and 50,000 generated systems and
 * times a fixed mix of questions. Prints figures only.
 *
 *   npx ts-node --transpile-only bench/matcher.bench.ts
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RegisterIndex, answerQuestion } from '../src/domain/answers';
import type { SystemRecord } from '../src/domain/register/system';
import { tokenize } from '../src/domain/answers/normalize';
import { questionMix } from './support/questions';
import { generateRegister, pick, seededRandom } from './support/syntheticRegister';

setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

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
  const register = generateRegister(size, { seed: 20240611 + size });
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = process.hrtime.bigint();
  const index = RegisterIndex.build(register.systems);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;

  const questions = questionMix(register, seededRandom(size));
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
  console.log(describe('prefix', prefixLookups(index, register.systems, seededRandom(size + 1))));
  for (const [category, samples] of byCategory) {
    const answered = [...(kinds.get(category) ?? new Map<string, number>()).entries()]
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ');
    console.log(`${describe(category, samples)}   (${answered})`);
  }
}

/**
 * Search as you type: the first one to four letters of a name or of one of its later words, as the message
 * extension sees them while someone types, looked up with the extension's limit of ten.
 */
function prefixLookups(
  index: RegisterIndex,
  systems: readonly SystemRecord[],
  random: () => number,
): number[] {
  const prefixes: string[] = [];
  for (let i = 0; i < 500; i++) {
    const words = tokenize(pick(random, systems).name);
    const word = random() < 0.7 ? words[0]! : pick(random, words);
    prefixes.push(word.slice(0, 1 + Math.floor(random() * 4)));
  }
  for (const prefix of prefixes) index.systemsWithPrefix(prefix, 10); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const prefix of prefixes) {
      const start = process.hrtime.bigint();
      index.systemsWithPrefix(prefix, 10);
      samples.push(Number(process.hrtime.bigint() - start) / 1e3);
    }
  }
  return samples;
}

for (const size of [5_000, 50_000]) run(size);
