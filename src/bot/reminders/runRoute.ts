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
 * POST /api/reminders/run, for an external timer when the bot runs on several instances (an Azure Logic App or
 * Function on a schedule). The caller sends `Authorization: Bearer <REMINDERS_RUN_SECRET>`; the comparison takes
 * the same time whatever the guess. Runs on several instances at once are safe (claims); the answer has counts
 * only. `?wait=true` answers when the run is done (200); otherwise the run starts and the answer is 202.
 */
export function registerReminderRunRoute(server: restify.Server, options: ReminderRunRouteOptions): void {
  const expected = options.secret === undefined ? undefined : digest(options.secret);
  server.post(reminderRunPath, async (req: restify.Request, res: restify.Response) => {
    if (expected === undefined) {
      sendJson(res, 404, neutralErrorBody(404));
      return;
    }
    const given = bearerToken(req.headers.authorization);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      options.logger.warn('reminders.run_refused', { reason: given === undefined ? 'missing' : 'wrong' });
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendJson(res, 401, neutralErrorBody(401));
      return;
    }
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
