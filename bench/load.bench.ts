/**
 * Load: the built bot (a process of its own, local storage holding a generated register) under 50 concurrent
 * conversations for 60 seconds, each its own person in a personal chat, mixing questions with the steps of the
 * annual follow-up checklist (open a system, send each section with valid answers, send the summary, reopen a
 * submitted one, and now and then an older card again). Prints throughput, latency p50/p99 overall and per kind,
 * errors (goal: none) and the bot's memory at the start, every 10 s and at the end with a trend verdict. See
 * bench/README.md. Asserts nothing about the figures; exits non-zero when something failed to run or a request
 * failed.
 *
 *   npm run load [-- --seconds 60 --connections 50 --systems 5000 --checklist-share 0.5
 *                    --systems-per-person 3 --older-card-every 20 --warmup 3 --no-build]
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Person } from '../src/domain/register/system';
import { startFakeConnector, type FakeConnector } from '../test/support/fakeConnector';
import { botEnv, buildBot, importSyntheticRegister, projectRoot } from './support/botUnderTest';
import {
  freePort,
  processCpuMs,
  processMemory,
  startServerProcess,
  type ServerProcess,
} from './support/childProcess';
import {
  LoadConversation,
  type ChecklistSystem,
  type LoadUser,
  type Outcome,
  type RequestKind,
} from './support/loadConversation';
import { conversationalQuestions, questionMix } from './support/questions';
import { seededRandom, type SyntheticRegister } from './support/syntheticRegister';

interface Options {
  seconds: number;
  connections: number;
  systems: number;
  /** Share of requests that are checklist steps. */
  checklistShare: number;
  /** Systems each person answers in turn (they are its systemansvarig). */
  systemsPerPerson: number;
  /** Every Nth checklist step sends an older card again; 0: never. */
  olderCardEvery: number;
  warmupSeconds: number;
  /** How often memory is read; it is printed every 10 s. */
  sampleSeconds: number;
  build: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0 || parsed > max) {
      throw new Error(`${name} needs a number from 0 to ${max}, got "${raw}"`);
    }
    return parsed;
  };
  return {
    seconds: number('--seconds', 60),
    connections: Math.max(1, Math.floor(number('--connections', 50))),
    systems: Math.max(100, Math.floor(number('--systems', 5_000))),
    checklistShare: number('--checklist-share', 0.5, 1),
    systemsPerPerson: Math.max(1, Math.floor(number('--systems-per-person', 3))),
    olderCardEvery: Math.floor(number('--older-card-every', 20)),
    warmupSeconds: number('--warmup', 3),
    sampleSeconds: 1,
    build: !argv.includes('--no-build'),
  };
}

/** Latency and outcomes of one kind of request. */
interface KindStats {
  latencies: number[];
  ok: number;
  staleAsIntended: number;
  staleUnexpected: number;
  errors: Map<string, number>;
}

interface Answered {
  /** Seconds since the load began. */
  at: number;
  kind: RequestKind;
  ms: number;
}

class Stats {
  readonly byKind = new Map<RequestKind, KindStats>();
  readonly answered: Answered[] = [];
  private readonly startedAt = Date.now();

  outcome(kind: RequestKind | undefined, outcome: Outcome): void {
    const stats = this.of(kind ?? 'question');
    if (outcome.kind === 'ok') stats.ok++;
    else if (outcome.kind === 'staleAsIntended') stats.staleAsIntended++;
    else if (outcome.kind === 'staleUnexpected') stats.staleUnexpected++;
    else stats.errors.set(outcome.reason, (stats.errors.get(outcome.reason) ?? 0) + 1);
  }

  latency(kind: RequestKind | undefined, ms: number): void {
    const resolved = kind ?? 'question';
    this.of(resolved).latencies.push(ms);
    this.answered.push({ at: (Date.now() - this.startedAt) / 1000, kind: resolved, ms });
  }

  errorCount(): number {
    let count = 0;
    for (const stats of this.byKind.values()) for (const n of stats.errors.values()) count += n;
    return count;
  }

  private of(kind: RequestKind): KindStats {
    let stats = this.byKind.get(kind);
    if (stats === undefined) {
      stats = { latencies: [], ok: 0, staleAsIntended: 0, staleUnexpected: 0, errors: new Map() };
      this.byKind.set(kind, stats);
    }
    return stats;
  }
}

interface MemorySample {
  at: number;
  rssMb: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (value: number) => (Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(1) : value.toFixed(0));
const isChecklist = (kind: RequestKind) => kind !== 'question';

/** The people who answer the checklists: each the systemansvarig of at least `perPerson` systems. */
function answerers(
  register: SyntheticRegister,
  count: number,
  perPerson: number,
): { person: Person; systems: ChecklistSystem[] }[] {
  const byEmail = new Map<string, { person: Person; systems: ChecklistSystem[] }>();
  for (const system of register.systems) {
    const email = system.responsible?.email;
    if (system.responsible === undefined || email === undefined) continue;
    const entry = byEmail.get(email) ?? { person: system.responsible, systems: [] };
    entry.systems.push({ id: system.id, name: system.name });
    byEmail.set(email, entry);
  }
  const chosen = [...byEmail.values()]
    .filter((entry) => entry.systems.length >= perPerson)
    .slice(0, count)
    .map((entry) => ({ person: entry.person, systems: entry.systems.slice(0, perPerson) }));
  if (chosen.length < count) {
    throw new Error(
      `only ${chosen.length} people are systemansvarig for ${perPerson} systems; use more --systems or fewer --systems-per-person`,
    );
  }
  return chosen;
}

function loadUser(person: Person, n: number): LoadUser {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `29:load-user-${n}`,
    aadObjectId: `00000000-0000-4000-9000-${hex}`,
    name: person.name,
    email: person.email!,
  };
}

/** One autocannon run, each connection driving its own conversation. */
async function load(
  server: ServerProcess,
  conversations: readonly LoadConversation[],
  seconds: number,
  stats: Stats,
  connections: number,
): Promise<autocannon.Result> {
  let nextConversation = 0;
  return autocannon({
    url: server.baseUrl,
    connections,
    duration: seconds,
    setupClient: (client) => {
      const conversation = conversations[nextConversation++ % conversations.length]!;
      client.setRequests([
        {
          method: 'POST',
          path: '/api/messages',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          setupRequest: (request) => ({ ...request, body: conversation.next().body }),
          onResponse: (status, body) => {
            const outcome = conversation.handle(status, body);
            stats.outcome(conversation.lastAnswered, outcome);
          },
        },
      ]);
      // Emitted right after onResponse, with autocannon's own measure of the request.
      client.on('response', (_status: number, _bytes: number, responseMs: number) =>
        stats.latency(conversation.lastAnswered, responseMs),
      );
    },
  });
}

/**
 * One conversation of its own, step by step, before any load: does the bot answer questions and take a whole
 * checklist, and an older card, the way the load expects?
 */
async function preflight(server: ServerProcess, conversation: LoadConversation, steps: number) {
  const outcomes = new Map<string, number>();
  for (let i = 0; i < steps; i++) {
    const request = conversation.next();
    const response = await fetch(`${server.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: request.body,
    });
    const outcome = conversation.handle(response.status, await response.text());
    const key = outcome.kind === 'error' ? `error: ${outcome.reason}` : outcome.kind;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  return outcomes;
}

/** Least-squares slope of RSS over time, in MB per minute. */
function slopePerMinute(samples: readonly MemorySample[]): number {
  if (samples.length < 2) return NaN;
  const meanAt = samples.reduce((sum, s) => sum + s.at, 0) / samples.length;
  const meanRss = samples.reduce((sum, s) => sum + s.rssMb, 0) / samples.length;
  let numerator = 0;
  let denominator = 0;
  for (const s of samples) {
    numerator += (s.at - meanAt) * (s.rssMb - meanRss);
    denominator += (s.at - meanAt) ** 2;
  }
  return denominator === 0 ? NaN : (numerator / denominator) * 60;
}

function windowLine(stats: Stats, from: number, to: number): string {
  const inWindow = stats.answered.filter((a) => a.at >= from && a.at < to);
  const questions = inWindow
    .filter((a) => a.kind === 'question')
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const sections = inWindow
    .filter((a) => a.kind === 'checklist: section')
    .map((a) => a.ms)
    .sort((a, b) => a - b);
  const checklist = inWindow.filter((a) => isChecklist(a.kind)).length;
  return (
    `${(inWindow.length / (to - from)).toFixed(0).padStart(5)} req/s (${checklist} checklist steps), ` +
    `question p50 ${ms(percentile(questions, 50))} ms, section p50 ${ms(percentile(sections, 50))} ms`
  );
}

interface StoreFigures {
  reviews: number;
  reviewsBytes: number;
  conversationReferencesBytes: number;
}

async function storeFigures(dataDir: string): Promise<StoreFigures> {
  const size = async (name: string) =>
    (await stat(path.join(dataDir, name)).catch(() => undefined))?.size ?? 0;
  let reviews = 0;
  try {
    const parsed = JSON.parse(await readFile(path.join(dataDir, 'reviews.json'), 'utf8')) as {
      items?: unknown[];
    };
    reviews = parsed.items?.length ?? 0;
  } catch {
    // no reviews stored
  }
  return {
    reviews,
    reviewsBytes: await size('reviews.json'),
    conversationReferencesBytes: await size('conversationReferences.json'),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const folder = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-load-'));
  let server: ServerProcess | undefined;
  let connector: FakeConnector | undefined;
  try {
    const dataDir = path.join(folder, 'data');
    const { register, csvBytes } = await importSyntheticRegister(dataDir, folder, options.systems);
    const questions = [
      ...questionMix(register, seededRandom(7), 50),
      ...conversationalQuestions(register, seededRandom(8), 50),
    ].map((question) => question.text);
    if (options.build) buildBot();

    // One more person than connections: the preflight's own conversation.
    const people = answerers(register, options.connections + 1, options.systemsPerPerson);
    connector = await startFakeConnector();
    const users = people.map(({ person }, n) => loadUser(person, n));
    // The bot looks each person up once (their e-mail makes them the systemansvarig) and then caches it.
    for (const user of users) {
      connector.setMember({ ...user, userPrincipalName: user.email });
    }
    const dueDate = `${new Date().getFullYear() + 1}-06-30`;
    const conversationFor = (n: number, share: number, olderCardEvery: number) =>
      new LoadConversation({
        user: users[n]!,
        serviceUrl: connector!.serviceUrl,
        systems: people[n]!.systems,
        questions,
        questionOffset: (n * 37) % questions.length,
        checklistShare: share,
        olderCardEvery,
        dueDate,
      });

    const port = await freePort();
    server = await startServerProcess({
      label: 'Systemkollen (dist/index.js)',
      command: process.execPath,
      args: ['--disable-warning=DEP0111', 'dist/index.js'],
      env: botEnv({
        DATA_DIR: dataDir,
        PORT: String(port),
        SAMPLE_REGISTER: 'off',
        // Reminders are not part of this load; their schedule would only add a timer.
        REMINDERS_SCHEDULE: 'off',
      }),
      cwd: projectRoot,
      port,
    });
    const pid = server.child.pid;
    const idle = await processMemory(pid);

    const check = conversationFor(options.connections, 0.5, 4);
    const checked = await preflight(server, check, 60);
    const preflightText = [...checked].map(([what, n]) => `${what} ${n}`).join(', ');
    if ([...checked.keys()].some((key) => key.startsWith('error')) || check.submitted === 0) {
      throw new Error(`the preflight conversation did not go as expected: ${preflightText}`);
    }

    const conversations = Array.from({ length: options.connections }, (_, n) =>
      conversationFor(n, options.checklistShare, options.olderCardEvery),
    );
    if (options.warmupSeconds > 0) {
      const warmup = new Stats();
      await load(server, conversations, options.warmupSeconds, warmup, options.connections);
      // Requests cut off by the end of the warm-up are still queued in the bot; a conversation that opened its
      // system again before they are written would send an older version and be told it is stale.
      const slowest = Math.max(0, ...warmup.answered.map((a) => a.ms));
      await new Promise((resolve) => setTimeout(resolve, Math.max(2_000, 2 * slowest)));
    }

    console.log(
      `\nLoad: node ${process.version}, ${os.cpus().length} cores; ${options.connections} conversations for ` +
        `${options.seconds} s after ${options.warmupSeconds} s warm-up`,
    );
    console.log(
      `register: ${register.systems.length} systems (${(csvBytes / 1024 / 1024).toFixed(1)} MB CSV); ` +
        `${options.checklistShare * 100}% checklist steps, each person the systemansvarig of the ` +
        `${options.systemsPerPerson} systems they answer; an older card again every ${options.olderCardEvery} steps`,
    );
    console.log(`preflight (one conversation, one step at a time): ${preflightText}`);
    const before = await storeFigures(dataDir);
    const outputLinesBefore = server.output.length;
    const stats = new Stats();
    const samples: MemorySample[] = [];
    const cpuBefore = await processCpuMs(pid);
    const loadStarted = Date.now();
    const first = await processMemory(pid);
    if (first) samples.push({ at: 0, rssMb: first.rssMb });
    console.log(`\n     t  RSS      answered in the last 10 s`);
    console.log(
      `   0 s  ${first ? first.rssMb.toFixed(0).padStart(4) : ' n/a'} MB  (idle before the preflight: ${idle?.rssMb.toFixed(0) ?? 'n/a'} MB)`,
    );
    let lastPrinted = 0;
    const sampler = setInterval(() => {
      void processMemory(pid).then((memory) => {
        const at = (Date.now() - loadStarted) / 1000;
        if (memory === undefined || at > options.seconds) return;
        samples.push({ at, rssMb: memory.rssMb });
        const tick = Math.floor(at / 10) * 10;
        if (tick > lastPrinted && tick < options.seconds) {
          lastPrinted = tick;
          console.log(
            `${String(tick).padStart(4)} s  ${memory.rssMb.toFixed(0).padStart(4)} MB  ${windowLine(stats, tick - 10, tick)}`,
          );
        }
      });
    }, options.sampleSeconds * 1000);
    const result = await load(server, conversations, options.seconds, stats, options.connections);
    clearInterval(sampler);
    const end = await processMemory(pid);
    const cpuAfter = await processCpuMs(pid);
    const endAt = (Date.now() - loadStarted) / 1000;
    if (end) samples.push({ at: endAt, rssMb: end.rssMb });
    const lastTick = Math.floor(options.seconds / 10) * 10;
    console.log(
      `${String(options.seconds).padStart(4)} s  ${end ? end.rssMb.toFixed(0).padStart(4) : ' n/a'} MB  ` +
        `${windowLine(stats, lastTick === options.seconds ? lastTick - 10 : lastTick, options.seconds)}` +
        `; peak RSS ${end?.peakRssMb.toFixed(0) ?? 'n/a'} MB`,
    );
    await server.stop();
    const after = await storeFigures(dataDir);

    printResult(options, result, stats, samples, {
      cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      conversations,
      before,
      after,
      logLines: server.output.slice(outputLinesBefore),
    });
    const failed = result.non2xx + result.errors + result.timeouts + stats.errorCount();
    if (failed > 0 || result.requests.total === 0) process.exitCode = 1;
  } finally {
    await server?.stop();
    await connector?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

function printResult(
  options: Options,
  result: autocannon.Result,
  stats: Stats,
  samples: readonly MemorySample[],
  extra: {
    cpuMs: number | undefined;
    conversations: readonly LoadConversation[];
    before: StoreFigures;
    after: StoreFigures;
    logLines: readonly string[];
  },
): void {
  const all = stats.answered.map((a) => a.ms).sort((a, b) => a - b);
  const total = stats.answered.length;
  const seconds = result.duration;
  console.log(
    `\nthroughput   ${(total / seconds).toFixed(0)} req/s (${total} answered in ${seconds.toFixed(1)} s; ` +
      `autocannon: ${result.requests.average.toFixed(0)} req/s average)`,
  );
  if (extra.cpuMs !== undefined && total > 0) {
    console.log(`bot CPU      ${((extra.cpuMs * 1000) / total).toFixed(0)} µs per request (all threads)`);
  }
  console.log(
    `latency      p50 ${ms(percentile(all, 50))} ms, p99 ${ms(percentile(all, 99))} ms, max ${ms(all.at(-1) ?? NaN)} ms`,
  );
  console.log(
    `\n  ${'kind'.padEnd(30)} ${'count'.padStart(7)} ${'p50'.padStart(6)} ${'p99'.padStart(6)}   outcome`,
  );
  for (const [kind, kindStats] of [...stats.byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...kindStats.latencies].sort((a, b) => a - b);
    const outcome = [
      `${kindStats.ok} ok`,
      kindStats.staleAsIntended > 0 ? `${kindStats.staleAsIntended} stale as intended` : '',
      kindStats.staleUnexpected > 0 ? `${kindStats.staleUnexpected} STALE UNEXPECTEDLY` : '',
      ...[...kindStats.errors].map(([reason, n]) => `${n}× ERROR ${reason}`),
    ]
      .filter(Boolean)
      .join(', ');
    console.log(
      `  ${kind.padEnd(30)} ${String(sorted.length).padStart(7)} ${ms(percentile(sorted, 50)).padStart(6)} ${ms(percentile(sorted, 99)).padStart(6)}   ${outcome}`,
    );
  }
  const errors = stats.errorCount();
  console.log(
    `\nerrors       non-2xx ${result.non2xx}, connection errors ${result.errors}, timeouts ${result.timeouts}, ` +
      `wrong answers ${errors} (goal: all 0)`,
  );
  const warnings = extra.logLines.filter((line) => /"level":"(warn|error)"/.test(line));
  if (warnings.length > 0) {
    const events = new Map<string, number>();
    const examples = new Map<string, string>();
    for (const line of warnings) {
      const event = /"event":"([^"]+)"/.exec(line)?.[1] ?? 'unparsed line';
      events.set(event, (events.get(event) ?? 0) + 1);
      if (!examples.has(event)) examples.set(event, line);
    }
    console.log(
      `bot log      ${warnings.length} warn/error lines: ${[...events].map(([e, n]) => `${e} ×${n}`).join(', ')}`,
    );
    // The bot logs ids and codes only, so a line shows what went wrong without anyone's text.
    for (const example of examples.values()) console.log(`             e.g. ${example.slice(0, 400)}`);
  } else {
    console.log('bot log      no warn/error lines');
  }

  const first = samples[0];
  const last = samples.at(-1);
  const secondHalf = samples.filter((s) => s.at >= options.seconds / 2);
  const slopeHalf = slopePerMinute(secondHalf);
  const slopeAll = slopePerMinute(samples);
  const meanHalf = secondHalf.reduce((sum, s) => sum + s.rssMb, 0) / Math.max(1, secondHalf.length);
  // Garbage collection moves RSS by tens of MB; a leak under this load moves it by far more per minute.
  const growing = slopeHalf > Math.max(5, 0.02 * meanHalf);
  console.log(
    `memory       RSS ${first?.rssMb.toFixed(0) ?? 'n/a'} MB at the start, ${last?.rssMb.toFixed(0) ?? 'n/a'} MB at the end; ` +
      `slope ${slopeAll.toFixed(1)} MB/min over the run, ${slopeHalf.toFixed(1)} MB/min over the second half ` +
      `(${secondHalf.length} samples): ${growing ? 'GROWING' : 'no growth trend'}`,
  );
  const sections = extra.conversations.reduce((sum, c) => sum + c.sectionsSaved, 0);
  const submitted = extra.conversations.reduce((sum, c) => sum + c.submitted, 0);
  console.log(
    `store        ${extra.after.reviews} reviews in reviews.json (${(extra.after.reviewsBytes / 1024).toFixed(0)} KB; ` +
      `${extra.before.reviews} before the load); ${sections} sections saved and ${submitted} reviews submitted by the ` +
      `load conversations (warm-up included); conversationReferences.json ${(extra.after.conversationReferencesBytes / 1024).toFixed(0)} KB`,
  );
  console.log(
    `             every checklist write replaces the whole reviews.json (temp file, fsync, rename) under one lock: ` +
      `about ${(extra.after.reviewsBytes / 1024).toFixed(0)} KB per step at the end`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
