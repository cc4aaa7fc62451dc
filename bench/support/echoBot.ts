/**
 * The baseline of the answers benchmark: the smallest teams-ai bot that answers a message, on the same
 * restify, body reading and adapter settings as the real server (src/bot/server.ts), so the difference between
 * the two is the work of answering. Run as its own process:
 *
 *   PORT=3999 node -r ts-node/register/transpile-only bench/support/echoBot.ts
 */
import type { AddressInfo } from 'node:net';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import * as restify from 'restify';
import { readJsonBody, sendJson } from '../../src/bot/http';

/** server.ts's defaultMaxBodyBytes; not imported, since that would load the whole bot into the baseline. */
const maxBodyBytes = 256 * 1024;

const port = Number(process.env.PORT ?? 3999);

const adapter = new TeamsAdapter({});
const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true });
app.activity(ActivityTypes.Message, async (context) => {
  await context.sendActivity(context.activity.text ?? '');
});

const silentPino = (restify as unknown as { logger: (options: object) => unknown }).logger({
  level: 'silent',
});
const server = restify.createServer({
  name: 'echo',
  handleUncaughtExceptions: false,
  log: silentPino as restify.ServerOptions['log'],
});

server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
  sendJson(res, 200, { status: 'ok' });
});

server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
  const body = await readJsonBody(req, maxBodyBytes);
  if (!body.ok) {
    sendJson(res, body.status, { error: 'bad-request' });
    return;
  }
  // As the teams-ai samples do: the adapter writes restify's response itself.
  await adapter.process(
    { body: body.value, headers: req.headers, method: req.method },
    res,
    async (context) => {
      await app.run(context);
    },
  );
});

server.server.listen({ port, host: '127.0.0.1' }, () => {
  process.stdout.write(`echo bot listening on ${(server.server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.server.close(() => process.exit(0)));
