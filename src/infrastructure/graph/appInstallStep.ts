/**
 * The reminder run's Graph step (GRAPH_INSTALL_APP=on): for each register person with open systems whom the bot
 * cannot reach because it has never heard from them (no conversation reference), install the app through
 * Graph. Teams answers with the installation event a few seconds later, the capture stores the reference, and
 * the next run reaches the person. It runs after the run's sends, on the run's own plan: since the event comes
 * later anyway, installing before planning would not reach anyone sooner, and the plan is not made twice.
 *
 * People who removed or blocked the app (an inactive reference) are never reinstalled: that was their choice.
 */
import type { UnreachablePerson } from '../../domain/reminders/plan';
import type { AppInstallAttemptRepository } from '../../domain/ports';
import { errorFields, type Logger } from '../../shared/logger';
import { appInstallAttemptStore, type AppInstallAttemptStore } from './appInstallAttempts';
import {
  createGraphAppInstaller,
  type AppInstaller,
  type AppInstallOutcome,
  type GraphAppInstallerOptions,
} from './graphAppInstaller';
import { azureGraphTokenProvider, type GraphTokenProvider } from './graphToken';

const day = 24 * 3_600_000;

export interface AppInstallStepOptions {
  installer: AppInstaller;
  attempts: AppInstallAttemptStore;
  logger: Logger;
  now?: () => Date;
  /** After an install (or 409), and after 403/404: the person is not tried again for this long (default 7 days). */
  retryAfterMs?: number;
  /** After a failure retrying may fix (5xx, retries used up): default 1 day. */
  retryFailedAfterMs?: number;
  /** Installs per run; the rest wait for the next run (default 500, about two minutes at the pace). */
  maxPerRun?: number;
  /** Requests in flight; the installer paces them (default 4). */
  concurrency?: number;
}

export interface RefusedInstall {
  /** The register's address, for the admins' list; never logged. */
  email: string;
  name: string;
  status: 403 | 404;
}

export interface AppInstallRunReport {
  /** People with no reference and an address. */
  candidates: number;
  attempted: number;
  installed: number;
  alreadyInstalled: number;
  /** 403/404: admins must act (a policy, a licence, a wrong address in the register). */
  refused: RefusedInstall[];
  failed: number;
  /** Tried recently, or being tried by another run. */
  notDue: number;
  /** Over this run's limit; the next run takes them. */
  deferred: number;
  /** Set when the step stopped early (no Graph token). */
  stopped?: 'noToken';
}

export type AppInstallStep = (unreachable: readonly UnreachablePerson[]) => Promise<AppInstallRunReport>;

export function createAppInstallStep(options: AppInstallStepOptions): AppInstallStep {
  const now = options.now ?? (() => new Date());
  const retryAfterMs = options.retryAfterMs ?? 7 * day;
  const retryFailedAfterMs = options.retryFailedAfterMs ?? day;
  const maxPerRun = options.maxPerRun ?? 500;
  const concurrency = options.concurrency ?? 4;

  return async (unreachable) => {
    const seen = new Set<string>();
    const candidates: { email: string; name: string }[] = [];
    for (const person of unreachable) {
      const email = person.email?.trim().toLowerCase();
      // A refused person is tried again too (when due): a policy may have changed since.
      const installable = person.reason === 'noReference' || person.reason === 'installRefused';
      if (!installable || !email || seen.has(email)) continue;
      seen.add(email);
      candidates.push({ email, name: person.name });
    }
    // One read of every attempt first: who is due, so the limit per run counts real attempts only.
    const at = now().getTime();
    const recent = new Map((await options.attempts.list()).map((a) => [a.userPrincipalName, a]));
    const due = candidates.filter((c) => {
      const previous = recent.get(c.email);
      return previous === undefined || Date.parse(previous.nextAttemptAt) <= at;
    });
    const chosen = due.slice(0, maxPerRun);
    const report: AppInstallRunReport = {
      candidates: candidates.length,
      attempted: 0,
      installed: 0,
      alreadyInstalled: 0,
      refused: [],
      failed: 0,
      notDue: candidates.length - due.length,
      deferred: due.length - chosen.length,
    };
    let next = 0;
    const worker = async () => {
      while (report.stopped === undefined && next < chosen.length) {
        const candidate = chosen[next++] as { email: string; name: string };
        // Conditional: another instance that took the person a moment ago wins.
        const taken = await options.attempts.take(candidate.email, now(), retryFailedAfterMs);
        if (taken === undefined) {
          report.notDue++;
          continue;
        }
        report.attempted++;
        let outcome: AppInstallOutcome;
        try {
          outcome = await options.installer.install(candidate.email);
        } catch (error) {
          report.stopped = 'noToken';
          options.logger.error('graph.app_install.no_token', errorFields(error));
          await options.attempts.record(
            taken,
            { outcome: 'failed' },
            new Date(now().getTime() + retryFailedAfterMs),
          );
          return;
        }
        const wait = outcome.outcome === 'failed' ? retryFailedAfterMs : retryAfterMs;
        await options.attempts.record(taken, outcome, new Date(now().getTime() + wait));
        if (outcome.outcome === 'installed') report.installed++;
        else if (outcome.outcome === 'alreadyInstalled') report.alreadyInstalled++;
        else if (outcome.outcome === 'refused') report.refused.push({ ...candidate, status: outcome.status });
        else report.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, chosen.length) }, worker));
    if (report.stopped !== undefined) report.deferred += chosen.length - next;
    options.logger.info('graph.app_install.finished', {
      candidates: report.candidates,
      attempted: report.attempted,
      installed: report.installed,
      alreadyInstalled: report.alreadyInstalled,
      refused: report.refused.length,
      failed: report.failed,
      notDue: report.notDue,
      deferred: report.deferred,
      stopped: report.stopped,
    });
    return report;
  };
}

export interface GraphAppInstallOptions {
  catalogAppId: string;
  attempts: AppInstallAttemptRepository;
  logger: Logger;
  /** Default: the app's managed identity (or DefaultAzureCredential); tests hand in a fake. */
  token?: GraphTokenProvider;
  managedIdentityClientId?: string;
  /** Only tests set it: the loopback stand-in for Graph. */
  baseUrl?: string;
  now?: () => Date;
  installer?: Partial<Omit<GraphAppInstallerOptions, 'catalogAppId' | 'token' | 'logger' | 'baseUrl'>>;
}

/** The step as the reminder runner uses it: Graph, its token, and the stored attempts. */
export function createGraphAppInstallStep(options: GraphAppInstallOptions): AppInstallStep {
  const token =
    options.token ??
    azureGraphTokenProvider(
      options.managedIdentityClientId ? { managedIdentityClientId: options.managedIdentityClientId } : {},
    );
  return createAppInstallStep({
    installer: createGraphAppInstaller({
      ...options.installer,
      catalogAppId: options.catalogAppId,
      token,
      logger: options.logger,
      ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}),
    }),
    attempts: appInstallAttemptStore(options.attempts),
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
  });
}
