// `npm test`: the type check and lint (npm run check) run beside the tests rather than before them, with their
// output held back and printed after the tests' own, so neither interleaves with the other. The test files run in
// one worker process per core, and at least two (mocha's own default is one fewer than the cores: a single worker
// on a two-core machine).
// Every part runs to the end; the exit code is 0 only when all of them passed.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

function run(command, args, { quiet }) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: String(error), seconds: 0 }));
    child.on('close', (code) =>
      resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const checks = run(npm, ['run', '--silent', 'check'], { quiet: true });

const chromium = await run(process.execPath, ['scripts/ensureChromium.mjs'], { quiet: false });
const jobs = String(Math.max(2, availableParallelism()));
const tests =
  chromium.code === 0
    ? await run(npm, ['run', '--silent', 'test:only', '--', '--parallel', '--jobs', jobs], { quiet: false })
    : chromium;
const checked = await checks;

const status = (result) => (result.code === 0 ? 'passed' : `FAILED (exit code ${result.code})`);
process.stdout.write(
  `\n── type check and lint (npm run check): ${status(checked)} in ${checked.seconds.toFixed(0)} s\n`,
);
if (checked.code !== 0) process.stdout.write(checked.output.trimEnd() + '\n');
process.stdout.write(
  `── tests (npm run test:only, ${jobs} workers): ${status(tests)} in ${tests.seconds.toFixed(0)} s\n`,
);
process.exit(checked.code === 0 && tests.code === 0 ? 0 : 1);
