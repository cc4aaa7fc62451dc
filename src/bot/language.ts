import type { Lang } from '../texts';

const swedishWords = new Set(
  (
    'hej vem vad vilka vilket vilken hur var när är och som för till med jag du kan äger ansvarar förvaltar ' +
    'administrerar systemet registret tack inte det den har ska finns många fråga'
  ).split(' '),
);
const englishWords = new Set(
  (
    'hi hello hey who what which how where when is are and the for to with can owns own responsible manages ' +
    'manage administers register thanks thank not it has have does do many about help please'
  ).split(' '),
);

/**
 * The language to answer a message in when there is no answer to take it from (a turn that failed before the
 * question was answered): Swedish first, English when the text looks English. Answers carry the language the
 * domain read from the question (Answer.lang); this small heuristic is only for the paths around them.
 */
export function languageOfMessage(text: string | undefined): Lang {
  if (!text) return 'sv';
  const lower = text.toLowerCase();
  if (/[åäö]/.test(lower)) return 'sv';
  let swedish = 0;
  let english = 0;
  for (const word of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (swedishWords.has(word)) swedish++;
    if (englishWords.has(word)) english++;
  }
  return english > swedish ? 'en' : 'sv';
}
