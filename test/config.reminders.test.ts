import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config';

const problemsOf = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
};

describe('config: reminders', () => {
  it('reminds 30, 14, 7 and 1 days before at 08:00, on schedule, with the run route off, by default', () => {
    assert.deepEqual(loadConfig({}).reminders, {
      daysBefore: [30, 14, 7, 1],
      time: '08:00',
      schedule: true,
      runSecret: undefined,
      instances: 1,
    });
    assert.equal(loadConfig({ NODE_ENV: 'test' }).reminders.schedule, false);
  });

  it('reads the days (largest first, without repeats), the time, the schedule and the secret', () => {
    const secret = 'Zk3q9vR2mT8xW1pL6sN4bY7cH0dF5gJ+aQeU=';
    assert.deepEqual(
      loadConfig({
        REMINDER_DAYS: '7, 21,7,0',
        REMINDER_TIME: '07:30',
        REMINDERS_SCHEDULE: 'OFF',
        REMINDERS_RUN_SECRET: secret,
      }).reminders,
      { daysBefore: [21, 7, 0], time: '07:30', schedule: false, runSecret: secret, instances: 1 },
    );
  });

  it('reads how many instances send reminders at once, and refuses none or a number that is not whole', () => {
    assert.equal(loadConfig({}).reminders.instances, 1);
    assert.equal(loadConfig({ REMINDERS_INSTANCES: ' 2 ' }).reminders.instances, 2);
    for (const value of ['0', '1.5', 'two', '51']) {
      assert.deepEqual(problemsOf({ REMINDERS_INSTANCES: value }), ['REMINDERS_INSTANCES'], value);
    }
  });

  it('refuses malformed days and times, and a short secret, naming each variable', () => {
    assert.deepEqual(
      problemsOf({
        REMINDER_DAYS: '30,two',
        REMINDER_TIME: '8am',
        REMINDERS_SCHEDULE: 'sometimes',
        REMINDERS_RUN_SECRET: 'short',
      }).sort(),
      ['REMINDERS_RUN_SECRET', 'REMINDERS_SCHEDULE', 'REMINDER_DAYS', 'REMINDER_TIME'],
    );
    assert.deepEqual(problemsOf({ REMINDER_DAYS: '400' }), ['REMINDER_DAYS']);
  });

  it('refuses a long secret without randomness, saying how to make one', () => {
    for (const weak of ['a'.repeat(32), 'ab'.repeat(32), `${'0'.repeat(40)}1`]) {
      assert.throws(
        () => loadConfig({ REMINDERS_RUN_SECRET: weak }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.problems[0]?.variable === 'REMINDERS_RUN_SECRET' &&
          /128 bits/.test(error.message) &&
          /openssl rand -base64 32/.test(error.message) &&
          !error.message.includes(weak),
      );
    }
    assert.equal(
      loadConfig({ REMINDERS_RUN_SECRET: 'mZ0k7y1QeP3vX8sR6tB2nW4uJ9hD5cL+gF/aE1iO0qM=' }).reminders
        .runSecret,
      'mZ0k7y1QeP3vX8sR6tB2nW4uJ9hD5cL+gF/aE1iO0qM=',
    );
    assert.deepEqual(problemsOf({ REMINDER_TIME: '24:00' }), ['REMINDER_TIME']);
  });
});

describe('config: installing the app through Microsoft Graph', () => {
  const catalogAppId = '7C1E2D3F-4A5B-4C6D-8E7F-9A0B1C2D3E4F';

  it('is off by default, and off whatever the catalog id when GRAPH_INSTALL_APP is off', () => {
    assert.equal(loadConfig({}).graphAppInstall, undefined);
    assert.equal(
      loadConfig({ GRAPH_INSTALL_APP: 'off', TEAMS_APP_CATALOG_ID: catalogAppId }).graphAppInstall,
      undefined,
    );
  });

  it('reads the catalog id, lower-cased, when on', () => {
    assert.deepEqual(
      loadConfig({ GRAPH_INSTALL_APP: 'ON', TEAMS_APP_CATALOG_ID: catalogAppId }).graphAppInstall,
      { catalogAppId: catalogAppId.toLowerCase() },
    );
  });

  it('requires a GUID catalog id when on, and on or off, naming each variable', () => {
    assert.deepEqual(problemsOf({ GRAPH_INSTALL_APP: 'on' }), ['TEAMS_APP_CATALOG_ID']);
    assert.deepEqual(problemsOf({ GRAPH_INSTALL_APP: 'on', TEAMS_APP_CATALOG_ID: 'systemkollen' }), [
      'TEAMS_APP_CATALOG_ID',
    ]);
    assert.deepEqual(problemsOf({ GRAPH_INSTALL_APP: 'yes' }), ['GRAPH_INSTALL_APP']);
  });
});
