import assert from 'node:assert/strict';
import { say, sayCount } from '../../src/texts';

describe('say', () => {
  const text = { sv: 'Hej {name}, du har {count} system.', en: 'Hi {name}, you have {count} systems.' };

  it('gives the text in the language asked for, with each placeholder filled in', () => {
    assert.equal(say('sv', text, { name: 'Anna', count: 3 }), 'Hej Anna, du har 3 system.');
    assert.equal(say('en', text, { name: 'Anna', count: 3 }), 'Hi Anna, you have 3 systems.');
  });

  it('leaves a placeholder it has no value for, and braces that are no placeholder, as written', () => {
    assert.equal(
      say('sv', { sv: '{name} {} {två ord} {count', en: '' }, { count: 1 }),
      '{name} {} {två ord} {count',
    );
  });

  it('inserts values literally, and never takes a value from the object prototype', () => {
    assert.equal(
      say('sv', { sv: '{name} {toString}', en: '' }, { name: '$& $1 {count}' }),
      '$& $1 {count} {toString}',
    );
  });

  it('gives a text without placeholders as it is', () => {
    assert.equal(say('en', { sv: 'Klart.', en: 'Done.' }), 'Done.');
  });

  it('counts with the form for one only for exactly one', () => {
    const one = { sv: '1 system kvar', en: '1 system left' };
    const many = { sv: '{count} system kvar', en: '{count} systems left' };
    assert.deepEqual(
      [0, 1, 2, 21].map((count) => sayCount('en', count, one, many)),
      ['0 systems left', '1 system left', '2 systems left', '21 systems left'],
    );
    assert.equal(sayCount('sv', 1, one, many), '1 system kvar');
  });
});
