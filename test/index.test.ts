import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isRunning, listeningPort, spawnApp, type SpawnedApp } from './support/appProcess';
import { eventually } from './support/eventually';

/** A process start includes ts-node compiling the app, so the process gets longer than eventually's default. */
const startTimeoutMs = 15_000;

describe('index (the app as a process)', () => {
  let dataDir: string;
  let app: SpawnedApp | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'systemkollen-index-'));
  });

  afterEach(async () => {
    if (app && isRunning(app.child)) {
      app.child.kill('SIGKILL');
      await app.exited;
    }
    app = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start in production without bot credentials, exiting 1 and naming the variables', async () => {
    app = spawnApp({ NODE_ENV: 'production', DATA_DIR: dataDir });
    assert.equal(await app.exited, 1);
    for (const name of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID'])
      assert.match(app.stderr(), new RegExp(name));
    assert.equal(listeningPort(app.stdout()), undefined);
  });

  it('says which port is taken and what to do when the port is in use, exiting 1', async () => {
    const occupier = createNetServer();
    await new Promise<void>((resolve) => occupier.listen(0, resolve));
    const { port } = occupier.address() as AddressInfo;
    try {
      app = spawnApp({ DATA_DIR: dataDir, PORT: String(port) });
      assert.equal(await app.exited, 1);
    } finally {
      await new Promise<void>((resolve) => occupier.close(() => resolve()));
    }
    assert.match(app.stderr(), new RegExp(`port ${port} is already in use`));
    assert.match(app.stderr(), /PORT=/);
    assert.doesNotMatch(app.stderr(), /^\{/m, 'plain text, not a JSON log line');
    assert.equal(listeningPort(app.stdout()), undefined);
  });

  it('reads the .env file that DOTENV_CONFIG_PATH names', async () => {
    const envFile = path.join(dataDir, 'production.env');
    await writeFile(envFile, 'NODE_ENV=production\n');
    app = spawnApp({ DOTENV_CONFIG_PATH: envFile, DATA_DIR: dataDir });
    assert.equal(await app.exited, 1);
    assert.match(app.stderr(), /BOT_ID: required when NODE_ENV=production/);
  });

  it('refuses to start in local mode in Azure App Service, saying why', async () => {
    app = spawnApp({ DATA_DIR: dataDir, WEBSITE_INSTANCE_ID: 'a1b2c3' });
    assert.equal(await app.exited, 1);
    assert.match(app.stderr(), /Systemkollen cannot start/);
    assert.match(app.stderr(), /Azure App Service .*without authentication/);
    assert.equal(listeningPort(app.stdout()), undefined);
  });

  // One process for both: each start costs seconds of compiling, and neither check disturbs the other.
  it('starts locally with a loud warning that authentication is off, logs an unhandled rejection by its class only, keeps serving and exits 0 on SIGTERM', async () => {
    const running = spawnApp(
      { DATA_DIR: dataDir, SAMPLE_REGISTER: 'off' },
      { runFirst: "setTimeout(() => Promise.reject(new RangeError('secret detail')), 300);" },
    );
    app = running;
    const port = await eventually('the server to listen', () => listeningPort(running.stdout()), {
      timeoutMs: startTimeoutMs,
    });
    assert.match(running.stdout(), /"event":"server.listening","port":\d+,"address":"127\.0\.0\.1"/);

    // stdout and stderr are separate pipes: the warning may arrive a moment after the listening line.
    await eventually('the warning', () => /AUTHENTICATION IS OFF/.test(running.stderr()), {
      timeoutMs: startTimeoutMs,
    });
    assert.ok(
      running
        .stderr()
        .split('\n')
        .filter((line) => line.startsWith('!!')).length >= 4,
      'a multi-line warning',
    );
    await eventually(
      'the rejection to be logged',
      () => running.stdout().includes('process.unhandled_rejection'),
      { timeoutMs: startTimeoutMs },
    );
    assert.match(running.stdout(), /"event":"process.unhandled_rejection","errorType":"RangeError"/);
    assert.doesNotMatch(running.stdout() + running.stderr(), /secret detail/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);

    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0);
    assert.match(running.stdout(), /"event":"process.stopped"/);
  });
});
