/**
 * The questions the benchmarks ask about a generated register (see syntheticRegister.ts): the kinds people ask
 * most, in fixed proportions, so runs compare.
 */
import type { SyntheticRegister } from './syntheticRegister';
import { departments, misspell, pick, products } from './syntheticRegister';

export type QuestionCategory =
  'exact' | 'typo' | 'reverse' | 'list' | 'notFound' | 'description' | 'role' | 'about';

export interface Question {
  category: QuestionCategory;
  text: string;
  /** The system a name question means, to count how often the answer names it. */
  expectedId?: string;
}

/**
 * `rounds` of six questions each: a role of a system by its exact name, a role of a misspelt name, the systems
 * of a person, a list (a department's or the business-critical ones), a system that does not exist, and a
 * system by what it does.
 */
export function questionMix(register: SyntheticRegister, random: () => number, rounds = 200): Question[] {
  const { systems, people } = register;
  const questions: Question[] = [];
  for (let i = 0; i < rounds; i++) {
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

const swedishRoleQuestions = [
  (name: string) => `Vem är systemförvaltare för ${name}?`,
  (name: string) => `vem är systemadministratör för ${name}`,
  (name: string) => `Vem ansvarar för ${name}?`,
];
const englishRoleQuestions = [
  (name: string) => `Who owns ${name}?`,
  (name: string) => `Who manages ${name}?`,
  (name: string) => `Who is the system administrator of ${name}?`,
];

/**
 * `rounds` of two more questions as a chat brings them: a role asked in other words (half of them in English),
 * and everything about a system (a bare name, or "berätta om ...").
 */
export function conversationalQuestions(
  register: SyntheticRegister,
  random: () => number,
  rounds = 200,
): Question[] {
  const { systems } = register;
  const questions: Question[] = [];
  for (let i = 0; i < rounds; i++) {
    const asked = pick(random, systems);
    const phrasings = i % 2 === 0 ? swedishRoleQuestions : englishRoleQuestions;
    questions.push({ category: 'role', text: pick(random, phrasings)(asked.name), expectedId: asked.id });
    const about = pick(random, systems);
    questions.push({
      category: 'about',
      text: i % 2 === 0 ? about.name : `berätta om ${about.name}`,
      expectedId: about.id,
    });
  }
  return questions;
}
