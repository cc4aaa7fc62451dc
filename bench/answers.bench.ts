/**
 * Answers throughput: the real bot (built, in a process of its own, local storage holding a generated
 * register) answering a fixed mix of questions on /api/messages under load, next to a bare teams-ai echo bot
 * under the same load. Prints both throughputs, their ratio (goal: the bot at least 0.8 of the echo bot), CPU
 * time per request, latency and memory. The activities' service URL is a fake Bot Connector in a process of its
 * own, so the bot's Teams member lookup answers as it would in Teams. See bench/README.md. Asserts nothing about the figures; exits non-zero only when something failed to
 * run (a server did not start, a sampled answer was not a 200 with a reply, requests failed under load).
 *
 *   npm run bench [-- --systems 5000 --seconds 10 --connections 20 --rounds 1 --warmup 2 --no-build
 *                     --profile <dir> --against <dist folder>]
 *
 * --rounds N loads each server N times, alternating, and reports the median round: on a machine doing other work
 * too, one round can be unlucky. --profile runs both servers with node --cpu-prof and prints where their time
 * went during the loads. --against runs another build of the bot (a dist folder, say of the commit before a change)
 * in place of the echo bot, with a copy of the same data, and prints each round's CPU per request of both: an A/B
 * comparison whose pairs share whatever else the machine was doing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { languageOfMessage } from '../src/bot/language';
import { messageActivity, testTenantId, type TestUser } from '../test/support/activities';
import type { FakeMember } from '../test/support/fakeConnector';
import {
  freePort,
  processCpuMs,
  processMemory,
  startServerProcess,
  type ProcessMemory,
  type ServerProcess,
} from './support/childProcess';
import { botEnv, buildBot, importSyntheticRegister, projectRoot } from './support/botUnderTest';
import { summarizeProfile, type ProfileWindow } from './support/cpuProfile';
import { startFakeConnectorProcess, type FakeConnectorProcess } from './support/fakeConnectorProcess';
import { conversationalQuestions, questionMix, type Question } from './support/questions';
import { seededRandom } from './support/syntheticRegister';

interface Options {
  systems: number;
  seconds: number;
  /** Loads per server, alternating between them; the median counts. */
  rounds: number;
  connections: number;
  warmupSeconds: number;
  build: boolean;
  profileDir: string | undefined;
  /** A dist folder holding another build of the bot, measured in place of the echo bot. */
  against: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const count = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} needs a number, got "${raw}"`);
    return parsed;
  };
  const profile = value('--profile');
  const against = value('--against');
  return {
    systems: count('--systems', 5_000),
    seconds: count('--seconds', 10),
    rounds: Math.max(1, count('--rounds', 1)),
    connections: count('--connections', 20),
    warmupSeconds: count('--warmup', 2),
    build: !argv.includes('--no-build'),
    profileDir: profile === undefined ? undefined : path.resolve(profile),
    against: against === undefined ? undefined : path.resolve(against),
  };
}

/** Distinct people asking, so nothing per user (state, context) is shared by every request. */
const askers: TestUser[] = Array.from({ length: 50 }, (_, n) => {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `29:bench-user-${n}`,
    aadObjectId: `00000000-0000-4000-8000-${hex}`,
    name: `Testperson ${n}`,
  };
});

/** The askers as the fake connector's members, so the bot's Teams member lookup finds each one's e-mail. */
const askerMembers: FakeMember[] = askers.map((asker, n) => ({
  ...asker,
  email: `testperson.${n}@bench.kommun.se`,
  userPrincipalName: `testperson.${n}@bench.kommun.se`,
  tenantId: testTenantId,
}));

interface RequestTemplate {
  category: Question['category'];
  /** The serialized activity up to its id, and after it: the id is the only part that varies per request. */
  beforeId: string;
  afterId: string;
}

const idPlaceholder = 'bench-activity-id-placeholder';

/** The last few askers write in English, the others in Swedish (see requestTemplates). */
const englishAskers = 5;

/**
 * Each asker keeps to one language, as people do: the bot stores the language a person last wrote in, so askers
 * switching language from one question to the next would make it write their conversation reference over and over,
 * which real use does not.
 */
function requestTemplates(questions: readonly Question[], serviceUrl: string): RequestTemplate[] {
  let swedish = 0;
  let english = 0;
  const swedishAskers = askers.length - englishAskers;
  return questions.map((question) => {
    const asker =
      languageOfMessage(question.text) === 'en'
        ? askers[swedishAskers + (english++ % englishAskers)]!
        : askers[swedish++ % swedishAskers]!;
    const activity = {
      ...messageActivity({ text: question.text, from: asker, serviceUrl }),
      id: idPlaceholder,
      deliveryMode: 'expectReplies',
    };
    const [beforeId, afterId] = JSON.stringify(activity).split(idPlaceholder);
    return { category: question.category, beforeId: beforeId!, afterId: afterId! };
  });
}

/** The questions in a fixed, shuffled order, so every stretch of the run asks the same mix. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

interface ReplyCheck {
  ok: boolean;
  /** "200, 1 reply, 1 with a card", or what was wrong. */
  description: string;
}

/** A reply the way the channel receives it: a 200 whose body holds at least one message activity. */
function checkReply(status: number, body: string): ReplyCheck {
  if (status !== 200) return { ok: false, description: `status ${status}` };
  try {
    const activities = (JSON.parse(body) as { activities?: { type?: string; attachments?: unknown[] }[] })
      .activities;
    const messages = (activities ?? []).filter((activity) => activity.type === 'message');
    if (messages.length === 0) return { ok: false, description: '200 without a reply' };
    const cards = messages.filter((message) => (message.attachments ?? []).length > 0).length;
    return {
      ok: true,
      description: `200, ${messages.length} ${messages.length === 1 ? 'reply' : 'replies'}${cards > 0 ? `, ${cards} with a card` : ''}`,
    };
  } catch {
    return { ok: false, description: '200 with a body that is not JSON' };
  }
}

interface LoadRun {
  result: autocannon.Result;
  /** Responses whose body was checked, and those that were not a 200 with a reply. */
  checked: number;
  badReplies: Map<string, number>;
  memoryBefore: ProcessMemory | undefined;
  memoryAfter: ProcessMemory | undefined;
  /** When the load ran, on the clock CPU profiles use. */
  window: ProfileWindow;
  /** CPU time the server used during the load, in milliseconds. */
  cpuMs: number | undefined;
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

async function load(
  server: ServerProcess,
  templates: readonly RequestTemplate[],
  options: Options,
  seconds: number,
  runLabel: string,
): Promise<LoadRun> {
  let next = 0;
  let responses = 0;
  let checked = 0;
  const badReplies = new Map<string, number>();
  const memoryBefore = await processMemory(server.child.pid);
  const cpuBefore = await processCpuMs(server.child.pid);
  const fromMicros = monotonicMicros();
  const result = await autocannon({
    url: server.baseUrl,
    connections: options.connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        setupRequest: (request) => {
          const n = next++;
          const template = templates[n % templates.length]!;
          return { ...request, body: `${template.beforeId}${runLabel}-${n}${template.afterId}` };
        },
        // Parsing every body would load the load generator; one in 25 shows whether answers keep coming.
        onResponse: (status, body) => {
          if (responses++ % 25 !== 0) return;
          checked++;
          const check = checkReply(status, body);
          if (!check.ok) badReplies.set(check.description, (badReplies.get(check.description) ?? 0) + 1);
        },
      },
    ],
  });
  const window = { fromMicros, toMicros: monotonicMicros() };
  const cpuAfter = await processCpuMs(server.child.pid);
  const memoryAfter = await processMemory(server.child.pid);
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { result, checked, badReplies, memoryBefore, memoryAfter, window, cpuMs };
}

/** One question of each kind, one at a time, before the load: does the server answer what we will ask? */
async function sampleAnswers(
  server: ServerProcess,
  templates: readonly RequestTemplate[],
): Promise<{ category: string; check: ReplyCheck }[]> {
  const firstOfEach = new Map<string, RequestTemplate>();
  for (const template of templates)
    if (!firstOfEach.has(template.category)) firstOfEach.set(template.category, template);
  const samples: { category: string; check: ReplyCheck }[] = [];
  for (const [category, template] of firstOfEach) {
    const response = await fetch(`${server.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: `${template.beforeId}sample-${category}${template.afterId}`,
    });
    samples.push({ category, check: checkReply(response.status, await response.text()) });
  }
  return samples;
}

/** One server under test: its answers to the samples, and its load rounds. */
interface Measurement {
  server: ServerProcess;
  samples: { category: string; check: ReplyCheck }[];
  idleMemory: ProcessMemory | undefined;
  rounds: LoadRun[];
  /** Where its output stood when the first measured load began. */
  outputLinesBefore: number;
}

async function prepareMeasurement(
  server: ServerProcess,
  templates: readonly RequestTemplate[],
  options: Options,
): Promise<Measurement> {
  const idleMemory = await processMemory(server.child.pid);
  const samples = await sampleAnswers(server, templates);
  if (options.warmupSeconds > 0) await load(server, templates, options, options.warmupSeconds, 'warmup');
  return { server, samples, idleMemory, rounds: [], outputLinesBefore: server.output.length };
}

/** The round with the median throughput: with a machine shared by other work, one slow round says little. */
function medianRound(measurement: Measurement): LoadRun {
  const sorted = [...measurement.rounds].sort(
    (a, b) => a.result.requests.average - b.result.requests.average,
  );
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const mb = (memory: ProcessMemory | undefined, field: keyof ProcessMemory) =>
  memory ? `${memory[field].toFixed(0)} MB` : 'n/a';

/** The server's CPU time per answered request over all rounds, in microseconds. */
function cpuMicrosPerRequest(measurement: Measurement): number | undefined {
  let cpuMs = 0;
  let requests = 0;
  for (const round of measurement.rounds) {
    if (round.cpuMs === undefined) return undefined;
    cpuMs += round.cpuMs;
    requests += round.result.requests.total;
  }
  return requests === 0 ? undefined : (cpuMs * 1000) / requests;
}

function printMeasurement(measurement: Measurement): void {
  const median = medianRound(measurement);
  const first = measurement.rounds[0]!;
  const last = measurement.rounds.at(-1)!;
  console.log(`\n${measurement.server.label}`);
  for (const sample of measurement.samples) {
    console.log(
      `  sample ${sample.category.padEnd(12)} ${sample.check.ok ? '' : 'FAILED: '}${sample.check.description}`,
    );
  }
  const rounds =
    measurement.rounds.length > 1
      ? `median of ${measurement.rounds.map((round) => round.result.requests.average.toFixed(0)).join(', ')}; `
      : '';
  console.log(
    `  throughput   ${median.result.requests.average.toFixed(0)} req/s (${rounds}${median.result.requests.total} requests in ${median.result.duration.toFixed(1)} s)`,
  );
  const cpu = cpuMicrosPerRequest(measurement);
  if (cpu !== undefined)
    console.log(`  CPU          ${cpu.toFixed(0)} µs per request (server process, all threads)`);
  const bytesPerResponse = median.result.throughput.total / Math.max(1, median.result.requests.total);
  console.log(`  response     ${(bytesPerResponse / 1024).toFixed(1)} KB on average, headers included`);
  console.log(
    `  latency      p50 ${median.result.latency.p50} ms, p99 ${median.result.latency.p99} ms, max ${median.result.latency.max} ms`,
  );
  console.log(
    `  memory (RSS) idle ${mb(measurement.idleMemory, 'rssMb')}, load start ${mb(first.memoryBefore, 'rssMb')}, ` +
      `load end ${mb(last.memoryAfter, 'rssMb')}, peak ${mb(last.memoryAfter, 'peakRssMb')}`,
  );
  const total = (field: 'non2xx' | 'errors' | 'timeouts') =>
    measurement.rounds.reduce((sum, round) => sum + round.result[field], 0);
  const checked = measurement.rounds.reduce((sum, round) => sum + round.checked, 0);
  const bad = new Map<string, number>();
  for (const round of measurement.rounds)
    for (const [what, count] of round.badReplies) bad.set(what, (bad.get(what) ?? 0) + count);
  const badText = [...bad.entries()].map(([what, count]) => `${count}× ${what}`).join(', ');
  console.log(
    `  errors       non-2xx ${total('non2xx')}, connection errors ${total('errors')}, timeouts ${total('timeouts')}; ` +
      `${checked} replies checked${badText ? `, bad: ${badText}` : ', all 200 with a reply'}`,
  );
  const problems = measurement.server.output
    .slice(measurement.outputLinesBefore)
    .filter((line) => /"level":"(warn|error)"/.test(line));
  if (problems.length > 0) {
    const events = new Map<string, number>();
    for (const line of problems) {
      const event = /"event":"([^"]+)"/.exec(line)?.[1] ?? 'unparsed line';
      events.set(event, (events.get(event) ?? 0) + 1);
    }
    console.log(
      `  server log   ${problems.length} warn/error lines: ${[...events].map(([e, n]) => `${e} ×${n}`).join(', ')}`,
    );
  }
}

function failures(measurement: Measurement): string[] {
  const label = measurement.server.label;
  const problems = measurement.samples
    .filter((sample) => !sample.check.ok)
    .map((sample) => `${label}: the ${sample.category} sample got ${sample.check.description}`);
  for (const { result, badReplies } of measurement.rounds) {
    if (result.non2xx + result.errors + result.timeouts > 0)
      problems.push(`${label}: requests failed under load`);
    if (badReplies.size > 0) problems.push(`${label}: replies under load were not 200 with a reply`);
    if (result.requests.total === 0) problems.push(`${label}: no request was answered`);
  }
  return [...new Set(problems)];
}

async function printProfile(
  label: string,
  profileDir: string,
  windows: readonly ProfileWindow[],
): Promise<void> {
  const profiles = (await readdir(profileDir)).filter((name) => name.endsWith('.cpuprofile')).sort();
  const latest = profiles.at(-1);
  if (!latest) {
    console.log(`\nno CPU profile was written to ${profileDir}`);
    return;
  }
  const file = path.join(profileDir, latest);
  const summary = await summarizeProfile(file, windows);
  console.log(
    `\nCPU profile of ${label} during the load: ${file}\n` +
      `  busy ${(summary.busyMs / 1000).toFixed(1)} s, idle ${(summary.idleMs / 1000).toFixed(1)} s`,
  );
  const table = (title: string, rows: typeof summary.byArea) => {
    console.log(`  ${title}`);
    for (const row of rows)
      console.log(
        `    ${row.percent.toFixed(1).padStart(5)}%  ${row.ms.toFixed(0).padStart(6)} ms  ${row.label}`,
      );
  };
  table('self time by area', summary.byArea);
  table('self time by function', summary.bySelf);
  table('total time of our own functions', summary.byTotalOwnCode);
}

const profileArgs = (profileDir: string | undefined, name: string) =>
  profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const folder = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-answers-bench-'));
  const servers: ServerProcess[] = [];
  let connector: FakeConnectorProcess | undefined;
  try {
    const dataDir = path.join(folder, 'data');
    const prepared = await importSyntheticRegister(dataDir, folder, options.systems);
    const questions = shuffled(
      [
        ...questionMix(prepared.register, seededRandom(7), 50),
        ...conversationalQuestions(prepared.register, seededRandom(8), 50),
      ],
      seededRandom(9),
    );
    // Both servers get the same requests, whose service URL is a fake Bot Connector that answers the bot's
    // member lookup (the echo bot makes none): without it the lookup waits for an unreachable URL.
    connector = await startFakeConnectorProcess(askerMembers, projectRoot);
    const templates = requestTemplates(questions, connector.serviceUrl);
    if (options.build) buildBot();
    const echoBuild = options.against ? undefined : compileEchoBot(folder);

    if (options.profileDir) {
      await mkdir(path.join(options.profileDir, 'bot'), { recursive: true });
      await mkdir(path.join(options.profileDir, 'echo'), { recursive: true });
    }
    const botPort = await freePort();
    const bot = await startServerProcess({
      label: 'Systemkollen (dist/index.js)',
      command: process.execPath,
      args: ['--disable-warning=DEP0111', ...profileArgs(options.profileDir, 'bot'), 'dist/index.js'],
      env: botEnv({ DATA_DIR: dataDir, PORT: String(botPort), SAMPLE_REGISTER: 'off' }),
      cwd: projectRoot,
      port: botPort,
    });
    servers.push(bot);
    const echoPort = await freePort();
    const echo = options.against
      ? await startServerProcess({
          label: `Systemkollen (${path.relative(projectRoot, options.against)}/index.js)`,
          command: process.execPath,
          args: [
            '--disable-warning=DEP0111',
            ...profileArgs(options.profileDir, 'echo'),
            path.join(options.against, 'index.js'),
          ],
          env: botEnv({
            DATA_DIR: await copyOf(dataDir, `${dataDir}-against`),
            PORT: String(echoPort),
            SAMPLE_REGISTER: 'off',
          }),
          cwd: projectRoot,
          port: echoPort,
        })
      : await startServerProcess({
          label: 'teams-ai echo bot (bench/support/echoBot.ts)',
          command: process.execPath,
          args: ['--disable-warning=DEP0111', ...profileArgs(options.profileDir, 'echo'), echoBuild!],
          env: botEnv({ PORT: String(echoPort), NODE_PATH: path.join(projectRoot, 'node_modules') }),
          cwd: projectRoot,
          port: echoPort,
        });
    servers.push(echo);

    const botMeasurement = await prepareMeasurement(bot, templates, options);
    const echoMeasurement = await prepareMeasurement(echo, templates, options);
    // Alternating which goes first spreads whatever else the machine does over both.
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? [botMeasurement, echoMeasurement] : [echoMeasurement, botMeasurement];
      for (const measurement of order) {
        measurement.rounds.push(
          await load(measurement.server, templates, options, options.seconds, `load${round}`),
        );
      }
    }
    // Stopped before the figures are read, so the CPU profiles are written.
    await bot.stop();
    await echo.stop();

    const categories = new Map<string, number>();
    for (const question of questions)
      categories.set(question.category, (categories.get(question.category) ?? 0) + 1);
    console.log(
      `\nAnswers throughput: node ${process.version}, ${os.cpus().length} cores, ${options.connections} connections, ` +
        `${options.rounds} × ${options.seconds} s per server after ${options.warmupSeconds} s warm-up`,
    );
    console.log(
      `register: ${prepared.register.systems.length} systems, ${prepared.register.people.length} people ` +
        `(${(prepared.csvBytes / 1024 / 1024).toFixed(1)} MB CSV, ${prepared.register.systems.length} imported into local storage)`,
    );
    console.log(
      `questions: ${questions.length}, cycled: ${[...categories].map(([category, n]) => `${category} ${n}`).join(', ')}`,
    );
    printMeasurement(botMeasurement);
    printMeasurement(echoMeasurement);
    const ratio =
      medianRound(botMeasurement).result.requests.average /
      medianRound(echoMeasurement).result.requests.average;
    console.log(
      `\nbot / echo throughput: ${ratio.toFixed(2)} (goal >= 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
    );
    const botCpu = cpuMicrosPerRequest(botMeasurement);
    const echoCpu = cpuMicrosPerRequest(echoMeasurement);
    if (botCpu !== undefined && echoCpu !== undefined) {
      // What the ratio would be with each server on a core of its own: steadier than throughput on a busy machine.
      console.log(`echo / bot CPU per request: ${(echoCpu / botCpu).toFixed(2)}`);
    }
    if (options.against) printPairedRounds(botMeasurement, echoMeasurement);
    if (options.profileDir) {
      const windows = (measurement: Measurement) => measurement.rounds.map((round) => round.window);
      await printProfile('the bot', path.join(options.profileDir, 'bot'), windows(botMeasurement));
      await printProfile('the echo bot', path.join(options.profileDir, 'echo'), windows(echoMeasurement));
    }

    const problems = [...failures(botMeasurement), ...failures(echoMeasurement)];
    if (problems.length > 0) {
      console.log(`\nThe run did not measure what it should:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    for (const server of servers) await server.stop();
    await connector?.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

async function copyOf(from: string, to: string): Promise<string> {
  await cp(from, to, { recursive: true });
  return to;
}

/**
 * With --against: both builds' CPU per request round by round (each round loads one, then the other), and the
 * median of the per-round ratios, which a change in the machine's load between rounds moves least.
 */
function printPairedRounds(bot: Measurement, against: Measurement): void {
  const perRequest = (round: LoadRun) =>
    round.cpuMs === undefined || round.result.requests.total === 0
      ? undefined
      : (round.cpuMs * 1000) / round.result.requests.total;
  const ratios: number[] = [];
  console.log('\nCPU per request, round by round (dist/index.js, --against):');
  bot.rounds.forEach((round, n) => {
    const mine = perRequest(round);
    const theirs = against.rounds[n] && perRequest(against.rounds[n]);
    if (mine === undefined || theirs === undefined) return;
    ratios.push(theirs / mine);
    console.log(`  ${mine.toFixed(0)} µs, ${theirs.toFixed(0)} µs: ${(theirs / mine).toFixed(3)}`);
  });
  if (ratios.length === 0) return;
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  console.log(`--against / dist CPU per request, median of the rounds: ${median.toFixed(3)}`);
}

/**
 * The echo bot compiled to JavaScript like the real bot, so neither runs through ts-node's hooks. Type
 * checking is the job of npm run typecheck; this only transpiles.
 */
function compileEchoBot(folder: string): string {
  const outDir = path.join(folder, 'echo');
  const result = spawnSync(
    process.execPath,
    [
      path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--outDir',
      outDir,
      '--rootDir',
      projectRoot,
      '--module',
      'commonjs',
      '--target',
      'ES2022',
      '--esModuleInterop',
      '--skipLibCheck',
      '--resolveJsonModule',
      '--noCheck',
      '--types',
      'node',
      path.join(projectRoot, 'bench', 'support', 'echoBot.ts'),
    ],
    { cwd: projectRoot, encoding: 'utf8' },
  );
  const compiled = path.join(outDir, 'bench', 'support', 'echoBot.js');
  if (result.status !== 0 || !existsSync(compiled)) {
    throw new Error(`compiling the echo bot failed:\n${result.stdout}${result.stderr}`);
  }
  return compiled;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
