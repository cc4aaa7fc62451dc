/**
 * Typed domain errors. The edge (bot, CLI, HTTP) turns them into friendly, localised text; they carry ids,
 * never user content, so they are safe to log.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A write lost a race: the stored version is not the one the caller read. Nothing was written. */
export class ConcurrencyConflictError extends DomainError {
  readonly code = 'concurrency-conflict';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} was changed by someone else`);
  }
}

/** Storage could not be reached or refused the request for now; the caller may try again later. */
export class StorageUnavailableError extends DomainError {
  readonly code = 'storage-unavailable';
  constructor(
    readonly operation: string,
    options?: { cause?: unknown },
  ) {
    super(`storage unavailable during ${operation}`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} ${id} not found`);
  }
}

/**
 * A value the caller gave is not one the domain accepts (a year out of range, a section index past the summary,
 * a delegate without a name). The person's mistake, or a client's: the edge says what is accepted, and nothing
 * was written. `field` names what was wrong; `accepted` the accepted range and `value` the number given, when
 * there are such, for the edge to say (numbers only, so they are safe to log).
 */
export class InvalidInputError extends DomainError {
  readonly code = 'invalid-input';
  readonly accepted: { readonly min: number; readonly max: number } | undefined;
  readonly value: number | undefined;
  constructor(
    readonly field: string,
    message: string,
    details: { accepted?: { min: number; max: number }; value?: number } = {},
  ) {
    super(message);
    this.accepted = details.accepted;
    this.value = details.value;
  }
}
