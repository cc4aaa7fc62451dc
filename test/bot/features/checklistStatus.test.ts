import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity, Attachment } from 'botbuilder';
import ExcelJS from 'exceljs';
import sinon from 'sinon';
import { fileConsentCardType, fileInfoCardType } from '../../../src/bot/fileConsent';
import { newReview } from '../../../src/domain/checklist/review';
import type { Storage } from '../../../src/domain/ports';
import { loadChecklistSync } from '../../../src/infrastructure/checklist/loadChecklist';
import { createLocalStorage } from '../../../src/infrastructure/storage/local/localStorage';
import { say } from '../../../src/texts';
import { checklistTexts } from '../../../src/texts/checklist';
import { followUpYearTexts } from '../../../src/texts/followUpYear';
import { messageActivity, type TestUser } from '../../support/activities';
import { assertValidAdaptiveCard, cardTexts } from '../../support/adaptiveCards';
import { startTestBot, type TestBot } from '../../support/botServer';
import { startFakeConnector, type FakeConnector } from '../../support/fakeConnector';
import { aPerson, aSystem } from '../../support/systemMother';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

const admin: TestUser & { email: string } = {
  id: '29:1adminLisaAdmin000000000000000000000',
  aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003',
  name: 'Lisa Admin',
  email: 'lisa.admin@kommun.se',
};
const coordinator: TestUser & { email: string } = {
  id: '29:1coordinatorOlaSamordnare0000000000',
  aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004',
  name: 'Ola Samordnare',
  email: 'ola.samordnare@kommun.se',
};
const outsider: TestUser & { email: string } = {
  id: '29:1outsiderPerHolm00000000000000000000',
  aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002',
  name: 'Per Holm',
  email: 'per.holm@kommun.se',
};

const systems = [
  aSystem({
    name: 'Procapita IFO',
    departments: ['Socialförvaltningen'],
    responsible: aPerson('Sven Berg', 'sven.berg@kommun.se'),
  }),
  aSystem({
    name: 'Procapita VoO',
    departments: ['Socialförvaltningen'],
    responsible: aPerson('Sven Berg', 'sven.berg@kommun.se'),
  }),
  aSystem({
    name: 'Visma Window',
    departments: ['Kommunledningsförvaltningen'],
    responsible: aPerson('Karin Larsson', 'karin.larsson@kommun.se'),
  }),
  aSystem({
    name: '=Formel *fet*',
    departments: ['Kommunledningsförvaltningen'],
    responsible: aPerson('Karin Larsson', 'karin.larsson@kommun.se'),
  }),
];

/** A loopback stand-in for the OneDrive upload URL Teams hands out on accept. */
async function startUploadTarget() {
  const received: { method: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  let status = 201;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/upload/session-1`,
    received,
    answerWith(next: number) {
      status = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('follow-up status and export (through /api/messages)', () => {
  let connector: FakeConnector;
  let storage: Storage;
  let dataDir: string;
  let bot: TestBot;

  beforeEach(async () => {
    connector = await startFakeConnector();
    for (const user of [admin, coordinator, outsider]) {
      connector.setMember({ id: user.id, name: user.name, aadObjectId: user.aadObjectId, email: user.email });
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-status-bot-'));
    storage = await createLocalStorage(dataDir);
    await storage.systems.apply({ create: systems, replace: [], remove: [] });
    const actor = { aadObjectId: admin.aadObjectId, name: admin.name };
    const checklist = loadChecklistSync();
    const inProgress = newReview({
      systemId: systems[0]!.id,
      systemName: systems[0]!.name,
      year: 2020,
      checklist,
      actor,
      at: '2021-01-10T09:00:00.000Z',
    });
    await storage.reviews.save(inProgress, null);
    await storage.reviews.save(
      {
        ...newReview({
          systemId: systems[2]!.id,
          systemName: systems[2]!.name,
          year: 2020,
          checklist,
          actor,
          at: '2021-01-10T09:00:00.000Z',
        }),
        status: 'submitted',
        submitted: { by: actor, at: '2021-02-01T09:00:00.000Z' },
      },
      null,
    );
    bot = await startTestBot({
      storage,
      env: {
        ADMIN_USERS: `${admin.aadObjectId}`,
        SECURITY_COORDINATORS: coordinator.email.toUpperCase(),
        CHECKLIST_DEADLINES_BY_DEPARTMENT: 'Socialförvaltningen=02-15',
      },
    });
  });

  afterEach(async () => {
    await bot?.stop();
    await storage?.close();
    await connector?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function write(
    text: string,
    from: TestUser,
    conversationType: 'personal' | 'groupChat' = 'personal',
  ): Promise<Activity> {
    const replies = await bot.send(
      messageActivity({ text, from, serviceUrl: connector.serviceUrl, conversationType }),
    );
    assert.equal(replies.length, 1, `expected one reply to "${text}", got ${replies.length}`);
    return replies[0] as Activity;
  }

  function cardIn(reply: Activity): unknown {
    const attachment = ((reply.attachments ?? []) as Attachment[])[0];
    assert.equal(attachment?.contentType, adaptiveCardType);
    assertValidAdaptiveCard(attachment?.content, 'the status card');
    return attachment?.content;
  }

  interface ChartSegment {
    legend: string;
    value: number;
    color: string;
  }

  /** The donut's segments and the department bars as [title, submitted, in progress, not started]. */
  function chartsIn(card: unknown) {
    const body = (card as { body: Record<string, unknown>[] }).body;
    const donut = body.find((element) => element.type === 'Chart.Donut');
    const bars = body.find((element) => element.type === 'Chart.HorizontalBar.Stacked');
    assert.ok(donut && bars, 'a donut and a stacked bar chart');
    assert.equal(bars.fallback, 'drop', 'clients without charts read the text bars below instead');
    const segments = donut.data as ChartSegment[];
    const rows = bars.data as { title: string; data: ChartSegment[] }[];
    for (const row of rows) {
      assert.deepEqual(
        row.data.map(({ legend, color }) => ({ legend, color })),
        segments.map(({ legend, color }) => ({ legend, color })),
        `${row.title}: the donut's statuses, words and colours, in its order`,
      );
    }
    return {
      donut: segments.map((segment) => segment.value),
      title: bars.title,
      bars: rows.map((row) => [row.title, ...row.data.map((segment) => segment.value)] as const),
    };
  }

  /** What each column of the bars adds up to, to compare with the donut. */
  function columnSums(bars: readonly (readonly [string, ...number[]])[]): number[] {
    return [1, 2, 3].map((column) => bars.reduce((sum, bar) => sum + (bar[column] as number), 0));
  }

  describe('status', () => {
    it('shows an admin each department done, in progress and not started, with bars and the overdue list', async () => {
      const reply = await write('status 2020', admin);
      assert.equal(
        reply.text,
        'Årlig uppföljning 2020: status. 1 av 4 system inskickade, 1 pågår, 2 ej påbörjade, 3 försenade.',
      );
      const texts = cardTexts(cardIn(reply));
      assert.deepEqual(texts.slice(0, 5), [
        'Årlig uppföljning 2020: status',
        texts[1],
        '1 av 4 system inskickade, 1 pågår, 2 ej påbörjade, 3 försenade.',
        '█████▓▓▓▓▓░░░░░░░░░░',
        '█ inskickad   ▓ pågår   ░ ej påbörjad',
      ]);
      const kommunledning = texts.indexOf('Kommunledningsförvaltningen');
      const social = texts.indexOf('Socialförvaltningen');
      assert.ok(kommunledning > 0 && social > kommunledning, 'departments in Swedish order');
      assert.deepEqual(texts.slice(kommunledning, kommunledning + 5), [
        'Kommunledningsförvaltningen',
        '██████████░░░░░░░░░░',
        '1 inskickade · 0 pågår · 1 ej påbörjade · senast 2021-03-01',
        'Försenade (1)',
        '\\=Formel \\*fet\\* (ej påbörjad)',
      ]);
      assert.deepEqual(texts.slice(social, social + 5), [
        'Socialförvaltningen',
        '▓▓▓▓▓▓▓▓▓▓░░░░░░░░░░',
        '0 inskickade · 1 pågår · 1 ej påbörjade · senast 2021-02-15',
        'Försenade (2)',
        'Procapita IFO (pågår), Procapita VoO (ej påbörjad)',
      ]);

      // The same figures as charts: the donut for the municipality, a stacked bar per department.
      const charts = chartsIn(cardIn(reply));
      assert.deepEqual(charts.donut, [1, 1, 2]);
      assert.equal(charts.title, 'Per förvaltning');
      assert.deepEqual(charts.bars, [
        ['Kommunledningsförvaltningen', 1, 0, 1],
        ['Socialförvaltningen', 0, 1, 1],
      ]);
      assert.deepEqual(columnSums(charts.bars), charts.donut);
    });

    it('charts the largest departments of a large register and sums up the others in one bar, within 28 KB', async () => {
      // 40 more departments with long names (and systems with long names, overdue): 9 of them with 6 systems (2 submitted, 2 in progress, 2 not
      // started), the other 31 with 2 systems not started; next to the 2 departments with 2 systems each above.
      const checklist = loadChecklistSync();
      const actor = { aadObjectId: admin.aadObjectId, name: admin.name };
      const large = new Set([3, 7, 11, 15, 19, 23, 27, 31, 35]);
      const departmentOf = (index: number) =>
        `Förvaltning ${String(index).padStart(2, '0')} för samhällsbyggnad och verksamhetsstöd`;
      const added = Array.from({ length: 40 }, (_, index) =>
        Array.from({ length: large.has(index) ? 6 : 2 }, (_, number) => ({
          system: aSystem({
            name: `Verksamhetssystem med ett långt namn ${index}-${number}`,
            departments: [departmentOf(index)],
          }),
          status: !large.has(index)
            ? 'notStarted'
            : (['submitted', 'inProgress', 'notStarted'] as const)[number % 3]!,
        })),
      ).flat();
      await storage.systems.apply({ create: added.map(({ system }) => system), replace: [], remove: [] });
      for (const { system, status } of added) {
        if (status === 'notStarted') continue;
        const review = newReview({
          systemId: system.id,
          systemName: system.name,
          year: 2020,
          checklist,
          actor,
          at: '2021-01-10T09:00:00.000Z',
        });
        await storage.reviews.save(
          status === 'submitted'
            ? { ...review, status, submitted: { by: actor, at: '2021-02-01T09:00:00.000Z' } }
            : review,
          null,
        );
      }

      const reply = await write('status 2020', admin);
      const bytes = Buffer.byteLength(JSON.stringify(reply));
      assert.ok(bytes < 28 * 1024, `the whole reply is ${bytes} bytes`);
      const card = cardIn(reply);
      const charts = chartsIn(card);
      assert.deepEqual(charts.donut, [1 + 18, 1 + 18, 2 + 18 + 62]);
      assert.equal(charts.title, 'Per förvaltning: de 9 med flest system, övriga 33 sammanslagna');
      assert.deepEqual(charts.bars, [
        ...[...large].map((index) => [departmentOf(index), 2, 2, 2]),
        ['Övriga 33 förvaltningar', 1, 1, 2 + 62],
      ]);
      assert.deepEqual(columnSums(charts.bars), charts.donut);

      // The text lists the first 25 departments in name order, as before, and says how many it leaves out.
      const texts = cardTexts(card);
      assert.ok(texts.includes(departmentOf(0)) && texts.includes(departmentOf(24)), texts.join(' | '));
      assert.ok(!texts.includes(departmentOf(25)) && !texts.includes('Kommunledningsförvaltningen'));
      assert.ok(
        texts.includes('Ytterligare 17 förvaltningar visas inte; exportera för alla.'),
        texts.join(' | '),
      );
    });

    it('shows the information security coordinator, recognised by e-mail, the status in English', async () => {
      const reply = await write('status for 2020', coordinator);
      assert.match(reply.text ?? '', /^Annual follow-up 2020: status\. 1 of 4 systems submitted/);
      const card = cardIn(reply);
      assert.ok(cardTexts(card).includes('Overdue (2)'));
      const charts = chartsIn(card);
      assert.equal(charts.title, 'By department');
      assert.deepEqual(charts.bars[0], ['Kommunledningsförvaltningen', 1, 0, 1]);
    });

    it('answers a year out of range with the years there are, in the language asked, and logs no error', async () => {
      // 1 June 2026: the follow-up of 2026 is current.
      const clock = sinon.useFakeTimers({ now: new Date('2026-06-01T10:00:00Z'), toFake: ['Date'] });
      try {
        const swedish = await write('status 9999', admin);
        assert.equal(
          swedish.text,
          say('sv', followUpYearTexts.yearOutOfRange, { year: 9999, min: 2000, max: 2199, current: 2026 }),
        );
        assert.equal(swedish.attachments, undefined);
        const english = await write('status for 1999', coordinator);
        assert.equal(
          english.text,
          say('en', followUpYearTexts.yearOutOfRange, { year: 1999, min: 2000, max: 2199, current: 2026 }),
        );
        // Anyone else learns only that the status is not theirs to see.
        const outsiders = await write('status 9999', outsider);
        assert.equal(outsiders.text, say('sv', checklistTexts.notAllowedToSeeStatus));
      } finally {
        clock.restore();
      }
      assert.deepEqual(
        bot.logEntries().filter((entry) => entry.level === 'error'),
        [],
      );
      assert.deepEqual(
        bot
          .logEntries()
          .filter((entry) => entry.event === 'status.year_refused')
          .map((entry) => [entry.level, entry.year]),
        [
          ['info', 9999],
          ['info', 1999],
        ],
      );
    });

    it('refuses anyone else politely', async () => {
      const reply = await write('status', outsider);
      assert.equal(
        reply.text,
        'Status för uppföljningen visas för administratörer och informationssäkerhetssamordnaren.',
      );
      assert.equal(reply.attachments, undefined);
    });
  });

  describe('export', () => {
    let upload: Awaited<ReturnType<typeof startUploadTarget>>;

    beforeEach(async () => {
      upload = await startUploadTarget();
    });

    afterEach(async () => {
      await upload.stop();
    });

    function consentInvoke(value: unknown, from: TestUser): Partial<Activity> {
      const base = messageActivity({ text: '', from, serviceUrl: connector.serviceUrl });
      delete base.text;
      delete base.textFormat;
      return { ...base, type: 'invoke', name: 'fileConsent/invoke', value };
    }

    async function offer(text: string, from: TestUser) {
      const reply = await write(text, from);
      const attachment = ((reply.attachments ?? []) as Attachment[])[0];
      assert.equal(attachment?.contentType, fileConsentCardType);
      return {
        reply,
        name: attachment?.name ?? '',
        content: attachment?.content as {
          description: string;
          sizeInBytes: number;
          acceptContext: unknown;
          declineContext: unknown;
        },
      };
    }

    function uploadInfo(name: string) {
      return {
        contentUrl: `https://kommun-my.sharepoint.com/personal/lisa/Documents/Applications/${name}`,
        name,
        uploadUrl: upload.url,
        uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
        fileType: name.split('.').pop(),
      };
    }

    it('offers the file with a consent card, uploads it on accept and sends a file card', async () => {
      const { reply, name, content } = await offer('exportera 2020', admin);
      assert.equal(
        reply.text,
        'Här är uppföljningen för 2020. Tryck Tillåt så laddar jag upp filen till din OneDrive.',
      );
      assert.equal(name, 'systemkollen-uppfoljning-2020.xlsx');
      assert.deepEqual(content.acceptContext, { year: 2020, format: 'xlsx', lang: 'sv' });
      assert.ok(content.sizeInBytes > 1000);
      const questions = loadChecklistSync().sections.flatMap((section) => section.questions).length;
      assert.equal(content.description, `Årlig uppföljning 2020: ${4 * questions} rader, 4 system.`);

      const response = await bot.post(
        consentInvoke(
          {
            type: 'fileUpload',
            action: 'accept',
            context: content.acceptContext,
            uploadInfo: uploadInfo(name),
          },
          admin,
        ),
      );
      assert.equal(response.status, 200, response.body);

      assert.equal(upload.received.length, 1);
      const put = upload.received[0]!;
      assert.equal(put.method, 'PUT');
      assert.equal(put.headers['content-range'], `bytes 0-${put.body.length - 1}/${put.body.length}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(put.body as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      assert.equal(sheet.rowCount, 1 + 4 * questions);
      const systemNames = new Set<string>();
      let nameCell: ExcelJS.Cell | undefined;
      sheet.eachRow((row, number) => {
        if (number > 1) systemNames.add(String(row.getCell(1).value));
        if (row.getCell(1).value === '=Formel *fet*') nameCell = row.getCell(1);
      });
      // A typed .xlsx cell holds text as text: shown as typed, never run as a formula.
      assert.ok(systemNames.has('=Formel *fet*'), [...systemNames].join(' | '));
      assert.equal(nameCell?.type, ExcelJS.ValueType.String);

      const sent = connector.allMessages().map((message) => message.activity);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]?.text, `Klart: ${name} ligger i din OneDrive.`);
      const fileCard = sent[0]?.attachments?.[0] as {
        contentType?: string;
        contentUrl?: string;
        name?: string;
        content?: unknown;
      };
      assert.equal(fileCard.contentType, fileInfoCardType);
      assert.equal(fileCard.contentUrl, uploadInfo(name).contentUrl);
      assert.equal(fileCard.name, name);
      assert.deepEqual(fileCard.content, { uniqueId: uploadInfo(name).uniqueId, fileType: 'xlsx' });
    });

    it('exports CSV in English when asked so', async () => {
      const { name, content } = await offer('export 2020 csv', coordinator);
      assert.equal(name, 'systemkollen-follow-up-2020.csv');
      await bot.post(
        consentInvoke(
          {
            type: 'fileUpload',
            action: 'accept',
            context: content.acceptContext,
            uploadInfo: uploadInfo(name),
          },
          coordinator,
        ),
      );
      const text = upload.received[0]?.body.toString('utf8') ?? '';
      assert.ok(text.startsWith('\uFEFFSystem;Department;Section;Question;'), text.slice(0, 80));
      assert.equal(connector.allMessages()[0]?.activity.text, `Done: ${name} is in your OneDrive.`);
    });

    it('acknowledges a decline and uploads nothing', async () => {
      const { content } = await offer('exportera 2020', admin);
      const response = await bot.post(
        consentInvoke({ type: 'fileUpload', action: 'decline', context: content.declineContext }, admin),
      );
      assert.equal(response.status, 200);
      assert.equal(upload.received.length, 0);
      assert.equal(connector.allMessages()[0]?.activity.text, 'OK, ingen fil skickades.');
    });

    it('says so when the upload fails', async () => {
      upload.answerWith(500);
      const { name, content } = await offer('exportera 2020', admin);
      await bot.post(
        consentInvoke(
          {
            type: 'fileUpload',
            action: 'accept',
            context: content.acceptContext,
            uploadInfo: uploadInfo(name),
          },
          admin,
        ),
      );
      assert.equal(
        connector.allMessages()[0]?.activity.text,
        'Filen gick inte att ladda upp. Försök igen med ”exportera 2020”.',
      );
      assert.ok(
        bot.logEntries().some((entry) => entry.event === 'export.upload_failed' && entry.statusCode === 500),
      );
    });

    it('asks for a personal chat in a group chat, and refuses anyone else, before writing any file', async () => {
      const group = await write('exportera', admin, 'groupChat');
      assert.match(
        group.text ?? '',
        /^Exporten skickas som en fil, och filer kan jag bara skicka i en personlig chatt/,
      );
      assert.equal(group.attachments, undefined);
      const refused = await write('exportera 2020', outsider);
      assert.equal(
        refused.text,
        'Exporten av uppföljningen är till för administratörer och informationssäkerhetssamordnaren.',
      );
    });

    it('answers a year out of range with the years there are, offering no file', async () => {
      const clock = sinon.useFakeTimers({ now: new Date('2026-06-01T10:00:00Z'), toFake: ['Date'] });
      try {
        const swedish = await write('exportera 9999', admin);
        assert.equal(
          swedish.text,
          say('sv', followUpYearTexts.yearOutOfRange, { year: 9999, min: 2000, max: 2199, current: 2026 }),
        );
        assert.equal(swedish.attachments, undefined);
        const english = await write('export 1999 csv', coordinator);
        assert.equal(
          english.text,
          say('en', followUpYearTexts.yearOutOfRange, { year: 1999, min: 2000, max: 2199, current: 2026 }),
        );
        assert.equal(english.attachments, undefined);
      } finally {
        clock.restore();
      }
      assert.deepEqual(
        bot.logEntries().filter((entry) => entry.level === 'error' || entry.event === 'export.offered'),
        [],
      );
    });

    it('decides on accept again: a forwarded consent accepted by someone else uploads nothing', async () => {
      const { name, content } = await offer('exportera 2020', admin);
      await bot.post(
        consentInvoke(
          {
            type: 'fileUpload',
            action: 'accept',
            context: content.acceptContext,
            uploadInfo: uploadInfo(name),
          },
          outsider,
        ),
      );
      assert.equal(upload.received.length, 0);
      assert.match(connector.allMessages()[0]?.activity.text ?? '', /^Exporten av uppföljningen är till för/);
    });

    it('refuses an upload URL that is neither https nor loopback', async () => {
      const { name, content } = await offer('exportera 2020', admin);
      await bot.post(
        consentInvoke(
          {
            type: 'fileUpload',
            action: 'accept',
            context: content.acceptContext,
            uploadInfo: { ...uploadInfo(name), uploadUrl: 'http://example.org/upload' },
          },
          admin,
        ),
      );
      assert.equal(upload.received.length, 0);
      assert.match(connector.allMessages()[0]?.activity.text ?? '', /^Filen gick inte att ladda upp/);
    });
  });
});
