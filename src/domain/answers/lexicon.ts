import type { RoleId } from './answer';
import { fold } from './normalize';
import { emptyVocabulary, type Vocabulary } from './vocabulary';

/**
 * The built-in words of the question grammar, folded (å, ä, ö as a, a, o), phrases joined by single spaces:
 * role words, question words, list words, greetings, thanks and filler. The parser (question.ts) decides from
 * them; a municipality adds its own words and an English-Swedish glossary in content/vocabulary.json
 * (vocabulary.ts).
 */

export type Cue =
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

/**
 * "vem är leverantör för Agresso?", "vilka system levereras av Visma?": words of the supplier column. Filler
 * to the grammar (the card shows the supplier); a list question with one of them looks among suppliers first.
 */
export const supplierWords: readonly string[] = [
  'leverantor',
  'leverantoren',
  'leverantorer',
  'levererar',
  'levereras',
  'levererat',
  'levererade',
  'supplier',
  'suppliers',
  'supplied',
  'supplies',
  'supply',
  'vendor',
  'vendors',
  'delivered',
  'delivers',
  'deliver',
];

/** Cue words and phrases, folded (å, ä, ö as a, a, o), phrases joined by single spaces. */
const builtInCues = new Map<string, Cue>([
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
    ...supplierWords,
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

// Words that only one of the two languages uses (folded). Ambiguous ones ("for", "i", "system") are left out.
export const englishWords = new Set([
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
export const swedishWords = new Set([
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

/** Folded. "inte", "ej", "icke", "not", "non": a negation of what follows. */
export const negations = new Set(['inte', 'ej', 'icke', 'not', 'non']);

/** Folded. "min", "mitt", "mina", "my", "mine": the asker's own. */
export const possessiveWords = new Set(['min', 'mitt', 'mina', 'my', 'mine']);
/** Folded. "have": "vilka system har jag", "which systems do I have". */
export const haveWords = new Set(['har', 'have']);

/**
 * Words that go with thanks ("tack för hjälpen", "perfekt, tack", "great, thanks"): with a thanks word and
 * nothing else, the message thanks for an answer. Folded.
 */
export const courtesyWords = new Set([
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

/** Words that ask for a list when a systems word follows: "visa alla system", "list all systems". Folded. */
export const listWords = new Set(['visa', 'lista', 'alla', 'show', 'list', 'all']);

/**
 * The words the parser reads a question with: the built-in grammar and a municipality's vocabulary, folded and
 * ready for lookups. Built once at start.
 */
export interface Lexicon {
  /** Cue words and phrases, folded, phrases joined by single spaces. */
  cues: ReadonlyMap<string, Cue>;
  /** For each word a cue phrase starts with, the most words such a phrase has. */
  longestPhraseFrom: ReadonlyMap<string, number>;
  /** Beginnings that make a longer word a form of a role noun ("systemansvar" -> "systemansvaret"). */
  roleStems: readonly (readonly [stem: string, role: RoleId])[];
  /** Role words long enough to be recognised with a typing error ("systemforvaltre"), with their cue. */
  typoTolerantRoleWords: readonly (readonly [word: string, cue: Cue])[];
  /** English word or phrase, folded -> the Swedish words for it, each folded and split, likeliest first. */
  glossary: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** For each word a glossary phrase starts with, the most words such a phrase has. */
  longestGlossaryFrom: ReadonlyMap<string, number>;
}

/** Role words shorter than this are too close to ordinary words to be read through a typing error. */
const shortestTypoTolerantRoleWord = 9;

/** The built-in grammar with a vocabulary's words added; a vocabulary word never replaces a built-in cue. */
export function buildLexicon(vocabulary: Vocabulary = emptyVocabulary): Lexicon {
  const cues = new Map(builtInCues);
  const add = (text: string, cue: Cue) => {
    const key = fold(text);
    if (key !== '' && !cues.has(key)) cues.set(key, cue);
  };
  const roleStems: [string, RoleId][] = [];
  for (const [role, words] of Object.entries(vocabulary.roles) as [RoleId, Vocabulary['roles'][RoleId]][]) {
    for (const noun of words?.nouns ?? []) add(noun, { type: 'role', role, form: 'noun' });
    for (const verb of words?.verbs ?? []) add(verb, { type: 'role', role, form: 'verb' });
    for (const stem of words?.stems ?? []) roleStems.push([fold(stem).replace(/ /g, ''), role]);
  }
  for (const filler of vocabulary.filler) add(filler, { type: 'stop' });

  const glossary = new Map<string, string[][]>();
  for (const entry of vocabulary.glossary) {
    const swedish = entry.sv.map((term) => fold(term).split(' ')).filter((term) => term[0] !== '');
    for (const english of entry.en) {
      const key = fold(english);
      if (key === '') continue;
      const known = glossary.get(key) ?? [];
      for (const term of swedish)
        if (!known.some((other) => other.join(' ') === term.join(' '))) known.push(term);
      glossary.set(key, known);
    }
  }

  const typoTolerantRoleWords: [string, Cue][] = [];
  for (const [word, cue] of cues) {
    if (cue.type === 'role' && !word.includes(' ') && word.length >= shortestTypoTolerantRoleWord) {
      typoTolerantRoleWords.push([word, cue]);
    }
  }
  return {
    cues,
    longestPhraseFrom: longestPhrases(cues.keys()),
    roleStems,
    typoTolerantRoleWords,
    glossary,
    longestGlossaryFrom: longestPhrases(glossary.keys()),
  };
}

function longestPhrases(phrases: Iterable<string>): Map<string, number> {
  const longest = new Map<string, number>();
  for (const phrase of phrases) {
    const words = phrase.split(' ');
    longest.set(words[0]!, Math.max(longest.get(words[0]!) ?? 0, words.length));
  }
  return longest;
}

/** The grammar alone, for callers that have no vocabulary file (tests, benchmarks). */
export const builtInLexicon: Lexicon = buildLexicon();
