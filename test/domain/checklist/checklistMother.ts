import type { Actor } from '../../../src/domain/checklist/actor';
import type { Checklist } from '../../../src/domain/checklist/checklist';
import type { ReviewDelegates } from '../../../src/domain/checklist/permissions';
import { newReview, type Review, type SubmittedSection } from '../../../src/domain/checklist/review';

/** A small checklist with the default's answer options: two sections, three questions. */
export function aChecklist(overrides: Partial<Checklist> = {}): Checklist {
  return {
    id: 'test-2025-1',
    title: { sv: 'Testchecklista', en: 'Test checklist' },
    answerOptions: [
      { value: 'yes', label: { sv: 'Ja', en: 'Yes' }, requiresAction: false },
      { value: 'partly', label: { sv: 'Delvis', en: 'Partly' }, requiresAction: true },
      { value: 'no', label: { sv: 'Nej', en: 'No' }, requiresAction: true },
      { value: 'notApplicable', label: { sv: 'Ej aktuellt', en: 'Not applicable' }, requiresAction: false },
    ],
    sections: [
      {
        id: 'organisation',
        title: { sv: 'Organisation och roller', en: 'Organisation and roles' },
        questions: [
          {
            id: 'management-plan',
            text: { sv: 'Finns en aktuell förvaltningsplan?', en: 'Is there a current management plan?' },
            help: { sv: 'Syfte, mål och roller.', en: 'Purpose, goals and roles.' },
          },
          {
            id: 'roles-appointed',
            text: { sv: 'Är rollerna utsedda?', en: 'Are the roles appointed?' },
          },
        ],
      },
      {
        id: 'access',
        title: { sv: 'Behörigheter', en: 'Access rights' },
        questions: [
          {
            id: 'access-review',
            text: { sv: 'Har behörigheterna gåtts igenom i år?', en: 'Have access rights been reviewed?' },
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** Åsa Öberg, the responsible chief of the systems in these tests. */
export function anActor(overrides: Partial<Actor> = {}): Actor {
  return {
    aadObjectId: '11111111-1111-4111-8111-111111111111',
    name: 'Åsa Öberg',
    email: 'asa.oberg@kommun.se',
    ...overrides,
  };
}

/** A review in progress of "procapita" for 2025, nothing answered yet. */
export function aReview(overrides: Partial<Review> = {}): Review {
  const review = newReview({
    systemId: overrides.systemId ?? 'procapita',
    systemName: 'Procapita',
    year: overrides.year ?? 2025,
    checklist: aChecklist(),
    actor: anActor(),
    at: '2025-11-03T08:00:00.000Z',
  });
  return { ...review, ...overrides };
}

/** A review with every question answered "yes", ready to submit. */
export function aCompleteReview(overrides: Partial<Review> = {}): Review {
  const by = { aadObjectId: anActor().aadObjectId, name: anActor().name };
  const answeredAt = '2025-11-03T08:05:00.000Z';
  return aReview({
    answers: {
      'management-plan': { answer: 'yes', answeredBy: by, answeredAt },
      'roles-appointed': {
        answer: 'partly',
        comment: 'Förvaltaren slutar i december',
        action: { what: 'Utse ny systemförvaltare', who: 'Åsa Öberg', dueDate: '2026-02-01' },
        answeredBy: by,
        answeredAt,
      },
      'access-review': { answer: 'yes', answeredBy: by, answeredAt },
    },
    ...overrides,
  });
}

export function someDelegates(overrides: Partial<ReviewDelegates> = {}): ReviewDelegates {
  const systemId = overrides.systemId ?? 'procapita';
  const year = overrides.year ?? 2025;
  return {
    id: `${systemId}:${year}:delegates`,
    systemId,
    year,
    delegates: [
      {
        name: 'René Ählström',
        aadObjectId: '22222222-2222-4222-8222-222222222222',
        addedBy: { aadObjectId: 'admin-1', name: 'Admin' },
        addedAt: '2025-10-01T08:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

/** The values a card sends for the "organisation" section of aChecklist, all answered. */
export function organisationAnswers(overrides: SubmittedSection = {}): SubmittedSection {
  return {
    'management-plan': { answer: 'yes' },
    'roles-appointed': {
      answer: 'no',
      action: { what: 'Utse systemförvaltare', who: 'Åsa Öberg', dueDate: '2026-01-31' },
    },
    ...overrides,
  };
}
