/**
 * Errors of the annual follow-up. Like the other domain errors their messages carry ids only; the names of the
 * people who may answer, and the current review, are fields for the edge to show, never part of the message.
 */
import { ConcurrencyConflictError, DomainError } from '../errors';
import type { Versioned } from '../register/system';
import type { Answerer } from './permissions';
import type { Review } from './review';

/**
 * The card was drawn from another version of the review than the stored one (an older card, a double click,
 * two people at once). Nothing was written; `current` is the review as stored now (undefined if there is none),
 * so the dialog can show the current state.
 */
export class StaleReviewError extends ConcurrencyConflictError {
  constructor(
    readonly reviewId: string,
    readonly current: Versioned<Review> | undefined,
  ) {
    super('review', reviewId);
  }
}

/** The actor may not answer this system's checklist. `answerers` names who can (from the register). */
export class NotAllowedToAnswerError extends DomainError {
  readonly code = 'not-allowed-to-answer';
  constructor(
    readonly systemId: string,
    readonly answerers: readonly Answerer[],
  ) {
    super(`not allowed to answer the checklist of system ${systemId}`);
  }
}

/** The register says the system is retired (see isRetired): it is not followed up, by anyone. */
export class SystemRetiredError extends DomainError {
  readonly code = 'system-retired';
  constructor(
    readonly systemId: string,
    /** The register's status text, for the edge to show. */
    readonly status: string,
  ) {
    super(`system ${systemId} is retired`);
  }
}

/** Only admins may do this (add or remove delegates). */
export class AdminOnlyError extends DomainError {
  readonly code = 'admin-only';
  constructor(readonly operation: string) {
    super(`${operation} is for admins only`);
  }
}

/** Only admins and the information security coordinator see the status of every system. */
export class NotAllowedToSeeStatusError extends DomainError {
  readonly code = 'not-allowed-to-see-status';
  constructor() {
    super('not allowed to see the follow-up status');
  }
}

/**
 * The step does not fit the review's state: changing answers of a submitted review (reopen it first), or
 * reopening one that is not submitted. Nothing was written; `current` is the stored review.
 */
export class ReviewStateError extends DomainError {
  readonly code = 'review-state';
  constructor(
    readonly reviewId: string,
    readonly reason: 'submitted' | 'not-submitted',
    readonly current: Versioned<Review> | undefined,
  ) {
    super(`review ${reviewId} is ${reason === 'submitted' ? 'submitted' : 'not submitted'}`);
  }
}

/** A section id that the review's checklist does not have: a card from another checklist, or a bug. */
export class UnknownSectionError extends DomainError {
  readonly code = 'unknown-section';
  constructor(
    readonly checklistId: string,
    readonly sectionId: string,
  ) {
    super(`checklist ${checklistId} has no section ${sectionId}`);
  }
}

/**
 * The follow-up of a year this person may not open: anyone but admins and the information security coordinator
 * works on the current and the previous follow-up year only (`openYears`, oldest first).
 */
export class YearNotOpenError extends DomainError {
  readonly code = 'year-not-open';
  constructor(
    readonly year: number,
    readonly openYears: readonly number[],
  ) {
    super(`the follow-up of ${year} is not open; open are ${openYears.join(', ')}`);
  }
}
