/**
 * The annual follow-up as operations the Teams dialog (and later reminders and admin commands) call. Every step
 * is stored when taken, so a dialog survives a restart and continues on another device.
 *
 * Every write:
 * 1. checks the actor may answer the system (register + delegates + admins), before anything else is read or
 *    shown, so a refused person learns nothing about the review;
 * 2. compares the version the card was drawn from with the stored one: a mismatch (an older card, a double click,
 *    two people at once) throws StaleReviewError with the current review and writes nothing;
 * 3. writes conditionally on that version, so a race between the check and the write is caught by storage
 *    (ETag) and reported the same way: there is no lost update.
 */
import { ConcurrencyConflictError, InvalidInputError, NotFoundError } from '../errors';
import { FollowUpCalendar } from '../followUp/followUpCalendar';
import type { Storage } from '../ports';
import { isRetired, type SystemRecord, type Versioned } from '../register/system';
import { silentLogger, type Logger } from '../../shared/logger';
import { personRefOf, type Actor } from './actor';
import type { Checklist } from './checklist';
import {
  AdminOnlyError,
  NotAllowedToSeeStatusError,
  ReviewStateError,
  StaleReviewError,
  SystemRetiredError,
  YearNotOpenError,
} from './errors';
import {
  answererRoleOf,
  assertMayAnswer,
  delegatesIdFor,
  isAdmin,
  maySeeStatus,
  sameDelegate,
  type AnswererRole,
  type ChecklistAccess,
  type Delegate,
  type ReviewDelegates,
} from './permissions';
import {
  incompleteSections,
  isStoredSection,
  movedTo,
  newReview,
  parseReviewId,
  reopenedReview,
  reviewIdFor,
  sectionIndexOf,
  submittedReview,
  validateSection,
  withDraft,
  type ValidationContext,
  withSectionAnswers,
  type AnswerError,
  type FollowUpStatus,
  type QuestionAnswer,
  type Review,
  type ReviewStatus,
  type SubmittedSection,
} from './review';
import { deadlineFor, statusOverview, type DeadlinePolicy, type StatusOverview } from './reviewStatus';

export interface ReviewServiceOptions {
  storage: Pick<Storage, 'systems' | 'reviews' | 'reviewDelegates'>;
  /** The checklist new reviews are answered against (the bundled default or CHECKLIST_FILE). */
  checklist: Checklist;
  access: ChecklistAccess;
  /** Deadlines, "today" and which years are open. */
  calendar: FollowUpCalendar;
  now?: () => Date;
  logger?: Logger;
}

/** Everything a card needs to show a review: draw from it, and send `version` back with the next step. */
export interface ReviewSession {
  reviewId: string;
  year: number;
  system: SystemRecord;
  /** The role the actor answers in. */
  answeringAs: AnswererRole | 'admin';
  /** The stored review; undefined until the first step is stored. */
  review: Review | undefined;
  /** The stored review's version, or null when there is none yet. The card carries it back unchanged. */
  version: string | null;
  /** The review's own checklist, or the current one for a review not started. */
  checklist: Checklist;
  status: FollowUpStatus;
  /** 0-based; `checklist.sections.length` means the summary. */
  currentSectionIndex: number;
  /** Last year's answers of the same system, for hints; undefined when there is no review for last year. */
  previousYear: PreviousYearAnswers | undefined;
}

export interface PreviousYearAnswers {
  year: number;
  status: ReviewStatus;
  checklistId: string;
  /** By question id; a question that is new this year has no hint. */
  answers: Record<string, QuestionAnswer>;
  submittedAt?: string;
}

/** Where the dialog goes after a stored step. */
export type SectionMove = 'next' | 'back' | 'stay' | 'summary';

export interface SectionStep {
  reviewId: string;
  sectionId: string;
  /** The section's values as the card sent them. */
  answers: SubmittedSection;
  actor: Actor;
  /** The `version` of the session the card was drawn from. */
  expectedVersion: string | null;
  move?: SectionMove;
}

export type SaveSectionResult =
  /**
   * `alreadySaved`: the card was older than the review, but what it sent is exactly what is stored (the button
   * was pressed twice): nothing was written, and the session is where the first press took the dialog.
   */
  | { ok: true; session: ReviewSession; alreadySaved?: boolean }
  /** Nothing written. `submitted` is what was typed, to redraw the card with it and the errors. */
  | { ok: false; errors: AnswerError[]; submitted: SubmittedSection; session: ReviewSession };

export type SubmitResult =
  /** `alreadySubmitted`: the review was submitted before this press (a second press); nothing was written. */
  | { ok: true; session: ReviewSession; alreadySubmitted?: boolean }
  /** Nothing written: these sections (ids, checklist order) are not complete. */
  | { ok: false; incompleteSections: string[]; session: ReviewSession };

export interface MyChecklist {
  reviewId: string;
  systemId: string;
  systemName: string;
  year: number;
  role: AnswererRole;
  status: FollowUpStatus;
  /** Where a review in progress stands; undefined when not started. */
  currentSectionIndex: number | undefined;
  sectionCount: number;
  submittedAt: string | undefined;
  /** The earliest deadline of the system's departments. */
  deadline: string;
}

export interface NewDelegate {
  name: string;
  aadObjectId?: string;
  email?: string;
}

export interface ReviewService {
  /** Opens a system's review for the actor: throws NotAllowedToAnswerError (naming who can) or NotFoundError. */
  open(systemId: string, year: number, actor: Actor): Promise<ReviewSession>;
  /** Validates and stores a section; on errors writes nothing and returns them with what was typed. */
  saveSection(step: SectionStep): Promise<SaveSectionResult>;
  /**
   * Stores what was typed even when incomplete ("save and continue later", "back"): a complete section is
   * stored as answers, an incomplete one as a draft that its card is drawn from next time.
   */
  saveDraft(
    step: SectionStep & { move?: 'stay' | 'back' },
  ): Promise<{ session: ReviewSession; complete: boolean }>;
  /** Moves to a section, or to the summary with `checklist.sections.length`. */
  goToSection(input: {
    reviewId: string;
    sectionIndex: number;
    actor: Actor;
    expectedVersion: string | null;
  }): Promise<ReviewSession>;
  /** Submits when every section is complete; records who and when. */
  submit(input: { reviewId: string; actor: Actor; expectedVersion: string | null }): Promise<SubmitResult>;
  /** Reopens a submitted review (its answerers and admins); the submission stays in the history. */
  reopen(input: { reviewId: string; actor: Actor; expectedVersion?: string | null }): Promise<ReviewSession>;
  /** Last year's answers for hints, for someone who may answer the system. */
  previousYearAnswers(systemId: string, year: number, actor: Actor): Promise<PreviousYearAnswers | undefined>;
  /** The systems the actor answers for (as chief, systemansvarig or delegate), with their status, by name. */
  myChecklists(actor: Actor, year: number): Promise<MyChecklist[]>;
  /** Per-department counts and overdue systems; admins and security coordinators only. */
  statusOverview(actor: Actor, year: number): Promise<StatusOverview>;
  listDelegates(systemId: string, year: number): Promise<Delegate[]>;
  /** Admins only. Replaces an entry for the same person (object id or e-mail). */
  addDelegate(input: {
    systemId: string;
    year: number;
    delegate: NewDelegate;
    actor: Actor;
  }): Promise<Delegate[]>;
  /** Admins only. Removes the entries for the person (object id or e-mail); nothing if there is none. */
  removeDelegate(input: {
    systemId: string;
    year: number;
    person: { aadObjectId?: string; email?: string };
    actor: Actor;
  }): Promise<Delegate[]>;
}

interface Loaded {
  reviewId: string;
  systemId: string;
  year: number;
  system: SystemRecord;
  answeringAs: AnswererRole | 'admin';
  current: Versioned<Review> | undefined;
}

export function createReviewService(options: ReviewServiceOptions): ReviewService {
  const { storage, access, calendar } = options;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;

  async function systemOf(systemId: string): Promise<SystemRecord> {
    const stored = await storage.systems.get(systemId);
    if (stored === undefined) throw new NotFoundError('system', systemId);
    return stored.value;
  }

  async function delegatesOf(systemId: string, year: number): Promise<Delegate[]> {
    return (await storage.reviewDelegates.get(systemId, year))?.value.delegates ?? [];
  }

  async function load(reviewId: string, actor: Actor): Promise<Loaded> {
    const parsed = parseReviewId(reviewId);
    if (parsed === undefined) throw new NotFoundError('review', reviewId);
    const { systemId, year } = parsed;
    assertYearOpenTo(actor, year);
    const system = await systemOf(systemId);
    if (isRetired(system)) throw new SystemRetiredError(systemId, system.status ?? '');
    const answeringAs = assertMayAnswer(actor, system, await delegatesOf(systemId, year), access);
    const current = await storage.reviews.get(systemId, year);
    return { reviewId, systemId, year, system, answeringAs, current };
  }

  /**
   * Admins and the security coordinator may open any follow-up year; everyone else the current and the previous
   * one, so an old card or a typed year cannot reopen (or write to) a follow-up long closed.
   */
  function assertYearOpenTo(actor: Actor, year: number): number {
    if (maySeeStatus(actor, access)) return FollowUpCalendar.assertYear(year);
    const openYears = calendar.openYears(now());
    if (!openYears.includes(year)) throw new YearNotOpenError(year, openYears);
    return year;
  }

  function assertVersion(loaded: Loaded, expectedVersion: string | null): void {
    if ((loaded.current?.version ?? null) !== expectedVersion) {
      logger.info('review.stale', { reviewId: loaded.reviewId });
      throw new StaleReviewError(loaded.reviewId, loaded.current);
    }
  }

  /** Today in the municipality, and the answers stored so far: what a section is validated against. */
  function validationContext(loaded: Loaded): ValidationContext {
    return {
      today: calendar.today(now()),
      ...(loaded.current === undefined ? {} : { stored: loaded.current.value.answers }),
    };
  }

  /** A card older than the review that sends exactly what is stored: the same button pressed again. */
  function isRepeatedSection(loaded: Loaded, step: SectionStep): boolean {
    const current = loaded.current;
    return (
      current !== undefined &&
      current.version !== step.expectedVersion &&
      isStoredSection(current.value, step.sectionId, step.answers, validationContext(loaded))
    );
  }

  function assertEditable(loaded: Loaded): void {
    if (loaded.current?.value.status === 'submitted') {
      throw new ReviewStateError(loaded.reviewId, 'submitted', loaded.current);
    }
  }

  function reviewOrNew(loaded: Loaded, actor: Actor, at: string): Review {
    const review =
      loaded.current?.value ??
      newReview({
        systemId: loaded.systemId,
        systemName: loaded.system.name,
        year: loaded.year,
        checklist: options.checklist,
        actor,
        at,
      });
    return { ...review, systemName: loaded.system.name };
  }

  async function write(loaded: Loaded, review: Review): Promise<Versioned<Review>> {
    try {
      return await storage.reviews.save(review, loaded.current?.version ?? null);
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      // Someone wrote between our read and our write; the ETag caught it. Report it as a stale card.
      logger.info('review.stale', { reviewId: loaded.reviewId, during: 'write' });
      throw new StaleReviewError(loaded.reviewId, await storage.reviews.get(loaded.systemId, loaded.year));
    }
  }

  async function previousOf(systemId: string, year: number): Promise<PreviousYearAnswers | undefined> {
    const previous = await storage.reviews.get(systemId, year - 1);
    if (previous === undefined) return undefined;
    const review = previous.value;
    return {
      year: review.year,
      status: review.status,
      checklistId: review.checklist.id,
      answers: review.answers,
      ...(review.submitted === undefined ? {} : { submittedAt: review.submitted.at }),
    };
  }

  async function sessionOf(loaded: Loaded, stored: Versioned<Review> | undefined): Promise<ReviewSession> {
    const review = stored?.value;
    return {
      reviewId: loaded.reviewId,
      year: loaded.year,
      system: loaded.system,
      answeringAs: loaded.answeringAs,
      review,
      version: stored?.version ?? null,
      checklist: review?.checklist ?? options.checklist,
      status: review?.status ?? 'notStarted',
      currentSectionIndex: review?.currentSectionIndex ?? 0,
      previousYear: await previousOf(loaded.systemId, loaded.year),
    };
  }

  function targetIndex(review: Review, sectionId: string, move: SectionMove): number {
    const index = sectionIndexOf(review.checklist, sectionId);
    switch (move) {
      case 'next':
        return index + 1;
      case 'back':
        return Math.max(0, index - 1);
      case 'stay':
        return index;
      case 'summary':
        return review.checklist.sections.length;
    }
  }

  async function changeDelegates(
    systemId: string,
    year: number,
    actor: Actor,
    operation: string,
    change: (delegates: Delegate[]) => Delegate[],
  ): Promise<Delegate[]> {
    if (!isAdmin(actor, access)) throw new AdminOnlyError(operation);
    await systemOf(systemId);
    // Admin commands have no card to redraw: a lost race is simply tried again on the fresh value.
    for (let attempt = 1; ; attempt++) {
      const stored = await storage.reviewDelegates.get(systemId, year);
      const value: ReviewDelegates = {
        id: delegatesIdFor(systemId, year),
        systemId,
        year,
        delegates: change(stored?.value.delegates ?? []),
      };
      try {
        const saved = await storage.reviewDelegates.save(value, stored?.version ?? null);
        logger.info('review.delegatesChanged', { systemId, year, count: saved.value.delegates.length });
        return saved.value.delegates;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 3) throw error;
      }
    }
  }

  return {
    async open(systemId, year, actor) {
      const loaded = await load(reviewIdFor(systemId, assertYearOpenTo(actor, year)), actor);
      return sessionOf(loaded, loaded.current);
    },

    async saveSection(step) {
      const loaded = await load(step.reviewId, step.actor);
      if (isRepeatedSection(loaded, step)) {
        logger.info('review.repeated', { reviewId: loaded.reviewId, section: step.sectionId });
        return { ok: true, alreadySaved: true, session: await sessionOf(loaded, loaded.current) };
      }
      assertVersion(loaded, step.expectedVersion);
      assertEditable(loaded);
      const at = now().toISOString();
      const review = reviewOrNew(loaded, step.actor, at);
      const validation = validateSection(
        review.checklist,
        step.sectionId,
        step.answers,
        validationContext(loaded),
      );
      if (!validation.ok) {
        return {
          ok: false,
          errors: validation.errors,
          submitted: structuredClone(step.answers),
          session: await sessionOf(loaded, loaded.current),
        };
      }
      const answered = withSectionAnswers(review, step.sectionId, validation.answers, step.actor, at);
      const moved = movedTo(
        answered,
        targetIndex(answered, step.sectionId, step.move ?? 'next'),
        step.actor,
        at,
      );
      let saved: Versioned<Review>;
      try {
        saved = await write(loaded, moved);
      } catch (error) {
        // Both presses of a double click read the same version; the second loses the write to the first.
        const winner = error instanceof StaleReviewError ? { ...loaded, current: error.current } : undefined;
        if (winner === undefined || !isRepeatedSection(winner, step)) throw error;
        logger.info('review.repeated', { reviewId: loaded.reviewId, section: step.sectionId });
        return { ok: true, alreadySaved: true, session: await sessionOf(winner, winner.current) };
      }
      logger.info('review.sectionSaved', { reviewId: loaded.reviewId, section: step.sectionId });
      return { ok: true, session: await sessionOf(loaded, saved) };
    },

    async saveDraft(step) {
      const loaded = await load(step.reviewId, step.actor);
      assertVersion(loaded, step.expectedVersion);
      assertEditable(loaded);
      const at = now().toISOString();
      const review = reviewOrNew(loaded, step.actor, at);
      const validation = validateSection(
        review.checklist,
        step.sectionId,
        step.answers,
        validationContext(loaded),
      );
      const kept = validation.ok
        ? withSectionAnswers(review, step.sectionId, validation.answers, step.actor, at)
        : withDraft(review, step.sectionId, step.answers, step.actor, at);
      const moved = movedTo(kept, targetIndex(kept, step.sectionId, step.move ?? 'stay'), step.actor, at);
      const saved = await write(loaded, moved);
      logger.info('review.draftSaved', {
        reviewId: loaded.reviewId,
        section: step.sectionId,
        complete: validation.ok,
      });
      return { session: await sessionOf(loaded, saved), complete: validation.ok };
    },

    async goToSection(input) {
      const loaded = await load(input.reviewId, input.actor);
      assertVersion(loaded, input.expectedVersion);
      assertEditable(loaded);
      const at = now().toISOString();
      const saved = await write(
        loaded,
        movedTo(reviewOrNew(loaded, input.actor, at), input.sectionIndex, input.actor, at),
      );
      return sessionOf(loaded, saved);
    },

    async submit(input) {
      const loaded = await load(input.reviewId, input.actor);
      if (loaded.current?.value.status === 'submitted' && loaded.current.version !== input.expectedVersion) {
        logger.info('review.repeated', { reviewId: loaded.reviewId });
        return { ok: true, alreadySubmitted: true, session: await sessionOf(loaded, loaded.current) };
      }
      assertVersion(loaded, input.expectedVersion);
      assertEditable(loaded);
      const current = loaded.current?.value;
      const missing =
        current === undefined
          ? options.checklist.sections.map((section) => section.id)
          : incompleteSections(current);
      if (current === undefined || missing.length > 0) {
        return { ok: false, incompleteSections: missing, session: await sessionOf(loaded, loaded.current) };
      }
      const at = now().toISOString();
      let saved: Versioned<Review>;
      try {
        saved = await write(
          loaded,
          submittedReview({ ...current, systemName: loaded.system.name }, input.actor, at),
        );
      } catch (error) {
        // A double click: the other press submitted first.
        if (!(error instanceof StaleReviewError) || error.current?.value.status !== 'submitted') throw error;
        logger.info('review.repeated', { reviewId: loaded.reviewId });
        return {
          ok: true,
          alreadySubmitted: true,
          session: await sessionOf({ ...loaded, current: error.current }, error.current),
        };
      }
      logger.info('review.submitted', { reviewId: loaded.reviewId });
      return { ok: true, session: await sessionOf(loaded, saved) };
    },

    async reopen(input) {
      const loaded = await load(input.reviewId, input.actor);
      if (input.expectedVersion !== undefined) assertVersion(loaded, input.expectedVersion);
      const current = loaded.current;
      if (current === undefined || current.value.status !== 'submitted') {
        throw new ReviewStateError(loaded.reviewId, 'not-submitted', current);
      }
      const saved = await write(loaded, reopenedReview(current.value, input.actor, now().toISOString()));
      logger.info('review.reopened', { reviewId: loaded.reviewId, by: loaded.answeringAs });
      return sessionOf(loaded, saved);
    },

    async previousYearAnswers(systemId, year, actor) {
      await load(reviewIdFor(systemId, assertYearOpenTo(actor, year)), actor);
      return previousOf(systemId, year);
    },

    async myChecklists(actor, year) {
      assertYearOpenTo(actor, year);
      const [systems, reviews, delegates] = await Promise.all([
        storage.systems.list(),
        storage.reviews.listByYear(year),
        storage.reviewDelegates.listByYear(year),
      ]);
      return checklistsOf({
        actor,
        year,
        systems: systems.map((stored) => stored.value),
        reviews: reviews.map((stored) => stored.value),
        delegates: delegates.map((stored) => stored.value),
        checklist: options.checklist,
        deadlines: calendar.deadlines,
      });
    },

    async statusOverview(actor, year) {
      if (!maySeeStatus(actor, access)) throw new NotAllowedToSeeStatusError();
      assertYear(year);
      const [systems, reviews] = await Promise.all([
        storage.systems.list(),
        storage.reviews.listByYear(year),
      ]);
      return statusOverview({
        year,
        systems: systems.map((stored) => stored.value),
        reviews: reviews.map((stored) => stored.value),
        today: calendar.today(now()),
        deadlines: calendar.deadlines,
      });
    },

    async listDelegates(systemId, year) {
      return delegatesOf(systemId, assertYear(year));
    },

    async addDelegate({ systemId, year, delegate, actor }) {
      const entry = delegateEntry(delegate, actor, now().toISOString());
      return changeDelegates(systemId, assertYear(year), actor, 'addDelegate', (delegates) => [
        ...delegates.filter((existing) => !sameDelegate(existing, entry)),
        entry,
      ]);
    },

    async removeDelegate({ systemId, year, person, actor }) {
      const wanted = { aadObjectId: person.aadObjectId, email: person.email?.trim().toLowerCase() };
      return changeDelegates(systemId, assertYear(year), actor, 'removeDelegate', (delegates) =>
        delegates.filter((existing) => !sameDelegate(existing, wanted)),
      );
    },
  };
}

/**
 * The systems `actor` answers for in `year` (as responsible chief, systemansvarig or delegate) with their status.
 * Admins are not listed every system: they see what they are named for, and reach others by name.
 */
export function checklistsOf(input: {
  actor: Actor;
  year: number;
  systems: readonly SystemRecord[];
  reviews: readonly Review[];
  delegates: readonly ReviewDelegates[];
  /** The current checklist, for reviews not started. */
  checklist: Checklist;
  deadlines?: DeadlinePolicy;
}): MyChecklist[] {
  const reviews = new Map(input.reviews.filter((r) => r.year === input.year).map((r) => [r.systemId, r]));
  const delegates = new Map(
    input.delegates.filter((d) => d.year === input.year).map((d) => [d.systemId, d.delegates]),
  );
  const mine: MyChecklist[] = [];
  for (const system of input.systems) {
    if (isRetired(system)) continue;
    const role = answererRoleOf(input.actor, system, delegates.get(system.id) ?? []);
    if (role === undefined) continue;
    const review = reviews.get(system.id);
    const deadlines = (system.departments.length > 0 ? system.departments : [undefined]).map((department) =>
      deadlineFor(input.year, department, input.deadlines),
    );
    mine.push({
      reviewId: reviewIdFor(system.id, input.year),
      systemId: system.id,
      systemName: system.name,
      year: input.year,
      role,
      status: review?.status ?? 'notStarted',
      currentSectionIndex: review?.currentSectionIndex,
      sectionCount: (review?.checklist ?? input.checklist).sections.length,
      submittedAt: review?.submitted?.at,
      deadline: deadlines.sort()[0] as string,
    });
  }
  const collator = new Intl.Collator('sv', { sensitivity: 'base' });
  return mine.sort((a, b) => collator.compare(a.systemName, b.systemName));
}

function delegateEntry(delegate: NewDelegate, actor: Actor, at: string): Delegate {
  const name = delegate.name.trim();
  const aadObjectId = delegate.aadObjectId?.trim() || undefined;
  const email = delegate.email?.trim().toLowerCase() || undefined;
  if (name === '') throw new InvalidInputError('delegate.name', 'a delegate needs a name');
  if (aadObjectId === undefined && email === undefined) {
    throw new InvalidInputError(
      'delegate.id',
      'a delegate needs an Entra object id or an e-mail address to be recognised',
    );
  }
  return {
    name,
    ...(aadObjectId === undefined ? {} : { aadObjectId }),
    ...(email === undefined ? {} : { email }),
    addedBy: personRefOf(actor),
    addedAt: at,
  };
}

const assertYear = (year: number): number => FollowUpCalendar.assertYear(year);
