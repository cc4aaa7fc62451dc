import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Actor } from '../../../src/domain/checklist/actor';
import {
  AdminOnlyError,
  NotAllowedToAnswerError,
  NotAllowedToSeeStatusError,
  ReviewStateError,
  StaleReviewError,
  SystemRetiredError,
  YearNotOpenError,
} from '../../../src/domain/checklist/errors';
import type { ChecklistAccess } from '../../../src/domain/checklist/permissions';
import { createReviewService, type ReviewService } from '../../../src/domain/checklist/reviewService';
import { ConcurrencyConflictError, InvalidInputError, NotFoundError } from '../../../src/domain/errors';
import { FollowUpCalendar } from '../../../src/domain/followUp/followUpCalendar';
import type { Storage } from '../../../src/domain/ports';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { aPerson, aSystem } from '../../support/systemMother';
import { aChecklist, aCompleteReview, anActor, organisationAnswers } from './checklistMother';

const asa = anActor();
const anna: Actor = {
  aadObjectId: '33333333-3333-4333-8333-333333333333',
  name: 'Anna Berg',
  email: 'anna.berg@kommun.se',
};
const rene: Actor = { aadObjectId: '22222222-2222-4222-8222-222222222222', name: 'René Ählström' };
const admin: Actor = {
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: 'Admin',
  email: 'it@kommun.se',
};
const coordinator: Actor = { aadObjectId: 'cccccccc-0000-4000-8000-000000000001', name: 'Samordnare' };
const stranger: Actor = {
  aadObjectId: '44444444-4444-4444-8444-444444444444',
  name: 'Erik Lund',
  email: 'erik.lund@kommun.se',
};

const access: ChecklistAccess = { admins: ['IT@kommun.se'], securityCoordinators: [coordinator.aadObjectId] };

const accessAnswers = { 'access-review': { answer: 'yes' } };

const calendar = new FollowUpCalendar({ overdueWeeks: 8, overdueWeekday: 1, timeZone: 'Europe/Stockholm' });

describe('the review service', () => {
  const folders: string[] = [];
  let storage: Storage;
  let service: ReviewService;
  let clock: Date;

  beforeEach(async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'systemkollen-reviews-'));
    folders.push(folder);
    storage = await createLocalStorage(folder);
    await storage.systems.apply({
      create: [
        aSystem({
          name: 'Procapita',
          departments: ['Socialförvaltningen'],
          responsibleChief: aPerson('Åsa Öberg', 'asa.oberg@kommun.se'),
          responsible: aPerson('Anna Berg', 'anna.berg@kommun.se'),
        }),
        aSystem({
          name: 'W3D3',
          departments: ['Kommunledningsförvaltningen'],
          responsible: aPerson('Anna Berg', 'anna.berg@kommun.se'),
        }),
        aSystem({
          name: 'Combine2',
          departments: ['Socialförvaltningen'],
          responsible: aPerson('Erik Lund', null),
        }),
      ],
      replace: [],
      remove: [],
    });
    clock = new Date('2025-11-03T08:00:00.000Z');
    service = createReviewService({ storage, checklist: aChecklist(), access, calendar, now: () => clock });
  });

  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  async function answerOrganisation(actor: Actor = asa) {
    const session = await service.open('procapita', 2025, actor);
    const result = await service.saveSection({
      reviewId: session.reviewId,
      sectionId: 'organisation',
      answers: organisationAnswers(),
      actor,
      expectedVersion: session.version,
    });
    assert.ok(result.ok);
    return result.session;
  }

  async function answerAll(actor: Actor = asa) {
    const afterOrganisation = await answerOrganisation(actor);
    const result = await service.saveSection({
      reviewId: afterOrganisation.reviewId,
      sectionId: 'access',
      answers: accessAnswers,
      actor,
      expectedVersion: afterOrganisation.version,
    });
    assert.ok(result.ok);
    return result.session;
  }

  it('opens a review not started without storing anything', async () => {
    const session = await service.open('procapita', 2025, asa);

    assert.equal(session.reviewId, 'procapita:2025');
    assert.equal(session.status, 'notStarted');
    assert.equal(session.version, null);
    assert.equal(session.answeringAs, 'responsibleChief');
    assert.equal(session.checklist.id, 'test-2025-1');
    assert.equal(await storage.reviews.get('procapita', 2025), undefined);
  });

  it('stores a section with who answered and when, and moves to the next section', async () => {
    const session = await answerOrganisation();

    assert.equal(session.status, 'inProgress');
    assert.equal(session.currentSectionIndex, 1);
    assert.ok(session.version);
    const stored = await storage.reviews.get('procapita', 2025);
    assert.equal(stored?.version, session.version);
    assert.deepEqual(stored?.value.answers['roles-appointed'], {
      answer: 'no',
      action: { what: 'Utse systemförvaltare', who: 'Åsa Öberg', dueDate: '2026-01-31' },
      answeredBy: { aadObjectId: asa.aadObjectId, name: 'Åsa Öberg' },
      answeredAt: '2025-11-03T08:00:00.000Z',
    });
  });

  it('returns the missing fields with what was typed and stores nothing', async () => {
    const session = await answerOrganisation();
    const typed = {
      'access-review': { answer: 'partly', comment: 'Halvvägs', action: { what: 'Gå igenom resten' } },
    };

    const result = await service.saveSection({
      reviewId: session.reviewId,
      sectionId: 'access',
      answers: typed,
      actor: asa,
      expectedVersion: session.version,
    });

    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(result.submitted, typed);
    assert.deepEqual(
      result.errors.map((error) => [error.questionId, error.field, error.code]),
      [
        ['access-review', 'actionWho', 'missing-action-who'],
        ['access-review', 'actionDueDate', 'missing-due-date'],
      ],
    );
    assert.equal(result.session.version, session.version);
    assert.equal((await storage.reviews.get('procapita', 2025))?.version, session.version);
  });

  it('recognises the same section sent again from the older card as already saved, writing nothing', async () => {
    const first = await service.open('procapita', 2025, asa);
    const saved = await answerOrganisation();

    const again = await service.saveSection({
      reviewId: first.reviewId,
      sectionId: 'organisation',
      answers: organisationAnswers(),
      actor: asa,
      expectedVersion: first.version,
    });

    assert.ok(again.ok);
    assert.equal(again.alreadySaved, true);
    assert.equal(again.session.version, saved.version);
    assert.equal(again.session.currentSectionIndex, 1);
    assert.equal((await storage.reviews.get('procapita', 2025))?.version, saved.version);
  });

  it('refuses a planned action due before today in the municipality, and stores nothing', async () => {
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
    clock = new Date('2025-12-31T23:30:00.000Z');
    const session = await service.open('procapita', 2025, asa);
    const answers = organisationAnswers();
    const roles = answers['roles-appointed'];
    assert.ok(roles?.action);
    roles.action.dueDate = '2025-12-31';

    const result = await service.saveSection({
      reviewId: session.reviewId,
      sectionId: 'organisation',
      answers,
      actor: asa,
      expectedVersion: session.version,
    });

    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((error) => [error.questionId, error.code, error.earliest]),
      [['roles-appointed', 'past-due-date', '2026-01-01']],
    );
    assert.equal(await storage.reviews.get('procapita', 2025), undefined);
  });

  it('refuses a step from an older card with the current review, and changes nothing', async () => {
    const first = await service.open('procapita', 2025, asa);
    const current = await answerOrganisation();

    await assert.rejects(
      service.saveSection({
        reviewId: 'procapita:2025',
        sectionId: 'organisation',
        answers: organisationAnswers({ 'management-plan': { answer: 'notApplicable' } }),
        actor: asa,
        expectedVersion: first.version,
      }),
      (error: unknown) => {
        assert.ok(error instanceof StaleReviewError);
        assert.ok(error instanceof ConcurrencyConflictError);
        assert.equal(error.current?.version, current.version);
        return true;
      },
    );
    assert.equal(
      (await storage.reviews.get('procapita', 2025))?.value.answers['management-plan']?.answer,
      'yes',
    );
  });

  it('lets exactly one of two people who start at the same time store their section', async () => {
    const seenByAsa = await service.open('procapita', 2025, asa);
    const seenByAdmin = await service.open('procapita', 2025, admin);

    const outcomes = await Promise.allSettled([
      service.saveSection({
        reviewId: 'procapita:2025',
        sectionId: 'organisation',
        answers: organisationAnswers(),
        actor: asa,
        expectedVersion: seenByAsa.version,
      }),
      service.saveSection({
        reviewId: 'procapita:2025',
        sectionId: 'access',
        answers: accessAnswers,
        actor: admin,
        expectedVersion: seenByAdmin.version,
      }),
    ]);

    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    const [lost] = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.ok(lost?.status === 'rejected' && lost.reason instanceof StaleReviewError);
    const stored = await storage.reviews.get('procapita', 2025);
    const asaWon = outcomes[0].status === 'fulfilled';
    assert.deepEqual(
      Object.keys(stored?.value.answers ?? {}).sort(),
      asaWon ? ['management-plan', 'roles-appointed'] : ['access-review'],
      'only the winner’s answers are stored',
    );
    assert.equal(stored?.value.history.length, 0);
  });

  it('submits only when every section is complete, and records who and when', async () => {
    const halfway = await answerOrganisation();

    const early = await service.submit({
      reviewId: halfway.reviewId,
      actor: asa,
      expectedVersion: halfway.version,
    });
    assert.deepEqual(early.ok ? [] : early.incompleteSections, ['access']);
    assert.equal((await storage.reviews.get('procapita', 2025))?.version, halfway.version);

    const complete = await service.saveSection({
      reviewId: halfway.reviewId,
      sectionId: 'access',
      answers: accessAnswers,
      actor: asa,
      expectedVersion: halfway.version,
    });
    assert.ok(complete.ok);
    assert.equal(complete.session.currentSectionIndex, 2, 'after the last section comes the summary');
    clock = new Date('2025-11-04T10:00:00.000Z');

    const submitted = await service.submit({
      reviewId: halfway.reviewId,
      actor: asa,
      expectedVersion: complete.session.version,
    });

    assert.ok(submitted.ok);
    assert.equal(submitted.session.status, 'submitted');
    assert.deepEqual(submitted.session.review?.submitted, {
      by: { aadObjectId: asa.aadObjectId, name: 'Åsa Öberg' },
      at: '2025-11-04T10:00:00.000Z',
    });
    assert.equal(submitted.session.review?.history.length, 1);
  });

  it('answers a repeated submit with the current, submitted review', async () => {
    const complete = await answerAll();
    await service.submit({ reviewId: complete.reviewId, actor: asa, expectedVersion: complete.version });

    const again = await service.submit({
      reviewId: complete.reviewId,
      actor: asa,
      expectedVersion: complete.version,
    });
    assert.ok(again.ok);
    assert.equal(again.alreadySubmitted, true);
    assert.equal(again.session.status, 'submitted');
    assert.equal((await storage.reviews.get('procapita', 2025))?.value.history.length, 1);
  });

  it('does not change a submitted review until it is reopened', async () => {
    const complete = await answerAll();
    const submitted = await service.submit({
      reviewId: complete.reviewId,
      actor: asa,
      expectedVersion: complete.version,
    });
    assert.ok(submitted.ok);

    await assert.rejects(
      service.saveSection({
        reviewId: complete.reviewId,
        sectionId: 'access',
        answers: accessAnswers,
        actor: asa,
        expectedVersion: submitted.session.version,
      }),
      (error: unknown) => error instanceof ReviewStateError && error.reason === 'submitted',
    );
  });

  it('lets the answerer or an admin reopen a submitted review, keeping the submission in the history', async () => {
    const complete = await answerAll();
    const submitted = await service.submit({
      reviewId: complete.reviewId,
      actor: asa,
      expectedVersion: complete.version,
    });
    assert.ok(submitted.ok);

    await assert.rejects(
      service.reopen({ reviewId: complete.reviewId, actor: anna }),
      NotAllowedToAnswerError,
    );
    const reopened = await service.reopen({
      reviewId: complete.reviewId,
      actor: admin,
      expectedVersion: submitted.session.version,
    });

    assert.equal(reopened.status, 'inProgress');
    assert.deepEqual(
      reopened.review?.history.map((entry) => [entry.event, entry.by.name]),
      [
        ['submitted', 'Åsa Öberg'],
        ['reopened', 'Admin'],
      ],
    );
    await assert.rejects(
      service.reopen({ reviewId: complete.reviewId, actor: asa }),
      (error: unknown) => error instanceof ReviewStateError && error.reason === 'not-submitted',
    );
    const again = await service.submit({
      reviewId: complete.reviewId,
      actor: asa,
      expectedVersion: reopened.version,
    });
    assert.ok(again.ok);
    assert.equal(again.session.review?.history.length, 3);
  });

  it('refuses someone who may not answer, naming who can, and writes nothing', async () => {
    await assert.rejects(
      service.saveSection({
        reviewId: 'procapita:2025',
        sectionId: 'access',
        answers: accessAnswers,
        actor: anna,
        expectedVersion: null,
      }),
      (error: unknown) => {
        assert.ok(error instanceof NotAllowedToAnswerError);
        assert.deepEqual(error.answerers, [{ role: 'responsibleChief', name: 'Åsa Öberg' }]);
        return true;
      },
    );
    await assert.rejects(service.open('procapita', 2025, stranger), NotAllowedToAnswerError);
    assert.equal(await storage.reviews.get('procapita', 2025), undefined);
  });

  it('checks who answers before the card’s version, so a refused person learns nothing', async () => {
    await answerOrganisation();

    await assert.rejects(
      service.saveSection({
        reviewId: 'procapita:2025',
        sectionId: 'access',
        answers: accessAnswers,
        actor: stranger,
        expectedVersion: 'made-up',
      }),
      NotAllowedToAnswerError,
    );
  });

  it('has no follow-up for a retired system: not opened, not in my checklists, not in the status', async () => {
    const mine = async () => (await service.myChecklists(anna, 2025)).map((review) => review.systemId);
    assert.deepEqual(await mine(), ['w3d3']);
    const [stored] = (await storage.systems.list()).filter((system) => system.value.id === 'w3d3');
    assert.ok(stored);
    await storage.systems.apply({
      create: [],
      replace: [{ value: { ...stored.value, status: 'Ur drift' }, version: stored.version }],
      remove: [],
    });
    await assert.rejects(service.open('w3d3', 2025, admin), (error: unknown) => {
      assert.ok(error instanceof SystemRetiredError);
      assert.equal(error.status, 'Ur drift');
      return true;
    });
    assert.deepEqual(await mine(), []);
    const overview = await service.statusOverview(coordinator, 2025);
    assert.equal(overview.totals.total, 2);
  });

  it('reports a system that is not in the register', async () => {
    await assert.rejects(service.open('finns-inte', 2025, admin), NotFoundError);
  });

  it('keeps what was typed in an incomplete section for later, and then will not submit', async () => {
    const afterOrganisation = await answerOrganisation();
    const typed = { 'access-review': { answer: 'no', action: { what: 'Rensa konton' } } };

    const later = await service.saveDraft({
      reviewId: afterOrganisation.reviewId,
      sectionId: 'access',
      answers: typed,
      actor: asa,
      expectedVersion: afterOrganisation.version,
    });

    assert.equal(later.complete, false);
    assert.equal(later.session.currentSectionIndex, 1);
    const reopenedElsewhere = await service.open('procapita', 2025, asa);
    assert.deepEqual(reopenedElsewhere.review?.drafts.access, typed);
    const submit = await service.submit({
      reviewId: 'procapita:2025',
      actor: asa,
      expectedVersion: reopenedElsewhere.version,
    });
    assert.deepEqual(submit.ok ? [] : submit.incompleteSections, ['access']);
  });

  it('stores a complete section given as a draft as answers', async () => {
    const afterOrganisation = await answerOrganisation();

    const result = await service.saveDraft({
      reviewId: afterOrganisation.reviewId,
      sectionId: 'access',
      answers: accessAnswers,
      actor: asa,
      expectedVersion: afterOrganisation.version,
      move: 'back',
    });

    assert.equal(result.complete, true);
    assert.equal(result.session.currentSectionIndex, 0);
    assert.equal(result.session.review?.answers['access-review']?.answer, 'yes');
    assert.deepEqual(result.session.review?.drafts, {});
  });

  it('moves between sections and to the summary', async () => {
    const afterOrganisation = await answerOrganisation();

    const back = await service.goToSection({
      reviewId: afterOrganisation.reviewId,
      sectionIndex: 0,
      actor: asa,
      expectedVersion: afterOrganisation.version,
    });
    const summary = await service.goToSection({
      reviewId: back.reviewId,
      sectionIndex: 2,
      actor: asa,
      expectedVersion: back.version,
    });

    assert.equal(back.currentSectionIndex, 0);
    assert.equal(summary.currentSectionIndex, 2);
    await assert.rejects(
      service.goToSection({
        reviewId: back.reviewId,
        sectionIndex: 3,
        actor: asa,
        expectedVersion: summary.version,
      }),
      InvalidInputError,
    );
  });

  it('gives last year’s answers as hints', async () => {
    await storage.reviews.save(
      aCompleteReview({
        id: 'procapita:2024',
        year: 2024,
        status: 'submitted',
        submitted: { by: { aadObjectId: 'x', name: 'X' }, at: '2025-02-20T10:00:00.000Z' },
      }),
      null,
    );

    const session = await service.open('procapita', 2025, asa);
    const hints = await service.previousYearAnswers('procapita', 2025, asa);

    assert.equal(session.previousYear?.year, 2024);
    assert.equal(session.previousYear?.answers['roles-appointed']?.answer, 'partly');
    assert.equal(session.previousYear?.submittedAt, '2025-02-20T10:00:00.000Z');
    assert.deepEqual(hints, session.previousYear);
    assert.equal(await service.previousYearAnswers('w3d3', 2025, anna), undefined);
    await assert.rejects(service.previousYearAnswers('procapita', 2025, stranger), NotAllowedToAnswerError);
  });

  it('lists a person’s checklists with their status, by e-mail and as a delegate', async () => {
    await answerOrganisation();
    await service.addDelegate({
      systemId: 'combine2',
      year: 2025,
      delegate: { name: 'Anna Berg', email: 'Anna.Berg@kommun.se' },
      actor: admin,
    });

    const annas = await service.myChecklists({ ...anna, email: 'ANNA.BERG@KOMMUN.SE' }, 2025);
    const asas = await service.myChecklists(asa, 2025);

    assert.deepEqual(
      annas.map((item) => [item.systemName, item.role, item.status, item.deadline]),
      [
        ['Combine2', 'delegate', 'notStarted', '2026-03-01'],
        ['W3D3', 'responsible', 'notStarted', '2026-03-01'],
      ],
    );
    assert.deepEqual(
      asas.map((item) => [
        item.reviewId,
        item.role,
        item.status,
        item.currentSectionIndex,
        item.sectionCount,
      ]),
      [['procapita:2025', 'responsibleChief', 'inProgress', 1, 2]],
    );
    clock = new Date('2026-06-01T08:00:00.000Z'); // 2026 has become the current follow-up year
    assert.deepEqual(await service.myChecklists(asa, 2026), [
      {
        ...asas[0],
        reviewId: 'procapita:2026',
        year: 2026,
        status: 'notStarted',
        currentSectionIndex: undefined,
        deadline: '2027-03-01',
      },
    ]);
  });

  it('lets only admins add and remove delegates, and a delegate answer for that year only', async () => {
    await assert.rejects(
      service.addDelegate({
        systemId: 'procapita',
        year: 2025,
        delegate: { name: 'René Ählström', aadObjectId: rene.aadObjectId },
        actor: asa,
      }),
      AdminOnlyError,
    );

    const added = await service.addDelegate({
      systemId: 'procapita',
      year: 2025,
      delegate: { name: 'René Ählström', aadObjectId: rene.aadObjectId },
      actor: admin,
    });
    const again = await service.addDelegate({
      systemId: 'procapita',
      year: 2025,
      delegate: { name: 'René Ä.', aadObjectId: rene.aadObjectId.toUpperCase() },
      actor: admin,
    });

    assert.deepEqual(
      added.map((delegate) => delegate.name),
      ['René Ählström'],
    );
    assert.deepEqual(
      again.map((delegate) => delegate.name),
      ['René Ä.'],
      'the same person is not added twice',
    );
    assert.equal((await service.open('procapita', 2025, rene)).answeringAs, 'delegate');
    clock = new Date('2026-06-01T08:00:00.000Z'); // both 2025 and 2026 are open to him now
    await assert.rejects(service.open('procapita', 2026, rene), NotAllowedToAnswerError);

    const removed = await service.removeDelegate({
      systemId: 'procapita',
      year: 2025,
      person: { aadObjectId: rene.aadObjectId },
      actor: admin,
    });
    assert.deepEqual(removed, []);
    await assert.rejects(service.open('procapita', 2025, rene), NotAllowedToAnswerError);
  });

  it('shows the status per department to the security coordinator, not to an answerer', async () => {
    const complete = await answerAll();
    await service.submit({ reviewId: complete.reviewId, actor: asa, expectedVersion: complete.version });
    clock = new Date('2026-03-02T07:00:00.000Z');

    const overview = await service.statusOverview(coordinator, 2025);

    assert.equal(overview.today, '2026-03-02');
    assert.deepEqual(overview.totals, { submitted: 1, inProgress: 0, notStarted: 2, total: 3, overdue: 2 });
    assert.deepEqual(
      overview.departments.map((department) => [
        department.department,
        department.overdue.map((system) => system.systemId),
      ]),
      [
        ['Kommunledningsförvaltningen', ['w3d3']],
        ['Socialförvaltningen', ['combine2']],
      ],
    );
    await assert.rejects(service.statusOverview(asa, 2025), NotAllowedToSeeStatusError);
  });

  it('lets anyone but admins and the coordinator open only the current and the previous follow-up year', async () => {
    // 3 November 2025: the follow-up of 2025 is current.
    await service.open('procapita', 2024, asa);
    await service.open('procapita', 2025, asa);
    for (const year of [2019, 2023, 2026, 1999, 9999]) {
      await assert.rejects(service.open('procapita', year, asa), (error: unknown) => {
        assert.ok(error instanceof YearNotOpenError);
        assert.equal(error.year, year);
        assert.deepEqual(error.openYears, [2024, 2025]);
        return true;
      });
      await assert.rejects(service.myChecklists(asa, year), YearNotOpenError);
    }
    // An old card of a closed year cannot write either.
    await assert.rejects(
      service.goToSection({ reviewId: 'procapita:2019', sectionIndex: 1, actor: asa, expectedVersion: null }),
      YearNotOpenError,
    );
    assert.equal(await storage.reviews.get('procapita', 2019), undefined);
  });

  it('lets admins and the coordinator open any year from 2000 to 2199, and calls any other year invalid input', async () => {
    assert.equal((await service.open('procapita', 2019, admin)).year, 2019);
    assert.deepEqual(await service.myChecklists(coordinator, 2000), []);
    assert.equal((await service.statusOverview(coordinator, 2199)).year, 2199);
    for (const year of [1999, 2200, 9999]) {
      await assert.rejects(service.open('procapita', year, admin), (error: unknown) => {
        assert.ok(error instanceof InvalidInputError);
        assert.equal(error.field, 'year');
        assert.equal(error.value, year);
        assert.deepEqual(error.accepted, { min: 2000, max: 2199 });
        return true;
      });
      await assert.rejects(service.statusOverview(admin, year), InvalidInputError);
    }
    // Anyone else asking for the status is refused for who they are, whatever the year.
    await assert.rejects(service.statusOverview(asa, 9999), NotAllowedToSeeStatusError);
  });

  it('continues after a restart: a new service on the same store picks up the stored step', async () => {
    const session = await answerOrganisation();
    const restarted = createReviewService({
      storage,
      checklist: aChecklist({ id: 'test-2026-1' }),
      access,
      calendar,
      now: () => clock,
    });

    const resumed = await restarted.open('procapita', 2025, asa);

    assert.equal(resumed.version, session.version);
    assert.equal(resumed.currentSectionIndex, 1);
    assert.equal(resumed.checklist.id, 'test-2025-1', 'a started review keeps the checklist it began with');
  });
});
