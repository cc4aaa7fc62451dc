import assert from 'node:assert/strict';
import { planReminders, type ReminderPlanInput } from '../../../src/domain/reminders/plan';
import { defaultReminderSchedule } from '../../../src/domain/reminders/schedule';
import { aReview, someDelegates } from '../checklist/checklistMother';
import { aCompleteSystem as aSystem } from '../../support/systemMother';
import { aReference } from '../../infrastructure/storage/reminderStorageContract';

const anna = { name: 'Anna Berg', email: 'anna.berg@kommun.se' };
const annaRef = aReference({ aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', email: anna.email });
const delegateRef = aReference({ aadObjectId: '22222222-2222-4222-8222-222222222222', email: undefined });
const unnamed = { responsible: undefined, responsibleChief: undefined };

function plan(overrides: Partial<ReminderPlanInput>) {
  return planReminders({
    // Friday 20 February 2026, after 08:00 Stockholm: 7 days before 1 March (a Sunday).
    now: new Date('2026-02-20T07:30:00Z'),
    year: 2025,
    systems: [],
    reviews: [],
    delegates: [],
    references: [annaRef, delegateRef],
    access: { admins: [], securityCoordinators: [] },
    schedule: defaultReminderSchedule,
    requireAuthenticated: false,
    ...overrides,
  });
}

describe('reminder planning: systems nobody can be reminded about, and the deadlines of the day', () => {
  it('counts a system with nobody in the register as remindable when a delegate can be reached', () => {
    const result = plan({
      systems: [aSystem({ name: 'Procapita', ...unnamed }), aSystem({ name: 'Treserva', ...unnamed })],
      delegates: [someDelegates({ systemId: 'procapita' })],
    });
    assert.deepEqual(result.unremindable, [
      { systemId: 'treserva', systemName: 'Treserva', reason: 'nobodyNamed' },
    ]);
  });

  it('lists a system whose every named person cannot be reached, and never one already submitted', () => {
    const result = plan({
      systems: [
        aSystem({ name: 'Procapita', responsible: anna }),
        aSystem({ name: 'Lifecare', responsible: { name: 'Per Nordin', email: 'per.nordin@kommun.se' } }),
        aSystem({ name: 'Treserva', ...unnamed }),
      ],
      reviews: [{ ...aReview({ systemId: 'treserva' }), status: 'submitted' }],
      references: [{ ...annaRef, active: false }],
    });
    assert.deepEqual(
      result.unremindable.map((system) => [system.systemName, system.reason]),
      [
        ['Lifecare', 'nobodyReachable'],
        ['Procapita', 'nobodyReachable'],
      ],
    );
  });

  it('says per deadline which occasion is due that day, with the departments that have it', () => {
    const result = plan({
      systems: [
        aSystem({ name: 'Procapita', responsible: anna }),
        aSystem({ name: 'Kulturarkivet', departments: ['Kulturförvaltningen'], responsible: anna }),
      ],
      deadlines: { byDepartment: { Kulturförvaltningen: '02-21' } },
    });
    assert.deepEqual(
      result.deadlines.map(({ deadline, departments, occasion, openSystems }) => ({
        deadline,
        departments,
        occasion: occasion && `${occasion.date} ${occasion.kind} ${occasion.daysBefore ?? ''}`,
        openSystems,
      })),
      [
        {
          deadline: '2026-02-21',
          departments: ['Kulturförvaltningen'],
          occasion: '2026-02-20 beforeDeadline 1',
          openSystems: 1,
        },
        {
          deadline: '2026-03-01',
          departments: ['Socialförvaltningen'],
          occasion: '2026-02-20 beforeDeadline 7',
          openSystems: 1,
        },
      ],
    );
  });
});
