import type { Lang, RoleId } from './answer';
import { fold } from './normalize';

/**
 * Reads a question as tokens and a small grammar of cue words: question words (vem, vilka, vad / who, which,
 * what), role words (äger, systemförvaltare, manages ...), list words (verksamhetskritiska, av dem) and filler.
 * What is left is the subject: a system, a person, a department, an owner or words of a description. Which
 * one it is, the register decides (see answerQuestion); the parser only says which direction is asked.
 */

type Cue =
  | { type: 'role'; role: RoleId; form: 'noun' | 'verb' }
  | { type: 'who' | 'which' | 'what' }
  | {
      type:
        | 'systems'
        | 'critical'
        | 'followUp'
        | 'department'
        | 'help'
        | 'greeting'
        | 'thanks'
        | 'definition'
        | 'joiner';
    }
  | { type: 'stop' };

const nouns = (role: RoleId, words: string[]): [string, Cue][] =>
  words.map((word) => [word, { type: 'role', role, form: 'noun' }]);
const verbs = (role: RoleId, words: string[]): [string, Cue][] =>
  words.map((word) => [word, { type: 'role', role, form: 'verb' }]);
const plain = (type: Exclude<Cue['type'], 'role'>, words: string[]): [string, Cue][] =>
  words.map((word) => [word, { type } as Cue]);

/** Cue words and phrases, folded (å, ä, ö as a, a, o), phrases joined by single spaces. */
const lexicon = new Map<string, Cue>([
  ...nouns('owner', [
    'systemagare',
    'systemagaren',
    'systemagarna',
    'systemagares',
    'systemagarens',
    'agare',
    'agaren',
    'agarna',
    'agarens',
    'owner',
    'owners',
    'systemowner',
    'system owner',
    'system owners',
    // "objektägare" (the pm3 model's word) and "product owner" name the same role in some municipalities.
    'objektagare',
    'objektagaren',
    'product owner',
    'product owners',
    // "Vilken nämnd äger Viva?": the owner is a board; the card names it.
    'namnd',
    'board',
  ]),
  ...verbs('owner', ['ager', 'aga', 'ags', 'owns', 'own', 'owned']),
  ...nouns('responsible', [
    'systemansvarig',
    'systemansvariga',
    'systemansvarige',
    'systemansvariges',
    'ansvarig',
    'ansvariga',
    'ansvarige',
    'ansvar',
    'ansvaret',
    'huvudansvarig',
    'huvudansvarige',
    'verksamhetsansvarig',
    'responsible',
    'accountable',
    // The responsible does the annual follow-up ("vem ska göra årlig uppföljning av X"). Not "uppföljning"
    // alone: descriptions say it ("mål och uppföljning").
    'arlig uppfoljning',
    'arliga uppfoljningen',
    'annual follow up',
    'annual review',
  ]),
  // "Vem basar över X": who heads it.
  ...verbs('responsible', ['ansvarar', 'ansvara', 'in charge', 'basar']),
  ...nouns('manager', [
    'systemforvaltare',
    'systemforvaltaren',
    'systemforvaltarna',
    'systemforvaltares',
    'systemforvaltarens',
    'forvaltare',
    'forvaltaren',
    'forvaltarna',
    'manager',
    'managers',
    'system manager',
    'system managers',
    'maintainer',
    'maintainers',
    // pm3's "förvaltningsledare" leads the day-to-day management; "driften" is what the manager runs.
    'forvaltningsledare',
    'forvaltningsledaren',
    'driften',
  ]),
  ...verbs('manager', [
    'forvaltar',
    'forvalta',
    'forvaltas',
    'skoter',
    'manages',
    'manage',
    'managed',
    'maintains',
    'maintain',
    'looks after',
    'look after',
    'runs',
    // Day-to-day operation and updates are the manager's: "vem uppdaterar X", "vem handhar X".
    'uppdaterar',
    'updates',
    'handhar',
    'handhas',
  ]),
  ...nouns('administrator', [
    'systemadministrator',
    'systemadministratoren',
    'systemadministratorer',
    'systemadministratorerna',
    'administrator',
    'administratoren',
    'administratorer',
    'administratorerna',
    'administrators',
    'admin',
    'admins',
    'sysadmin',
    'system administrator',
    'system administrators',
    'system admin',
    'administrationen',
    // Administrators give access ("vem ger behörighet till X", "who grants access to X"). Asked without a
    // system, the question then asks which system rather than guessing one by its description. Not "access"
    // alone: Microsoft Access is a system.
    'behorighet',
    'behorigheter',
    'behorigheten',
    'access to',
    'grants access',
    'grant access',
    'gives access',
  ]),
  ...verbs('administrator', [
    'administrerar',
    'administrera',
    'administreras',
    'administers',
    'administer',
    'administered',
    'administrates',
    'administrate',
  ]),
  ...nouns('pilot', [
    'pilot',
    'piloten',
    'piloter',
    'piloterna',
    'pilots',
    'ombud',
    'ombudet',
    'ombuden',
    'superanvandare',
    'superanvandaren',
    'superanvandarna',
    'superuser',
    'superusers',
    'super user',
    'super users',
    'key user',
    'key users',
    'nyckelanvandare',
    'nyckelanvandaren',
    'nyckelanvandarna',
  ]),
  ...nouns('responsibleChief', [
    'chef',
    'chefen',
    'ansvarig chef',
    'ansvariga chefen',
    'ansvarige chefen',
    'ansvarig chefen',
    'responsible manager',
    'responsible chief',
  ]),
  ...plain('who', ['vem', 'vems', 'who', 'whom', 'whose', 'whos']),
  // "Hur många system har socialförvaltningen?": the list answers it, with its count.
  ...plain('which', ['vilka', 'vilken', 'vilket', 'which', 'hur manga', 'how many']),
  ...plain('what', ['vad', 'what']),
  ...plain('systems', [
    'system',
    'systemen',
    'systems',
    'program',
    'programmen',
    'programs',
    'tjanster',
    'applikationer',
    'applications',
    'apps',
    'itsystem',
    'it system',
    'it systems',
    'it systemen',
    'verksamhetssystem',
    'verksamhetssystemen',
  ]),
  ...plain('critical', [
    'verksamhetskritisk',
    'verksamhetskritiska',
    'verksamhetskritiskt',
    'kritisk',
    'kritiska',
    'kritiskt',
    'critical',
    'business critical',
    'mission critical',
    'businesscritical',
  ]),
  ...plain('followUp', ['av dem', 'av dessa', 'av de', 'of them', 'of those', 'of these']),
  ...plain('department', ['department', 'departments', 'dept']),
  ...plain('help', [
    'help',
    'hjalp',
    'hjalpa',
    'meny',
    'menu',
    'kommandon',
    'commands',
    'instruktioner',
    'instructions',
    'vad kan du',
    'vad kan du gora',
    'what can you do',
    'hur fungerar du',
    'hur funkar du',
    'how do you work',
    'how does this work',
  ]),
  ...plain('greeting', [
    'hej',
    'hejsan',
    'hallo',
    'hello',
    'hi',
    'hey',
    'tjena',
    'tja',
    'tjenare',
    'tjabba',
    'halla',
    'god morgon',
    'godmorgon',
    'god eftermiddag',
    'morsning',
    'good morning',
    'good afternoon',
  ]),
  ...plain('thanks', [
    'tack',
    'tackar',
    'tack tack',
    'tack sa mycket',
    'tusen tack',
    'stort tack',
    'thanks',
    'thank you',
    'thanks a lot',
    'thank you very much',
    'thanks for the help',
    'thanks for your help',
    'thank you for the help',
    'thank you for your help',
    'thx',
  ]),
  ...plain('definition', [
    'gor',
    'gora',
    'innebar',
    'betyder',
    'mean',
    'means',
    'do',
    'does',
    'role',
    'roll',
    'rollen',
    'roller',
    'rollerna',
    'roles',
    'duties',
    'uppgifter',
    'uppdrag',
    'definition',
    'define',
  ]),
  ...plain('joiner', ['och', 'and', 'samt', 'plus']),
  ...plain('stop', [
    'ar',
    'is',
    'are',
    'am',
    'was',
    'be',
    'en',
    'ett',
    'a',
    'an',
    'the',
    'det',
    'den',
    'de',
    'dem',
    'denna',
    'detta',
    'dessa',
    'har',
    'has',
    'have',
    'had',
    'finns',
    'exists',
    'exist',
    'kan',
    'can',
    'could',
    'jag',
    'i',
    'me',
    'mig',
    'my',
    'min',
    'mitt',
    'mina',
    'mine',
    'fraga',
    'fragor',
    'ask',
    'om',
    'about',
    'beratta',
    'tell',
    'show',
    'visa',
    'lista',
    'list',
    'for',
    'of',
    'pa',
    'on',
    'in',
    'at',
    'to',
    'till',
    'med',
    'with',
    'hos',
    'inom',
    'within',
    'som',
    'that',
    'this',
    'it',
    'da',
    'sa',
    'nu',
    'just',
    'please',
    'pls',
    'snalla',
    'you',
    'du',
    'ni',
    'did',
    'systemet',
    'vet',
    'know',
    'knows',
    'vill',
    'want',
    'veta',
    'egentligen',
    'idag',
    'today',
    'alla',
    'all',
    'every',
    'heter',
    'called',
    'named',
    'kontakt',
    'kontaktperson',
    'kontaktpersonen',
    // "vem ska jag kontakta om X", "vem vänder jag mig till", "who should I talk to about X": who to ask.
    'ska',
    'skall',
    'kontakta',
    'kontaktar',
    'vanda',
    'vander',
    'prata',
    'pratar',
    'should',
    'shall',
    'talk',
    'speak',
    'reach',
    'har hand om',
    'tar hand om',
    'hand om',
    // "vilka system finns i kommunen", "which systems are there": every system, not ones described so.
    'i kommunen',
    'i registret',
    'in the municipality',
    'in the register',
    'there',
    'contact',
    'person',
    'personen',
    'personer',
    'people',
    'nagon',
    'nan',
    'someone',
    'somebody',
    'anyone',
    'any',
    'hur',
    'how',
    'var',
    'vart',
    'where',
    'nar',
    'when',
    'hitta',
    'find',
    'vanda',
    'galler',
    'angaende',
    'regarding',
    'concerning',
    'ok',
    'okej',
    'then',
    'also',
    'ocksa',
    'aven',
    's',
    'nagra',
    'some',
    'hanterar',
    'handles',
    'handle',
    'anvands',
    'anvander',
    'used',
    'use',
    'uses',
    'jobbar',
    'arbetar',
    'works',
    'work',
    'stodjer',
    'supports',
    'innehaller',
    'contains',
    'rorande',
    'kring',
    'around',
    // Who to turn to: "vem vet något om X", "vem kan svara på frågor om X", "vem ringer jag om X", "vem
    // kontaktar man", "vem ska jag höra av mig till", "vem har koll på X", "who do I call about X".
    'nagot',
    'nat',
    'svara',
    'svarar',
    'fragar',
    'ringa',
    'ringer',
    'ring',
    'call',
    'mejla',
    'mejlar',
    'maila',
    'mailar',
    'email',
    'hora',
    'hor',
    'av',
    'sig',
    'man',
    'koll',
    'mest',
    'bast',
    'expert',
    'experten',
    'far',
    'behover',
    'need',
    'mer',
    'more',
    'kontaktuppgifter',
    'info',
    'information',
    'beskrivning',
    'handlar',
    // Trouble told before the question: "jag har problem med X, vem ska jag ringa", "X funkar inte". Not
    // "inte" or "not" alone: "vilka system är inte verksamhetskritiska" must not lose its negation.
    'problem',
    'problemet',
    'problems',
    'issue',
    'issues',
    'funkar',
    'fungerar',
    'funkar inte',
    'fungerar inte',
    'kranglar',
    'strular',
    'ligger nere',
    'not working',
    'broken',
    'is down',
    'supportar',
    'takes care',
    'take care',
    'fixar',
    'lagar',
    'fixes',
    'haller',
    'reach out',
    'point of contact',
    'any idea',
    'organisation',
    'organisationen',
    'organization',
    'ger',
    'ge',
    'give',
    'godkanner',
    'bestaller',
    'grants',
    'grant',
    'get',
    'att',
    'fa',
    'mot',
    'resp',
    'respektive',
    'kontaktpersoner',
    // Politeness and asides: "jag undrar vem som ...", "kan du säga vem ...", "I would like to know who ...".
    'undrar',
    'wonder',
    'wondering',
    'saga',
    'kolla',
    'ta reda',
    'skulle',
    'vilja',
    'kunna',
    'would',
    'like',
    'quick question',
    'mvh',
    'numera',
    'nufortiden',
    'e',
    'dar',
    'vi',
    'oss',
    'we',
    'us',
    'our',
    'over',
    'by',
    'tillhor',
    'belong',
    'belongs',
    // "Hur många användare har Agresso?", "vem är leverantör för Agresso?", "när driftsattes Agresso?": the
    // card shows these facts.
    'anvandare',
    'anvandarna',
    'users',
    'leverantor',
    'leverantoren',
    'leverantorer',
    'levererar',
    'supplier',
    'vendor',
    'driftsattes',
    'driftsattning',
    'driftsattningsdatum',
    'informationsklass',
    'informationsklassen',
    // "Vilken förvaltning har Viva?": the card names the department of the system.
    'forvaltning',
    'forvaltningen',
    // The bot's own name in a greeting: "Hej Systemkollen! Vem äger Tempus?"
    'systemkollen',
    'bot',
  ]),
]);

/** For each word a cue phrase starts with, the most words such a phrase has: no longer phrase need be tried. */
const longestPhraseFrom = new Map<string, number>();
for (const phrase of lexicon.keys()) {
  const words = phrase.split(' ');
  longestPhraseFrom.set(words[0]!, Math.max(longestPhraseFrom.get(words[0]!) ?? 0, words.length));
}

// Words that only one of the two languages uses (folded). Ambiguous ones ("for", "i", "system") are left out.
const englishWords = new Set([
  'who',
  'whom',
  'whose',
  'what',
  'which',
  'is',
  'are',
  'the',
  'does',
  'do',
  'owns',
  'own',
  'owner',
  'owners',
  'manages',
  'manage',
  'manager',
  'administers',
  'responsible',
  'about',
  'tell',
  'me',
  'can',
  'ask',
  'help',
  'systems',
  'department',
  'of',
  'in',
  'critical',
  'business',
  'please',
  'thanks',
  'thank',
  'hello',
  'hi',
  'list',
  'show',
  'any',
  'someone',
  'role',
  'mean',
  'means',
  'it',
  'this',
  'that',
  'with',
  'where',
  'how',
  'super',
  'user',
  'key',
  'charge',
  'chief',
  'maintains',
  'has',
  'have',
  'them',
  'those',
  'these',
  'you',
  'my',
  'owned',
  'by',
  'whos',
  'runs',
  'looks',
  'after',
  'access',
  'grants',
  'should',
  'call',
  'contact',
  'know',
  'knows',
  'would',
  'like',
  'wonder',
]);
const swedishWords = new Set([
  'vem',
  'vems',
  'vad',
  'vilka',
  'vilken',
  'vilket',
  'ar',
  'ager',
  'agare',
  'systemagare',
  'om',
  'och',
  'pa',
  'finns',
  'hjalp',
  'beratta',
  'kan',
  'jag',
  'fraga',
  'systemet',
  'systemen',
  'av',
  'dem',
  'dessa',
  'nar',
  'hur',
  'som',
  'har',
  'systemansvarig',
  'ansvarig',
  'ansvarar',
  'forvaltar',
  'forvaltare',
  'systemforvaltare',
  'administrerar',
  'verksamhetskritiska',
  'verksamhetskritiskt',
  'gor',
  'innebar',
  'betyder',
  'hej',
  'tack',
  'mig',
  'alla',
  'da',
  'ombud',
  'chef',
  'det',
  'den',
  'en',
  'ett',
  'med',
  'till',
  'inom',
]);

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
}

interface Token {
  raw: string;
  word: string;
  start: number;
  end: number;
  cue: Cue | undefined;
  /** A sentence or clause ends after this token (".", ",", "?", ";", "!"). */
  boundaryAfter: boolean;
  /** Written with a hyphen and no space before the next token: "IT-avdelningen". */
  hyphenAfter: boolean;
}

const emailPattern = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+\.[^\s<>()[\]"',;:?!]+/gu;
const hyphens = '-‐‑–';
const wordCharacter = /[\p{L}\p{N}]/u;
const clausePunctuation = '.,;:?!';

export function parseQuestion(text: string): ParsedQuestion {
  // Most questions hold no address: the pattern needs an "@", so without one there is nothing to look for.
  const hasAt = text.includes('@');
  const emails = hasAt
    ? [...text.matchAll(emailPattern)].map((match) => match[0].replace(/[.]+$/, '').toLowerCase())
    : [];
  const withoutEmails = hasAt ? text.replace(emailPattern, (email) => ' '.repeat(email.length)) : text;
  const tokens = tokensOf(withoutEmails);
  markCues(tokens);
  const notCritical = takeNegatedCritical(tokens);
  keepNamePartsOutOfFiller(tokens, /\p{Ll}/u.test(withoutEmails));
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

  const asksForSystems = asksWhichSystems(tokens);
  const followUp = cues.has('followUp');
  const businessCritical = cues.has('critical');

  let direction: ParsedQuestion['direction'];
  if (followUp || businessCritical || asksForSystems || cues.has('department')) direction = 'systems';
  else if (
    cues.has('what') &&
    !cues.has('who') &&
    (cues.roleVerb || (subjectClause !== undefined && roleFollowsContent(subjectClause)))
  )
    direction = 'systems';
  else if (cues.has('who') || cues.has('which') || roles.length > 0) direction = 'people';
  else direction = 'any';

  let intent: ParsedQuestion['intent'] = 'ask';
  if (isThanks(cues, roles, subject, emails)) {
    intent = 'thanks';
  } else if (!hasContent && emails.length === 0) {
    if (
      roles.length > 0 &&
      direction !== 'systems' &&
      !cues.has('who') &&
      (cues.has('what') || cues.has('definition'))
    ) {
      intent = 'roleDefinition';
    } else if (
      roles.length === 0 &&
      !followUp &&
      !businessCritical &&
      !asksForSystems &&
      (tokens.length === 0 || cues.has('help') || cues.has('greeting'))
    ) {
      intent = 'help';
    }
  }

  // Asked about oneself, the question is about a person even where it would otherwise read as a role's
  // definition ("vad är jag ansvarig för?").
  const aboutAsker =
    intent !== 'thanks' &&
    !hasContent &&
    emails.length === 0 &&
    !followUp &&
    refersToAsker(tokens, lang, roles.length > 0);
  if (aboutAsker) intent = 'ask';

  return {
    lang,
    intent,
    roles,
    direction,
    subject,
    emails,
    businessCritical,
    notCritical,
    followUp,
    aboutAsker,
  };
}

/** Folded. "inte", "ej", "icke", "not", "non": a negation of what follows. */
const negations = new Set(['inte', 'ej', 'icke', 'not', 'non']);

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

/** Folded. "min", "mitt", "mina", "my", "mine": the asker's own. */
const possessiveWords = new Set(['min', 'mitt', 'mina', 'my', 'mine']);
/** Folded. "have": "vilka system har jag", "which systems do I have". */
const haveWords = new Set(['har', 'have']);

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
 * Words that go with thanks ("tack för hjälpen", "perfekt, tack", "great, thanks"): with a thanks word and
 * nothing else, the message thanks for an answer. Folded.
 */
const courtesyWords = new Set([
  'hjalpen',
  'svaret',
  'svaren',
  'infon',
  'informationen',
  'tipset',
  'perfekt',
  'toppen',
  'kanon',
  'bra',
  'jattebra',
  'super',
  'fint',
  'grymt',
  'utmarkt',
  'ok',
  'okej',
  'okay',
  'great',
  'perfect',
  'nice',
  'awesome',
  'cool',
  'good',
  'answer',
  'info',
]);

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

/** Words that ask for a list when a systems word follows: "visa alla system", "list all systems". Folded. */
const listWords = new Set(['visa', 'lista', 'alla', 'show', 'list', 'all']);

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
function keepNamePartsOutOfFiller(tokens: Token[], hasLowerCase: boolean): void {
  const isSingleStopWord = (token: Token) =>
    token.cue?.type === 'stop' && lexicon.get(token.word)?.type === 'stop';
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
function markCues(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const longest = Math.min(longestPhraseFrom.get(tokens[i]!.word) ?? 1, tokens.length - i);
    for (let length = longest; length >= 1; length--) {
      let phrase = tokens[i]!.word;
      for (let k = 1; k < length; k++) phrase += ' ' + tokens[i + k]!.word;
      const cue = lexicon.get(phrase);
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
  let wordsText = '';
  let lastStart = -1;
  for (let i = first; i <= last; i++) {
    const token = clause[i]!;
    if (!isContent(token)) continue;
    words.push(token.word);
    // A run folding to several words ("½") gives several tokens of the same place: its text is taken once.
    if (token.start !== lastStart) wordsText += (wordsText === '' ? '' : ' ') + token.raw;
    lastStart = token.start;
  }
  return {
    words,
    text: text.slice(clause[first]!.start, clause[last]!.end).trim(),
    wordsText,
    exactCandidates: spansAround(clause, first, last, all, isFillerOrRole),
  };
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
