/** Where a V8 CPU profile (node --cpu-prof) spent its time: by package or source folder, and by function. */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock, the one process.hrtime reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  label: string;
  ms: number;
  /** Of the whole profile, idle time excluded. */
  percent: number;
}

export interface ProfileSummary {
  busyMs: number;
  idleMs: number;
  /** Self time by package, our own folders (dist/bot/http, dist/domain/answers ...), Node itself, GC. */
  byArea: TimeShare[];
  /** Self time by function. */
  bySelf: TimeShare[];
  /** Time in a function and everything it called, for our own code. */
  byTotalOwnCode: TimeShare[];
}

const packagePath = /node_modules\/((?:@[^/]+\/)?[^/]+)/;

function isOwnCode(url: string): boolean {
  return url.startsWith('file://') && !packagePath.test(url);
}

/** The part of the code a script belongs to: a package, a folder of ours, or Node's own. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const packageMatch = packagePath.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const ownMatch = /\/dist\/((?:domain|infrastructure|bot)\/[^/]+|[^/]+)/.exec(url);
  if (ownMatch) return `dist/${ownMatch[1]!.replace(/\.js$/, '')}`;
  return url.replace(/^.*\//, '');
}

function shortName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = packagePath.test(url)
    ? url.replace(/^.*node_modules\//, '')
    : url.replace(/^.*\/(dist|bench|src)\//, '$1/').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** A stretch of the profiled process's life, in process.hrtime microseconds (the profile's own clock). */
export interface ProfileWindow {
  fromMicros: number;
  toMicros: number;
}

/** The whole profile, or only the samples taken within `windows` (the loads, without start-up). */
export async function summarizeProfile(
  file: string,
  windows?: readonly ProfileWindow[],
  top = 15,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  // timeDeltas[i] is the time before samples[i]; the time until the next sample is the better estimate of
  // what samples[i] cost.
  let sampledAt = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    sampledAt += profile.timeDeltas[i] ?? 0;
    if (windows && !windows.some((w) => sampledAt >= w.fromMicros && sampledAt <= w.toMicros)) continue;
    const id = profile.samples[i]!;
    const micros = profile.timeDeltas[i + 1] ?? 0;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + micros);
  }

  const areaMicros = new Map<string, number>();
  const functionMicros = new Map<string, number>();
  let idleMicros = 0;
  for (const [id, micros] of selfMicros) {
    const node = nodes.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idleMicros += micros;
      continue;
    }
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    areaMicros.set(area, (areaMicros.get(area) ?? 0) + micros);
    const name = shortName(node);
    functionMicros.set(name, (functionMicros.get(name) ?? 0) + micros);
  }

  // Inclusive time of our own functions, counted once per call stack even when they recurse.
  const totalMicros = new Map<string, number>();
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const node = nodes.get(current)!;
      if (!isOwnCode(node.callFrame.url)) continue;
      const name = shortName(node);
      if (seen.has(name)) continue;
      seen.add(name);
      totalMicros.set(name, (totalMicros.get(name) ?? 0) + micros);
    }
  }

  const busyMicros = [...areaMicros.values()].reduce((sum, value) => sum + value, 0);
  const shares = (source: Map<string, number>): TimeShare[] =>
    [...source.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([label, micros]) => ({ label, ms: micros / 1000, percent: (100 * micros) / busyMicros }));
  return {
    busyMs: busyMicros / 1000,
    idleMs: idleMicros / 1000,
    byArea: shares(areaMicros),
    bySelf: shares(functionMicros),
    byTotalOwnCode: shares(totalMicros),
  };
}
