import assert from 'node:assert/strict';
import { replyToAnswer } from '../../../src/bot/cards/answerReply';
import { checklistStartVerb } from '../../../src/bot/cards/checklistActions';
import type { Answer } from '../../../src/domain/answers';
import {
  defaultRoleGuidelinePath,
  readRoleGuidelineFile,
} from '../../../src/infrastructure/content/roleGuidelineFile';
import { assertValidAdaptiveCard, cardActions, cardTexts } from '../../support/adaptiveCards';
import { aSystem } from '../../support/systemMother';
import { hostile, hostileSystem, people, sampleIndex, vismaWindow } from './cardSamples';

const guideline = readRoleGuidelineFile(defaultRoleGuidelinePath);
/** Teams' limit for a bot message, card and text together. */
const messageLimit = 40 * 1024;

const systemAnswer = (system: typeof vismaWindow, lang: 'sv' | 'en' = 'sv'): Answer => ({
  kind: 'systemRoles',
  lang,
  system,
  roles: ['manager'],
  matchedBy: 'name',
  query: system.name,
});

describe('a reply to a question that named several things', () => {
  it('gives each answer in turn, in one valid card, with every text in the message', () => {
    const answer: Answer = {
      kind: 'several',
      lang: 'sv',
      parts: [systemAnswer(vismaWindow), systemAnswer(hostileSystem)],
      leftOut: [],
    };
    const reply = replyToAnswer(answer, { index: sampleIndex, guideline });
    assertValidAdaptiveCard(reply.card, 'several');
    assert.match(reply.text, /Visma Window/);
    assert.ok(reply.text.includes(hostileSystem.name), 'register text as typed in the plain text');
    const texts = cardTexts(reply.card);
    assert.ok(texts.some((text) => text.includes('Visma Window')));
    assert.ok(!texts.some((text) => text.includes(hostile)), 'register text is escaped in the card');
  });

  it('shows the follow-up button only on the systems the asker may start', () => {
    const answer: Answer = {
      kind: 'several',
      lang: 'en',
      parts: [systemAnswer(vismaWindow, 'en'), systemAnswer(hostileSystem, 'en')],
      leftOut: [],
    };
    const reply = replyToAnswer(answer, {
      index: sampleIndex,
      guideline,
      mayStartFollowUp: (system) => system.id === vismaWindow.id,
    });
    const starts = cardActions(reply.card).filter((action) => action.verb === checklistStartVerb);
    assert.equal(starts.length, 1);
  });

  it('says what the question named that the bot could not place', () => {
    const answer: Answer = {
      kind: 'several',
      lang: 'en',
      parts: [systemAnswer(vismaWindow, 'en')],
      leftOut: [],
      notUnderstood: ['Skattkistan'],
    };
    const reply = replyToAnswer(answer, { index: sampleIndex, guideline });
    assertValidAdaptiveCard(reply.card, 'several, not understood');
    assert.match(reply.text, /didn’t understand “Skattkistan”/);
    assert.ok(cardTexts(reply.card).some((text) => text.includes('Skattkistan')));
  });

  it('stays within the 40 KB of a message, naming the parts it leaves out', () => {
    const crowded = (i: number) =>
      aSystem({
        name: `System ${i} ${'långt namn '.repeat(10)}`,
        description: 'd'.repeat(2000),
        managers: people(30, `Förvaltare${i}`),
        administrators: people(30, `Admin${i}`),
        pilots: people(30, `Pilot${i}`),
      });
    const answer: Answer = {
      kind: 'several',
      lang: 'sv',
      parts: [1, 2, 3, 4].map((i) => systemAnswer(crowded(i))),
      leftOut: ['Skattkistan'],
    };
    const reply = replyToAnswer(answer, { index: sampleIndex, guideline });
    assertValidAdaptiveCard(reply.card, 'several, crowded');
    assert.ok(JSON.stringify(reply).length < messageLimit, `${JSON.stringify(reply).length} bytes`);
    assert.match(reply.text, /Skattkistan/);
  });
});
