import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { Answer } from '../../../src/domain/answers';
import {
  readRoleGuidelineFile,
  defaultRoleGuidelinePath,
} from '../../../src/infrastructure/content/roleGuidelineFile';
import { helpReply, replyToAnswer } from '../../../src/bot/cards/answerReply';
import { chooseSystemCard } from '../../../src/bot/cards/chooseSystemCard';
import { choosePersonCard } from '../../../src/bot/cards/choosePersonCard';
import { helpCard } from '../../../src/bot/cards/helpCard';
import { personNotFoundCard } from '../../../src/bot/cards/personNotFoundCard';
import { personSystemsCard } from '../../../src/bot/cards/personSystemsCard';
import { roleDefinitionCard } from '../../../src/bot/cards/roleDefinitionCard';
import { systemAnswerCard } from '../../../src/bot/cards/systemAnswerCard';
import { systemListCard } from '../../../src/bot/cards/systemListCard';
import { systemNotFoundCard } from '../../../src/bot/cards/systemNotFoundCard';
import { cardTemplateFolder, type AdaptiveCard } from '../../../src/bot/cards/templates';
import { adaptiveCardProblems, assertValidAdaptiveCard, cardTexts } from '../../support/adaptiveCards';
import {
  emptyIndex,
  hostile,
  hostileEscaped,
  hostileGuideline,
  hostileIndex,
  sampleAnswers,
  sampleIndex,
} from './cardSamples';

const defaultGuideline = readRoleGuidelineFile(defaultRoleGuidelinePath);

const answerTemplates = [
  systemAnswerCard,
  chooseSystemCard,
  systemNotFoundCard,
  personSystemsCard,
  choosePersonCard,
  personNotFoundCard,
  systemListCard,
  roleDefinitionCard,
  helpCard,
];

/** The template of each kind of answer; a thanks, and not finding the asker, are answered with words only. */
const templateOfKind: Record<Answer['kind'], string | undefined> = {
  systemRoles: systemAnswerCard.fileName,
  chooseSystem: chooseSystemCard.fileName,
  systemNotFound: systemNotFoundCard.fileName,
  personSystems: personSystemsCard.fileName,
  choosePerson: choosePersonCard.fileName,
  personNotFound: personNotFoundCard.fileName,
  systemList: systemListCard.fileName,
  roleDefinition: roleDefinitionCard.fileName,
  help: helpCard.fileName,
  // Several answers in one card are their parts' cards, each from its own template.
  several: systemAnswerCard.fileName,
  notUnderstood: helpCard.fileName,
  thanks: undefined,
  askerNotInRegister: undefined,
};

interface FilledCard {
  label: string;
  template: string;
  card: AdaptiveCard;
}

/** Every sample answer through the real builders and templates, with both guidelines and several registers. */
function filledCards(): FilledCard[] {
  const cards: FilledCard[] = [];
  for (const answer of sampleAnswers()) {
    for (const [guidelineName, guideline] of [
      ['default', defaultGuideline],
      ['hostile', hostileGuideline],
    ] as const) {
      if (guidelineName === 'hostile' && answer.kind !== 'roleDefinition') continue;
      for (const [indexName, index] of [
        ['sample', sampleIndex],
        ['hostile', hostileIndex],
      ] as const) {
        const { card } = replyToAnswer(answer, { index, guideline });
        const template = templateOfKind[answer.kind];
        assert.equal(
          card === undefined,
          template === undefined,
          `${answer.kind}: a card exactly when it has a template`,
        );
        if (!card || !template) continue;
        cards.push({
          label: `${answer.kind} (${answer.lang}, ${guidelineName} guideline, ${indexName} register)`,
          template,
          card,
        });
      }
    }
  }
  for (const lang of ['sv', 'en'] as const) {
    for (const [name, index] of [
      ['sample', sampleIndex],
      ['hostile', hostileIndex],
      ['empty', emptyIndex],
    ] as const) {
      cards.push({
        label: `welcome (${lang}, ${name})`,
        template: helpCard.fileName,
        card: helpReply(lang, index, { welcome: true }).card,
      });
      cards.push({
        label: `help with notice (${lang}, ${name})`,
        template: helpCard.fileName,
        card: helpReply(lang, index, { notice: hostile }).card,
      });
    }
  }
  return cards;
}

describe('answer card templates', () => {
  const cards = filledCards();

  it('loads every answer template from adaptiveCards/', () => {
    const files = readdirSync(cardTemplateFolder);
    for (const template of answerTemplates) assert.ok(files.includes(template.fileName), template.fileName);
  });

  it('fills every answer template with sample data, plausible and hostile', () => {
    const filled = new Set(cards.map((card) => card.template));
    assert.deepEqual(
      answerTemplates.map((template) => template.fileName).filter((file) => !filled.has(file)),
      [],
    );
    assert.ok(cards.length > 90, `only ${cards.length} cards`);
  });

  it('gives cards that parse at schema 1.5 without errors or warnings in the Adaptive Cards SDK', () => {
    for (const { label, card } of cards) assertValidAdaptiveCard(card, label);
  });

  it('declares version 1.5 in every template', () => {
    for (const { label, card } of cards) assert.equal(card.version, '1.5', label);
  });

  it('leaves no template expression unexpanded, and expands none that register text carries', () => {
    for (const { label, card } of cards) {
      const json = JSON.stringify(card);
      const expressions = json.match(/\$\{[^}]*\}/g) ?? [];
      // The only ${...} left is the one the hostile values carry, shown as text.
      assert.deepEqual(
        [...new Set(expressions)].filter((expression) => expression !== '${oops}'),
        [],
        label,
      );
      assert.doesNotMatch(json, /"\$(data|when|root)"/, label);
    }
    const hostileCards = cards.filter(({ label }) => label.includes('hostile') || label.includes('notice'));
    assert.ok(hostileCards.some(({ card }) => JSON.stringify(card).includes('${oops}')));
  });

  it('escapes register and user text in every TextBlock and fact, so it cannot become markdown or a link', () => {
    let hostileTexts = 0;
    for (const { label, card } of cards) {
      for (const text of cardTexts(card)) {
        assert.doesNotMatch(text, /(?<!\\)\*bold(?<!\\)\*/, `${label}: ${text}`);
        assert.doesNotMatch(text, /(?<!\\)\[link(?<!\\)\]\(/, `${label}: ${text}`);
        assert.doesNotMatch(text, /(?<!\\)<b>/, `${label}: ${text}`);
        assert.doesNotMatch(text, /(?<!\\)_under_/, `${label}: ${text}`);
        assert.doesNotMatch(text, /^\s*([-+#>]|\d+\.)\s/m, `${label}: a line starts with markdown: ${text}`);
        if (text.includes(hostileEscaped)) hostileTexts++;
      }
    }
    assert.ok(hostileTexts > 50, `hostile text was shown escaped only ${hostileTexts} times`);
  });

  it('reports a broken template: the validation helper is not a rubber stamp', () => {
    const problems = adaptiveCardProblems({
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'TextBlock', text: 'x', wrapp: true }, { type: 'Rating' }],
      actions: [{ type: 'Action.OpenUrl', title: 'Open' }],
    });
    const events = problems.map((problem) => problem.event);
    assert.ok(events.includes('UnknownElementType'), events.join());
    assert.ok(events.includes('PropertyCantBeNull'), events.join());
    assert.ok(events.includes('version'), events.join());
    assert.ok(events.includes('DroppedProperty'), events.join());
  });
});
