import assert from 'node:assert/strict';
import {
  checklistChooseSystemCard,
  checklistMineCard,
  checklistSavedCard,
  chooseSystemCardData,
  dialogCard,
  mineCardData,
  savedCardData,
} from '../../../src/bot/cards/checklistCards';
import {
  statusBar,
  statusOverviewCard,
  statusOverviewCardData,
} from '../../../src/bot/cards/checklistStatusCard';
import type { QuestionAnswer, Review, ReviewSession } from '../../../src/domain/checklist';
import { newReview } from '../../../src/domain/checklist/review';
import { statusOverview } from '../../../src/domain/checklist/reviewStatus';
import { loadChecklistSync } from '../../../src/infrastructure/checklist/loadChecklist';
import { assertValidAdaptiveCard, cardActions, cardTexts } from '../../support/adaptiveCards';
import { aPerson, aSystem } from '../../support/systemMother';

const checklist = loadChecklistSync();
/** The times on the cards are written in the municipality's zone (TIME_ZONE). */
const timeZone = 'Europe/Stockholm';
const system = aSystem({
  name: '*Lön* [klicka](http://x)',
  departments: ['Socialförvaltningen'],
  responsibleChief: aPerson('Karin Larsson'),
});
const actor = { aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Karin _Larsson_' };
const questions = checklist.sections.flatMap((section) => section.questions);

/** A review with every question answered, every other one a deviation, and texts at their longest. */
function answeredReview(status: Review['status']): Review {
  const review = newReview({
    systemId: system.id,
    systemName: system.name,
    year: 2025,
    checklist,
    actor,
    at: '2025-11-03T08:00:00.000Z',
  });
  const answers: Record<string, QuestionAnswer> = {};
  questions.forEach((question, index) => {
    const deviates = index % 2 === 0;
    answers[question.id] = {
      answer: deviates ? 'no' : 'yes',
      comment: '<b>kommentar</b> '.repeat(125),
      ...(deviates
        ? { action: { what: 'Å'.repeat(1000), who: 'Ö'.repeat(200), dueDate: '2026-06-30' } }
        : {}),
      answeredBy: actor,
      answeredAt: '2025-11-03T08:00:00.000Z',
    };
  });
  return {
    ...review,
    answers,
    status,
    currentSectionIndex: checklist.sections.length,
    ...(status === 'submitted' ? { submitted: { by: actor, at: '2025-11-04T08:00:00.000Z' } } : {}),
  };
}

function sessionOf(
  review: Review | undefined,
  currentSectionIndex = review?.currentSectionIndex ?? 0,
): ReviewSession {
  return {
    reviewId: `${system.id}:2025`,
    year: 2025,
    system,
    answeringAs: 'responsibleChief',
    review,
    version: review ? '"etag-1"' : null,
    checklist,
    status: review?.status ?? 'notStarted',
    currentSectionIndex,
    previousYear: {
      year: 2024,
      status: 'submitted',
      checklistId: checklist.id,
      answers: {
        [questions[0]!.id]: {
          answer: 'partly',
          comment: 'Se *bilaga*',
          answeredBy: actor,
          answeredAt: '2025-01-10T08:00:00.000Z',
        },
      },
    },
  };
}

/** Teams refuses messages over about 28 KB. */
const teamsMessageLimit = 28 * 1024;

describe('the follow-up card templates with sample data', () => {
  it('draws a section card that parses at 1.5, with escaped text and last year as a hint', () => {
    const card = dialogCard(sessionOf(undefined), { lang: 'sv', timeZone });
    assertValidAdaptiveCard(card, 'checklistSection.json');
    const texts = cardTexts(card);
    assert.equal(texts[0], '\\*Lön\\* \\[klicka\\](http://x)');
    assert.ok(texts.includes('Förra året (2024): Delvis. Se \\*bilaga\\*'), texts.join(' | '));
    assert.ok(texts.includes('Åtgärd: fylls i vid Delvis eller Nej'));
  });

  it('shows the errors next to their fields and keeps what was typed', () => {
    const questionId = questions[0]!.id;
    const card = dialogCard(sessionOf(undefined), {
      lang: 'en',
      timeZone,
      notice: { text: 'Some answers are missing.', style: 'attention' },
      submitted: { [questionId]: { answer: 'no', comment: 'typed' } },
      errors: [{ questionId, field: 'actionWho', code: 'missing-action-who' }],
    });
    assertValidAdaptiveCard(card, 'checklistSection.json with errors');
    const json = JSON.stringify(card);
    assert.ok(json.includes('"value":"typed"'));
    assert.ok(cardTexts(card).includes('Say who takes the action.'));
  });

  it('opens the action fields only for Delvis and Nej, and offers "Lägg till åtgärd" for the rest', () => {
    const section = checklist.sections.reduce((largest, candidate) =>
      candidate.questions.length > largest.questions.length ? candidate : largest,
    );
    const sectionIndex = checklist.sections.indexOf(section);
    const [first, second, ...rest] = section.questions;
    const card = dialogCard(sessionOf(undefined, sectionIndex), {
      lang: 'sv',
      timeZone: 'Europe/Stockholm',
      submitted: {
        [first!.id]: { answer: 'no' },
        [second!.id]: { answer: 'partly', action: { what: 'Påbörjat' } },
        ...Object.fromEntries(rest.map((question) => [question.id, { answer: 'yes' }])),
      },
    });
    assertValidAdaptiveCard(card, 'checklistSection.json with answers');
    const questionContainers = (card.body as Record<string, unknown>[]).filter(
      (element) => element.type === 'Container' && Array.isArray(element.items) && element.separator === true,
    );
    assert.equal(questionContainers.length, section.questions.length);
    const view = section.questions.map((question, index) => {
      const items = questionContainers[index]!.items as Record<string, unknown>[];
      const fields = items.find((item) => item.id === `${question.id}.actionFields`);
      const toggle = items.find((item) => item.type === 'ActionSet') as
        { actions: { type: string; title: string; targetElements: string[] }[] } | undefined;
      return {
        open: fields !== undefined && fields.isVisible !== false,
        toggle: toggle?.actions.map((action) => [action.type, action.title, action.targetElements]),
      };
    });
    assert.deepEqual(view[0], { open: true, toggle: undefined });
    assert.deepEqual(view[1], { open: true, toggle: undefined });
    section.questions.slice(2).forEach((question, index) =>
      assert.deepEqual(view[index + 2], {
        open: false,
        toggle: [['Action.ToggleVisibility', 'Lägg till åtgärd', [`${question.id}.actionFields`]]],
      }),
    );
  });

  it('keeps every section card within the size Teams accepts, with every field hidden or shown', () => {
    checklist.sections.forEach((section, sectionIndex) => {
      for (const answer of ['yes', 'no']) {
        const card = dialogCard(sessionOf(undefined, sectionIndex), {
          lang: 'sv',
          timeZone: 'Europe/Stockholm',
          submitted: Object.fromEntries(
            section.questions.map((question) => [
              question.id,
              { answer, comment: 'k'.repeat(2000), action: { what: 'Å'.repeat(1000), who: 'Ö'.repeat(200) } },
            ]),
          ),
        });
        const bytes = Buffer.byteLength(JSON.stringify(card));
        assert.ok(bytes < teamsMessageLimit, `section ${sectionIndex + 1}, ${answer}: ${bytes} bytes`);
      }
    });
  });

  it('draws the summary of a complete review within the size Teams accepts, with Skicka in', () => {
    const card = dialogCard(sessionOf(answeredReview('inProgress')), { lang: 'sv', timeZone });
    assertValidAdaptiveCard(card, 'checklistSummary.json');
    const bytes = Buffer.byteLength(JSON.stringify(card));
    assert.ok(bytes < teamsMessageLimit, `${bytes} bytes`);
    const texts = cardTexts(card);
    assert.ok(texts.includes(`Avvikelser och planerade åtgärder (${Math.ceil(questions.length / 2)})`));
    assert.ok(texts.some((text) => text.startsWith('Kommentar: \\<b\\>kommentar')));
    assert.ok(texts.includes('Pågår. Senast ändrad av Karin \\_Larsson\\_ 2025-11-03 09:00.'));
    assert.deepEqual(
      cardActions(card)
        .filter((action) => action.verb !== 'checklist.goTo')
        .map((action) => action.title),
      ['Skicka in'],
    );
  });

  it('draws a submitted summary with Öppna igen and no edit buttons', () => {
    const card = dialogCard(sessionOf(answeredReview('submitted')), { lang: 'sv', timeZone });
    assertValidAdaptiveCard(card, 'checklistSummary.json submitted');
    assert.deepEqual(
      cardActions(card).map((action) => action.title),
      ['Öppna igen'],
    );
  });

  it('draws the saved, choose-system and my-checklists cards', () => {
    const saved = checklistSavedCard.expand(savedCardData(sessionOf(answeredReview('inProgress')), 'sv'));
    assertValidAdaptiveCard(saved, 'checklistSaved.json');
    assert.ok(
      cardTexts(saved).includes(
        `${checklist.sections.length} av ${checklist.sections.length} avsnitt klara.`,
      ),
    );

    const choose = checklistChooseSystemCard.expand(
      chooseSystemCardData('Flera system passar', [system], 2025, 'sv'),
    );
    assertValidAdaptiveCard(choose, 'checklistChooseSystem.json');
    assert.deepEqual(cardActions(choose)[0]?.data, { systemId: system.id, year: 2025, lang: 'sv' });

    const mine = checklistMineCard.expand(
      mineCardData(
        Array.from({ length: 25 }, (_, index) => ({
          reviewId: `s${index}:2025`,
          systemId: `s${index}`,
          systemName: `System ${index}`,
          year: 2025,
          role: 'responsible' as const,
          status: index === 0 ? ('submitted' as const) : ('notStarted' as const),
          currentSectionIndex: undefined,
          sectionCount: 7,
          submittedAt: index === 0 ? '2026-01-15T10:00:00.000Z' : undefined,
          deadline: '2026-03-01',
        })),
        2025,
        'sv',
        timeZone,
      ),
    );
    assertValidAdaptiveCard(mine, 'checklistMine.json');
    const texts = cardTexts(mine);
    assert.ok(texts.includes('Inskickad 2026-01-15 11:00 · senast 2026-03-01'));
    assert.equal(texts.at(-1), 'och 5 till.');
    assert.equal(cardActions(mine).length, 20);
  });

  it('charts ten departments of equal size by name order, the rest as one bar, and no bars without systems', () => {
    const departments = Array.from(
      { length: 12 },
      (_, index) => `Förvaltning ${String(index + 1).padStart(2, '0')}`,
    );
    const overview = statusOverview({
      year: 2025,
      systems: departments.map((department) =>
        aSystem({ name: `System i ${department}`, departments: [department] }),
      ),
      reviews: [],
      today: '2026-03-02',
    });
    const card = statusOverviewCard.expand(statusOverviewCardData(overview, 'en'));
    assertValidAdaptiveCard(card, 'statusOverview.json, many departments');
    const bars = (card.body as Record<string, unknown>[]).find(
      (element) => element.type === 'Chart.HorizontalBar.Stacked',
    ) as { title: string; data: { title: string; data: { value: number }[] }[] };
    assert.equal(bars.title, 'By department: the 9 with the most systems, the other 3 together');
    assert.deepEqual(
      bars.data.map((bar) => [bar.title, ...bar.data.map((segment) => segment.value)]),
      [
        ...departments.slice(0, 9).map((department) => [department, 0, 0, 1]),
        ['3 other departments', 0, 0, 3],
      ],
    );

    const empty = statusOverviewCard.expand(
      statusOverviewCardData(
        statusOverview({ year: 2025, systems: [], reviews: [], today: '2026-03-02' }),
        'sv',
      ),
    );
    assertValidAdaptiveCard(empty, 'statusOverview.json, empty register');
    assert.ok(!JSON.stringify(empty).includes('Chart.'), 'no charts of nothing');
  });

  it('draws the status card with proportional bars', () => {
    assert.equal(statusBar({ submitted: 1, inProgress: 1, total: 4 }), '█████▓▓▓▓▓░░░░░░░░░░');
    assert.equal(statusBar({ submitted: 0, inProgress: 0, total: 0 }), '░'.repeat(20));
    assert.equal(statusBar({ submitted: 3, inProgress: 0, total: 3 }), '█'.repeat(20));
    const overview = statusOverview({
      year: 2025,
      systems: [system, aSystem({ name: 'W3D3', departments: [] })],
      reviews: [answeredReview('submitted')],
      today: '2026-03-02',
    });
    const card = statusOverviewCard.expand(statusOverviewCardData(overview, 'sv'));
    assertValidAdaptiveCard(card, 'statusOverview.json');
    const texts = cardTexts(card);
    assert.ok(texts.includes('(ingen förvaltning)'));
    assert.ok(texts.includes('W3D3 (ej påbörjad)'));

    // The progress as a Teams donut, with the bar as its fallback and the figures as text for everyone.
    const chart = (card.body as Record<string, unknown>[]).find((element) => element.type === 'Chart.Donut');
    assert.ok(chart, 'a donut chart');
    assert.deepEqual(chart.data, [
      { legend: 'Inskickad', value: 1, color: 'good' },
      { legend: 'Pågår', value: 0, color: 'warning' },
      { legend: 'Ej påbörjad', value: 1, color: 'neutral' },
    ]);
    assert.deepEqual(chart.fallback, {
      type: 'TextBlock',
      text: statusBar({ submitted: 1, inProgress: 0, total: 2 }),
      fontType: 'Monospace',
      spacing: 'Small',
    });
    assert.ok(
      texts.some((text) => text.startsWith('1 av 2 system inskickade')),
      texts.join(' | '),
    );
    // A bar per department, in the text's order, with the donut's statuses and colours.
    const bars = (card.body as Record<string, unknown>[]).find(
      (element) => element.type === 'Chart.HorizontalBar.Stacked',
    );
    assert.ok(bars, 'a stacked bar chart');
    assert.deepEqual(bars.data, [
      {
        title: 'Socialförvaltningen',
        data: [1, 0, 0].map((value, i) => ({ ...(chart.data as object[])[i], value })),
      },
      {
        title: '(ingen förvaltning)',
        data: [0, 0, 1].map((value, i) => ({ ...(chart.data as object[])[i], value })),
      },
    ]);
    assert.throws(
      () => assertValidAdaptiveCard({ ...card, body: [{ type: 'Chart.Donut', data: [] }] }),
      /no fallback/,
      'a chart without a fallback is refused by the check',
    );
  });
});
