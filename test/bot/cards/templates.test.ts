import assert from 'node:assert/strict';
import { systemListCard, type SystemListCardData } from '../../../src/bot/cards/systemListCard';
import { chooseSystemCard } from '../../../src/bot/cards/chooseSystemCard';
import { chooseSystemVerb } from '../../../src/bot/cards/verbs';
import { cardActions, cardTexts } from '../../support/adaptiveCards';

describe('card templates', () => {
  it('shows a value holding template expressions as text: the engine evaluates the template, never the data', () => {
    const data: SystemListCardData = {
      heading: '${$root.systems[0].name}',
      systems: [
        { name: '${string(1+1)}', detail: '${$root.heading}' },
        { name: 'Kalle ${toUpper("x")} $' + '{ok}', detail: '${' },
      ],
      more: '${exists(more)}',
    };
    const card = systemListCard.expand(data);
    assert.deepEqual(cardTexts(card), [
      '${$root.systems[0].name}',
      '${string(1+1)}',
      '${$root.heading}',
      'Kalle ${toUpper("x")} ${ok}',
      '${',
      '${exists(more)}',
    ]);
  });

  it('puts the verb constant and the action data into every button as objects, not strings', () => {
    const card = chooseSystemCard.expand({
      title: 'Vilket?',
      candidates: [{ name: 'Agresso', action: { systemId: 'agresso', roles: ['owner'], lang: 'sv' } }],
      verbs: { chooseSystem: chooseSystemVerb, choosePerson: 'answers.choosePerson' },
    });
    assert.deepEqual(cardActions(card), [
      {
        type: 'Action.Execute',
        title: 'Agresso',
        verb: 'answers.chooseSystem',
        data: { systemId: 'agresso', roles: ['owner'], lang: 'sv' },
      },
    ]);
  });

  it('leaves out what the data does not have, rather than showing an empty element', () => {
    const card = systemListCard.expand({ heading: 'Tom lista', systems: [] });
    assert.deepEqual(cardTexts(card), ['Tom lista']);
  });
});
