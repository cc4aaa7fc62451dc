import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import {
  defaultRoleGuidelinePath,
  readRoleGuidelineFile,
} from '../../../src/infrastructure/content/roleGuidelineFile';
import {
  sampleRegisterPath,
  seedSampleRegisterIfEmpty,
} from '../../../src/infrastructure/registerFile/sampleRegister';
import { createLogger } from '../../../src/shared/logger';
import type { Text } from '../../../src/texts';
import { answerTexts, roleWords } from '../../../src/texts/answers';
import { messageActivity, type TestUser } from '../../support/activities';
import { startTestBot, type TestBot } from '../../support/botServer';
import {
  answerQuestionSet,
  samplePeople,
  sampleSystemNames,
  type QuestionCase,
  type QuestionLang,
} from './answerQuestionSet';

/**
 * The acceptance set (answerQuestionSet.ts) asked through the real HTTP endpoint, one chat per question, and
 * checked on what a user sees: the message text and the card's texts.
 */

const guideline = readRoleGuidelineFile(defaultRoleGuidelinePath);
const sampleRegisterText = comparable(readFileSync(sampleRegisterPath, 'utf8'));

/** Lower-case, one space between words, without the backslashes a card puts before markdown characters. */
function comparable(text: string): string {
  return text.normalize('NFC').replace(/\\/g, '').replace(/\s+/g, ' ').toLowerCase();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Built once per phrase: every case tests hundreds of language markers and names, and compiling each pattern
// anew per case took most of this file's time. (No 'g' flag, so a pattern keeps no state between tests.)
const wholeWordPatterns = new Map<string, RegExp>();
const asWholeWords = (phrase: string): RegExp => {
  let pattern = wholeWordPatterns.get(phrase);
  if (pattern === undefined) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(comparable(phrase))}(?![\\p{L}\\p{N}])`, 'u');
    wholeWordPatterns.set(phrase, pattern);
  }
  return pattern;
};

const comparableSystemNames = sampleSystemNames.map((name) => [name, comparable(name)] as const);

/**
 * Whether a name stands in the reply on its own: "Agresso" inside "Agresso Ekonomi" does not count, and
 * "Anna Berg" inside "Anna Bergström" does not either (whole words).
 */
function mentions(reply: string, name: string): boolean {
  const wanted = asWholeWords(name);
  let text = reply;
  for (const [longer, comparableLonger] of comparableSystemNames) {
    if (longer !== name && wanted.test(comparableLonger)) text = text.split(comparableLonger).join(' ¤ ');
  }
  return wanted.test(text);
}

// Keys of an Adaptive Card whose strings a user reads; the rest is layout, styling, ids and action data.
const visibleKeys = new Set(['text', 'title', 'value', 'altText', 'fallbackText']);

/** Every string in a card (with `visibleOnly`, only those a user reads), each as its own item. */
function stringsIn(value: unknown, into: string[], visibleOnly: boolean): string[] {
  if (Array.isArray(value)) for (const item of value) stringsIn(item, into, visibleOnly);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') {
        if (!visibleOnly || visibleKeys.has(key)) into.push(item);
      } else if (!visibleOnly || key !== 'data') stringsIn(item, into, visibleOnly);
    }
  }
  return into;
}

interface Reply {
  text: string;
  /** The text and the strings of the attachments and suggested actions that a user reads. */
  visible: string;
  /** The text and every string of the attachments and suggested actions, action data included. */
  everything: string;
}

function readReply(activity: Partial<Activity>): Reply {
  const parts = [activity.attachments ?? [], activity.suggestedActions ?? []];
  const text = activity.text ?? '';
  return {
    text: comparable(text),
    visible: comparable(stringsIn(parts, [text], true).join('\n')),
    everything: comparable(stringsIn(parts, [text], false).join('\n')),
  };
}

function isText(value: unknown): value is Text {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Text).sv === 'string' &&
    typeof (value as Text).en === 'string'
  );
}

function textsIn(value: unknown, into: Text[]): Text[] {
  if (isText(value)) into.push(value);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) textsIn(item, into);
  return into;
}

interface LanguageMarkers {
  /** Words only this language's answer texts use ("på", "äger" / "owned", "more"): one shows the language. */
  words: string[];
  /** Phrases of two words or more only this language's texts use ("hittade inget" / "is not in"). */
  phrases: string[];
}

/**
 * What tells a Swedish reply from an English one, taken from the answer texts themselves. Words and phrases
 * that also occur in the register (Swedish descriptions in an English card) or in the other language's texts
 * say nothing about the reply's language, so they are left out.
 */
function languageMarkers(): Record<QuestionLang, LanguageMarkers> {
  // A text may quote the other language in brackets ("(You can write to me in English too.)"): left out.
  const catalogue = textsIn([answerTexts, roleWords], []).map((text) => ({
    sv: text.sv.replace(/\([^)]*\)/g, ' '),
    en: text.en.replace(/\([^)]*\)/g, ' '),
  }));
  const allOf = (lang: QuestionLang) => comparable(catalogue.map((text) => text[lang]).join('\n'));
  const pieces = (lang: QuestionLang) =>
    catalogue.flatMap((text) =>
      text[lang]
        .split(/\{\w+\}|[\n.,:;!?()"“”*_`[\]]/)
        .map((piece) => comparable(piece).trim())
        .filter((piece) => piece !== ''),
    );
  const telling = (lang: QuestionLang, candidates: string[]) => {
    const other = allOf(lang === 'sv' ? 'en' : 'sv');
    return [...new Set(candidates)].filter((candidate) => {
      const pattern = asWholeWords(candidate);
      return !pattern.test(other) && !pattern.test(sampleRegisterText);
    });
  };
  const markersOf = (lang: QuestionLang): LanguageMarkers => ({
    words: telling(
      lang,
      pieces(lang).flatMap((piece) => piece.match(/\p{L}{2,}/gu) ?? []),
    ),
    phrases: telling(
      lang,
      pieces(lang).filter((piece) => /\p{L}+ \p{L}+/u.test(piece)),
    ),
  });
  return { sv: markersOf('sv'), en: markersOf('en') };
}

const markers = languageMarkers();
const languageName: Record<QuestionLang, string> = { sv: 'Swedish', en: 'English' };

function titleOf(questionCase: QuestionCase): string {
  const listed = (names: readonly string[], last: string) =>
    names.length <= 1
      ? names.join('')
      : `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
  const parts = [`answers "${questionCase.question}"`];
  if (questionCase.askedBefore) parts.push(`after "${questionCase.askedBefore.join('", "')}"`);
  if (questionCase.expectedReply === 'notFound') parts.push('saying the register does not hold it');
  if (questionCase.expectedReply === 'help') parts.push('with help');
  if (questionCase.definitionOf) parts.push(`with what the ${questionCase.definitionOf} role means`);
  if (questionCase.mustInclude.length > 0) parts.push(`with ${listed(questionCase.mustInclude, 'and')}`);
  if (questionCase.mustNotInclude === samplePeople) parts.push('and no person of the register');
  else if (questionCase.mustNotInclude.length > 0)
    parts.push(`and not ${listed(questionCase.mustNotInclude, 'or')}`);
  return `${parts.join(' ')}, in ${languageName[questionCase.lang]}`;
}

const localeOf: Record<QuestionLang, string> = { sv: 'sv-SE', en: 'en-US' };

describe('answers to the acceptance set of questions over the sample register, through /api/messages', () => {
  let bot: TestBot;
  let chat = 0;

  before(async () => {
    bot = await startTestBot();
    const seeded = await seedSampleRegisterIfEmpty(
      bot.storage,
      createLogger({ level: 'error', sink: () => {} }),
    );
    assert.equal(seeded, true, 'the sample register should be imported into the fresh store');
  });

  after(async () => {
    await bot.stop();
  });

  /** A user of their own per question, so no question builds on another case's answer. */
  function aNewUser(): TestUser {
    chat++;
    return { id: `29:acceptance-${chat}-${randomUUID()}`, aadObjectId: randomUUID(), name: 'Testa Testsson' };
  }

  async function ask(user: TestUser, text: string, lang: QuestionLang): Promise<Partial<Activity>> {
    const replies = await bot.send(messageActivity({ text, from: user, locale: localeOf[lang] }));
    const messages = replies.filter((reply) => reply.type === 'message');
    assert.equal(messages.length, 1, `expected one message for "${text}", got ${messages.length}`);
    return messages[0]!;
  }

  it('has at least 280 questions, Swedish and English, and every kind the issues name', () => {
    assert.ok(answerQuestionSet.length >= 280, `only ${answerQuestionSet.length} questions`);
    assert.ok(answerQuestionSet.some((questionCase) => questionCase.lang === 'en'));
    const kinds = new Set(answerQuestionSet.map((questionCase) => questionCase.kind));
    for (const kind of [
      'typo',
      'accents',
      'reverse',
      'list',
      'unknown',
      'lookAlike',
      'unknownWords',
      'severalThings',
      'everydayWords',
      'glossary',
      'descriptionForms',
      'soundAlike',
      'supplier',
    ] as const) {
      assert.ok(kinds.has(kind), `no ${kind} questions`);
    }
  });

  it('finds words in both languages that tell a Swedish reply from an English one', () => {
    for (const lang of ['sv', 'en'] as const) {
      assert.ok(markers[lang].words.length >= 10, `${lang} words: ${markers[lang].words.join(' ')}`);
      assert.ok(markers[lang].phrases.length >= 10, `${lang} phrases: ${markers[lang].phrases.join(' | ')}`);
    }
  });

  for (const questionCase of answerQuestionSet) {
    it(titleOf(questionCase), async () => {
      const user = aNewUser();
      for (const earlier of questionCase.askedBefore ?? []) await ask(user, earlier, questionCase.lang);
      const activity = await ask(user, questionCase.question, questionCase.lang);
      const reply = readReply(activity);

      const problems: string[] = [];
      const missing = questionCase.mustInclude.filter((name) => !mentions(reply.everything, name));
      if (missing.length > 0) problems.push(`missing from the reply: ${missing.join(', ')}`);
      const unwanted = questionCase.mustNotInclude.filter((name) => mentions(reply.everything, name));
      if (unwanted.length > 0) problems.push(`should not be in the reply: ${unwanted.join(', ')}`);
      const missingFromText = (questionCase.textIncludes ?? []).filter((name) => !mentions(reply.text, name));
      if (missingFromText.length > 0)
        problems.push(`missing from the message text: ${missingFromText.join(', ')}`);

      const other: QuestionLang = questionCase.lang === 'sv' ? 'en' : 'sv';
      const hasOwnWord = markers[questionCase.lang].words.some((word) =>
        asWholeWords(word).test(reply.visible),
      );
      const otherPhrases = markers[other].phrases.filter((phrase) =>
        asWholeWords(phrase).test(reply.visible),
      );
      if (!hasOwnWord || otherPhrases.length > 0) {
        problems.push(
          `expected a reply in ${languageName[questionCase.lang]}` +
            (otherPhrases.length > 0 ? `; ${languageName[other]} phrases: ${otherPhrases.join(' | ')}` : ''),
        );
      }

      if (questionCase.expectedReply === 'notFound') {
        const notFound = answerTexts.systemNotFound[questionCase.lang].split('{query}')[0]!;
        if (!reply.text.includes(comparable(notFound)))
          problems.push(`expected "${notFound}" in the message text`);
      }
      if (questionCase.expectedReply === 'help') {
        const helpTitle = answerTexts.helpTitle[questionCase.lang];
        if (!reply.everything.includes(comparable(helpTitle))) problems.push(`expected "${helpTitle}"`);
      }
      if (questionCase.definitionOf) {
        const definition = guideline.roles[questionCase.definitionOf][questionCase.lang];
        const firstSentence = definition.split(/(?<=\.)\s/)[0]!;
        if (!reply.everything.includes(comparable(firstSentence))) {
          problems.push(`expected the guideline's text for ${questionCase.definitionOf}: "${firstSentence}"`);
        }
      }

      assert.ok(
        problems.length === 0,
        `${problems.join('\n')}\n--- reply text ---\n${activity.text ?? ''}\n--- everything ---\n${reply.everything}`,
      );
    });
  }
});
