import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity, Attachment } from 'botbuilder';
import fc from 'fast-check';
import { checklistNextVerb, checklistSaveLaterVerb } from '../../src/bot/cards/checklistActions';
import type { Storage } from '../../src/domain/ports';
import type { ConversationReferenceRecord } from '../../src/domain/reminders/conversationReference';
import type { Versioned } from '../../src/domain/register/system';
import { loadChecklistSync } from '../../src/infrastructure/checklist/loadChecklist';
import { seedSampleRegisterIfEmpty } from '../../src/infrastructure/registerFile/sampleRegister';
import { createLocalStorage } from '../../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../../src/shared/logger';
import { cardActionActivity, messageActivity, testTenantId, type TestUser } from '../support/activities';
import { cardActions, cardTexts } from '../support/adaptiveCards';
import { startTestBot, type TestBot } from '../support/botServer';
import { startFakeConnector, type FakeConnector } from '../support/fakeConnector';
import { currentFollowUpYear } from '../support/followUpYear';
import {
  hostileRequests,
  referenceWriterOf,
  type HostileRequest,
  type Targets,
} from './hostileInput.arbitraries';

const checklist = loadChecklistSync();
const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

/** Systemansvarig of Visma Window in the sample register, and so the one who answers its follow-up. */
const perNordin: TestUser & { email: string } = {
  id: '29:1perNordin0000000000000000000000000',
  aadObjectId: 'e5e5e5e5-0000-4000-8000-000000000005',
  name: 'Per Nordin',
  email: 'per.nordin@exempelkommun.se',
};

/** Senders of the hostile traffic: known to Teams with addresses the register does not know, or unknown. */
const hostileUsers: (TestUser & { email?: string })[] = [
  {
    id: '29:1mallory000000000000000000000000000',
    aadObjectId: 'f6f6f6f6-0000-4000-8000-000000000006',
    name: 'Mallory',
    email: 'mallory@evil.example',
  },
  // The answerer's display name buys nothing: who acts is the object id and the looked-up address.
  {
    id: '29:1trudy00000000000000000000000000000',
    aadObjectId: 'a7a7a7a7-0000-4000-8000-000000000007',
    name: 'Per Nordin',
    email: 'trudy@evil.example',
  },
  {
    id: '29:1nobody0000000000000000000000000000',
    aadObjectId: 'b8b8b8b8-0000-4000-8000-000000000008',
    name: 'X',
  },
];

/** Every stored collection but conversation references, byte for byte: none of them may change. */
/** FC_RUNS and FC_SEED replay or widen a run; a failure prints its seed. */
const runs = Number(process.env.FC_RUNS ?? 2_000);

const guardedFiles = [
  'systems.json',
  'imports.json',
  'reviews.json',
  'reviewDelegates.json',
  'reminderClaims.json',
];

describe('hostile and broken input to /api/messages (property-based)', function () {
  this.timeout(180_000);

  let connector: FakeConnector;
  let dataDir: string;
  let storage: Storage;
  let bot: TestBot;
  const year = currentFollowUpYear(new Date());

  before(async () => {
    connector = await startFakeConnector();
    for (const user of [perNordin, ...hostileUsers]) {
      if (!('email' in user) || user.email === undefined) continue;
      connector.setMember({ ...user, email: user.email, userPrincipalName: user.email });
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-hostile-'));
    storage = await createLocalStorage(dataDir);
    await seedSampleRegisterIfEmpty(storage, silentLogger);
    bot = await startTestBot({ storage, env: { ALLOWED_TENANT_IDS: testTenantId } });
  });

  after(async () => {
    await bot?.stop();
    await storage?.close();
    await connector?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function write(text: string, from: TestUser = perNordin): Promise<{ text: string; card: unknown }> {
    const replies = await bot.send(messageActivity({ text, from, serviceUrl: connector.serviceUrl }));
    assert.equal(replies.length, 1, `one reply to "${text}"`);
    const reply = replies[0] as Activity;
    const attachment = ((reply.attachments ?? []) as Attachment[])[0];
    return {
      text: reply.text ?? '',
      card: attachment?.contentType === adaptiveCardType ? attachment.content : {},
    };
  }

  async function press(verb: string, data: object, from: TestUser = perNordin): Promise<unknown> {
    const response = await bot.post(
      cardActionActivity({ verb, data, from, serviceUrl: connector.serviceUrl }),
    );
    assert.equal(response.status, 200, response.body);
    const body = JSON.parse(response.body) as { type: string; value: unknown };
    assert.equal(body.type, adaptiveCardType, JSON.stringify(body.value));
    return body.value;
  }

  function buttonData(card: unknown, verb: string): object {
    const action = cardActions(card).find((candidate) => candidate.verb === verb);
    assert.ok(action, `a ${verb} button`);
    return action.data as object;
  }

  function allYes(sectionIndex: number): Record<string, string> {
    const section = checklist.sections[sectionIndex]!;
    return Object.fromEntries(section.questions.map((question) => [`${question.id}.answer`, 'yes']));
  }

  async function snapshotFiles(): Promise<Map<string, string>> {
    const contents = new Map<string, string>();
    for (const name of guardedFiles) {
      contents.set(name, await readFile(path.join(dataDir, name), 'utf8').catch(() => '(missing)'));
    }
    return contents;
  }

  const referencesById = async (): Promise<Map<string, Versioned<ConversationReferenceRecord>>> =>
    new Map((await storage.conversationReferences.list()).map((stored) => [stored.value.id, stored]));

  it('answers thousands of malformed activities and card submits without a crash, a 5xx or a write it should not make', async () => {
    // A follow-up in progress, so tampered card submits have a real review, version and section to aim at.
    const start = await write('checklista Visma Window');
    const firstVersion = await press(checklistNextVerb, {
      ...buttonData(start.card, checklistNextVerb),
      ...allYes(0),
    });
    const versionAfterFirst = (await storage.reviews.get('visma-window', year))?.version;
    assert.ok(versionAfterFirst, 'the review is stored');
    const saved = await press(checklistSaveLaterVerb, {
      ...buttonData(firstVersion, checklistSaveLaterVerb),
      ...allYes(1),
    });
    assert.ok(cardTexts(saved).some((text) => text.startsWith('Sparat.')));
    const current = await storage.reviews.get('visma-window', year);
    assert.ok(current && current.version !== versionAfterFirst);

    const systems = await storage.systems.list();
    const targets: Targets = {
      serviceUrl: connector.serviceUrl,
      hostileUsers,
      answerer: perNordin,
      systemIds: systems.map((system) => system.value.id),
      personKeys: [
        perNordin.email,
        'asa.oberg@exempelkommun.se',
        'mikael.strand@exempelkommun.se',
        'Per Nordin',
      ],
      reviewIds: [
        current.value.id,
        `visma-window:${year - 1}`,
        `visma-window:${year + 1}`,
        ...systems.slice(0, 5).map((system) => `${system.value.id}:${year}`),
      ],
      staleVersions: [versionAfterFirst as string, `${current.version}x`, '"0x0000"', '*'],
      sectionIds: checklist.sections.map((section) => section.id),
      questionIds: checklist.sections.flatMap((section) => section.questions.map((question) => question.id)),
    };

    const filesBefore = await snapshotFiles();
    const referencesBefore = await referencesById();
    const mayWriteReference = new Set<string>();
    const mustWriteReference = new Set<string>();
    const statuses = new Map<number, number>();
    const cleanActivityIds = new Set<string>();

    const post = async (request: HostileRequest) => {
      if (request.kind === 'raw') return bot.post(request.body);
      return bot.post(request.activity as Partial<Activity>);
    };

    await fc.assert(
      fc.asyncProperty(hostileRequests(targets), async (request) => {
        const response = await post(request);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (request.kind === 'raw') {
          assert.ok(response.status === 400, `a body that is not a JSON object: ${response.status}`);
        } else {
          assert.ok(
            response.status < 500,
            `${response.status} ${response.body} for ${JSON.stringify(request.activity).slice(0, 400)}`,
          );
          if (request.clean) cleanActivityIds.add(String(request.activity.id));
          const writer = referenceWriterOf(request.activity, testTenantId);
          if (writer !== undefined && response.status < 300) {
            mayWriteReference.add(writer);
            if (request.clean && request.activity.type === 'message') mustWriteReference.add(writer);
          }
        }
        // The reference capture is part of the turn, so it is done by the time the answer comes.
        assert.equal((await bot.get('/healthz')).status, 200);
      }),
      { numRuns: runs, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31), verbose: 0 },
    );

    // Refused, answered or ignored, but no turn of a well-formed activity failed. (A broken one may fail to send
    // its answer to a made-up service URL or conversation; that is logged as an error, and is not ours to fix.)
    const errors = bot
      .logEntries()
      .filter((entry) => entry.level === 'error' && cleanActivityIds.has(String(entry.activityId)));
    assert.deepEqual(errors, []);

    // Nothing but the senders' own conversation references was written.
    assert.deepEqual(await snapshotFiles(), filesBefore);
    const referencesAfter = await referencesById();
    for (const [id, stored] of referencesBefore) {
      assert.deepEqual(referencesAfter.get(id), stored, `the reference of ${id} is untouched`);
    }
    const created = [...referencesAfter.keys()].filter((id) => !referencesBefore.has(id)).sort();
    for (const id of created)
      assert.ok(mayWriteReference.has(id), `reference ${id} created by a personal chat`);
    for (const id of mustWriteReference) assert.ok(created.includes(id), `reference ${id} created`);
    assert.ok(mustWriteReference.size > 0, 'the run had clean personal messages from the allowed tenant');
    for (const id of created) {
      const reference = referencesAfter.get(id)!.value;
      assert.equal(reference.tenantId, testTenantId);
      assert.equal(reference.serviceUrl, connector.serviceUrl);
    }
    // Most of the traffic must get through to the features, or the run proves little about them.
    assert.ok((statuses.get(200) ?? 0) > runs * 0.4, JSON.stringify([...statuses]));

    // And the bot still answers questions, and the answerer goes on where they left off.
    const answer = await write('Vem är systemansvarig för Visma Window?', hostileUsers[0]);
    assert.equal(answer.text, 'Systemansvarig för Visma Window: Per Nordin (per.nordin@exempelkommun.se).');
    const resumed = await write('checklista Visma Window');
    assert.ok(
      cardTexts(resumed.card).some((text) => text.includes('Behörigheter')),
      cardTexts(resumed.card).join(' | '),
    );
  });
});
