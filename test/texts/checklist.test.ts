import assert from 'node:assert/strict';

import { NotAllowedToAnswerError } from '../../src/domain/checklist/errors';
import {
  answerErrorTexts,
  checklistTexts,
  describeAnswerError,
  describeRefusal,
  followUpStatusTexts,
  reviewExportHeaders,
  reviewsExportCliTexts,
} from '../../src/texts/checklist';
import type { Text } from '../../src/texts';

describe('checklist texts', () => {
  it('names who can answer in a refusal, in Swedish and in English', () => {
    const error = new NotAllowedToAnswerError('procapita', [
      { role: 'responsibleChief', name: 'Åsa Öberg' },
      { role: 'delegate', name: 'René Ählström' },
      { role: 'delegate', name: 'Zoë Ek' },
    ]);

    assert.equal(
      describeRefusal(error, 'Procapita', 'sv'),
      'Du kan inte fylla i checklistan för Procapita. Den fylls i av Åsa Öberg (ansvarig chef), René Ählström (ersättare) och Zoë Ek (ersättare), eller av en administratör.',
    );
    assert.match(
      describeRefusal(error, 'Procapita', 'en'),
      /filled in by Åsa Öberg \(responsible manager\), René Ählström \(delegate\), and Zoë Ek \(delegate\)/,
    );
  });

  it('says so when the register names nobody who can answer', () => {
    const text = describeRefusal(new NotAllowedToAnswerError('w3d3', []), 'W3D3', 'sv');

    assert.match(text, /Registret anger ingen ansvarig chef eller systemansvarig/);
  });

  it('fills in the limit of a too-long text', () => {
    assert.equal(
      describeAnswerError({ questionId: 'q', field: 'comment', code: 'too-long', maxLength: 2_000 }, 'sv'),
      'Högst 2000 tecken.',
    );
  });

  it('has the same placeholders in both languages of every text', () => {
    const catalogues: Record<string, Text>[] = [
      followUpStatusTexts,
      answerErrorTexts,
      checklistTexts,
      reviewExportHeaders,
      reviewsExportCliTexts,
    ];
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const catalogue of catalogues) {
      for (const [key, text] of Object.entries(catalogue)) {
        assert.ok(text.sv.trim() && text.en.trim(), key);
        assert.deepEqual(placeholders(text.sv), placeholders(text.en), key);
      }
    }
  });
});
