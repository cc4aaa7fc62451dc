/** Starting, watching and stopping the servers a benchmark loads, each in a process of its own. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

export interface ServerProcess {
  label: string;
  child: ChildProcess;
  baseUrl: string;
  /** Every line the process wrote to stdout and stderr. */
  output: string[];
  /** Stops the process (SIGTERM, then SIGKILL) and resolves when it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  port: number;
  /** How long the process may take to answer GET /healthz. */
  startTimeoutMs?: number;
}

/** A port nobody listens on right now (another process may still take it before we do; unlikely here). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  // A benchmark that throws or is interrupted must not leave servers behind.
  for (const child of running) child.kill('SIGKILL');
});

export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    label: options.label,
    child,
    baseUrl,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killTimer);
    },
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${options.label} exited before it answered /healthz:\n${output.slice(-20).join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(
    `${options.label} did not answer /healthz within ${options.startTimeoutMs ?? 30_000} ms:\n${output.slice(-20).join('\n')}`,
  );
}

export interface ProcessMemory {
  /** Resident set size now, in MB. */
  rssMb: number;
  /** The highest resident set size so far, in MB. */
  peakRssMb: number;
}

/** The process's memory as Linux reports it; undefined where /proc is not available. */
export async function processMemory(pid: number | undefined): Promise<ProcessMemory | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kilobytes('VmRSS') / 1024, peakRssMb: kilobytes('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

let clockTicksPerSecond: number | undefined;

/**
 * CPU time the process has used so far (user and system, all its threads), in milliseconds; undefined where
 * /proc is not available. Unlike throughput, CPU time per request hardly changes when other work shares the
 * machine.
 */
export async function processCpuMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    clockTicksPerSecond ??=
      Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime and stime, fields 14 and 15
    return (ticks * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}
