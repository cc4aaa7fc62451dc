import assert from 'node:assert/strict';

import { NotAllowedToAnswerError } from '../../../src/domain/checklist/errors';
import {
  answerPermission,
  assertMayAnswer,
  isAdmin,
  maySeeStatus,
  type ChecklistAccess,
  type Delegate,
} from '../../../src/domain/checklist/permissions';
import { aPerson, aSystem } from '../../support/systemMother';
import { anActor } from './checklistMother';

const noAccess: ChecklistAccess = { admins: [], securityCoordinators: [] };

const chief = aPerson('Åsa Öberg', 'asa.oberg@kommun.se');
const responsible = aPerson('Anna Berg', 'anna.berg@kommun.se');
const withChief = aSystem({ name: 'Procapita', responsibleChief: chief, responsible });
const withoutChief = aSystem({ name: 'W3D3', responsible });

const delegate: Delegate = {
  name: 'René Ählström',
  aadObjectId: '22222222-2222-4222-8222-222222222222',
  addedBy: { aadObjectId: 'admin', name: 'Admin' },
  addedAt: '2025-10-01T08:00:00.000Z',
};

const asa = anActor();
const anna = anActor({
  aadObjectId: '33333333-3333-4333-8333-333333333333',
  name: 'Anna Berg',
  email: 'anna.berg@kommun.se',
});
const rene = anActor({
  aadObjectId: delegate.aadObjectId as string,
  name: 'René Ählström',
  email: 'rene.ahlstrom@kommun.se',
});
const stranger = anActor({
  aadObjectId: '44444444-4444-4444-8444-444444444444',
  name: 'Erik Lund',
  email: 'erik.lund@kommun.se',
});

describe('who may answer a checklist', () => {
  it('lets the responsible chief answer when the register names one', () => {
    assert.deepEqual(answerPermission(asa, withChief, [], noAccess), {
      allowed: true,
      as: 'responsibleChief',
    });
  });

  it('does not let the systemansvarig answer when the register names a responsible chief', () => {
    assert.deepEqual(answerPermission(anna, withChief, [], noAccess), {
      allowed: false,
      answerers: [{ role: 'responsibleChief', name: 'Åsa Öberg' }],
    });
  });

  it('lets the systemansvarig answer when the register names no responsible chief', () => {
    assert.deepEqual(answerPermission(anna, withoutChief, [], noAccess), {
      allowed: true,
      as: 'responsible',
    });
    assert.equal(answerPermission(asa, withoutChief, [], noAccess).allowed, false);
  });

  it('matches the register e-mail case-insensitively, on the e-mail or on the UPN from Teams', () => {
    const shouting = anActor({ email: 'ASA.Oberg@Kommun.SE' });
    const upnOnly = anActor({ email: undefined, userPrincipalName: 'Asa.Oberg@kommun.se' });
    const otherMailSameUpn = anActor({ email: 'asa@privat.se', userPrincipalName: 'asa.oberg@KOMMUN.se' });

    for (const actor of [shouting, upnOnly, otherMailSameUpn]) {
      assert.deepEqual(answerPermission(actor, withChief, [], noAccess), {
        allowed: true,
        as: 'responsibleChief',
      });
    }
  });

  it('does not recognise anyone by name alone, nor a register person without an e-mail', () => {
    const sameNameOtherMail = anActor({ email: 'asa.oberg@annan-kommun.se' });
    const namelessChief = aSystem({ name: 'Combine2', responsibleChief: aPerson('Åsa Öberg', null) });

    assert.equal(answerPermission(sameNameOtherMail, withChief, [], noAccess).allowed, false);
    assert.equal(answerPermission(asa, namelessChief, [], noAccess).allowed, false);
  });

  it('lets a delegate answer, matched on the Entra object id in any case', () => {
    const upperCaseId = { ...rene, aadObjectId: rene.aadObjectId.toUpperCase() };

    assert.deepEqual(answerPermission(rene, withChief, [delegate], noAccess), {
      allowed: true,
      as: 'delegate',
    });
    assert.deepEqual(answerPermission(upperCaseId, withChief, [delegate], noAccess), {
      allowed: true,
      as: 'delegate',
    });
    assert.equal(answerPermission(rene, withChief, [], noAccess).allowed, false);
  });

  it('lets a delegate added by e-mail answer, matched case-insensitively', () => {
    const byEmail: Delegate = { ...delegate, aadObjectId: undefined, email: 'rene.ahlstrom@kommun.se' };

    assert.deepEqual(
      answerPermission({ ...rene, email: 'Rene.Ahlstrom@Kommun.se' }, withChief, [byEmail], noAccess),
      {
        allowed: true,
        as: 'delegate',
      },
    );
  });

  it('lets an admin named by object id or by e-mail answer any system', () => {
    const byId: ChecklistAccess = { admins: [stranger.aadObjectId.toUpperCase()], securityCoordinators: [] };
    const byEmail: ChecklistAccess = { admins: ['Erik.Lund@kommun.se'], securityCoordinators: [] };

    assert.deepEqual(answerPermission(stranger, withChief, [], byId), { allowed: true, as: 'admin' });
    assert.deepEqual(answerPermission(stranger, withoutChief, [], byEmail), { allowed: true, as: 'admin' });
    assert.equal(isAdmin(anna, byEmail), false);
  });

  it('refuses anyone else with an error naming the chief and the delegates who can answer', () => {
    assert.throws(
      () => assertMayAnswer(stranger, withChief, [delegate], noAccess),
      (error: unknown) => {
        assert.ok(error instanceof NotAllowedToAnswerError);
        assert.equal(error.systemId, 'procapita');
        assert.deepEqual(error.answerers, [
          { role: 'responsibleChief', name: 'Åsa Öberg' },
          { role: 'delegate', name: 'René Ählström' },
        ]);
        assert.doesNotMatch(error.message, /Åsa|René/, 'names stay out of the loggable message');
        return true;
      },
    );
  });

  it('names nobody when the register names neither a chief nor a systemansvarig', () => {
    const orphan = aSystem({ name: 'Gamla diariet', responsible: undefined });

    assert.deepEqual(answerPermission(stranger, orphan, [], noAccess), { allowed: false, answerers: [] });
  });

  it('shows the status to admins and security coordinators only', () => {
    const access: ChecklistAccess = { admins: ['admin@kommun.se'], securityCoordinators: [anna.aadObjectId] };

    assert.equal(maySeeStatus(anActor({ email: 'ADMIN@kommun.se' }), access), true);
    assert.equal(maySeeStatus(anna, access), true);
    assert.equal(maySeeStatus(asa, access), false);
    assert.equal(isAdmin(anna, access), false);
  });

  it('ignores empty entries in the admin list', () => {
    const access: ChecklistAccess = { admins: ['', '  '], securityCoordinators: [] };

    assert.equal(isAdmin(anActor({ aadObjectId: '', email: '' }), access), false);
  });
});
