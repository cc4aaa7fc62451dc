import assert from 'node:assert/strict';

import { ConcurrencyConflictError, StorageUnavailableError } from '../../../../src/domain/errors';
import {
  CosmosRequestError,
  mapCosmosError,
} from '../../../../src/infrastructure/storage/cosmos/cosmosErrors';

const context = { operation: 'systems.apply', entity: 'system', id: 'procapita' };

function sdkError(code: number | string): Error {
  return Object.assign(new Error('from the SDK'), { code });
}

describe('mapCosmosError', () => {
  it('turns a 409 and a 412 into ConcurrencyConflictError naming the item', () => {
    for (const status of [409, 412]) {
      const mapped = mapCosmosError(sdkError(status), context);
      assert.ok(mapped instanceof ConcurrencyConflictError);
      assert.equal(mapped.entity, 'system');
      assert.equal(mapped.id, 'procapita');
    }
  });

  it('treats a 404 as a conflict only for a conditional write', () => {
    assert.ok(
      mapCosmosError(sdkError(404), { ...context, conditional: true }) instanceof ConcurrencyConflictError,
    );
    assert.ok(mapCosmosError(sdkError(404), context) instanceof CosmosRequestError);
  });

  it('turns throttling that outlasted the retries, timeouts and server errors into StorageUnavailableError', () => {
    for (const status of [408, 429, 500, 503]) {
      const mapped = mapCosmosError(sdkError(status), context);
      assert.ok(mapped instanceof StorageUnavailableError, `status ${status}`);
      assert.equal(mapped.operation, 'systems.apply');
    }
  });

  it('recognises an unreachable endpoint however deeply the socket error is wrapped', () => {
    const socket = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    const wrapped = Object.assign(new Error('request failed'), { cause: socket });

    assert.ok(mapCosmosError(wrapped, context) instanceof StorageUnavailableError);
    assert.ok(mapCosmosError(sdkError('TimeoutError'), context) instanceof StorageUnavailableError);
  });

  it('keeps a bad request a plain error, so a bug is not mistaken for an outage', () => {
    const mapped = mapCosmosError(sdkError(400), context);
    assert.ok(mapped instanceof CosmosRequestError);
    assert.equal(mapped.statusCode, 400);

    const unknown = new TypeError('a bug');
    assert.equal(mapCosmosError(unknown, context), unknown);
  });
});
