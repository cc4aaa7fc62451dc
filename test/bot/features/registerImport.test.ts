import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, Attachment } from 'botbuilder';
import ExcelJS from 'exceljs';
import sinon from 'sinon';
import {
  registerImportCancelVerb,
  registerImportConfirmRemovalsVerb,
  registerImportConfirmVerb,
} from '../../../src/bot/cards/registerImportCard';
import { fileDownloadInfoType } from '../../../src/bot/features/registerImport';
import { fileConsentCardType, fileInfoCardType } from '../../../src/bot/fileConsent';
import { importRegister } from '../../../src/domain/register/registerImport';
import { readRegisterFile } from '../../../src/infrastructure/registerFile/readRegisterFile';
import { pendingImportMaxBytes } from '../../../src/domain/register/pendingImport';
import {
  cardActionActivity,
  messageActivity,
  type ConversationType,
  type InvokeResponseBody,
  type TestUser,
} from '../../support/activities';
import {
  assertValidAdaptiveCard,
  cardActions,
  cardTexts,
  type CardAction,
} from '../../support/adaptiveCards';
import { startTestBot, type TestBot } from '../../support/botServer';
import { aPerson, aSystem } from '../../support/systemMother';

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

const admin: TestUser = {
  id: '29:1adminLisaAdmin000000000000000000000',
  aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003',
  name: 'Lisa Admin',
};
const outsider: TestUser = {
  id: '29:1outsiderPerHolm00000000000000000000',
  aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002',
  name: 'Per Holm',
};

const header = 'IT-systemets namn;Förvaltning;Systemansvarig;Ansvarig chef';
const registerCsv = (rows: string[]) => `${[header, ...rows].join('\r\n')}\r\n`;
const baseRows = [
  'Procapita;Socialförvaltningen;Sven Berg <sven.berg@kommun.se>;Eva Ek <eva.ek@kommun.se>',
  'Visma Window;Kommunledningsförvaltningen;Karin Larsson <karin.larsson@kommun.se>;Bo Ek <bo.ek@kommun.se>',
  'Agresso;Kommunledningsförvaltningen;Anna Berg <anna.berg@kommun.se>;Bo Ek <bo.ek@kommun.se>',
];

/** A stand-in for SharePoint's download endpoint: serves what a test put at a path, and counts requests. */
interface DownloadServer {
  baseUrl: string;
  /** Bodies PUT to the server: Teams' OneDrive upload URL in the file consent flow. */
  uploads: Map<string, Buffer>;
  files: Map<string, { status?: number; headers?: Record<string, string>; body: Buffer | string }>;
  requests: string[];
  close(): Promise<void>;
}

async function startDownloadServer(): Promise<DownloadServer> {
  const files: DownloadServer['files'] = new Map();
  const requests: string[] = [];
  const uploads = new Map<string, Buffer>();
  const server = http.createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method === 'PUT') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        uploads.set(path, Buffer.concat(chunks));
        response.writeHead(201);
        response.end();
      });
      return;
    }
    requests.push(path);
    const file = files.get(path);
    if (!file) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(file.status ?? 200, file.headers ?? {});
    response.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    files,
    requests,
    uploads,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Shown {
  text: string;
  card?: Record<string, unknown>;
  texts: string[];
  actions: CardAction[];
}

describe('register import in Teams (bot over HTTP)', function () {
  this.timeout(20_000);
  let bot: TestBot;
  let downloads: DownloadServer;
  let clock: sinon.SinonFakeTimers | undefined;

  beforeEach(async () => {
    downloads = await startDownloadServer();
    bot = await startTestBot({ env: { ADMIN_USERS: admin.aadObjectId } });
    await bot.storage.systems.apply({
      create: [
        aSystem({
          name: 'Procapita',
          departments: ['Socialförvaltningen'],
          responsible: aPerson('Sven Berg'),
        }),
      ],
      replace: [],
      remove: [],
    });
  });

  afterEach(async () => {
    clock?.restore();
    clock = undefined;
    await bot.stop();
    await downloads.close();
  });

  /** Puts the file on the stand-in server and returns the attachment exactly as Teams delivers it. */
  function teamsFile(
    name: string,
    body: Buffer | string,
    fileType = name.split('.').pop() ?? '',
  ): Attachment {
    const path = `/personal/lisa_admin_kommun_se/Documents/${encodeURIComponent(name)}`;
    downloads.files.set(path, { body });
    return {
      contentType: fileDownloadInfoType,
      contentUrl: `https://kommun-my.sharepoint.com${path}`,
      name,
      content: { downloadUrl: `${downloads.baseUrl}${path}?tempauth=abc`, uniqueId: 'F0A1B2C3', fileType },
    };
  }

  async function sendFile(
    attachment: Attachment,
    from: TestUser = admin,
    options: { conversationType?: ConversationType; locale?: string } = {},
  ): Promise<Shown> {
    const activity = { ...messageActivity({ text: '', from, ...options }), attachments: [attachment] };
    delete activity.text;
    const replies = await bot.send(activity);
    assert.equal(replies.length, 1, `expected one reply, got ${replies.length}`);
    return shown(replies[0] as Activity);
  }

  async function write(text: string, from: TestUser = admin): Promise<Shown> {
    const replies = await bot.send(messageActivity({ text, from }));
    assert.equal(replies.length, 1);
    return shown(replies[0] as Activity);
  }

  function shown(reply: Activity): Shown {
    const attachment = (reply.attachments ?? [])[0];
    if (attachment?.contentType !== adaptiveCardType)
      return { text: reply.text ?? '', texts: [], actions: [] };
    const card = attachment.content as Record<string, unknown>;
    assertValidAdaptiveCard(card, 'the preview');
    return { text: reply.text ?? '', card, texts: cardTexts(card), actions: cardActions(card) };
  }

  async function press(action: CardAction, from: TestUser = admin): Promise<InvokeResponseBody> {
    assert.ok(action.verb);
    const response = await bot.post(cardActionActivity({ verb: action.verb, data: action.data, from }));
    assert.equal(response.status, 200, response.body);
    return JSON.parse(response.body) as InvokeResponseBody;
  }

  function messageOf(body: InvokeResponseBody): string {
    assert.equal(body.type, 'application/vnd.microsoft.activity.message', JSON.stringify(body.value));
    return body.value as string;
  }

  function button(preview: Shown, verb: string): CardAction {
    const found = preview.actions.find((action) => action.verb === verb);
    assert.ok(found, `no ${verb} button among ${JSON.stringify(preview.actions.map((a) => a.title))}`);
    return found;
  }

  const systemNames = async () => (await bot.storage.systems.list()).map((s) => s.value.name).sort();

  it('previews a CSV sent in the personal chat, writes nothing, and imports exactly that on Importera', async () => {
    const preview = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)));
    const all = preview.texts.join('\n');
    assert.match(all, /Läggs till: 2 · Ändras: 1 · Tas bort: 0 · Oförändrade: 0/);
    assert.match(all, /Procapita: .*Ansvarig chef: \(tomt\) → Eva Ek \\<eva\.ek@kommun\.se\\>/);
    assert.deepEqual(
      preview.actions.map((action) => action.title),
      ['Importera', 'Avbryt'],
    );
    assert.deepEqual(await systemNames(), ['Procapita']);
    assert.deepEqual(await bot.storage.imports.listRecent(5), []);

    const answer = messageOf(await press(button(preview, registerImportConfirmVerb)));
    assert.match(answer, /2 tillagda, 1 ändrade, 0 borttagna/);
    assert.deepEqual(await systemNames(), ['Agresso', 'Procapita', 'Visma Window']);
    const [record] = await bot.storage.imports.listRecent(5);
    assert.equal(record?.actor, `bot:${admin.aadObjectId}`);
    assert.equal(record?.fileName, 'Systemregister.csv');
    assert.equal(record?.status, 'finished');
    assert.deepEqual([record?.counts.added, record?.counts.changed], [2, 1]);
  });

  it('applies nothing twice when Importera is pressed again, and says the import is already done', async () => {
    const preview = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)));
    const confirm = button(preview, registerImportConfirmVerb);
    const answers = await Promise.all([press(confirm), press(confirm)]);
    const texts = answers.map(messageOf);
    assert.equal(texts.filter((text) => /genomförd:/.test(text)).length, 1, texts.join(' | '));
    assert.equal((await bot.storage.imports.listRecent(5)).length, 1);
    assert.match(messageOf(await press(confirm)), /redan genomförd/);
    assert.equal((await bot.storage.imports.listRecent(5)).length, 1);
  });

  it('refuses a preview when the register changed since (another import), and writes nothing', async () => {
    const first = await sendFile(teamsFile('Första.csv', registerCsv(baseRows)));
    const second = await sendFile(teamsFile('Andra.csv', registerCsv(baseRows.slice(0, 2))));
    messageOf(await press(button(first, registerImportConfirmVerb)));
    const before = await bot.storage.systems.list();

    const answer = messageOf(await press(button(second, registerImportConfirmVerb)));
    assert.match(answer, /Registret har ändrats sedan förhandsvisningen/);
    assert.deepEqual(await bot.storage.systems.list(), before);
    assert.equal((await bot.storage.imports.listRecent(5)).length, 1);
  });

  it('cancels a preview without writing, and a later Importera on it imports nothing', async () => {
    const preview = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)));
    assert.match(messageOf(await press(button(preview, registerImportCancelVerb))), /avbruten; ingenting/);
    assert.match(messageOf(await press(button(preview, registerImportConfirmVerb))), /avbruten/);
    assert.deepEqual(await systemNames(), ['Procapita']);
    assert.deepEqual(await bot.storage.imports.listRecent(5), []);
  });

  it('lets a preview expire after a day', async () => {
    const preview = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)));
    clock = sinon.useFakeTimers({ now: Date.now() + 24 * 60 * 60 * 1000 + 1000, toFake: ['Date'] });
    assert.match(messageOf(await press(button(preview, registerImportConfirmVerb))), /äldre än ett dygn/);
    assert.deepEqual(await systemNames(), ['Procapita']);
  });

  it('asks for a second confirmation naming the count before removing more than a tenth', async () => {
    await bot.storage.systems.apply({
      create: ['A', 'B', 'C', 'D'].map((name) => aSystem({ name: `System ${name}` })),
      replace: [],
      remove: [],
    });
    const preview = await sendFile(teamsFile('Litet.csv', registerCsv(baseRows.slice(0, 1))));
    assert.match(preview.texts.join('\n'), /tar bort 4 av registrets 5 system/);
    const second = await press(button(preview, registerImportConfirmVerb));
    assert.equal(second.type, adaptiveCardType);
    assert.deepEqual(await bot.storage.systems.count(), 5);
    const card = second.value as Record<string, unknown>;
    assertValidAdaptiveCard(card, 'the removal confirmation');
    const removeButton = button(
      { text: '', texts: [], actions: cardActions(card) },
      registerImportConfirmRemovalsVerb,
    );
    assert.equal(removeButton.title, 'Ja, ta bort 4 system och importera');

    const wrongCount = { ...removeButton, data: { ...(removeButton.data as object), removals: 3 } };
    assert.match(messageOf(await press(wrongCount)), /stämmer inte/);
    assert.equal(await bot.storage.systems.count(), 5);

    assert.match(messageOf(await press(removeButton)), /4 borttagna/);
    assert.deepEqual(await systemNames(), ['Procapita']);
  });

  it('shows rejected rows with the sheet name and the row Excel shows, and offers no import', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Instruktioner').addRow(['Fyll i registret på nästa blad']);
    const sheet = workbook.addWorksheet('System 2026');
    sheet.addRow(['Systemregister 2026']);
    sheet.addRow(header.split(';'));
    sheet.addRow(['Procapita', 'Socialförvaltningen', 'Sven Berg <sven.berg@>', 'Eva Ek']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await sendFile(teamsFile('Register.xlsx', bytes));
    const all = preview.texts.join('\n');
    assert.match(all, /Avvisade rader \(1\)/);
    assert.match(all, /bladet "System 2026" rad 3/);
    assert.deepEqual(preview.actions, []);
    assert.deepEqual(await systemNames(), ['Procapita']);
  });

  it('answers a file that is not a register with a clear message, and writes nothing', async () => {
    const reply = await sendFile(teamsFile('Register.xlsx', 'PK\u0003\u0004 not really a zip'));
    assert.match(reply.text, /går inte att öppna/);
    assert.deepEqual(await systemNames(), ['Procapita']);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const reply = await sendFile(
      teamsFile('Stort.csv', registerCsv(baseRows) + 'x'.repeat(pendingImportMaxBytes)),
    );
    assert.match(reply.text, /större än 1 MB/);
    assert.deepEqual(await systemNames(), ['Procapita']);
  });

  it('does not download from a host that is not allowed, nor follow a redirect to one', async () => {
    const elsewhere: Attachment = {
      contentType: fileDownloadInfoType,
      name: 'Register.csv',
      content: { downloadUrl: 'https://files.example.org/register.csv', fileType: 'csv' },
    };
    assert.match((await sendFile(elsewhere)).text, /plats jag inte hämtar filer från/);

    downloads.files.set('/redirect', {
      status: 302,
      headers: { location: 'https://attacker.example.org/register.csv' },
      body: '',
    });
    const redirected: Attachment = {
      ...elsewhere,
      content: { downloadUrl: `${downloads.baseUrl}/redirect`, fileType: 'csv' },
    };
    assert.match((await sendFile(redirected)).text, /plats jag inte hämtar filer från/);
    assert.deepEqual(downloads.requests, ['/redirect']);
  });

  it('tells a non-admin politely that only admins import, and never downloads the file', async () => {
    const reply = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)), outsider);
    assert.match(reply.text, /Bara administratörerna för Systemkollen kan importera/);
    assert.deepEqual(downloads.requests, []);
  });

  it('tells an admin in a group chat to send the file in the personal chat, without downloading it', async () => {
    const reply = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)), admin, {
      conversationType: 'groupChat',
      locale: 'en-US',
    });
    assert.match(reply.text, /Send the register file to me in our personal chat/);
    assert.deepEqual(downloads.requests, []);
  });

  it('shows the latest imports to admins, and not to others', async () => {
    const preview = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)));
    await press(button(preview, registerImportConfirmVerb));
    const history = await write('importhistorik');
    assert.match(
      history.text,
      /Systemregister\.csv · bot:c3c3c3c3-0000-4000-8000-000000000003 · genomförd: 2 tillagda/,
    );
    assert.match((await write('import history', outsider)).text, /Only the administrators/);
  });

  it('gives an admin the register as .xlsx through file consent, and that file imports back with no change', async () => {
    const preview = await sendFile(teamsFile('Systemregister.csv', registerCsv(baseRows)));
    await press(button(preview, registerImportConfirmVerb));

    const replies = await bot.send(messageActivity({ text: 'exportera registret', from: admin }));
    const consent = (replies[0]?.attachments ?? [])[0];
    assert.equal(consent?.contentType, fileConsentCardType);
    const content = consent?.content as { acceptContext: unknown; description: string };
    assert.match(content.description, /3 system/);

    const name = consent?.name ?? '';
    const invoke = {
      ...messageActivity({ text: '', from: admin }),
      type: 'invoke',
      name: 'fileConsent/invoke',
    };
    delete invoke.text;
    const accepted = await bot.send({
      ...invoke,
      value: {
        type: 'fileUpload',
        action: 'accept',
        context: content.acceptContext,
        uploadInfo: {
          contentUrl: `https://kommun-my.sharepoint.com/personal/lisa/Documents/${name}`,
          name,
          uploadUrl: `${downloads.baseUrl}/upload/${encodeURIComponent(name)}`,
          uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
          fileType: 'xlsx',
        },
      },
    });
    assert.ok(accepted.some((reply) => reply.attachments?.[0]?.contentType === fileInfoCardType));
    const uploaded = downloads.uploads.get(`/upload/${encodeURIComponent(name)}`);
    assert.ok(uploaded, 'nothing was uploaded');

    const table = await readRegisterFile({ fileName: name, bytes: uploaded });
    const again = await importRegister({ storage: bot.storage }, table, {
      fileName: name,
      actor: 'test',
      dryRun: true,
    });
    assert.deepEqual(
      [again.added.length, again.changed.length, again.removed.length, again.unchanged.length],
      [0, 0, 0, 3],
    );
  });

  it('does not give the register to a non-admin', async () => {
    assert.match((await write('export register', outsider)).text, /Only the administrators can export/);
  });
});
