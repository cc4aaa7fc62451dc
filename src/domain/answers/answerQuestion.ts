import type { SystemRecord } from '../register/system';
import type { Answer, Lang, PersonRef, QuestionContext, RoleId, SystemFilter, SystemMatch } from './answer';
import type { Lexicon } from './lexicon';
import type { MatchQuality, SearchOptions } from './nameIndex';
import { parseQuestion, type FurtherQuestion, type ParsedQuestion, type QuestionSubject } from './question';
import type { Found, RegisterIndex } from './registerIndex';

export interface AnswerOptions {
  /** Systems listed in a `systemList` answer (the total is always counted). Default 25. */
  maxListed?: number;
  /** Candidates offered in `chooseSystem` / `choosePerson`. Default 8. */
  maxChoices?: number;
  /** Who asks, for a question about themselves (`ParsedQuestion.aboutAsker`). */
  asker?: AskingPerson;
  /** The words to read the question with; the built-in grammar alone when absent. */
  lexicon?: Lexicon;
}

/** The addresses the asker is known by (Teams' member lookup), to find them among the register's people. */
export interface AskingPerson {
  email?: string;
  userPrincipalName?: string;
}

const maximumSuggestions = 3;
/** Things answered in one message: each is a card, and a Teams message holds at most 40 KB. */
export const maximumAnswerParts = 4;
/** Words of a subject looked at one by one for a system named among them: a question, not a pasted text. */
const longestSubjectScanned = 12;
/** Words run together into a name when looking for systems named within a subject ("procapita ifo"). */
const longestNameScanned = 4;

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
  return answerParsedQuestion(index, parseQuestion(text, options.lexicon), context, options);
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
    const first = this.answerFirst();
    if (this.question.further.length === 0 || first.kind === 'help' || first.kind === 'thanks') return first;
    return severalAnswers(this.lang, [
      first,
      ...this.question.further.map((further) => this.answerFurther(further)),
    ]);
  }

  /** A later clause, asked as a question of its own with its own roles ("... och vem äger Tempus?"). */
  private answerFurther(further: FurtherQuestion): Answer {
    const question: ParsedQuestion = {
      ...this.question,
      subject: further.subject,
      roles: further.roles,
      direction: further.direction,
      further: [],
      followUp: false,
      aboutAsker: false,
      emails: [],
    };
    return new Asker(this.index, question, undefined, {
      maxListed: this.maxListed,
      maxChoices: this.maxChoices,
    }).answer();
  }

  private answerFirst(): Answer {
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
    if (question.asksSupplier && question.direction !== 'people') {
      const supplier = this.supplierFilter(subject);
      if (supplier) return this.list({ ...supplier, ...this.criticalFilter() });
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

  /**
   * Vem äger / förvaltar X, berätta om X, a bare name: one system, or a choice, or not found. The rules, in
   * order: the subject as a name; systems named within it, the rest said not understood; another thing the
   * register names (a person, a department); what systems do, from their descriptions, in Swedish or through
   * the glossary; a misspelt name within it; otherwise not found, with close names as suggestions.
   */
  private answerAboutOneSystem(subject: QuestionSubject): Answer {
    const found = this.index.findSystems(subject.words);
    if (found.answerable && found.best.length === 1 && found.quality) {
      return this.systemRoles(found.best[0]!, matchFor[found.quality], subject.text);
    }
    if (found.answerable && found.best.length > 1) return this.chooseSystem(subject.text, found.best);

    const named = this.systemsNamedWithin(subject, { typos: false });
    if (named) return named;

    // "Vem är Anna Berg?", "socialförvaltningen": not a system, but something else the register names.
    if (this.roles.length === 0) {
      const other = this.collectionFilter(subject, { wordsAllowed: false });
      if (other.kind !== 'none') return other.kind === 'answer' ? other.answer : this.list(other.filter);
    }

    // "Vem ansvarar för lönesystemet?": what the system does, from names and descriptions; "who runs the
    // payroll" through the glossary.
    for (const words of [subject.words, ...(subject.glossed ?? [])]) {
      const described = this.systemsDescribedBy(subject, words);
      if (described) return described;
    }

    // "Who is the owner of the HR system?": the systems of the unit or department the words name.
    for (const words of [subject.words, ...(subject.glossed ?? [])]) {
      const ofCollection = this.systemsOfCollectionNamed(subject, words);
      if (ofCollection) return ofCollection;
    }

    const misspelt = this.systemsNamedWithin(subject, { typos: true });
    if (misspelt) return misspelt;

    // Suggestions only: a name two typing errors away, or typed as it sounds ("skolsoft" for Schoolsoft).
    const soundsLike =
      found.suggestions.length < maximumSuggestions ? this.index.findSystemsSoundingLike(subject.words) : [];
    return {
      kind: 'systemNotFound',
      lang: this.lang,
      query: subject.text,
      suggestions: uniqueById([...found.suggestions, ...soundsLike])
        .slice(0, maximumSuggestions)
        .map((system) => ({ id: system.id, name: system.name })),
      roles: this.roles,
    };
  }

  /**
   * The systems whose descriptions the words meet. Several, with one role asked that the same people hold in
   * each ("vem förvaltar lönesystemet?" when Åsa Öberg manages both payroll systems): an answer for each
   * rather than a choice, since any choice gives the same person.
   */
  private systemsDescribedBy(subject: QuestionSubject, words: readonly string[]): Answer | undefined {
    if (!this.index.hasContentTerms(words)) return undefined;
    const byWords = this.index.findSystemsDescribedBy(words, this.maxChoices);
    if (byWords.total === 1) return this.systemRoles(byWords.systems[0]!, 'description', subject.text);
    if (byWords.total === 0) return undefined;
    if (byWords.total <= maximumAnswerParts && this.roles.length === 1) {
      const [first, ...others] = byWords.systems.map((system) => holdersOf(system, this.roles[0]!));
      if (first!.some((holder) => others.every((holders) => holders.includes(holder)))) {
        return severalAnswers(
          this.lang,
          byWords.systems.map((system) => this.systemRoles(system, 'description', subject.text)),
        );
      }
    }
    return this.chooseSystem(subject.text, byWords.systems);
  }

  /**
   * With a role asked, the systems of a unit or department named whole ("HR-avdelningen"): one is the answer;
   * a few where the same person holds the role are answered each; otherwise a choice among them.
   */
  private systemsOfCollectionNamed(subject: QuestionSubject, words: readonly string[]): Answer | undefined {
    if (this.roles.length === 0 || words.length === 0) return undefined;
    const compactName = words.join('');
    const unit = this.index.unitNamed(compactName);
    const department = unit === undefined ? this.index.departmentNamed(compactName) : undefined;
    if (unit === undefined && department === undefined) return undefined;
    const { systems, total } = this.index.list(
      unit !== undefined ? { unit } : { department },
      this.maxChoices,
    );
    if (total === 0) return undefined;
    if (total === 1) return this.systemRoles(systems[0]!, 'description', subject.text);
    if (total <= maximumAnswerParts && this.roles.length === 1) {
      const [first, ...others] = systems.map((system) => holdersOf(system, this.roles[0]!));
      if (first!.some((holder) => others.every((holders) => holders.includes(holder)))) {
        return severalAnswers(
          this.lang,
          systems.map((system) => this.systemRoles(system, 'description', subject.text)),
        );
      }
    }
    return this.chooseSystem(subject.text, systems);
  }

  /**
   * Systems named within a subject that is no name as a whole: "koordinatoransvar för Skola24" names Skola24,
   * "Procapita IFO och Procapita VoO" both. A name is a run of words with nothing between them, whole; longer
   * names first, left to right; with `typos`, a run may be a misspelt name. A word in no name is said not
   * understood, never made part of one.
   */
  private systemsNamedWithin(subject: QuestionSubject, { typos }: { typos: boolean }): Answer | undefined {
    const { words } = subject;
    if (words.length < 2 || words.length > longestSubjectScanned) return undefined;
    const found: { system: SystemRecord; from: number; to: number; matchedBy: SystemMatch }[] = [];
    const placed = new Set<number>();
    // Names typed right first; once one is found, the runs left may be misspelt names ("Tempus och Speedadmn").
    for (const withTypos of typos ? [true] : [false, true]) {
      if (withTypos && !typos && found.length === 0) break;
      for (let from = 0; from < words.length;) {
        let step = 1;
        for (let length = Math.min(longestNameScanned, words.length - from); length >= 1; length--) {
          const to = from + length - 1;
          // A name covers its run of words whole: "Agresso Fakturering" may be a system of its own.
          if (!coversRuns(subject.runs, from, to) || placed.has(from)) continue;
          // The whole subject was searched as a name already, misspelt or not.
          if (withTypos && from === 0 && to === words.length - 1) continue;
          const system = this.systemNamedBy(words.slice(from, to + 1), withTypos);
          if (!system) continue;
          if (!found.some((earlier) => earlier.system.id === system.system.id))
            found.push({ ...system, from, to });
          for (const i of range(from, to)) placed.add(i);
          step = length;
          break;
        }
        from += step;
      }
    }
    // A listed run that names no system may say what one does: "Unikum and the library system".
    const described: { from: number; answer: Answer }[] = [];
    for (const run of subject.listedRuns) {
      const at = range(0, words.length - 1).filter((i) => subject.runs[i] === run);
      if (at.length === 0 || at.some((i) => placed.has(i))) continue;
      const runSubject = subsetOf(subject, at);
      const readings = [at.map((i) => words[i]!)];
      if (subject.glossedWords) readings.push(at.flatMap((i) => subject.glossedWords![i]!));
      for (const reading of readings) {
        const answer = this.systemsDescribedBy(runSubject, reading);
        if (!answer) continue;
        described.push({ from: at[0]!, answer });
        for (const i of at) placed.add(i);
        break;
      }
    }
    if (found.length === 0 && described.length < 2) return undefined;
    const pieces = [
      ...found.map(({ system, matchedBy, from, to }) => ({
        from,
        answer: this.systemRoles(system, matchedBy, subject.typed.slice(from, to + 1).join(' ')),
      })),
      ...described,
    ].sort((a, b) => a.from - b.from);
    const unplaced = subject.typed.filter((_, i) => !placed.has(i) && !this.isQuiet(words[i]!));
    const parts = pieces.map((piece) => piece.answer);
    if (parts.length === 1 && parts[0]!.kind === 'systemRoles') {
      const only = parts[0]!;
      return unplaced.length > 0 ? { ...only, unplaced: [...new Set(unplaced)].join(' ') } : only;
    }
    return severalAnswers(this.lang, parts, unplaced.length > 0 ? [unplaced.join(' ')] : []);
  }

  /** The one system these words name whole (or misspelt, with `typos`), and how. */
  private systemNamedBy(
    words: readonly string[],
    typos: boolean,
  ): { system: SystemRecord; matchedBy: SystemMatch } | undefined {
    const compactName = words.join('');
    const named = this.index.systemsNamed(compactName);
    if (named.length === 1) return { system: named[0]!, matchedBy: 'name' };
    const aliased = this.index.systemsAliased(compactName);
    if (aliased.length === 1) return { system: aliased[0]!, matchedBy: 'alias' };
    if (!typos || compactName.length < 5) return undefined;
    const found = this.index.findSystems(words);
    if (found.answerable && found.best.length === 1 && found.quality === 'typo') {
      return { system: found.best[0]!, matchedBy: 'typo' };
    }
    return undefined;
  }

  /** Words around a name that need no mention when left over: "system", "programmet". */
  private isQuiet(word: string): boolean {
    return !this.index.hasContentTerms([word]);
  }

  /** Vilka system äger socialnämnden / förvaltar Anna / finns på barn- och utbildningsförvaltningen? */
  private answerAboutSystems(subject: QuestionSubject): Answer {
    const resolved = this.collectionFilter(subject);
    if (resolved.kind === 'answer') return resolved.answer;
    if (resolved.kind === 'filter') return this.list({ ...resolved.filter, ...this.criticalFilter() });
    // "Vilka system har Maria Sundberg och Anna Bergström?": each item of a list on its own.
    const items = this.listItemsOf(subject);
    if (items) return items;
    // "Which systems does the social services have?": the register's Swedish words for the English ones.
    for (const words of subject.glossed ?? []) {
      const glossed = this.collectionFilter(glossedSubject(subject, words));
      if (glossed.kind === 'answer') return glossed.answer;
      if (glossed.kind === 'filter') return this.list({ ...glossed.filter, ...this.criticalFilter() });
    }
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

  /** Each item of a listed subject as a collection of its own, when every item names one; otherwise none. */
  private listItemsOf(subject: QuestionSubject): Answer | undefined {
    if (subject.listedRuns.length < 2) return undefined;
    const answers: Answer[] = [];
    const notUnderstood: string[] = [];
    for (const run of subject.listedRuns) {
      const at = range(0, subject.words.length - 1).filter((i) => subject.runs[i] === run);
      const item = subsetOf(subject, at);
      const resolved = this.collectionFilter(item);
      if (resolved.kind === 'none') {
        notUnderstood.push(item.text);
        continue;
      }
      answers.push(
        resolved.kind === 'answer'
          ? resolved.answer
          : this.list({ ...resolved.filter, ...this.criticalFilter() }),
      );
    }
    if (answers.length === 0) return undefined;
    return severalAnswers(this.lang, answers, notUnderstood);
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

  /** "Vilka system levereras av Visma?": the supplier the subject names, typed whole or found. */
  private supplierFilter(subject: QuestionSubject): SystemFilter | undefined {
    for (const { compact } of subject.exactCandidates) {
      const supplier = this.index.supplierNamed(compact);
      if (supplier !== undefined) return { supplier };
    }
    const found = this.index.findSupplier(subject.words);
    return found.answerable && found.best.length === 1 ? { supplier: found.best[0]! } : undefined;
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

/** Several answers as one, at most `maximumAnswerParts`; one alone is itself. */
function severalAnswers(
  lang: Lang,
  answers: readonly Answer[],
  notUnderstood: readonly string[] = [],
): Answer {
  const parts = answers.flatMap((answer) => (answer.kind === 'several' ? answer.parts : [answer]));
  if (parts.length === 1 && notUnderstood.length === 0) return parts[0]!;
  return {
    kind: 'several',
    lang,
    parts: parts.slice(0, maximumAnswerParts),
    leftOut: parts.slice(maximumAnswerParts).map(describedAs),
    ...(notUnderstood.length > 0 ? { notUnderstood: [...new Set(notUnderstood)] } : {}),
  };
}

/** What an answer is about, as the user typed it or the register names it, to say it was left out. */
function describedAs(answer: Answer): string {
  switch (answer.kind) {
    case 'systemRoles':
      return answer.system.name;
    case 'personSystems':
      return answer.person.name;
    case 'chooseSystem':
    case 'systemNotFound':
    case 'choosePerson':
    case 'personNotFound':
      return answer.query;
    default:
      return '';
  }
}

/** Who holds a role in a system, each as a comparable key (e-mail, or folded name). */
function holdersOf(system: SystemRecord, role: RoleId): string[] {
  if (role === 'owner') return system.owner.trim() === '' ? [] : [system.owner.trim().toLowerCase()];
  const people =
    role === 'responsible'
      ? [system.responsible]
      : role === 'responsibleChief'
        ? [system.responsibleChief]
        : role === 'manager'
          ? system.managers
          : role === 'administrator'
            ? system.administrators
            : system.pilots;
  return people
    .map((person) => person?.email ?? person?.name.trim().toLowerCase() ?? '')
    .filter((key) => key !== '');
}

/** The part of a subject at the given word positions, as a subject of its own. */
function subsetOf(subject: QuestionSubject, at: readonly number[]): QuestionSubject {
  const typed = at.map((i) => subject.typed[i]!);
  return {
    words: at.map((i) => subject.words[i]!),
    typed,
    runs: at.map(() => 0),
    listedRuns: [],
    text: typed.join(' '),
    wordsText: typed.join(' '),
    exactCandidates: [],
  };
}

/** Whether words `from`..`to` are whole runs: none of their run before `from` or after `to`. */
function coversRuns(runs: readonly number[], from: number, to: number): boolean {
  return (
    (from === 0 || runs[from - 1] !== runs[from]) && (to === runs.length - 1 || runs[to + 1] !== runs[to])
  );
}

/** A subject read through the glossary: its words in Swedish, as the register would name the thing. */
function glossedSubject(subject: QuestionSubject, words: readonly string[]): QuestionSubject {
  const text = words.join(' ');
  return {
    words: [...words],
    typed: [...words],
    runs: words.map(() => 0),
    listedRuns: [],
    text: subject.text,
    wordsText: text,
    exactCandidates: [{ compact: words.join(''), roles: [] }],
  };
}

function range(from: number, to: number): number[] {
  const numbers: number[] = [];
  for (let i = from; i <= to; i++) numbers.push(i);
  return numbers;
}

function uniqueById(systems: readonly SystemRecord[]): SystemRecord[] {
  const seen = new Set<string>();
  return systems.filter((system) => !seen.has(system.id) && seen.add(system.id));
}
