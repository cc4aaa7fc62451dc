// The end-to-end tests (test/e2e/) drive Microsoft 365 Agents Playground in Debian's Chromium. On a Debian
// machine where we are root (every machine of this project, CI included) a missing Chromium is installed here, so
// `npm install` then `npm test` is all a fresh machine needs. Elsewhere this says what to install and fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const installCommand =
  'export DEBIAN_FRONTEND=noninteractive && apt-get update -q && ' +
  'apt-get install -y -q --no-install-recommends chromium';

function usable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (!usable(executable)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (process.env.CHROMIUM_PATH || !isRoot || !hasApt) {
    console.error(`Chromium is missing at ${executable}; the end-to-end tests need it. Install it with:`);
    console.error(`  sudo sh -c '${installCommand}'`);
    process.exit(1);
  }
  console.log('Installing Debian chromium for the end-to-end tests (once per machine)...');
  execFileSync('sh', ['-c', installCommand], { stdio: 'inherit' });
  if (!usable(executable)) {
    console.error(`apt-get finished but ${executable} is still missing.`);
    process.exit(1);
  }
}
