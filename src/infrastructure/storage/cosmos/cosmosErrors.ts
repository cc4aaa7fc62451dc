import { ConcurrencyConflictError, StorageUnavailableError } from '../../../domain/errors';

/** What a failed Cosmos DB call was doing, so its error can be turned into a domain error. */
export interface CosmosCallContext {
  /** Short name of the call, for StorageUnavailableError and logs ("systems.apply", "health"). */
  operation: string;
  /** Domain entity name for ConcurrencyConflictError ("system", "importRecord"). */
  entity: string;
  id?: string;
  /**
   * The call was conditional (a create, or a replace/delete with IfMatch): a 404 then means the item the caller
   * read is gone, which is a lost race like 412, not a missing resource.
   */
  conditional?: boolean;
}

const unavailableStatuses = new Set([401, 403, 408, 429, 449, 500, 502, 503, 504]);
const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'CredentialUnavailableError',
]);

/** The HTTP status of a Cosmos DB SDK error (its numeric `code`), if it has one. */
export function cosmosStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof statusCode === 'number') return statusCode;
  return undefined;
}

/**
 * Maps an SDK or network error to the domain's errors: 409/412 (and a conditional 404) to
 * ConcurrencyConflictError, an unreachable or overloaded service to StorageUnavailableError. Anything else
 * (a bad request, a bug) is returned unchanged so it is not mistaken for a passing outage.
 * 429 reaches here only after the SDK's own retries gave up.
 */
export function mapCosmosError(error: unknown, context: CosmosCallContext): Error {
  const status = cosmosStatusOf(error);
  if (status !== undefined) return mapCosmosStatus(status, context, error) ?? asError(error);
  if (isUnreachable(error)) return new StorageUnavailableError(context.operation, { cause: error });
  return asError(error);
}

/** The domain error for a failed status (e.g. one operation of a bulk response), or undefined for success. */
export function mapCosmosStatus(
  status: number,
  context: CosmosCallContext,
  cause?: unknown,
): Error | undefined {
  if (status < 400) return undefined;
  if (status === 409 || status === 412 || (status === 404 && context.conditional === true)) {
    return new ConcurrencyConflictError(context.entity, context.id ?? '');
  }
  if (unavailableStatuses.has(status)) return new StorageUnavailableError(context.operation, { cause });
  return new CosmosRequestError(context.operation, status, cause);
}

/** A Cosmos DB request failed in a way that is not a conflict or an outage: a bug or a misconfiguration. */
export class CosmosRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly statusCode: number,
    cause?: unknown,
  ) {
    super(`Cosmos DB ${operation} failed with status ${statusCode}`);
    this.name = 'CosmosRequestError';
    if (cause !== undefined) this.cause = cause;
  }
}

function isUnreachable(error: unknown): boolean {
  let current: unknown = error;
  // Network failures arrive wrapped (SDK -> fetch -> socket); look a few causes deep.
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && networkErrorCodes.has(code)) return true;
    if (name === 'AbortError' || name === 'TimeoutError' || name === 'CredentialUnavailableError')
      return true;
    if (name === 'AuthenticationError' || name === 'AggregateAuthenticationError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
