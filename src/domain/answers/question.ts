import type { Lang, RoleId } from './answer';
import {
  courtesyWords,
  englishWords,
  haveWords,
  builtInLexicon,
  supplierWords,
  listWords,
  negations,
  possessiveWords,
  swedishWords,
  type Cue,
  type Lexicon,
} from './lexicon';
import { boundedEditDistance } from './fuzzy';
import { fold } from './normalize';

/**
 * Reads a question as tokens and a small grammar of cue words: question words (vem, vilka, vad / who, which,
 * what), role words (äger, systemförvaltare, manages ...), list words (verksamhetskritiska, av dem) and filler.
 * What is left is the subject: a system, a person, a department, an owner or words of a description. Which
 * one it is, the register decides (see answerQuestion); the parser only says which direction is asked.
 */

/** A stretch of the question that may be a name typed whole, and what the question asks if it is. */
export interface ExactCandidate {
  /** The stretch's compact form ("speedadmin"). */
  compact: string;
  /** The roles the rest of the question asks, in order: a role word inside the name asks nothing. */
  roles: RoleId[];
}

export interface QuestionSubject {
  /** The subject's words, folded, without question words or filler: ["visma", "window"]. */
  words: string[];
  /** Each of `words` as typed ("Bibliotekets" for "bibliotekets"), to name a word the bot did not place. */
  typed: string[];
  /**
   * For each of `words`, which run of words it stands in: words with nothing between them share a run, so
   * "Agresso Fakturering" is one run (maybe one name) and "ansvaret för Skola24" is not.
   */
  runs: number[];
  /** The runs that are items of a list, on either side of "och", "and" or a comma: "lönen och biblioteket". */
  listedRuns: number[];
  /** The subject as typed, for "no system called ..." answers. */
  text: string;
  /**
   * The subject's words as typed, without the filler between them ("bokning idrottshallar" for "bokning av
   * idrottshallar"): what to match against descriptions, which would not find the filler.
   */
  wordsText: string;
  /**
   * The subject with the filler and role words around it, longest first, for an exact name check before any
   * of them is dropped: a system may be called something that reads like filler or a role ("Speedadmin"
   * typed "speed admin").
   */
  exactCandidates: ExactCandidate[];
  /**
   * The subject's words with English municipal terms put in Swedish through the glossary ("payroll" ->
   * "lon"), one reading per Swedish alternative, likeliest first; absent when the glossary knows none of them.
   */
  glossed?: string[][];
  /** With `glossed`: each of `words` in Swedish (the likeliest reading), empty for the later words of a term. */
  glossedWords?: string[][];
}

/** A further clause with a subject of its own: "... och vem förvaltar Tempus?". */
export interface FurtherQuestion {
  subject: QuestionSubject;
  /** The roles that clause asks; empty means every role. */
  roles: RoleId[];
  direction: ParsedQuestion['direction'];
}

export interface ParsedQuestion {
  lang: Lang;
  intent: 'help' | 'thanks' | 'roleDefinition' | 'ask';
  /** Roles asked, in the order asked, each once. */
  roles: RoleId[];
  /** 'people': who holds roles in something; 'systems': which systems match; 'any': not said. */
  direction: 'people' | 'systems' | 'any';
  subject: QuestionSubject | undefined;
  emails: string[];
  businessCritical: boolean;
  /** "vilka system är inte verksamhetskritiska": with businessCritical, the systems stated not to be. */
  notCritical: boolean;
  /** "vilka av dem ..." builds on the previous list. */
  followUp: boolean;
  /** "vilka är mina system", "vad förvaltar jag", "which systems do I own": about whoever asks. */
  aboutAsker: boolean;
  /** A word of the supplier column is asked about ("levereras av", "supplier"). */
  asksSupplier: boolean;
  /** Clauses after the one `subject` comes from that ask about something else, in the order asked. */
  further: FurtherQuestion[];
}

interface Token {
  raw: string;
  word: string;
  start: number;
  end: number;
  cue: Cue | undefined;
  /** Swedish readings of an English term that starts here, and how many tokens the term takes. */
  gloss?: { swedish: readonly (readonly string[])[]; length: number };
  /** A sentence or clause ends after this token (".", ",", "?", ";", "!"). */
  boundaryAfter: boolean;
  /** Written with a hyphen and no space before the next token: "IT-avdelningen". */
  hyphenAfter: boolean;
}

const emailPattern = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[^\s<>()[\]"',;:?!]+/gu;
const hyphens = '-‐‑–';
const wordCharacter = /[\p{L}\p{N}]/u;
const clausePunctuation = '.,;:?!';

/**
 * Reads a question. The rules, in order: words typed together with a question word are parted ("vemförvaltar");
 * cue words and phrases are marked, longest first; a word the grammar does not know but that is a form or a
 * misspelling of a role noun asks that role ("systemansvaret", "systemförvaltre"); English municipal terms get
 * their Swedish readings. The clause that asks holds the subject; later clauses that ask about something else
 * are further questions.
 */
export function parseQuestion(text: string, lexicon: Lexicon = builtInLexicon): ParsedQuestion {
  // Most questions hold no address: the pattern needs an "@", so without one there is nothing to look for.
  const hasAt = text.includes('@');
  const emails = hasAt
    ? [...text.matchAll(emailPattern)].map((match) => match[0].replace(/[.]+$/, '').toLowerCase())
    : [];
  const withoutEmails = hasAt ? text.replace(emailPattern, (email) => ' '.repeat(email.length)) : text;
  const tokens = partRunTogetherQuestionWords(tokensOf(withoutEmails), lexicon);
  markCues(tokens, lexicon);
  markRoleForms(tokens, lexicon);
  markGlossary(tokens, lexicon);
  const notCritical = takeNegatedCritical(tokens);
  keepNamePartsOutOfFiller(tokens, /\p{Ll}/u.test(withoutEmails), lexicon);
  const lang = languageOf(tokens);

  const cues = new CueTypes(tokens);
  const clauses = splitClauses(tokens);
  const roles = rolesIn(tokens);
  // "God morgon! Vem äger Tempus?": the clause that asks holds the subject, not a greeting before it. Without
  // one ("jag har problem med Tempus, vem ska jag ringa?"), the first clause with content words does.
  const subjectClause =
    clauses.find((clause) => clause.some(isContent) && clause.some(asks)) ??
    clauses.find((clause) => clause.some(isContent));
  const subject = subjectClause
    ? subjectOf(subjectClause, withoutEmails, tokens)
    : looseSubject(clauses[clauses.length - 1] ?? [], withoutEmails, tokens);
  const hasContent = subject !== undefined && subject.words.length > 0;
  const further = clauses
    .filter((clause) => clause !== subjectClause && clause.some(isContent) && clause.some(asks))
    .map((clause) => ({
      subject: subjectOf(clause, withoutEmails, tokens),
      roles: rolesIn(clause),
      direction: directionOf(clause, clause),
    }));

  const asksForSystems = asksWhichSystems(tokens);
  const followUp = cues.has('followUp');
  const businessCritical = cues.has('critical');
  // With further questions, each clause says its own direction: "vem äger W3D3 och vilka system har Erik?".
  const direction =
    further.length > 0 && subjectClause
      ? directionOf(subjectClause, subjectClause)
      : directionOf(tokens, subjectClause);

  const facts: QuestionFacts = {
    cues,
    roles,
    direction,
    subject,
    emails,
    hasContent,
    listAsked: followUp || businessCritical || asksForSystems,
    empty: tokens.length === 0,
    refersToAsker: refersToAsker(tokens, lang, roles.length > 0),
  };
  const intent = intentOf(facts);
  const aboutAsker = asksAboutAsker(facts, intent, followUp);
  return {
    lang,
    intent: aboutAsker ? 'ask' : intent,
    roles,
    direction,
    subject,
    emails,
    businessCritical,
    notCritical,
    followUp,
    aboutAsker,
    asksSupplier: tokens.some((token) => suppliers.has(token.word)),
    further,
  };
}

const suppliers = new Set(supplierWords);

/** What the parser decides the intent from. */
interface QuestionFacts {
  cues: CueTypes;
  roles: readonly RoleId[];
  direction: ParsedQuestion['direction'];
  subject: QuestionSubject | undefined;
  emails: readonly string[];
  hasContent: boolean;
  /** A list is asked: "vilka system", a follow-up, the business-critical ones. */
  listAsked: boolean;
  empty: boolean;
  refersToAsker: boolean;
}

/**
 * What a message is for, the first rule that holds:
 * 1. thanks: a thanks word and nothing that asks ("tack för hjälpen");
 * 2. a role's meaning: roles, nothing named, no "who", and a what or definition word ("vad gör en förvaltare");
 * 3. help: nothing named or asked, and empty, a help word or a greeting ("hej", "hjälp");
 * 4. otherwise a question for the register.
 */
function intentOf(facts: QuestionFacts): ParsedQuestion['intent'] {
  const { cues, roles, subject, emails } = facts;
  if (isThanks(cues, roles, subject, emails)) return 'thanks';
  if (facts.hasContent || emails.length > 0) return 'ask';
  const asksMeaning = cues.has('what') || cues.has('definition');
  if (roles.length > 0 && facts.direction !== 'systems' && !cues.has('who') && asksMeaning) {
    return 'roleDefinition';
  }
  const greetsOrAsksHelp = facts.empty || cues.has('help') || cues.has('greeting');
  if (roles.length === 0 && !facts.listAsked && greetsOrAsksHelp) return 'help';
  return 'ask';
}

/**
 * About the asker: nothing named, no follow-up, and the asker's own ("mina system", "vad förvaltar jag"). Then the
 * question is about a person even where it would read as a role's meaning ("vad är jag ansvarig för?").
 */
function asksAboutAsker(facts: QuestionFacts, intent: ParsedQuestion['intent'], followUp: boolean): boolean {
  return (
    intent !== 'thanks' && !facts.hasContent && facts.emails.length === 0 && !followUp && facts.refersToAsker
  );
}

/**
 * Which way the tokens ask: for systems (a list, a follow-up, "vilka system", "what does X manage"), for
 * people (a who or which word, a role), or not said.
 */
function directionOf(
  tokens: readonly Token[],
  subjectClause: readonly Token[] | undefined,
): ParsedQuestion['direction'] {
  const cues = new CueTypes(tokens);
  if (cues.has('followUp') || cues.has('critical') || asksWhichSystems(tokens) || cues.has('department'))
    return 'systems';
  if (
    cues.has('what') &&
    !cues.has('who') &&
    (cues.roleVerb || (subjectClause !== undefined && roleFollowsContent(subjectClause)))
  )
    return 'systems';
  if (cues.has('who') || cues.has('which') || rolesIn(tokens).length > 0) return 'people';
  return 'any';
}

/** Question words that people type together with the next word: "vemförvaltar", "whoowns". */
const runTogetherCues = new Set<CueType>(['who', 'which', 'what']);

/** Short verbs typed onto a question word: "vemär", "whois", "vemhar". */
const runTogetherVerbs = new Set(['ar', 'is', 'har', 'has', 'kan', 'ska']);

/**
 * "vemförvaltar unikum": a word the grammar does not know, made of a question word and a role word (or a
 * short verb), is the two words. Only those: a name that merely begins like a question word ("Vemsa") is left
 * whole.
 */
function partRunTogetherQuestionWords(tokens: Token[], lexicon: Lexicon): Token[] {
  if (!tokens.some((token) => token.word.length >= 5 && !lexicon.cues.has(token.word))) return tokens;
  const parted: Token[] = [];
  for (const token of tokens) {
    const split = lexicon.cues.has(token.word) ? undefined : questionWordSplit(token.word, lexicon);
    if (split === undefined) parted.push(token);
    else {
      parted.push({ ...token, word: token.word.slice(0, split), boundaryAfter: false, hyphenAfter: false });
      parted.push({ ...token, word: token.word.slice(split) });
    }
  }
  return parted;
}

function questionWordSplit(word: string, lexicon: Lexicon): number | undefined {
  for (let at = 2; at <= Math.min(5, word.length - 2); at++) {
    const head = lexicon.cues.get(word.slice(0, at));
    if (head === undefined || !runTogetherCues.has(head.type)) continue;
    const rest = word.slice(at);
    if (lexicon.cues.get(rest)?.type === 'role' || runTogetherVerbs.has(rest)) return at;
  }
  return undefined;
}

/**
 * A word the grammar does not know that is a form of a role noun by its beginning ("systemansvaret",
 * "systemägarskapet") or a role word with one typing error ("systemförvaltre"; two in a long "system..." word)
 * asks for that role. Such a word is never a name's part: "Vem har systemansvaret för Skola24?" is about Skola24.
 */
function markRoleForms(tokens: Token[], lexicon: Lexicon): void {
  for (const token of tokens) {
    if (token.cue !== undefined || token.word.length < 8 || /[0-9]/.test(token.word)) continue;
    const cue = roleFormOf(token.word, lexicon);
    if (cue) token.cue = cue;
  }
}

function roleFormOf(word: string, lexicon: Lexicon): Cue | undefined {
  for (const [stem, role] of lexicon.roleStems) {
    if (word.startsWith(stem)) return { type: 'role', role, form: 'noun' };
  }
  const budget = word.length >= 12 && word.startsWith('system') ? 2 : 1;
  let best: Cue | undefined;
  let bestDistance = budget + 1;
  for (const [candidate, cue] of lexicon.typoTolerantRoleWords) {
    const distance = boundedEditDistance(word, candidate, Math.min(budget, bestDistance - 1));
    if (distance < bestDistance && (distance <= 1 || candidate.startsWith('system'))) {
      best = cue;
      bestDistance = distance;
      if (distance <= 1) break;
    }
  }
  return best;
}

/** English municipal terms among the words nothing else claimed, longest phrase first ("home care"). */
function markGlossary(tokens: Token[], lexicon: Lexicon): void {
  if (lexicon.glossary.size === 0) return;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.cue !== undefined) continue;
    const longest = Math.min(lexicon.longestGlossaryFrom.get(tokens[i]!.word) ?? 0, tokens.length - i);
    for (let length = longest; length >= 1; length--) {
      let phrase = tokens[i]!.word;
      for (let k = 1; k < length; k++) phrase += ' ' + tokens[i + k]!.word;
      // An English plural the glossary has in the singular: "safety alarms", "libraries" stay as they are.
      const swedish =
        lexicon.glossary.get(phrase) ??
        (phrase.endsWith('s') ? lexicon.glossary.get(phrase.slice(0, -1)) : undefined);
      if (!swedish) continue;
      tokens[i]!.gloss = { swedish, length };
      i += length - 1;
      break;
    }
  }
}

/**
 * "Vilka system är inte verksamhetskritiska?", "which are not business critical", "non-critical": a negation
 * up to two words before a critical word. The negation is then part of that cue, not a word of the subject.
 */
function takeNegatedCritical(tokens: Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.cue?.type !== 'critical') continue;
    for (let back = i - 1; back >= Math.max(0, i - 2); back--) {
      const token = tokens[back]!;
      if (negations.has(token.word)) {
        token.cue = { type: 'stop' };
        return true;
      }
      if (token.cue === undefined) break;
    }
  }
  return false;
}

/**
 * Whether the asker means themselves: a possessive ("mina system"), or "jag" / "I" holding a role or having
 * systems ("vad förvaltar jag", "vilka system har jag"). Otherwise a pronoun is only a way of asking: "kan jag
 * få en lista på alla system", "ge mig", "show me" (object forms never count). In Swedish "i" means in.
 */
function refersToAsker(tokens: readonly Token[], lang: Lang, asksRole: boolean): boolean {
  let pronoun = false;
  let have = false;
  for (const token of tokens) {
    if (possessiveWords.has(token.word)) return true;
    if (token.word === 'jag' || (lang === 'en' && token.word === 'i')) pronoun = true;
    if (haveWords.has(token.word)) have = true;
  }
  return pronoun && (asksRole || have);
}

/**
 * "tack!", "tack för hjälpen", "great, thanks": thanks and nothing else. Not a thanks with a question in it
 * ("tack, vem äger Agresso?"), nor a name with a "tack", which in Swedish also means please ("Visma Window,
 * tack"), nor "hjälp, tack" (help, please).
 */
function isThanks(
  cues: CueTypes,
  roles: readonly RoleId[],
  subject: QuestionSubject | undefined,
  emails: readonly string[],
): boolean {
  if (!cues.has('thanks') || roles.length > 0 || emails.length > 0) return false;
  for (const type of questionCues) if (cues.has(type)) return false;
  return subject === undefined || subject.words.every((word) => courtesyWords.has(word));
}

const questionCues: readonly CueType[] = [
  'who',
  'which',
  'what',
  'systems',
  'critical',
  'followUp',
  'department',
  'help',
  'definition',
];

type CueType = Cue['type'];

/** The kinds of cue a question holds, and whether a role is asked as a verb ("förvaltar", "owns"). */
class CueTypes {
  private readonly present = new Set<CueType>();
  roleVerb = false;

  constructor(tokens: readonly Token[]) {
    for (const token of tokens) {
      const cue = token.cue;
      if (!cue) continue;
      this.present.add(cue.type);
      if (cue.type === 'role' && cue.form === 'verb') this.roleVerb = true;
    }
  }

  has(type: CueType): boolean {
    return this.present.has(type);
  }
}

/**
 * "Vilka system ...", "what applications ...", "visa alla system": a which or what word, or a list word, with a
 * systems word within three after. "Systems owned by Socialnämnden", "system som förvaltas av Anna": a systems
 * word with a role verb next after the filler.
 */
function asksWhichSystems(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.cue?.type;
    if (type === 'systems' && roleVerbNext(tokens, i + 1)) return true;
    if (type !== 'which' && type !== 'what' && !listWords.has(token.word)) continue;
    for (let next = i + 1; next < i + 4 && next < tokens.length; next++) {
      if (tokens[next]!.cue?.type === 'systems') return true;
    }
  }
  return false;
}

function roleVerbNext(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const cue = tokens[i]!.cue;
    if (cue?.type === 'stop') continue;
    return cue?.type === 'role' && cue.form === 'verb';
  }
  return false;
}

/** Roles asked by the tokens, in the order asked, each once. */
function rolesIn(tokens: Iterable<Token>): RoleId[] {
  const roles: RoleId[] = [];
  for (const token of tokens) {
    if (token.cue?.type === 'role' && !roles.includes(token.cue.role)) roles.push(token.cue.role);
  }
  return roles;
}

/** How a character below `classifiedLimit` reads: part of a word, clause punctuation, or neither. */
const classifiedLimit = 0x300;
const wordChar = 1;
const punctuationChar = 2;
const characterClass = new Uint8Array(classifiedLimit);
for (let code = 0; code < classifiedLimit; code++) {
  const character = String.fromCharCode(code);
  if (wordCharacter.test(character)) characterClass[code] = wordChar;
  else if (clausePunctuation.includes(character)) characterClass[code] = punctuationChar;
}

/** Whether the code point at `i` is a letter or digit, and how many code units it takes (0 when it is not). */
function wordCharacterLength(text: string, i: number): number {
  if (i >= text.length) return 0;
  const code = text.charCodeAt(i);
  if (code < classifiedLimit) return characterClass[code] === wordChar ? 1 : 0;
  const point = text.codePointAt(i)!;
  if (!wordCharacter.test(String.fromCodePoint(point))) return 0;
  return point > 0xffff ? 2 : 1;
}

/**
 * The words of the text (runs of letters and digits, folded; a run folding to several words gives each) with
 * where they stand, and which ones a clause ends after. One scan, no regular expression per character.
 */
function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < classifiedLimit && characterClass[code] === punctuationChar) {
      const last = tokens[tokens.length - 1];
      if (last) last.boundaryAfter = true;
      i++;
      continue;
    }
    const first = wordCharacterLength(text, i);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    i += first;
    for (let next = wordCharacterLength(text, i); next > 0; next = wordCharacterLength(text, i)) i += next;
    pushWords(tokens, text, start, i);
  }
  return tokens;
}

function pushWords(tokens: Token[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const hyphenAfter = hyphens.includes(text[end] ?? '') && wordCharacter.test(text[end + 1] ?? '');
  const folded = fold(raw);
  if (folded === '') return;
  const words = folded.includes(' ') ? folded.split(' ') : [folded];
  for (const word of words) {
    tokens.push({ raw, word, start, end, cue: undefined, boundaryAfter: false, hyphenAfter });
  }
}

/**
 * Filler words that are really part of a name: one hyphen-joined to a name word ("IT-avdelningen", "A-kassan")
 * is a part of that compound, and one typed in capitals in a question that is not all capitals is an
 * abbreviation ("IT"), not the pronoun "it". Only single filler words: a phrase's words keep its cue.
 */
function keepNamePartsOutOfFiller(tokens: Token[], hasLowerCase: boolean, lexicon: Lexicon): void {
  const isSingleStopWord = (token: Token) =>
    token.cue?.type === 'stop' && lexicon.cues.get(token.word)?.type === 'stop';
  const abbreviation = (token: Token) => hasLowerCase && /^\p{Lu}{2,}$/u.test(token.raw);
  const hyphenJoinedToName = (i: number) =>
    (tokens[i]!.hyphenAfter && tokens[i + 1]?.cue === undefined) ||
    (tokens[i - 1]?.hyphenAfter === true && tokens[i - 1]!.cue === undefined);
  // Right to left, so a chain ("e-tjänst-portalen") is taken in from the name word at its end.
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (isSingleStopWord(token) && (abbreviation(token) || hyphenJoinedToName(i))) token.cue = undefined;
  }
}

/** Gives each token its cue, longest phrase first; the later words of a phrase become filler. */
function markCues(tokens: Token[], lexicon: Lexicon): void {
  for (let i = 0; i < tokens.length; i++) {
    const longest = Math.min(lexicon.longestPhraseFrom.get(tokens[i]!.word) ?? 1, tokens.length - i);
    for (let length = longest; length >= 1; length--) {
      let phrase = tokens[i]!.word;
      for (let k = 1; k < length; k++) phrase += ' ' + tokens[i + k]!.word;
      const cue = lexicon.cues.get(phrase);
      if (!cue) continue;
      tokens[i]!.cue = cue;
      for (let k = 1; k < length; k++) tokens[i + k]!.cue = { type: 'stop' };
      i += length - 1;
      break;
    }
  }
}

function languageOf(tokens: readonly Token[]): Lang {
  let english = 0;
  let swedish = 0;
  for (const token of tokens) {
    if (/[åäö]/i.test(token.raw)) swedish++;
    else if (swedishWords.has(token.word)) swedish++;
    else if (englishWords.has(token.word)) english++;
  }
  return english > swedish ? 'en' : 'sv';
}

/**
 * "Vem äger X och vem är systemförvaltare?" is two questions about X: a new clause starts at "och"/"and" or
 * punctuation when a question word or role word comes next. "Lön och personal" stays one name.
 */
function splitClauses(tokens: readonly Token[]): Token[][] {
  const clauses: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.cue?.type === 'joiner' && opensClause(tokens, i + 1)) {
      if (current.length > 0) clauses.push(current);
      current = [];
      continue;
    }
    current.push(token);
    if (token.boundaryAfter && opensClause(tokens, i + 1)) {
      clauses.push(current);
      current = [];
    }
  }
  if (current.length > 0) clauses.push(current);
  return clauses;
}

/** Whether the first word from `from` on that is not filler asks something: a question or role word. */
function opensClause(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const type = tokens[i]!.cue?.type;
    if (type === 'stop') continue;
    return asks(tokens[i]!);
  }
  return false;
}

const isContent = (token: Token) => token.cue === undefined;
const asks = (token: Token) => {
  const type = token.cue?.type;
  return type === 'who' || type === 'which' || type === 'what' || type === 'role';
};

/**
 * "Vad är Per Nordin ansvarig för?", "what is Karin responsible for": a role word after the subject makes the
 * subject the one holding the role. "What is the owner of Tempus?" has it before.
 */
function roleFollowsContent(clause: readonly Token[]): boolean {
  let seenContent = false;
  for (const token of clause) {
    if (isContent(token)) seenContent = true;
    else if (seenContent && token.cue?.type === 'role') return true;
  }
  return false;
}
const isFiller = (token: Token) => token.cue?.type === 'stop' || token.cue?.type === 'joiner';

function subjectOf(clause: readonly Token[], text: string, all: readonly Token[]): QuestionSubject {
  const first = clause.findIndex(isContent);
  let last = clause.length - 1;
  while (!isContent(clause[last]!)) last--;
  const words: string[] = [];
  const typed: string[] = [];
  const runs: number[] = [];
  const listed = new Set<number>();
  const glossedWords: string[][] = [];
  let listItem = false;
  let glossedUntil = -1;
  let run = 0;
  let wordsText = '';
  let lastStart = -1;
  for (let i = first; i <= last; i++) {
    const token = clause[i]!;
    if (!isContent(token)) {
      if (runs.length > 0) run = runs[runs.length - 1]! + 1;
      if (token.cue?.type === 'joiner') listItem = true;
      continue;
    }
    // Punctuation ends a run, and so does a hyphen: "Office 365-licenser" may name Office 365. A name written
    // with its hyphen is still found whole, before any run is looked at alone.
    const previous = clause[i - 1];
    if (i > first && previous && (previous.boundaryAfter || previous.hyphenAfter)) {
      run = runs[runs.length - 1]! + 1;
      if (previous.boundaryAfter) listItem = true;
    }
    // "A, B och C": the runs on either side of a joiner or a comma are items of a list.
    if (listItem && runs.length > 0) {
      listed.add(runs[runs.length - 1]!);
      listed.add(run);
    }
    listItem = false;
    words.push(token.word);
    typed.push(token.raw);
    runs.push(run);
    if (token.gloss) {
      glossedWords.push([...token.gloss.swedish[0]!]);
      glossedUntil = i + token.gloss.length - 1;
    } else glossedWords.push(i <= glossedUntil ? [] : [token.word]);
    // A run folding to several words ("½") gives several tokens of the same place: its text is taken once.
    if (token.start !== lastStart) wordsText += (wordsText === '' ? '' : ' ') + token.raw;
    lastStart = token.start;
  }
  const glossed = glossedReadings(clause, first, last);
  return {
    words,
    typed,
    runs,
    listedRuns: [...listed].sort((a, b) => a - b),
    text: text.slice(clause[first]!.start, clause[last]!.end).trim(),
    wordsText,
    exactCandidates: spansAround(clause, first, last, all, isFillerOrRole),
    ...(glossed ? { glossed, glossedWords } : {}),
  };
}

/** The subject's content words with each glossary term read in Swedish: one reading per alternative. */
function glossedReadings(clause: readonly Token[], first: number, last: number): string[][] | undefined {
  let alternatives = 0;
  for (let i = first; i <= last; i++)
    alternatives = Math.max(alternatives, clause[i]!.gloss?.swedish.length ?? 0);
  if (alternatives === 0) return undefined;
  const readings: string[][] = [];
  for (let alternative = 0; alternative < Math.min(alternatives, 3); alternative++) {
    const words: string[] = [];
    for (let i = first; i <= last; i++) {
      const token = clause[i]!;
      const gloss = token.gloss;
      // A term may end in a cue word: "education department", "social services committee".
      if (gloss && gloss.length + i - 1 < clause.length) {
        words.push(...(gloss.swedish[alternative] ?? gloss.swedish[0]!));
        i += gloss.length - 1;
      } else if (isContent(token)) words.push(token.word);
    }
    readings.push(words);
  }
  return readings;
}

/**
 * With no subject words left, the last word may still be a name, a filler or role word itself ("vem äger Visa",
 * "vad är Info", "vem äger Driften"), or one with the filler and role words before it ("Problem Manager").
 */
function looseSubject(
  clause: readonly Token[],
  text: string,
  all: readonly Token[],
): QuestionSubject | undefined {
  const last = clause.length - 1;
  if (last < 0 || !isFillerOrRole(clause[last]!)) return undefined;
  return {
    words: [],
    typed: [],
    runs: [],
    listedRuns: [],
    text: text.slice(clause[last]!.start, clause[last]!.end).trim(),
    wordsText: '',
    exactCandidates: spansAround(clause, last, last, all, isFillerOrRole),
  };
}

const isFillerOrRole = (token: Token) => isFiller(token) || token.cue?.type === 'role';

// Filler and role words taken into an exact-name check on each side of the subject.
const fillerReach = 2;

/**
 * The stretches from `first` to `last` widened by up to `fillerReach` words on each side that `widensOver`
 * allows, longest first. A role word inside a stretch is read as part of the name if the stretch is one, so
 * each stretch carries the roles of the words outside it.
 */
function spansAround(
  clause: readonly Token[],
  first: number,
  last: number,
  all: readonly Token[],
  widensOver: (token: Token) => boolean,
): ExactCandidate[] {
  const spans: ExactCandidate[] = [];
  let allRoles: RoleId[] | undefined;
  for (let left = 0; left <= fillerReach; left++) {
    const from = first - left;
    if (from < 0 || (left > 0 && !widensOver(clause[from]!))) break;
    for (let right = 0; right <= fillerReach; right++) {
      const to = last + right;
      if (to >= clause.length || (right > 0 && !widensOver(clause[to]!))) break;
      // Token words are folded already: joined, they are the compact form.
      let key = '';
      let roleInside = false;
      for (let i = from; i <= to; i++) {
        key += clause[i]!.word;
        if (clause[i]!.cue?.type === 'role') roleInside = true;
      }
      if (spans.some((span) => span.compact === key)) continue;
      const roles = roleInside ? rolesIn(tokensOutside(all, clause, from, to)) : (allRoles ??= rolesIn(all));
      spans.push({ compact: key, roles });
    }
  }
  return spans.sort((a, b) => b.compact.length - a.compact.length);
}

/** The tokens of `all` other than `clause[from..to]`. */
function tokensOutside(all: readonly Token[], clause: readonly Token[], from: number, to: number): Token[] {
  const outside: Token[] = [];
  for (const token of all) {
    let inside = false;
    for (let i = from; i <= to && !inside; i++) inside = clause[i] === token;
    if (!inside) outside.push(token);
  }
  return outside;
}
