import { createHash, timingSafeEqual } from 'node:crypto';
import type * as restify from 'restify';
import type { ReminderRunReport } from '../../domain/reminders/reminderRun';
import { errorFields, type Logger } from '../../shared/logger';
import { neutralErrorBody, sendJson } from '../http';
import type { ReminderRunner } from './reminderRunner';

export const reminderRunPath = '/api/reminders/run';

export interface ReminderRunRouteOptions {
  runner: ReminderRunner;
  /** REMINDERS_RUN_SECRET; without it the route answers 404, as if it did not exist. */
  secret: string | undefined;
  logger: Logger;
}

/**
 * Wrong secrets in a row are answered ever later: nothing after the first, then 250 ms doubling up to 10 s. The
 * count is per process and forgotten after a quarter of an hour without a wrong secret, or at a right one. The
 * ceiling stays near the header deadline (server.ts), so that held answers cost a guesser as many connections
 * as slow headers would, not more.
 */
export const refusalDelay = { firstMs: 250, maxMs: 10_000, forgetAfterMs: 15 * 60_000 } as const;

function refusalDelayMs(wrongInARow: number): number {
  if (wrongInARow <= 1) return 0;
  return Math.min(refusalDelay.firstMs * 2 ** (wrongInARow - 2), refusalDelay.maxMs);
}

/**
 * POST /api/reminders/run, for an external timer when the bot runs on several instances (an Azure Logic App or
 * Function on a schedule). The caller sends `Authorization: Bearer <REMINDERS_RUN_SECRET>`; the comparison takes
 * the same time whatever the guess. Runs on several instances at once are safe (claims); the answer has counts
 * only. `?wait=true` answers when the run is done (200); otherwise the run starts and the answer is 202.
 */
export function registerReminderRunRoute(server: restify.Server, options: ReminderRunRouteOptions): void {
  const expected = options.secret === undefined ? undefined : digest(options.secret);
  let wrongInARow = 0;
  let lastWrongAt = 0;
  server.post(reminderRunPath, async (req: restify.Request, res: restify.Response) => {
    if (expected === undefined) {
      sendJson(res, 404, neutralErrorBody(404));
      return;
    }
    const given = bearerToken(req.headers.authorization);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      const at = Date.now();
      if (at - lastWrongAt > refusalDelay.forgetAfterMs) wrongInARow = 0;
      lastWrongAt = at;
      wrongInARow += 1;
      const delayMs = refusalDelayMs(wrongInARow);
      options.logger.warn('reminders.run_refused', {
        reason: given === undefined ? 'missing' : 'wrong',
        wrongInARow,
        delayMs,
      });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendJson(res, 401, neutralErrorBody(401));
      return;
    }
    wrongInARow = 0;
    const wait = new URL(req.url ?? '/', 'http://localhost').searchParams.get('wait') === 'true';
    const running = options.runner.run();
    if (!wait) {
      running.catch((error: unknown) => options.logger.error('reminders.run_failed', errorFields(error)));
      sendJson(res, 202, { status: 'started' });
      return;
    }
    try {
      sendJson(res, 200, { status: 'done', ...counts(await running) });
    } catch (error) {
      options.logger.error('reminders.run_failed', errorFields(error));
      sendJson(res, 503, neutralErrorBody(503));
    }
  });
}

function counts(report: ReminderRunReport) {
  return {
    year: report.year,
    day: report.day,
    planned: report.planned,
    sent: report.sent,
    skipped: report.skipped,
    failed: report.failed.length,
    unreachable: report.unreachable.length,
    markedInactive: report.markedInactive,
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

// Hashing first gives both sides the same length, which timingSafeEqual needs, and hides the secret's length.
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
