import assert from 'node:assert/strict';

import {
  deadlineFor,
  localDate,
  statusOverview,
  type DeadlinePolicy,
} from '../../../src/domain/checklist/reviewStatus';
import { InvalidInputError } from '../../../src/domain/errors';
import { aSystem } from '../../support/systemMother';
import { aCompleteReview, aReview } from './checklistMother';

const social = 'Socialförvaltningen';
const school = 'Barn- och utbildningsförvaltningen';

const systems = [
  aSystem({ name: 'Procapita', departments: [social] }),
  aSystem({ name: 'Treserva', departments: [social] }),
  aSystem({ name: 'Combine2', departments: [social] }),
  aSystem({ name: 'Skolwebben', departments: [school] }),
  aSystem({ name: 'Office 365', departments: [social, school] }),
  aSystem({ name: 'Gamla diariet', departments: [] }),
];

const reviews = [
  aCompleteReview({ id: 'procapita:2025', systemId: 'procapita', status: 'submitted' }),
  aReview({ id: 'treserva:2025', systemId: 'treserva' }),
  aReview({ id: 'office-365:2025', systemId: 'office-365' }),
  // Other years and systems no longer in the register do not count.
  aCompleteReview({ id: 'combine2:2024', systemId: 'combine2', year: 2024, status: 'submitted' }),
  aReview({ id: 'avvecklat:2025', systemId: 'avvecklat' }),
];

describe('follow-up status per department', () => {
  it('sets the deadline of year N to 1 March of year N+1 by default', () => {
    assert.equal(deadlineFor(2025), '2026-03-01');
    assert.equal(deadlineFor(2025, social), '2026-03-01');
  });

  it('takes a municipality-wide date and a department’s own date, matching the department in any case', () => {
    const policy: DeadlinePolicy = { monthDay: '02-15', byDepartment: { 'socialförvaltningen ': '01-31' } };

    assert.equal(deadlineFor(2025, school, policy), '2026-02-15');
    assert.equal(deadlineFor(2025, 'SOCIALFÖRVALTNINGEN', policy), '2026-01-31');
  });

  it('moves a 29 February deadline to the 28th in a year without one, and rejects impossible dates', () => {
    assert.equal(deadlineFor(2027, undefined, { monthDay: '02-29' }), '2028-02-29');
    assert.equal(deadlineFor(2025, undefined, { monthDay: '02-29' }), '2026-02-28');
    assert.throws(() => deadlineFor(2025, undefined, { monthDay: '02-30' }), InvalidInputError);
    assert.throws(() => deadlineFor(2025, undefined, { monthDay: '1 mars' }), InvalidInputError);
  });

  it('counts done, in progress and not started per department, a shared system in each', () => {
    const overview = statusOverview({ year: 2025, systems, reviews, today: '2026-01-15' });

    assert.deepEqual(
      overview.departments.map(({ department, submitted, inProgress, notStarted, total }) => ({
        department,
        submitted,
        inProgress,
        notStarted,
        total,
      })),
      [
        { department: school, submitted: 0, inProgress: 1, notStarted: 1, total: 2 },
        { department: social, submitted: 1, inProgress: 2, notStarted: 1, total: 4 },
        { department: '', submitted: 0, inProgress: 0, notStarted: 1, total: 1 },
      ],
    );
    assert.deepEqual(overview.totals, { submitted: 1, inProgress: 2, notStarted: 3, total: 6, overdue: 0 });
  });

  it('lists nothing as overdue on the deadline day itself', () => {
    const overview = statusOverview({ year: 2025, systems, reviews, today: '2026-03-01' });

    assert.ok(overview.departments.every((department) => department.overdue.length === 0));
  });

  it('lists every system not submitted as overdue the day after the deadline, by name', () => {
    const overview = statusOverview({ year: 2025, systems, reviews, today: '2026-03-02' });

    const socialStatus = overview.departments.find((department) => department.department === social);
    assert.deepEqual(socialStatus?.overdue, [
      { systemId: 'combine2', systemName: 'Combine2', status: 'notStarted' },
      { systemId: 'office-365', systemName: 'Office 365', status: 'inProgress' },
      { systemId: 'treserva', systemName: 'Treserva', status: 'inProgress' },
    ]);
    assert.equal(overview.totals.overdue, 5);
  });

  it('judges each department by its own deadline', () => {
    const overview = statusOverview({
      year: 2025,
      systems,
      reviews,
      today: '2026-02-10',
      deadlines: { byDepartment: { [school]: '02-01' } },
    });

    const schoolStatus = overview.departments.find((department) => department.department === school);
    const socialStatus = overview.departments.find((department) => department.department === social);
    assert.equal(schoolStatus?.deadline, '2026-02-01');
    assert.deepEqual(
      schoolStatus?.overdue.map((system) => system.systemId),
      ['office-365', 'skolwebben'],
    );
    assert.deepEqual(socialStatus?.overdue, []);
    assert.equal(overview.totals.overdue, 2);
  });

  it('gives today’s date in Swedish time, which is already tomorrow late in the UTC evening', () => {
    assert.equal(localDate(new Date('2026-03-01T23:30:00.000Z'), 'Europe/Stockholm'), '2026-03-02');
    assert.equal(localDate(new Date('2026-03-01T22:30:00.000Z'), 'Europe/Stockholm'), '2026-03-01');
  });
});
