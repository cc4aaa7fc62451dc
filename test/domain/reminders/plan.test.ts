import assert from 'node:assert/strict';
import type { ReviewDelegates } from '../../../src/domain/checklist/permissions';
import type { Review } from '../../../src/domain/checklist/review';
import type { SystemRecord } from '../../../src/domain/register/system';
import type { ConversationReferenceRecord } from '../../../src/domain/reminders/conversationReference';
import { planReminders, type ReminderPlanInput } from '../../../src/domain/reminders/plan';
import { defaultReminderSchedule } from '../../../src/domain/reminders/schedule';
import { aCompleteReview, aReview, someDelegates } from '../checklist/checklistMother';
import { aCompleteSystem } from '../../support/systemMother';
import { aReference } from '../../infrastructure/storage/reminderStorageContract';

const anna = { name: 'Anna Berg', email: 'anna.berg@kommun.se' };
const per = { name: 'Per Nordin', email: 'per.nordin@kommun.se' };
const annaRef = aReference({
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  email: anna.email,
  userPrincipalName: anna.email,
});
const perRef = aReference({
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002',
  email: undefined,
  userPrincipalName: per.email,
  language: 'en',
});

const procapita = aCompleteSystem({ name: 'Procapita', responsible: anna });
const treserva = aCompleteSystem({
  name: 'Treserva',
  responsible: { name: 'Someone', email: 'someone@kommun.se' },
  responsibleChief: anna,
});
const lifecare = aCompleteSystem({ name: 'Lifecare', responsible: per });

// 7 days before Sunday 1 March 2026 is Sunday 22 February: sent Friday 20 February at 08:00 (07:00Z).
const reminderDay = new Date('2026-02-20T07:30:00Z');

function plan(overrides: Partial<ReminderPlanInput> = {}) {
  return planReminders({
    now: reminderDay,
    year: 2025,
    systems: [procapita, treserva, lifecare],
    reviews: [],
    delegates: [],
    references: [annaRef, perRef],
    access: { admins: [], securityCoordinators: [] },
    schedule: defaultReminderSchedule,
    requireAuthenticated: true,
    ...overrides,
  });
}

const byRecipient = (p: ReturnType<typeof plan>, reference: ConversationReferenceRecord) =>
  p.reminders.filter((r) => r.recipient.id === reference.id);

describe('reminder planning', () => {
  it('sends each person one message listing every system they have left, with a deterministic claim id', () => {
    const result = plan();
    const toAnna = byRecipient(result, annaRef);
    assert.equal(toAnna.length, 1);
    assert.deepEqual(
      toAnna[0]?.systems.map((s) => [s.systemId, s.status, s.deadline, s.daysLeft]),
      [
        ['procapita', 'notStarted', '2026-03-01', 9],
        ['treserva', 'notStarted', '2026-03-01', 9],
      ],
    );
    assert.equal(toAnna[0]?.claimId, `${annaRef.id}:2025:2026-02-20`);
    assert.equal(toAnna[0]?.occasion.daysBefore, 7);
  });

  it('matches people on their UPN when Teams gave no e-mail, and writes to them in the language they used', () => {
    const toPer = byRecipient(plan(), perRef);
    assert.deepEqual(
      toPer.map((r) => [r.lang, r.systems.map((s) => s.systemId)]),
      [['en', ['lifecare']]],
    );
  });

  it('leaves out submitted systems, and sends nothing to someone with nothing left', () => {
    const submitted = (systemId: string): Review => ({
      ...aCompleteReview({ systemId }),
      status: 'submitted',
    });
    const result = plan({ reviews: [submitted('procapita'), submitted('lifecare')] });
    assert.deepEqual(
      byRecipient(result, annaRef)[0]?.systems.map((s) => s.systemId),
      ['treserva'],
    );
    assert.deepEqual(byRecipient(result, perRef), []);
  });

  it('reminds nobody of a system the register says is retired', () => {
    const retired = { ...procapita, status: 'Avvecklad 2024' };
    const result = plan({ systems: [retired, treserva, lifecare] });
    assert.deepEqual(
      byRecipient(result, annaRef)[0]?.systems.map((s) => s.systemId),
      ['treserva'],
    );
  });

  it('lists a system in progress as such', () => {
    const result = plan({ reviews: [aReview({ systemId: 'procapita' })] });
    assert.equal(
      byRecipient(result, annaRef)[0]?.systems.find((s) => s.systemId === 'procapita')?.status,
      'inProgress',
    );
  });

  it('sends nothing on a day that is not a reminder day', () => {
    assert.deepEqual(
      plan({
        now: new Date('2026-02-24T09:00:00Z'),
        schedule: { ...defaultReminderSchedule, catchUpDays: 0 },
      }).reminders,
      [],
    );
  });

  it('reminds delegates an admin added by object id', () => {
    const delegateRef = aReference({
      aadObjectId: 'dddddddd-0000-4000-8000-000000000009',
      email: 'other@kommun.se',
    });
    const delegates: ReviewDelegates = someDelegates({
      systemId: 'lifecare',
      delegates: [
        {
          name: 'Dana Delegat',
          aadObjectId: delegateRef.aadObjectId,
          addedBy: { aadObjectId: 'x', name: 'Admin' },
          addedAt: '2026-01-01T00:00:00Z',
        },
      ],
    });
    const result = plan({ delegates: [delegates], references: [annaRef, perRef, delegateRef] });
    assert.deepEqual(
      byRecipient(result, delegateRef).map((r) => r.systems.map((s) => s.systemId)),
      [['lifecare']],
    );
  });

  it('lists whoever cannot be reached, with the reason, instead of skipping them', () => {
    const blocked = { ...perRef, active: false, inactiveReason: 'forbidden' as const };
    const noEmail = aCompleteSystem({ name: 'Gammalt', responsible: { name: 'Utan Adress' } });
    const stranger = aCompleteSystem({
      name: 'Okänt',
      responsible: { name: 'Ny Person', email: 'ny.person@kommun.se' },
    });
    const result = plan({
      systems: [procapita, lifecare, noEmail, stranger],
      references: [annaRef, blocked],
    });
    assert.deepEqual(
      result.unreachable.map((p) => [p.name, p.reason, p.systemIds]),
      [
        ['Ny Person', 'noReference', ['okant']],
        ['Per Nordin', 'inactive', ['lifecare']],
        ['Utan Adress', 'noAddress', ['gammalt']],
      ],
    );
    assert.deepEqual(
      result.reminders.map((r) => r.recipient.id),
      [annaRef.id],
    );
  });

  it('says when Teams refused installing the app for someone it cannot reach, matching the address in any case', () => {
    const stranger = aCompleteSystem({
      name: 'Okänt',
      responsible: { name: 'Ny Person', email: 'Ny.Person@kommun.se' },
    });
    const other = aCompleteSystem({
      name: 'Annat',
      responsible: { name: 'Eva Ek', email: 'eva.ek@kommun.se' },
    });
    const result = plan({
      systems: [stranger, other],
      references: [],
      installRefused: new Set(['ny.person@kommun.se']),
    });
    assert.deepEqual(
      result.unreachable.map((p) => [p.name, p.reason]),
      [
        ['Eva Ek', 'noReference'],
        ['Ny Person', 'installRefused'],
      ],
    );
  });

  it('uses a reference from an unauthenticated (local mode) turn outside production only', () => {
    const local = { ...annaRef, authenticated: false };
    assert.equal(plan({ references: [local], requireAuthenticated: false }).reminders.length, 1);
    const production = plan({ references: [local], requireAuthenticated: true });
    assert.equal(production.reminders.length, 0);
    assert.equal(production.unreachable.find((p) => p.name === anna.name)?.reason, 'unverified');
  });

  it('sends admins a summary of unreachable people before the deadline, and of overdue systems after it', () => {
    const adminRef = aReference({
      aadObjectId: 'eeeeeeee-0000-4000-8000-000000000005',
      email: 'admin@kommun.se',
    });
    const access = {
      admins: ['admin@kommun.se'],
      securityCoordinators: ['ffffffff-0000-4000-8000-000000000006'],
    };
    const before = plan({ references: [annaRef, adminRef], access });
    assert.deepEqual(
      before.summaries.map((s) => [s.claimId, s.overdueCount, s.unreachable.length]),
      [[`${adminRef.id}:2025:summary-2026-02-20`, 0, 1]],
    );
    assert.deepEqual(before.unreachableAdmins, ['ffffffff-0000-4000-8000-000000000006']);

    const after = plan({
      now: new Date('2026-03-02T07:05:00Z'),
      references: [annaRef, perRef, adminRef],
      access,
    });
    assert.equal(after.summaries[0]?.overdueCount, 3);
    assert.equal(after.summaries[0]?.occasion.kind, 'overdue');
    assert.deepEqual(
      after.summaries[0]?.overdue.map((d) => d.overdue.length),
      [3],
    );
    assert.equal(byRecipient(after, annaRef)[0]?.claimId, `${annaRef.id}:2025:2026-03-02`);
    assert.equal(byRecipient(after, annaRef)[0]?.systems[0]?.daysLeft, -1);
  });

  it('sends admins nothing when nothing is overdue and everyone can be reached', () => {
    const adminRef = aReference({
      aadObjectId: 'eeeeeeee-0000-4000-8000-000000000005',
      email: 'admin@kommun.se',
    });
    const result = plan({
      references: [annaRef, perRef, adminRef],
      access: { admins: ['admin@kommun.se'], securityCoordinators: [] },
    });
    assert.deepEqual(result.summaries, []);
  });

  it('uses the earliest deadline of a system shared by departments with their own deadlines', () => {
    const shared: SystemRecord = { ...procapita, departments: ['Socialförvaltningen', 'Kultur'] };
    const result = plan({ systems: [shared], deadlines: { byDepartment: { kultur: '02-25' } } });
    // 25 February 2026 is a Wednesday: 1 day before is Tuesday the 24th, 7 days before Wednesday the 18th.
    const toAnna = byRecipient(result, annaRef)[0];
    assert.equal(toAnna?.systems[0]?.deadline, '2026-02-25');
    assert.equal(toAnna?.occasion.date, '2026-02-18');
  });
});
