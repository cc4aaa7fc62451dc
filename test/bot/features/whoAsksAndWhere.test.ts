import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { checklistStartVerb } from '../../../src/bot/cards/checklistActions';
import { say } from '../../../src/texts';
import { checklistDialogTexts } from '../../../src/texts/checklistDialog';
import {
  cardActionActivity,
  messageActivity,
  testTenantId,
  type ConversationType,
  type InvokeResponseBody,
  type TestUser,
} from '../../support/activities';
import { startTestBot, type TestBot } from '../../support/botServer';
import { currentFollowUpYear } from '../../support/followUpYear';
import { aPerson, aSystem } from '../../support/systemMother';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

const chief: TestUser & { email: string } = {
  id: '29:1chiefKarinLarsson0000000000000000000',
  aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001',
  name: 'Karin Larsson',
  email: 'karin.larsson@kommun.se',
};
const admin: TestUser & { email: string } = {
  id: '29:1adminLisaAdmin000000000000000000000',
  aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003',
  name: 'Lisa Admin',
  email: 'lisa.admin@kommun.se',
};
/** Someone whose directory gives the chief's or the admin's address: Entra does not verify `mail`. */
const impostor: TestUser = {
  id: '29:1impostorEve000000000000000000000000',
  aadObjectId: 'e5e5e5e5-0000-4000-8000-000000000005',
  name: 'Eve',
};

const procapitaIfo = aSystem({
  name: 'Procapita IFO',
  departments: ['Socialförvaltningen'],
  responsibleChief: aPerson('Karin Larsson', chief.email),
});

describe('who asks, and where the follow-up is shown (through /api/messages)', () => {
  let bot: TestBot;
  const year = currentFollowUpYear(new Date());

  beforeEach(async () => {
    bot = await startTestBot({ env: { ADMIN_USERS: admin.email } });
    for (const user of [chief, admin]) {
      bot.connector.setMember({ ...user, userPrincipalName: user.email });
    }
    await bot.storage.systems.apply({ create: [procapitaIfo], replace: [], remove: [] });
  });

  afterEach(async () => {
    await bot?.stop();
  });

  async function write(
    text: string,
    from: TestUser,
    conversationType: ConversationType = 'personal',
  ): Promise<Activity> {
    const replies = await bot.send(messageActivity({ text, from, conversationType }));
    assert.equal(replies.length, 1, `expected one reply to "${text}", got ${replies.length}`);
    return replies[0] as Activity;
  }

  const isCard = (reply: Activity) =>
    (reply.attachments ?? []).some((attachment) => attachment.contentType === adaptiveCardType);

  describe('who a person is', () => {
    for (const [what, member] of [
      ['a guest', { userRole: 'guest', tenantId: testTenantId }],
      ['a member of another tenant', { userRole: 'user', tenantId: '0b0b0b0b-0000-4000-8000-00000000000b' }],
      ['an anonymous member', { userRole: 'anonymous', tenantId: testTenantId }],
    ] as const) {
      it(`does not take ${what} carrying the chief's address for the chief`, async () => {
        bot.connector.setMember({
          ...impostor,
          email: chief.email,
          userPrincipalName: chief.email,
          ...member,
        });
        const reply = await write('checklista Procapita IFO', impostor);
        assert.ok(!isCard(reply), 'the checklist is not opened');
        assert.match(reply.text ?? '', /Karin Larsson/, 'the refusal names who answers');
        assert.equal(await bot.storage.reviews.get(procapitaIfo.id, year), undefined);
      });

      it(`does not take ${what} carrying an admin's address for the admin`, async () => {
        bot.connector.setMember({
          ...impostor,
          email: admin.email,
          userPrincipalName: admin.email,
          ...member,
        });
        const reply = await write('status', impostor);
        assert.ok(!isCard(reply), 'no status overview');
      });
    }

    it('takes a member of the tenant by their address', async () => {
      assert.ok(isCard(await write('checklista Procapita IFO', chief)));
      assert.ok(isCard(await write('status', admin)));
    });
  });

  describe('when Teams cannot say who someone is', () => {
    it('asks the chief to try again instead of refusing, and asks Teams again on the next turn', async () => {
      const failure = bot.connector.fail({ operation: 'getMember', status: 403 });
      const refused = await write('checklista Procapita IFO', chief);
      assert.ok(!isCard(refused));
      assert.equal(refused.text, say('sv', checklistDialogTexts.identityUnavailable));
      assert.equal((await write('mina checklistor', chief)).text, refused.text);
      assert.equal((await write('status', admin)).text, refused.text);
      assert.ok(failure.hits >= 3, 'each turn asked Teams again');

      failure.remove();
      assert.ok(isCard(await write('checklista Procapita IFO', chief)), 'a failed lookup is not remembered');
    });
  });

  describe('private answers stay in the personal chat', () => {
    for (const where of ['groupChat', 'channel'] as const) {
      for (const [command, from] of [
        ['checklista Procapita IFO', chief],
        ['mina checklistor', chief],
        ['status', admin],
      ] as const) {
        it(`answers "${command}" in a ${where} with where to ask instead`, async () => {
          const reply = await write(command, from, where);
          assert.ok(!isCard(reply), 'nothing private is posted');
          assert.equal(reply.text, say('sv', checklistDialogTexts.privateInPersonalChat));
        });
      }

      it(`does not open a checklist from a card button pressed in a ${where}`, async () => {
        const response = await bot.post(
          cardActionActivity({
            verb: checklistStartVerb,
            data: { systemId: procapitaIfo.id, year, lang: 'sv' },
            from: chief,
            conversationType: where,
          }),
        );
        assert.equal(response.status, 200, response.body);
        const body = JSON.parse(response.body) as InvokeResponseBody;
        assert.notEqual(body.type, adaptiveCardType);
        assert.equal(body.value, say('sv', checklistDialogTexts.privateInPersonalChat));
        assert.equal(await bot.storage.reviews.get(procapitaIfo.id, year), undefined);
      });
    }

    it('still shows them in the personal chat', async () => {
      assert.ok(isCard(await write('mina checklistor', chief)));
      assert.ok(isCard(await write('status', admin)));
    });
  });
});
