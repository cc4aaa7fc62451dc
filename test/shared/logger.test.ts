import assert from 'node:assert/strict';
import { createLogger, silentLogger } from '../../src/shared/logger';

describe('logger', () => {
  it('writes one JSON line per event at or above its level, and nothing below it', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', sink: (line) => lines.push(line) });
    logger.info('answers.answered', { activityId: 'a1' });
    logger.warn('http.messages.refused', { activityId: 'a2', statusCode: 401 });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] as string) as Record<string, unknown>;
    assert.equal(entry.level, 'warn');
    assert.equal(entry.event, 'http.messages.refused');
    assert.equal(entry.statusCode, 401);
  });

  it('says which levels it writes, so per-request fields are built only for a line that is written', () => {
    const logger = createLogger({ level: 'warn', sink: () => undefined });
    assert.deepEqual(
      (['debug', 'info', 'warn', 'error'] as const).map((level) => logger.isEnabled(level)),
      [false, false, true, true],
    );
    assert.equal(createLogger({ sink: () => undefined }).isEnabled('info'), true, 'info by default');
    assert.equal(silentLogger.isEnabled('error'), false);
  });
});
