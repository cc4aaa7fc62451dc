import type { SystemRecord } from '../register/system';
import type { Answer, Lang, PersonRef, QuestionContext, RoleId, SystemFilter, SystemMatch } from './answer';
import type { MatchQuality, SearchOptions } from './nameIndex';
import { parseQuestion, type ParsedQuestion, type QuestionSubject } from './question';
import type { Found, RegisterIndex } from './registerIndex';

export interface AnswerOptions {
  /** Systems listed in a `systemList` answer (the total is always counted). Default 25. */
  maxListed?: number;
  /** Candidates offered in `chooseSystem` / `choosePerson`. Default 8. */
  maxChoices?: number;
  /** Who asks, for a question about themselves (`ParsedQuestion.aboutAsker`). */
  asker?: AskingPerson;
}

/** The addresses the asker is known by (Teams' member lookup), to find them among the register's people. */
export interface AskingPerson {
  email?: string;
  userPrincipalName?: string;
}

const maximumSuggestions = 3;

/**
 * Answers a question typed in chat with structured data for the bot to render. `context` is what the bot kept
 * from this user's previous answer (see `contextAfter`), so "vilka av dem är verksamhetskritiska" can narrow
 * the last list and "vem förvaltar det?" can mean the last system.
 */
export function answerQuestion(
  index: RegisterIndex,
  text: string,
  context?: QuestionContext,
  options: AnswerOptions = {},
): Answer {
  return answerParsedQuestion(index, parseQuestion(text), context, options);
}

/**
 * As answerQuestion, for a question parsed already: the bot parses first to know whether the question is about
 * the asker, and looks the asker up (a call to Teams) only then.
 */
export function answerParsedQuestion(
  index: RegisterIndex,
  question: ParsedQuestion,
  context?: QuestionContext,
  options: AnswerOptions = {},
): Answer {
  return new Asker(index, question, context, options).answer();
}

/** The answer for a system picked from a `chooseSystem` card. */
export function answerForSystem(index: RegisterIndex, systemId: string, roles: RoleId[], lang: Lang): Answer {
  const system = index.systemById(systemId);
  if (!system) return { kind: 'systemNotFound', lang, query: '', suggestions: [], roles };
  return { kind: 'systemRoles', lang, system, roles, matchedBy: 'chosen', query: '' };
}

/** The answer for a person picked from a `choosePerson` card. */
export function answerForPerson(
  index: RegisterIndex,
  personKey: string,
  role: RoleId | undefined,
  lang: Lang,
): Answer {
  const person = index.personByKey(personKey);
  if (!person) return { kind: 'personNotFound', lang, query: '', suggestions: [], ...(role ? { role } : {}) };
  return personSystems(index, person, role, lang);
}

function personSystems(
  index: RegisterIndex,
  person: PersonRef,
  role: RoleId | undefined,
  lang: Lang,
): Answer {
  const systems = index.systemsOf(person.key, role);
  const otherRoles = role && systems.length === 0 ? index.systemsOf(person.key, undefined) : [];
  return {
    kind: 'personSystems',
    lang,
    person,
    ...(role ? { role } : {}),
    systems,
    ...(otherRoles.length > 0 ? { otherRoles } : {}),
  };
}

const matchFor: Record<MatchQuality, SystemMatch> = {
  exact: 'name',
  partial: 'partialName',
  typo: 'typo',
  partialTypo: 'typo',
};

const qualityOrder: Record<MatchQuality, number> = { exact: 0, partial: 1, typo: 2, partialTypo: 3 };

type Collection =
  | { kind: 'department'; found: Found<string> }
  | { kind: 'unit'; found: Found<string> }
  | { kind: 'owner'; found: Found<string> }
  | { kind: 'person'; found: Found<PersonRef> };

class Asker {
  private readonly lang: Lang;
  private readonly roles: RoleId[];
  private readonly maxListed: number;
  private readonly maxChoices: number;
  private readonly askingPerson: AskingPerson | undefined;

  constructor(
    private readonly index: RegisterIndex,
    private readonly question: ParsedQuestion,
    private readonly context: QuestionContext | undefined,
    options: AnswerOptions,
  ) {
    this.lang = question.lang;
    this.roles = question.roles;
    this.maxListed = options.maxListed ?? 25;
    this.maxChoices = options.maxChoices ?? 8;
    this.askingPerson = options.asker;
  }

  answer(): Answer {
    const { question, lang } = this;
    const subject = question.subject;
    if (question.intent === 'help') return { kind: 'help', lang };
    if (question.intent === 'thanks') {
      // A system may be called what reads as praise: "Kanon, tack" then asks for Kanon, please.
      return (subject && this.systemNamedExactly(subject)) ?? { kind: 'thanks', lang };
    }
    if (question.intent === 'roleDefinition') {
      // A system may be called what reads as a role: "vad är Driften?" asks for Driften.
      const named = subject && this.systemNamedExactly(subject);
      return named ?? { kind: 'roleDefinition', lang, role: question.roles[0]! };
    }

    if (subject && question.direction !== 'systems') {
      const named = this.systemNamedExactly(subject);
      if (named) return named;
    }
    if (question.aboutAsker) return this.answerAboutAsker();
    if (question.emails.length > 0) return this.answerByEmail(question.emails[0]!);
    if (question.followUp) return this.answerFollowUp(subject);

    if (!subject || subject.words.length === 0) {
      if (question.direction === 'systems') return this.list(this.criticalFilter());
      const previous = this.context?.systemId ? this.index.systemById(this.context.systemId) : undefined;
      if (previous && this.roles.length > 0) return this.systemRoles(previous, 'previousQuestion', '');
      return { kind: 'notUnderstood', lang, roles: this.roles };
    }
    if (question.direction === 'systems') return this.answerAboutSystems(subject);
    return this.answerAboutOneSystem(subject);
  }

  /**
   * A name typed exactly, filler and all, is that system whatever the words around it could mean; a role word
   * that is part of it ("speed admin" for Speedadmin) then asks for no role.
   */
  private systemNamedExactly(subject: QuestionSubject): Answer | undefined {
    // Another name the register gives a system ("AD", "O365") counts too; a system's own name comes first.
    return (
      this.systemCalled(subject, (compactName) => this.index.systemsNamed(compactName), 'name') ??
      this.systemCalled(subject, (compactName) => this.index.systemsAliased(compactName), 'alias')
    );
  }

  private systemCalled(
    subject: QuestionSubject,
    systemsCalled: (compactName: string) => SystemRecord[],
    matchedBy: 'name' | 'alias',
  ): Answer | undefined {
    for (const candidate of subject.exactCandidates) {
      const systems = systemsCalled(candidate.compact);
      if (systems.length === 1)
        return this.systemRoles(systems[0]!, matchedBy, subject.text, candidate.roles);
      if (systems.length > 1) return this.chooseSystem(subject.text, systems, candidate.roles);
    }
    return undefined;
  }

  /** The asker's own systems, found by the addresses Teams knows them by. */
  private answerAboutAsker(): Answer {
    const role = this.personRole();
    const addresses = [this.askingPerson?.email, this.askingPerson?.userPrincipalName].filter(
      (address): address is string => address !== undefined && address.trim() !== '',
    );
    for (const address of addresses) {
      const person = this.index.personByEmail(address);
      if (person) return personSystems(this.index, person, role, this.lang);
    }
    return {
      kind: 'askerNotInRegister',
      lang: this.lang,
      ...(addresses[0] ? { address: addresses[0].trim().toLowerCase() } : {}),
      ...(role ? { role } : {}),
    };
  }

  private answerByEmail(email: string): Answer {
    const person = this.index.personByEmail(email);
    const role = this.personRole();
    if (!person)
      return {
        kind: 'personNotFound',
        lang: this.lang,
        query: email,
        suggestions: [],
        ...(role ? { role } : {}),
      };
    if (this.question.businessCritical)
      return this.list({ ...this.personFilter(person, role), ...this.criticalFilter() });
    return personSystems(this.index, person, role, this.lang);
  }

  /** "Vilka av dem är verksamhetskritiska?": the previous list's filter, narrowed. */
  private answerFollowUp(subject: QuestionSubject | undefined): Answer {
    let filter: SystemFilter = { ...(this.context?.filter ?? {}), ...this.criticalFilter() };
    if (subject && subject.words.length > 0) {
      const narrowed = this.collectionFilter(subject);
      if (narrowed.kind === 'filter') filter = { ...filter, ...narrowed.filter };
      else if (narrowed.kind === 'answer') return narrowed.answer;
    }
    return this.list(filter);
  }

  /** Vem äger / förvaltar X, berätta om X, a bare name: one system, or a choice, or not found. */
  private answerAboutOneSystem(subject: QuestionSubject): Answer {
    const found = this.index.findSystems(subject.words);
    if (found.answerable && found.best.length === 1 && found.quality) {
      return this.systemRoles(found.best[0]!, matchFor[found.quality], subject.text);
    }
    if (found.answerable && found.best.length > 1) return this.chooseSystem(subject.text, found.best);

    // "Vem är Anna Berg?", "socialförvaltningen": not a system, but something else the register names.
    if (this.roles.length === 0) {
      const other = this.collectionFilter(subject, { wordsAllowed: false });
      if (other.kind !== 'none') return other.kind === 'answer' ? other.answer : this.list(other.filter);
    }

    // "Vem ansvarar för lönesystemet?": what the system does, from names and descriptions.
    if (this.index.hasContentTerms(subject.words)) {
      const byWords = this.index.findSystemsDescribedBy(subject.words, this.maxChoices);
      if (byWords.total === 1) return this.systemRoles(byWords.systems[0]!, 'description', subject.text);
      if (byWords.total > 1) return this.chooseSystem(subject.text, byWords.systems);
    }

    return {
      kind: 'systemNotFound',
      lang: this.lang,
      query: subject.text,
      suggestions: uniqueById(found.suggestions)
        .slice(0, maximumSuggestions)
        .map((system) => ({ id: system.id, name: system.name })),
      roles: this.roles,
    };
  }

  /** Vilka system äger socialnämnden / förvaltar Anna / finns på barn- och utbildningsförvaltningen? */
  private answerAboutSystems(subject: QuestionSubject): Answer {
    const resolved = this.collectionFilter(subject);
    if (resolved.kind === 'answer') return resolved.answer;
    if (resolved.kind === 'filter') return this.list({ ...resolved.filter, ...this.criticalFilter() });
    const role = this.personRole();
    if (role) {
      const people = this.index.findPeople(subject.words);
      return {
        kind: 'personNotFound',
        lang: this.lang,
        query: subject.text,
        suggestions: people.suggestions.slice(0, maximumSuggestions),
        role,
      };
    }
    return this.list({ words: subject.wordsText, ...this.criticalFilter() });
  }

  /**
   * What a subject names besides a system: a department, a unit, an owner, a person, or (when allowed) words
   * of descriptions. A department, unit or owner typed whole, filler and all ("IT-avdelningen"), is taken
   * first. Otherwise among the good fits the closest wins; on a tie departments come before units before
   * owners before people, except that a question about owning looks at owners first.
   */
  private collectionFilter(
    subject: QuestionSubject,
    { wordsAllowed = true }: { wordsAllowed?: boolean } = {},
  ): { kind: 'filter'; filter: SystemFilter } | { kind: 'answer'; answer: Answer } | { kind: 'none' } {
    const ownersFirst = this.roles.includes('owner');
    const named = this.collectionNamedExactly(subject, ownersFirst);
    if (named) return { kind: 'filter', filter: named };

    // Names typed right are the usual case: looked for first without typing errors, which is all the cost of a
    // typo search saved on every kind the words do not name. A fit found so is the one a full search finds.
    const typedRight = this.closestCollection(subject.words, ownersFirst, { typos: false });
    const best =
      typedRight && qualityOrder[typedRight.found.quality!] <= qualityOrder.partial
        ? typedRight
        : this.closestCollection(subject.words, ownersFirst, { typos: true });

    if (best?.kind === 'department' && best.found.best.length === 1) {
      return { kind: 'filter', filter: { department: best.found.best[0]! } };
    }
    if (best?.kind === 'unit' && best.found.best.length === 1) {
      return { kind: 'filter', filter: { unit: best.found.best[0]! } };
    }
    if (best?.kind === 'owner' && best.found.best.length === 1) {
      return { kind: 'filter', filter: { owner: best.found.best[0]! } };
    }
    if (best?.kind === 'person') {
      const role = this.personRole();
      const people = best.found.best;
      if (people.length > 1) {
        return {
          kind: 'answer',
          answer: {
            kind: 'choosePerson',
            lang: this.lang,
            query: subject.text,
            people: people.slice(0, this.maxChoices),
            ...(role ? { role } : {}),
          },
        };
      }
      const person = people[0]!;
      if (this.question.businessCritical || this.question.followUp) {
        return { kind: 'filter', filter: this.personFilter(person, role) };
      }
      return { kind: 'answer', answer: personSystems(this.index, person, role, this.lang) };
    }
    if (wordsAllowed && this.index.findSystemsByWords(subject.words, 0).total > 0) {
      return { kind: 'filter', filter: { words: subject.wordsText } };
    }
    return { kind: 'none' };
  }

  private closestCollection(
    words: readonly string[],
    ownersFirst: boolean,
    options: SearchOptions,
  ): Collection | undefined {
    const searches: (() => Collection)[] = [
      () => ({ kind: 'department', found: this.index.findDepartment(words, options) }),
      () => ({ kind: 'unit', found: this.index.findUnit(words, options) }),
      () => ({ kind: 'owner', found: this.index.findOwner(words, options) }),
      () => ({ kind: 'person', found: this.index.findPeople(words, options) }),
    ];
    if (ownersFirst) searches.unshift(searches.splice(2, 1)[0]!);
    let best: Collection | undefined;
    for (const search of searches) {
      const next = search();
      if (!next.found.answerable || next.found.best.length === 0) continue;
      if (!best || qualityOrder[next.found.quality!] < qualityOrder[best.found.quality!]) best = next;
      // Nothing fits better than exactly; the searches after it would only cost time.
      if (best.found.quality === 'exact') break;
    }
    return best;
  }

  private collectionNamedExactly(subject: QuestionSubject, ownersFirst: boolean): SystemFilter | undefined {
    for (const { compact } of subject.exactCandidates) {
      const owner = ownersFirst ? this.index.ownerNamed(compact) : undefined;
      if (owner !== undefined) return { owner };
      const department = this.index.departmentNamed(compact);
      if (department !== undefined) return { department };
      const unit = this.index.unitNamed(compact);
      if (unit !== undefined) return { unit };
      const laterOwner = ownersFirst ? undefined : this.index.ownerNamed(compact);
      if (laterOwner !== undefined) return { owner: laterOwner };
    }
    return undefined;
  }

  /** The role to look for in a person's systems: the first one asked that people hold. */
  private personRole(): RoleId | undefined {
    return this.roles[0];
  }

  private personFilter(person: PersonRef, role: RoleId | undefined): SystemFilter {
    return role ? { person, role } : { person };
  }

  private criticalFilter(): SystemFilter {
    return this.question.businessCritical ? { businessCritical: !this.question.notCritical } : {};
  }

  private list(filter: SystemFilter): Answer {
    const { systems, total } = this.index.list(filter, this.maxListed);
    return { kind: 'systemList', lang: this.lang, filter, systems, total };
  }

  private systemRoles(
    system: SystemRecord,
    matchedBy: SystemMatch,
    query: string,
    roles: RoleId[] = this.roles,
  ): Answer {
    return { kind: 'systemRoles', lang: this.lang, system, roles, matchedBy, query };
  }

  private chooseSystem(
    query: string,
    candidates: readonly SystemRecord[],
    roles: RoleId[] = this.roles,
  ): Answer {
    return {
      kind: 'chooseSystem',
      lang: this.lang,
      query,
      candidates: candidates.slice(0, this.maxChoices),
      roles,
    };
  }
}

function uniqueById(systems: readonly SystemRecord[]): SystemRecord[] {
  const seen = new Set<string>();
  return systems.filter((system) => !seen.has(system.id) && seen.add(system.id));
}
