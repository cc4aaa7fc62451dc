/**
 * Reminders to 5,000 people with open follow-ups, sent through the real sender (adapter, connector client, rate
 * limiter, retries, claims) to the fake Bot Connector enforcing Teams' documented limits (7 messages a second,
 * 60 per 30 s and 1,800 an hour per conversation; 50 requests a second per app and tenant). Prints the total time
 * against the fastest the limits allow, the busiest one-second window as the fake saw arrivals, how often Teams
 * (the fake) answered 429, duplicates and lost messages.
 *
 *   npm run bench:reminders [-- --people 5000] [--storage cosmos|local] [--instances 1] [--configured-instances N]
 *
 * --instances 2 runs two bot instances at once on the same store, each with its own limiter (as two App Service
 * instances would), configured with REMINDERS_INSTANCES=2 (each keeps to half of the limits); the claims keep it
 * exactly once. --configured-instances 1 with --instances 2 shows what happens when the setting is forgotten.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createAdapter } from '../src/bot/adapter';
import {
  ConversationReferenceCache,
  conversationReferenceCacheLimits,
} from '../src/bot/conversationReferenceCache';
import { createBotFrameworkSender } from '../src/bot/reminders/botFrameworkSender';
import { reminderRunnerFor } from '../src/composition';
import { loadConfig } from '../src/config';
import type { Storage } from '../src/domain/ports';
import type { SystemRecord } from '../src/domain/register/system';
import type { ConversationReferenceRecord } from '../src/domain/reminders/conversationReference';
import type { ReminderRunReport } from '../src/domain/reminders/reminderRun';
import { createCosmosStorage } from '../src/infrastructure/storage/cosmos/cosmosStorage';
import { createLocalStorage } from '../src/infrastructure/storage/local/localStorage';
import { silentLogger } from '../src/shared/logger';
import { startCosmosServerProcess, type CosmosServerProcess } from './support/cosmosServerProcess';
import { startFakeConnector, teamsRateLimits } from '../test/support/fakeConnector';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const peopleCount = Number(argument('people', '5000'));
const storageKind = argument('storage', 'cosmos');
const instances = Number(argument('instances', '1'));
const configuredInstances = Number(argument('configured-instances', String(instances)));
const tenantId = '6f1c8d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
// A reminder day of the 2025 follow-up: Friday 27 February 2026, 08:00 Stockholm.
const reminderTime = new Date('2026-02-27T07:00:30Z');

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(work));
  }
}

async function main() {
  const fake = await startFakeConnector({ enforceLimits: true });
  let cosmos: CosmosServerProcess | undefined;
  let dataDir: string | undefined;
  const stores: Storage[] = [];
  const openStore = async (): Promise<Storage> => {
    let store: Storage;
    if (storageKind === 'local') {
      dataDir ??= await mkdtemp(path.join(os.tmpdir(), 'systemkollen-bench-reminders-'));
      store = await createLocalStorage(dataDir);
    } else {
      // In a process of its own with connections kept open, as Cosmos DB is in production: its work and a TLS
      // handshake per request would otherwise cost this process more CPU than the run itself.
      cosmos ??= await startCosmosServerProcess(path.resolve(__dirname, '..'));
      store = await createCosmosStorage({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        agent: cosmos.agent,
        databaseName: 'bench-reminders',
        logger: silentLogger,
      });
    }
    stores.push(store);
    return store;
  };

  try {
    const storage = await openStore();
    const people = Array.from({ length: peopleCount }, (_, i) => {
      const n = String(i + 1).padStart(5, '0');
      return {
        name: `Person ${n}`,
        email: `person.${n}@kommun.se`,
        aadObjectId: `aaaaaaaa-0000-4000-8000-0000000${n}`,
        userId: `29:person-${n}`,
      };
    });
    const systems: SystemRecord[] = people.map((person, i) => ({
      id: `system-${i + 1}`,
      name: `System ${i + 1}`,
      departments: ['Socialförvaltningen'],
      unit: '',
      description: '',
      owner: 'Socialnämnden',
      responsible: { name: person.name, email: person.email },
      managers: [],
      administrators: [],
      pilots: [],
      extra: {},
    }));
    const setupStart = performance.now();
    await storage.systems.apply({ create: systems, replace: [], remove: [] });
    const at = new Date('2026-01-10T08:00:00Z').toISOString();
    await inBatches(people, 50, (person) => {
      const reference: ConversationReferenceRecord = {
        id: person.aadObjectId,
        aadObjectId: person.aadObjectId,
        userId: person.userId,
        email: person.email,
        userPrincipalName: person.email,
        memberLookupAt: at,
        tenantId,
        serviceUrl: fake.serviceUrl,
        conversationId: fake.conversationIdFor(person.userId),
        botId: '28:bench-bot',
        channelId: 'msteams',
        language: 'sv',
        active: true,
        activeChangedAt: at,
        authenticated: true,
        updatedAt: at,
      };
      return storage.conversationReferences.save(reference, null);
    });
    const setupMs = performance.now() - setupStart;

    // How long each request held its place in the limiter's windows: from its gate to its answer (rateLimiter.ts).
    const holds: number[] = [];
    const runners = [];
    for (let i = 0; i < instances; i++) {
      const adapter = createAdapter({
        credentials: undefined,
        allowedTenantIds: undefined,
        logger: silentLogger,
      });
      const sender = createBotFrameworkSender({ adapter, botAppId: '', logger: silentLogger });
      runners.push(
        reminderRunnerFor(
          loadConfig({ NODE_ENV: 'test', REMINDERS_INSTANCES: String(configuredInstances) }),
          {
            adapter,
            sender: async (message, gate) => {
              let gatedAt = 0;
              const result = await sender(message, async () => {
                await gate();
                gatedAt = performance.now();
              });
              if (gatedAt > 0) holds.push(performance.now() - gatedAt);
              return result;
            },
            storage: i === 0 ? storage : await openStore(),
            logger: silentLogger,
            conversationReferenceCache: new ConversationReferenceCache(conversationReferenceCacheLimits),
            now: () => reminderTime,
            concurrency: 64,
          },
        ),
      );
    }

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const reports: ReminderRunReport[] = await Promise.all(runners.map((runner) => runner.run()));
    const totalMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuBefore);
    loopDelay.disable();

    const delivered = new Map<string, number>();
    for (const message of fake.allMessages()) {
      delivered.set(message.conversationId, (delivered.get(message.conversationId) ?? 0) + 1);
    }
    let duplicates = 0;
    let lost = 0;
    for (const person of people) {
      const count = delivered.get(fake.conversationIdFor(person.userId)) ?? 0;
      if (count === 0) lost++;
      else duplicates += count - 1;
    }
    const perApp = teamsRateLimits.perAppAndTenant[0] as readonly [number, number];
    const fastestMs = (peopleCount / perApp[0]) * perApp[1];
    const throttled = fake.requests.filter((r) => r.status === 429).length;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

    console.log(
      `reminders benchmark: ${peopleCount} people, storage ${storageKind}, ${instances} instance(s)` +
        ` configured as ${configuredInstances} (REMINDERS_INSTANCES)`,
    );
    console.log(`  setup (register + references)    ${seconds(setupMs)}`);
    console.log(`  total run time                   ${seconds(totalMs)}`);
    console.log(
      `  fastest the limits allow         ${seconds(fastestMs)} (${perApp[0]} requests/s per app and tenant)`,
    );
    console.log(`  efficiency                       ${((fastestMs / totalMs) * 100).toFixed(1)} %`);
    console.log(`  messages delivered               ${fake.allMessages().length}`);
    console.log(
      `  sent / skipped / failed          ${reports.map((r) => `${r.sent}/${r.skipped}/${r.failed.length}`).join(' + ')}`,
    );
    console.log(`  429 answers from the connector   ${throttled}`);
    console.log(
      `  peak requests in any 1 s         ${fake.peakRequests(1_000)} (limit ${perApp[0]}, all instances together)`,
    );
    const perConversation = Math.max(
      0,
      ...people.map((person) => fake.peakMessages(1_000, fake.conversationIdFor(person.userId))),
    );
    console.log(`  peak messages to one person, 1 s ${perConversation} (limit 7)`);
    const operations = new Map<string, number>();
    for (const request of fake.requests) {
      operations.set(request.operation, (operations.get(request.operation) ?? 0) + 1);
    }
    console.log(
      `  requests to the connector        ${[...operations].map(([name, count]) => `${count} ${name}`).join(', ')}`,
    );
    holds.sort((a, b) => a - b);
    const meanHold = holds.reduce((sum, hold) => sum + hold, 0) / Math.max(1, holds.length);
    const quantile = (q: number) =>
      (holds[Math.min(holds.length - 1, Math.floor(q * holds.length))] ?? 0).toFixed(0);
    console.log(
      `  gate to answer p50 / p99 / mean  ${quantile(0.5)} / ${quantile(0.99)} / ${meanHold.toFixed(0)} ms ` +
        `(the limiter's own ceiling: ${((1_000 / (1_000 + meanHold)) * 100).toFixed(1)} % of the limit)`,
    );
    console.log(
      `  run CPU (this process)           ${((cpu.user + cpu.system) / 1000 / peopleCount).toFixed(2)} ms per person, ` +
        `${(((cpu.user + cpu.system) / 1000 / totalMs) * 100).toFixed(0)} % of a core`,
    );
    console.log(
      `  event-loop delay p50 / p99 / max ${(loopDelay.percentile(50) / 1e6).toFixed(0)} / ` +
        `${(loopDelay.percentile(99) / 1e6).toFixed(0)} / ${(loopDelay.max / 1e6).toFixed(0)} ms`,
    );
    console.log(`  duplicates                       ${duplicates} (goal 0)`);
    console.log(`  lost                             ${lost} (goal 0)`);
    process.exitCode = duplicates === 0 && lost === 0 ? 0 : 1;
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await fake.stop();
    await cosmos?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
