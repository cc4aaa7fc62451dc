import assert from 'node:assert/strict';

import { UnknownSectionError } from '../../../src/domain/checklist/errors';
import {
  formValuesFor,
  incompleteSections,
  isRealDate,
  parseReviewId,
  reopenedReview,
  reviewIdFor,
  reviewSummary,
  sectionState,
  submittedReview,
  validateSection,
  withDraft,
  withSectionAnswers,
} from '../../../src/domain/checklist/review';
import { aChecklist, aCompleteReview, anActor, aReview, organisationAnswers } from './checklistMother';

const checklist = aChecklist();

describe('checking a section’s answers', () => {
  it('accepts a section where every question is answered and the deviation has its action', () => {
    const result = validateSection(checklist, 'organisation', organisationAnswers());

    assert.deepEqual(result, {
      ok: true,
      answers: {
        'management-plan': { answer: 'yes' },
        'roles-appointed': {
          answer: 'no',
          action: { what: 'Utse systemförvaltare', who: 'Åsa Öberg', dueDate: '2026-01-31' },
        },
      },
    });
  });

  it('names each unanswered question', () => {
    const result = validateSection(checklist, 'organisation', { 'management-plan': { answer: '  ' } });

    assert.deepEqual(result, {
      ok: false,
      errors: [
        { questionId: 'management-plan', field: 'answer', code: 'missing-answer' },
        { questionId: 'roles-appointed', field: 'answer', code: 'missing-answer' },
      ],
    });
  });

  it('rejects an answer the checklist does not offer', () => {
    const limited = aChecklist({
      answerOptions: aChecklist().answerOptions.filter((option) => option.value !== 'notApplicable'),
    });

    const result = validateSection(limited, 'access', { 'access-review': { answer: 'notApplicable' } });
    const invented = validateSection(checklist, 'access', { 'access-review': { answer: 'kanske' } });

    assert.deepEqual(result.ok ? [] : result.errors.map((error) => error.code), ['unknown-answer']);
    assert.deepEqual(invented.ok ? [] : invented.errors.map((error) => error.code), ['unknown-answer']);
  });

  it('requires what, who and a due date for Delvis and Nej', () => {
    for (const answer of ['partly', 'no']) {
      const result = validateSection(checklist, 'access', { 'access-review': { answer, comment: 'Pågår' } });

      assert.deepEqual(result.ok ? [] : result.errors, [
        { questionId: 'access-review', field: 'actionWhat', code: 'missing-action-what' },
        { questionId: 'access-review', field: 'actionWho', code: 'missing-action-who' },
        { questionId: 'access-review', field: 'actionDueDate', code: 'missing-due-date' },
      ]);
    }
  });

  it('requires no action for Ja and Ej aktuellt, and drops one that was typed before the answer changed', () => {
    const result = validateSection(checklist, 'access', {
      'access-review': { answer: 'notApplicable', action: { what: 'Något', who: '', dueDate: '' } },
    });

    assert.deepEqual(result, { ok: true, answers: { 'access-review': { answer: 'notApplicable' } } });
  });

  it('rejects a due date that does not exist or is not written as a date', () => {
    for (const dueDate of ['2026-02-30', '2026-13-01', '31/12/2026', 'nästa vår', '1999-12-31']) {
      const result = validateSection(checklist, 'access', {
        'access-review': { answer: 'partly', action: { what: 'Gå igenom', who: 'Anna', dueDate } },
      });

      assert.deepEqual(
        result.ok ? [] : result.errors,
        [{ questionId: 'access-review', field: 'actionDueDate', code: 'invalid-due-date' }],
        dueDate,
      );
    }
  });

  it('refuses a due date before today, naming today, and accepts today and later', () => {
    const withDue = (dueDate: string) => ({
      'access-review': { answer: 'partly', action: { what: 'Gå igenom', who: 'Anna', dueDate } },
    });
    const context = { today: '2025-11-03' };

    assert.deepEqual(validateSection(checklist, 'access', withDue('2020-01-01'), context), {
      ok: false,
      errors: [
        {
          questionId: 'access-review',
          field: 'actionDueDate',
          code: 'past-due-date',
          earliest: '2025-11-03',
        },
      ],
    });
    assert.equal(validateSection(checklist, 'access', withDue('2025-11-02'), context).ok, false);
    assert.equal(validateSection(checklist, 'access', withDue('2025-11-03'), context).ok, true);
    assert.equal(validateSection(checklist, 'access', withDue('2026-01-31'), context).ok, true);
  });

  it('accepts a due date that has passed since it was stored, as long as it is unchanged', () => {
    const stored = {
      'access-review': {
        answer: 'partly' as const,
        action: { what: 'Gå igenom', who: 'Anna', dueDate: '2025-10-01' },
        answeredBy: { aadObjectId: 'a2', name: 'Anna' },
        answeredAt: '2025-09-01T08:00:00.000Z',
      },
    };
    const sent = (dueDate: string) => ({
      'access-review': { answer: 'no', action: { what: 'Gå igenom', who: 'Anna', dueDate } },
    });

    assert.equal(
      validateSection(checklist, 'access', sent('2025-10-01'), { today: '2025-11-03', stored }).ok,
      true,
    );
    assert.equal(
      validateSection(checklist, 'access', sent('2025-10-02'), { today: '2025-11-03', stored }).ok,
      false,
    );
  });

  it('knows leap days', () => {
    assert.equal(isRealDate('2028-02-29'), true);
    assert.equal(isRealDate('2026-02-29'), false);
  });

  it('keeps an optional comment, trimmed, and refuses one over the limit', () => {
    const kept = validateSection(checklist, 'access', {
      'access-review': { answer: 'yes', comment: '  Klart i maj ' },
    });
    const tooLong = validateSection(checklist, 'access', {
      'access-review': { answer: 'yes', comment: 'x'.repeat(2_001) },
    });

    assert.deepEqual(kept, {
      ok: true,
      answers: { 'access-review': { answer: 'yes', comment: 'Klart i maj' } },
    });
    assert.deepEqual(tooLong.ok ? [] : tooLong.errors, [
      { questionId: 'access-review', field: 'comment', code: 'too-long', maxLength: 2_000 },
    ]);
  });

  it('ignores values for questions of other sections and inherited property names', () => {
    const submitted = JSON.parse('{"access-review":{"answer":"yes"},"__proto__":{"answer":"no"},"x":{}}');

    assert.deepEqual(validateSection(checklist, 'access', submitted), {
      ok: true,
      answers: { 'access-review': { answer: 'yes' } },
    });
  });

  it('refuses a section the checklist does not have', () => {
    assert.throws(() => validateSection(checklist, 'leverantor', {}), UnknownSectionError);
  });
});

describe('a review’s steps', () => {
  const later = anActor({ aadObjectId: 'other', name: 'René Ählström' });

  it('records who answered each question and when, and keeps them for answers that did not change', () => {
    const first = withSectionAnswers(
      aReview(),
      'organisation',
      { 'management-plan': { answer: 'yes' }, 'roles-appointed': { answer: 'yes' } },
      anActor(),
      '2025-11-03T09:00:00.000Z',
    );

    const second = withSectionAnswers(
      first,
      'organisation',
      { 'management-plan': { answer: 'yes' }, 'roles-appointed': { answer: 'notApplicable' } },
      later,
      '2025-11-04T09:00:00.000Z',
    );

    assert.deepEqual(second.answers['management-plan'], {
      answer: 'yes',
      answeredBy: { aadObjectId: anActor().aadObjectId, name: 'Åsa Öberg' },
      answeredAt: '2025-11-03T09:00:00.000Z',
    });
    assert.deepEqual(second.answers['roles-appointed'], {
      answer: 'notApplicable',
      answeredBy: { aadObjectId: 'other', name: 'René Ählström' },
      answeredAt: '2025-11-04T09:00:00.000Z',
    });
    assert.deepEqual(second.updatedBy, { aadObjectId: 'other', name: 'René Ählström' });
  });

  it('tells complete, incomplete and not started sections apart', () => {
    const partly = withSectionAnswers(
      aReview(),
      'organisation',
      { 'management-plan': { answer: 'yes' } },
      anActor(),
      '2025-11-03T09:00:00.000Z',
    );

    assert.equal(sectionState(partly, 'organisation'), 'incomplete');
    assert.equal(sectionState(partly, 'access'), 'notStarted');
    assert.equal(sectionState(aCompleteReview(), 'organisation'), 'complete');
    assert.deepEqual(incompleteSections(partly), ['organisation', 'access']);
    assert.deepEqual(incompleteSections(aCompleteReview()), []);
  });

  it('draws a section from what was typed and not yet stored, before the stored answers', () => {
    const typed = { 'management-plan': { answer: 'no', action: { what: 'Skriva plan' } } };
    const drafted = withDraft(
      aCompleteReview(),
      'organisation',
      typed,
      anActor(),
      '2025-11-05T09:00:00.000Z',
    );

    assert.deepEqual(formValuesFor(drafted, 'organisation'), typed);
    assert.deepEqual(formValuesFor(drafted, 'access'), { 'access-review': { answer: 'yes' } });
    assert.equal(sectionState(drafted, 'organisation'), 'incomplete', 'unsaved changes keep a section open');
    assert.deepEqual(drafted.answers, aCompleteReview().answers, 'stored answers are untouched by a draft');
    assert.deepEqual(formValuesFor(undefined, 'organisation'), {});
  });

  it('drops a section’s draft once the section is stored', () => {
    const drafted = withDraft(
      aReview(),
      'access',
      { 'access-review': {} },
      anActor(),
      '2025-11-05T09:00:00.000Z',
    );

    const stored = withSectionAnswers(
      drafted,
      'access',
      { 'access-review': { answer: 'yes' } },
      anActor(),
      'later',
    );

    assert.deepEqual(stored.drafts, {});
  });

  it('keeps every submission in the history when reopened and submitted again', () => {
    const submitted = submittedReview(aCompleteReview(), anActor(), '2025-11-10T09:00:00.000Z');
    const reopened = reopenedReview(submitted, later, '2025-11-11T09:00:00.000Z');
    const changed = withSectionAnswers(
      reopened,
      'access',
      { 'access-review': { answer: 'no', action: { what: 'a', who: 'b', dueDate: '2026-01-01' } } },
      later,
      '2025-11-11T09:05:00.000Z',
    );
    const again = submittedReview(changed, later, '2025-11-12T09:00:00.000Z');

    assert.equal(reopened.status, 'inProgress');
    assert.equal(reopened.submitted, undefined);
    assert.deepEqual(
      again.history.map((entry) => [entry.event, entry.at]),
      [
        ['submitted', '2025-11-10T09:00:00.000Z'],
        ['reopened', '2025-11-11T09:00:00.000Z'],
        ['submitted', '2025-11-12T09:00:00.000Z'],
      ],
    );
    const [first] = again.history;
    assert.equal(first?.event === 'submitted' ? first.answers['access-review']?.answer : undefined, 'yes');
    assert.deepEqual(again.submitted, {
      by: { aadObjectId: 'other', name: 'René Ählström' },
      at: '2025-11-12T09:00:00.000Z',
    });
  });

  it('sums up every answer and every deviation with its action for the summary card', () => {
    const summary = reviewSummary(aCompleteReview());
    const unfinished = reviewSummary(aReview());

    assert.equal(summary.complete, true);
    assert.deepEqual(
      summary.sections.map((section) => [
        section.section.id,
        section.state,
        section.questions.map((q) => q.answer?.answer),
      ]),
      [
        ['organisation', 'complete', ['yes', 'partly']],
        ['access', 'complete', ['yes']],
      ],
    );
    assert.deepEqual(
      summary.deviations.map((deviation) => [deviation.questionId, deviation.answer.action?.what]),
      [['roles-appointed', 'Utse ny systemförvaltare']],
    );
    assert.equal(unfinished.complete, false);
    assert.deepEqual(unfinished.incompleteSections, ['organisation', 'access']);
  });

  it('builds and parses the deterministic review id', () => {
    assert.equal(reviewIdFor('agresso-ekonomi', 2025), 'agresso-ekonomi:2025');
    assert.deepEqual(parseReviewId('agresso-ekonomi:2025'), { systemId: 'agresso-ekonomi', year: 2025 });
    assert.equal(parseReviewId('agresso-ekonomi'), undefined);
  });
});
