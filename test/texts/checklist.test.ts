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

  it('uses one word for each status and names buttons by their own titles, in every text a user sees', async () => {
    const modules = [
      'answers',
      'bot',
      'checklist',
      'checklistDialog',
      'inputGuard',
      'registerImport',
      'reminders',
    ];
    const swedish: [string, string][] = [];
    for (const name of modules) {
      const catalogue = (await import(`../../src/texts/${name}`)) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(catalogue)) {
        if (typeof value !== 'object' || value === null) continue;
        for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
          const sv = (text as { sv?: unknown } | null)?.sv;
          if (typeof sv === 'string') swedish.push([`${name}.${exported}.${key}`, sv]);
        }
      }
    }
    assert.ok(swedish.length > 100, 'the catalogues were read');
    const strays = swedish.filter(
      ([, text]) =>
        // "Pågår" is the status of a follow-up in progress; "Ej påbörjad" of one not started.
        /(^|[^j] )[Pp]åbörjad\b/.test(text) ||
        /^Påbörjad/.test(text) ||
        // A button is named by its title through a placeholder, never written out beside it.
        /Klicka på (Starta|Fortsätt)/.test(text),
    );
    assert.deepEqual(strays, []);
    assert.equal(followUpStatusTexts.inProgress.sv, 'Pågår');
    assert.equal(followUpStatusTexts.notStarted.sv, 'Ej påbörjad');
  });
});
