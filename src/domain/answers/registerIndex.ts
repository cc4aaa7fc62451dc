import { parseList } from '../register/registerCells';
import { foldHeader } from '../register/registerColumns';
import type { Person, PersonRole, SystemRecord } from '../register/system';
import type { PersonRef, PersonSystem, RoleId, SystemFilter } from './answer';
import { ContentIndex, containsSorted } from './contentIndex';
import { NameIndex, type MatchQuality, type SearchOptions } from './nameIndex';
import { compact, fold, soundKey, stripInflection, tokenize } from './normalize';
import { PrefixIndex } from './prefixIndex';

/**
 * The register prepared for questions: systems, people, departments, units and owners, each behind a name
 * index, plus the words of every description. Built once per register version; every lookup costs about the
 * same whether the register holds fifty systems or fifty thousand.
 */

export interface Found<T> {
  /** The entries tied for the best fit. */
  best: T[];
  quality: MatchQuality | undefined;
  /** The best fit is good enough to be an answer; otherwise it may only be suggested. */
  answerable: boolean;
  /** Close entries, best first, for "did you mean". */
  suggestions: T[];
}

export interface ListedSystems {
  systems: SystemRecord[];
  total: number;
}

interface Holding {
  ordinal: number;
  role: PersonRole;
}

const personRoleOrder: readonly PersonRole[] = [
  'responsible',
  'manager',
  'administrator',
  'pilot',
  'responsibleChief',
];
// People's names are short: allow one error from three letters ("Ana" for "Anna"), two from eight.
const personTypoBudget = (length: number) => (length <= 2 ? 0 : length <= 7 ? 1 : 2);
const maximumSuggestions = 10;

/** Headers of a supplier column, folded as `foldHeader` folds them. */
const supplierHeaders = new Set(['leverantor', 'leverantorer', 'supplier', 'vendor', 'systemleverantor']);

function supplierOf(system: SystemRecord): string[] {
  for (const [header, value] of Object.entries(system.extra)) {
    if (supplierHeaders.has(foldHeader(header))) return parseList(value);
  }
  return [];
}

const collator = new Intl.Collator('sv', { sensitivity: 'base', numeric: true });

/**
 * A name typed whole, definite or not: "IT-avdelningen", "it avdelning" -> "itavdelning". Inflection sits at
 * the end of the last word, so it comes off the compact form as it would off that word.
 */
const looseKey = (text: string) => stripInflection(compact(text));

/** Names of one kind (departments, units, owners), the systems under each, and two indexes to find them. */
interface Collection {
  values: string[];
  systems: Int32Array[];
  names: NameIndex;
  /** Slot by compact name: how a stored filter names it. */
  byKey: Map<string, number>;
  /** Slot by `looseKey`, for a name typed whole in a question. */
  byLooseKey: Map<string, number>;
}

export class RegisterIndex {
  private readonly ordinalById = new Map<string, number>();
  private readonly systemNames: NameIndex;
  /** Names as they sound (`soundKey`), for suggestions when a name is typed as it is said. */
  private readonly systemSounds: NameIndex;
  /** Compact alias -> ordinals of the systems the register gives that other name. */
  private readonly aliases = new Map<string, number[]>();
  private readonly systemPrefixes: PrefixIndex;
  private readonly content: ContentIndex;
  private readonly critical: Int32Array;
  /** Stated as not business critical ("Nej"); a system whose register row says nothing is in neither. */
  private readonly notCritical: Int32Array;

  private readonly people: PersonRef[] = [];
  private readonly personOrdinalByKey = new Map<string, number>();
  private readonly personOrdinalByEmail = new Map<string, number>();
  private readonly holdings: Holding[][] = [];
  private readonly personNames: NameIndex;

  private readonly departments: Collection;
  private readonly units: Collection;
  private readonly owners: Collection;
  private readonly suppliers: Collection;

  private constructor(private readonly ordered: readonly SystemRecord[]) {
    ordered.forEach((system, ordinal) => this.ordinalById.set(system.id, ordinal));
    this.systemNames = NameIndex.build(ordered.map((system) => system.name));
    this.systemSounds = NameIndex.build(
      ordered.map((system) => tokenize(system.name).map(soundKey).join(' ')),
    );
    ordered.forEach((system, ordinal) => {
      for (const alias of system.aliases ?? []) {
        const key = compact(alias);
        if (key === '') continue;
        const ordinals = this.aliases.get(key) ?? [];
        if (!ordinals.includes(ordinal)) ordinals.push(ordinal);
        this.aliases.set(key, ordinals);
      }
    });
    this.systemPrefixes = PrefixIndex.build(ordered.map((system) => system.name));
    this.content = ContentIndex.build(ordered);
    this.critical = Int32Array.from(
      ordered.flatMap((system, ordinal) => (system.businessCritical ? [ordinal] : [])),
    );
    this.notCritical = Int32Array.from(
      ordered.flatMap((system, ordinal) => (system.businessCritical === false ? [ordinal] : [])),
    );

    this.collectPeople();
    // A person known only by address is matched by its local part: "anna.berg@kommun.se" -> "anna berg".
    this.personNames = NameIndex.build(
      this.people.map((person) => (person.name.includes('@') ? person.name.split('@')[0]! : person.name)),
      { typoBudget: personTypoBudget },
    );

    this.departments = this.collect((system) => system.departments);
    // Avdelning: one per system, and may be empty (registers without the column).
    this.units = this.collect((system) => (system.unit ? [system.unit] : []));
    this.owners = this.collect((system) => [system.owner]);
    // Leverantör is no field of its own: a column kept as an extra fact, found by its header.
    this.suppliers = this.collect((system) => supplierOf(system));
  }

  /** Indexes a register. The systems are kept in name order, which is the order every list is given in. */
  static build(systems: readonly SystemRecord[]): RegisterIndex {
    const ordered = [...systems].sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
    return new RegisterIndex(ordered);
  }

  get systemCount(): number {
    return this.ordered.length;
  }

  get personCount(): number {
    return this.people.length;
  }

  systemById(id: string): SystemRecord | undefined {
    const ordinal = this.ordinalById.get(id);
    return ordinal === undefined ? undefined : this.ordered[ordinal];
  }

  /** Systems by name: words already folded and stripped of question words. */
  findSystems(words: readonly string[]): Found<SystemRecord> {
    const found = this.systemNames.search(words);
    return {
      best: found.best.map((ordinal) => this.ordered[ordinal]!),
      quality: found.quality,
      answerable: found.answerable,
      suggestions: found.suggestions.slice(0, maximumSuggestions).map((ordinal) => this.ordered[ordinal]!),
    };
  }

  /**
   * Systems whose names sound like the words, for suggestions: "skolsoft" -> Schoolsoft, "intrabok" ->
   * Interbook Go. Closest first, at most `maximumSuggestions`.
   */
  findSystemsSoundingLike(words: readonly string[]): SystemRecord[] {
    const found = this.systemSounds.search(words.map(soundKey));
    return found.suggestions.slice(0, maximumSuggestions).map((ordinal) => this.ordered[ordinal]!);
  }

  /** Systems whose whole name has this compact form ("office365" for "Office 365"). */
  systemsNamed(compactName: string): SystemRecord[] {
    return this.systemNames.exact(compactName).map((ordinal) => this.ordered[ordinal]!);
  }

  /** Systems the register gives this other name, typed whole ("ad" -> Active Directory); compact like names. */
  systemsAliased(compactName: string): SystemRecord[] {
    return (this.aliases.get(compactName) ?? []).map((ordinal) => this.ordered[ordinal]!);
  }

  /**
   * Systems whose name begins with the text, or whose name from one of its words on does, for search as you
   * type: "w3" -> W3D3, "vi" -> Viva, Visma Window, Visma Personec, "pers" -> Visma Personec, "office-3" ->
   * Office 365. Folded like every name (case, accents, spaces and hyphens do not matter). Best first: names
   * that begin with the text before names with a word that does, then shorter names, then name order. At
   * most `limit`; the cost grows with `limit`, not with the register.
   */
  systemsWithPrefix(text: string, limit: number): SystemRecord[] {
    return this.systemPrefixes.withPrefix(text, limit).map((ordinal) => this.ordered[ordinal]!);
  }

  /**
   * Systems whose name or description holds every one of the words (compounds split): the first `limit`
   * in name order, and how many in all.
   */
  findSystemsByWords(words: readonly string[], limit = 25): ListedSystems {
    const ordinals = this.wordOrdinals(words);
    const systems: SystemRecord[] = [];
    for (let i = 0; i < ordinals.length && i < limit; i++) systems.push(this.ordered[ordinals[i]!]!);
    return { systems, total: ordinals.length };
  }

  /**
   * The systems a question describes by what they do ("vem förvaltar ekonomisystemet"): of those holding every
   * word, the ones whose descriptions hold the most of the words whole rather than as a part of a compound or
   * only in the name. The first `limit` in name order, and how many in all.
   */
  findSystemsDescribedBy(words: readonly string[], limit: number): ListedSystems {
    const ordinals = this.content.entriesDescribedBy(words);
    const systems: SystemRecord[] = [];
    for (let i = 0; i < ordinals.length && i < limit; i++) systems.push(this.ordered[ordinals[i]!]!);
    return { systems, total: ordinals.length };
  }

  /** True when the words say something a description could match (not only "system", "programmet"). */
  hasContentTerms(words: readonly string[]): boolean {
    return words.some((word) => this.content.termsOf(word).length > 0);
  }

  findPeople(words: readonly string[], options?: SearchOptions): Found<PersonRef> {
    const found = this.personNames.search(words, options);
    return {
      best: found.best
        .map((ordinal) => this.people[ordinal]!)
        .sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1)),
      quality: found.quality,
      answerable: found.answerable,
      suggestions: found.suggestions.slice(0, maximumSuggestions).map((ordinal) => this.people[ordinal]!),
    };
  }

  personByEmail(email: string): PersonRef | undefined {
    const ordinal = this.personOrdinalByEmail.get(email.trim().toLowerCase());
    return ordinal === undefined ? undefined : this.people[ordinal];
  }

  personByKey(key: string): PersonRef | undefined {
    const ordinal = this.personOrdinalByKey.get(key);
    return ordinal === undefined ? undefined : this.people[ordinal];
  }

  /** The systems where a person holds `role` (any role when absent), in name order, with their roles there. */
  systemsOf(personKey: string, role?: RoleId): PersonSystem[] {
    const ordinal = this.personOrdinalByKey.get(personKey);
    if (ordinal === undefined) return [];
    const rolesByOrdinal = new Map<number, RoleId[]>();
    for (const holding of this.holdings[ordinal]!) {
      const roles = rolesByOrdinal.get(holding.ordinal);
      if (roles) {
        if (!roles.includes(holding.role)) roles.push(holding.role);
      } else rolesByOrdinal.set(holding.ordinal, [holding.role]);
    }
    return [...rolesByOrdinal.entries()]
      .filter(([, roles]) => role === undefined || roles.includes(role))
      .sort((a, b) => a[0] - b[0])
      .map(([systemOrdinal, roles]) => ({
        system: this.ordered[systemOrdinal]!,
        roles: personRoleOrder.filter((candidate) => roles.includes(candidate)),
      }));
  }

  /** The department (förvaltning) the words name, as the register spells it. */
  findDepartment(words: readonly string[], options?: SearchOptions): Found<string> {
    return this.findIn(this.departments, words, options);
  }

  /** The unit (avdelning) the words name, as the register spells it. */
  findUnit(words: readonly string[], options?: SearchOptions): Found<string> {
    return this.findIn(this.units, words, options);
  }

  /** The owning organisation the words name, as the register spells it. */
  findOwner(words: readonly string[], options?: SearchOptions): Found<string> {
    return this.findIn(this.owners, words, options);
  }

  /** The supplier (leverantör) the words name, as the register spells it; none when it has no such column. */
  findSupplier(words: readonly string[], options?: SearchOptions): Found<string> {
    return this.findIn(this.suppliers, words, options);
  }

  /** The supplier whose whole name has this compact form, as the register spells it. */
  supplierNamed(compactName: string): string | undefined {
    return this.namedIn(this.suppliers, compactName);
  }

  /** The department whose whole name has this compact form, definite or not, as the register spells it. */
  departmentNamed(compactName: string): string | undefined {
    return this.namedIn(this.departments, compactName);
  }

  /** The unit whose whole name has this compact form, definite or not ("itavdelning" -> "IT-avdelningen"). */
  unitNamed(compactName: string): string | undefined {
    return this.namedIn(this.units, compactName);
  }

  /** The owner whose whole name has this compact form, definite or not, as the register spells it. */
  ownerNamed(compactName: string): string | undefined {
    return this.namedIn(this.owners, compactName);
  }

  /**
   * The systems a filter selects, in name order: the first `limit` and how many in all. Starts from the
   * smallest of the filter's sets, so a list costs what its shortest part holds, not the register's size.
   */
  list(filter: SystemFilter, limit: number): ListedSystems {
    const sets: Int32Array[] = [];
    if (filter.department !== undefined) sets.push(this.systemsIn(this.departments, filter.department));
    if (filter.unit !== undefined) sets.push(this.systemsIn(this.units, filter.unit));
    if (filter.owner !== undefined) sets.push(this.systemsIn(this.owners, filter.owner));
    if (filter.supplier !== undefined) sets.push(this.systemsIn(this.suppliers, filter.supplier));
    if (filter.businessCritical === true) sets.push(this.critical);
    if (filter.businessCritical === false) sets.push(this.notCritical);
    if (filter.words !== undefined) sets.push(this.wordOrdinals(tokenize(filter.words)));
    if (filter.person) sets.push(this.personOrdinals(filter.person.key, filter.role));

    const systems: SystemRecord[] = [];
    if (sets.length === 0) {
      return { systems: this.ordered.slice(0, limit), total: this.ordered.length };
    }
    sets.sort((a, b) => a.length - b.length);
    const [smallest, ...others] = sets as [Int32Array, ...Int32Array[]];
    if (others.length === 0) {
      const shown = smallest.subarray(0, limit);
      return { systems: Array.from(shown, (ordinal) => this.ordered[ordinal]!), total: smallest.length };
    }
    let total = 0;
    for (const ordinal of smallest) {
      if (!others.every((set) => containsSorted(set, ordinal))) continue;
      total++;
      if (systems.length < limit) systems.push(this.ordered[ordinal]!);
    }
    return { systems, total };
  }

  private wordOrdinals(words: readonly string[]): Int32Array {
    const terms = words.flatMap((word) => this.content.termsOf(word));
    return this.content.entriesWithAll(terms);
  }

  private personOrdinals(personKey: string, role?: RoleId): Int32Array {
    const ordinal = this.personOrdinalByKey.get(personKey);
    if (ordinal === undefined) return new Int32Array(0);
    const ordinals = this.holdings[ordinal]!.filter(
      (holding) => role === undefined || holding.role === role,
    ).map((holding) => holding.ordinal);
    return Int32Array.from(new Set(ordinals)).sort();
  }

  private systemsIn(collection: Collection, name: string): Int32Array {
    const slot = collection.byKey.get(compact(name));
    return slot === undefined ? new Int32Array(0) : collection.systems[slot]!;
  }

  private namedIn(collection: Collection, compactName: string): string | undefined {
    const slot = collection.byLooseKey.get(stripInflection(compactName));
    return slot === undefined ? undefined : collection.values[slot];
  }

  private findIn(collection: Collection, words: readonly string[], options?: SearchOptions): Found<string> {
    const found = collection.names.search(words, options);
    return {
      best: found.best.map((slot) => collection.values[slot]!),
      quality: found.quality,
      answerable: found.answerable,
      suggestions: found.suggestions.slice(0, maximumSuggestions).map((slot) => collection.values[slot]!),
    };
  }

  /** Groups systems by a text field (departments, unit, owner); a name's first spelling is the one kept. */
  private collect(valuesOf: (system: SystemRecord) => string[]): Collection {
    const values: string[] = [];
    const byKey = new Map<string, number>();
    const byLooseKey = new Map<string, number>();
    const lists: number[][] = [];
    this.ordered.forEach((system, ordinal) => {
      for (const value of valuesOf(system)) {
        const key = compact(value);
        if (key === '') continue;
        let slot = byKey.get(key);
        if (slot === undefined) {
          slot = values.length;
          values.push(value.trim());
          byKey.set(key, slot);
          if (!byLooseKey.has(looseKey(value))) byLooseKey.set(looseKey(value), slot);
          lists.push([]);
        }
        const list = lists[slot]!;
        if (list[list.length - 1] !== ordinal) list.push(ordinal);
      }
    });
    return {
      values,
      systems: lists.map((list) => Int32Array.from(list)),
      names: NameIndex.build(values),
      byKey,
      byLooseKey,
    };
  }

  /**
   * One person per e-mail address. A name given without an address joins the one person of that name who has
   * one; otherwise the folded name is the person.
   */
  private collectPeople(): void {
    const named: [Person, PersonRole, number][] = [];
    this.ordered.forEach((system, ordinal) => {
      const add = (person: Person | undefined, role: PersonRole) => {
        if (person && (person.name.trim() !== '' || person.email)) named.push([person, role, ordinal]);
      };
      add(system.responsible, 'responsible');
      system.managers.forEach((person) => add(person, 'manager'));
      system.administrators.forEach((person) => add(person, 'administrator'));
      system.pilots.forEach((person) => add(person, 'pilot'));
      add(system.responsibleChief, 'responsibleChief');
    });

    const emailKeysByName = new Map<string, Set<string>>();
    for (const [person] of named) {
      if (!person.email) continue;
      const email = person.email.trim().toLowerCase();
      this.personFor(email, person.name.trim(), email);
      const name = fold(person.name);
      if (name === '') continue;
      const keys = emailKeysByName.get(name) ?? new Set<string>();
      keys.add(email);
      emailKeysByName.set(name, keys);
    }
    for (const [person, role, ordinal] of named) {
      let key: string;
      if (person.email) key = person.email.trim().toLowerCase();
      else {
        const name = fold(person.name);
        const emailKeys = emailKeysByName.get(name);
        key = emailKeys && emailKeys.size === 1 ? [...emailKeys][0]! : `name:${name}`;
        this.personFor(key, person.name.trim(), undefined);
      }
      this.holdings[this.personOrdinalByKey.get(key)!]!.push({ ordinal, role });
    }
  }

  private personFor(key: string, name: string, email: string | undefined): void {
    if (this.personOrdinalByKey.has(key)) return;
    const ordinal = this.people.length;
    const displayName = name !== '' ? name : (email ?? key);
    this.people.push(email ? { key, name: displayName, email } : { key, name: displayName });
    this.personOrdinalByKey.set(key, ordinal);
    if (email) this.personOrdinalByEmail.set(email, ordinal);
    this.holdings.push([]);
  }
}
