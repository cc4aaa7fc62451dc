/**
 * One system's follow-up for one year, and the pure steps that change it. A review exists from the first step
 * someone stores; before that the system's follow-up is "not started". Nothing here reads or writes storage: the
 * review service (reviewService.ts) loads, checks versions and permissions, applies these steps and saves.
 */
import { personRefOf, type Actor, type PersonRef } from './actor';
import {
  answerValues,
  requiresAction,
  sectionById,
  type AnswerValue,
  type Checklist,
  type ChecklistQuestion,
  type ChecklistSection,
} from './checklist';
import { InvalidInputError } from '../errors';
import { UnknownSectionError } from './errors';

export interface PlannedAction {
  what: string;
  /** Who carries it out, as typed (a name or a function). */
  who: string;
  /** By when, an ISO date (YYYY-MM-DD). */
  dueDate: string;
}

/** A stored answer to one question. */
export interface QuestionAnswer {
  answer: AnswerValue;
  comment?: string;
  /** Present exactly when the answer requires an action (Delvis, Nej in the default checklist). */
  action?: PlannedAction;
  answeredBy: PersonRef;
  /** ISO timestamp of the last change to this answer. */
  answeredAt: string;
}

/** The status a stored review can have. A reopened review is in progress again; its history says it was reopened. */
export type ReviewStatus = 'inProgress' | 'submitted';

/** A system's follow-up status for a year, including "no review stored yet". */
export type FollowUpStatus = 'notStarted' | ReviewStatus;

export type ReviewHistoryEntry =
  | { event: 'submitted'; by: PersonRef; at: string; answers: Record<string, QuestionAnswer> }
  | { event: 'reopened'; by: PersonRef; at: string };

export interface Review {
  /** `<systemId>:<year>`, see reviewIdFor. */
  id: string;
  systemId: string;
  /** The system's name when the review was last written, for exports after it left the register. */
  systemName: string;
  year: number;
  /** The checklist the review is answered against, stored whole so the review stays readable when it changes. */
  checklist: Checklist;
  status: ReviewStatus;
  /** 0-based section the dialog is at; `checklist.sections.length` is the summary. */
  currentSectionIndex: number;
  /** Validated answers by question id. */
  answers: Record<string, QuestionAnswer>;
  /**
   * What was typed into a section that did not pass validation yet ("save and continue later", "back"), by
   * section id, exactly as submitted. Cleared when the section is stored complete.
   */
  drafts: Record<string, SubmittedSection>;
  startedBy: PersonRef;
  startedAt: string;
  updatedBy: PersonRef;
  updatedAt: string;
  /** The current submission; absent while in progress (also after a reopen). */
  submitted?: { by: PersonRef; at: string };
  /** Oldest first. Every submission keeps a snapshot of the answers it sent. */
  history: ReviewHistoryEntry[];
}

/** One question's values as the card sent them: strings as typed, nothing checked yet. */
export interface SubmittedAnswer {
  answer?: string;
  comment?: string;
  action?: { what?: string; who?: string; dueDate?: string };
}

/** A section's values as the card sent them, by question id. */
export type SubmittedSection = Record<string, SubmittedAnswer>;

export type AnswerField = 'answer' | 'comment' | 'actionWhat' | 'actionWho' | 'actionDueDate';

export type AnswerErrorCode =
  | 'missing-answer'
  | 'unknown-answer'
  | 'missing-action-what'
  | 'missing-action-who'
  | 'missing-due-date'
  | 'invalid-due-date'
  | 'past-due-date'
  | 'too-long';

/** One problem with one question of a submitted section; the card shows it next to the field. */
export interface AnswerError {
  questionId: string;
  field: AnswerField;
  code: AnswerErrorCode;
  /** For too-long. */
  maxLength?: number;
  /** For past-due-date: the earliest date accepted (today in the municipality), YYYY-MM-DD. */
  earliest?: string;
}

export interface ValidationContext {
  /**
   * Today in the municipality's time zone (YYYY-MM-DD): a planned action is done today or later. Without it,
   * any real date is accepted.
   */
  today?: string;
  /**
   * The answers stored so far: an action's due date that is stored unchanged is accepted even when it has passed
   * since, so a section saved in time can be passed again without inventing a new date.
   */
  stored?: Readonly<Record<string, QuestionAnswer>>;
}

/** A validated answer, before who and when are added. */
export interface ValidAnswer {
  answer: AnswerValue;
  comment?: string;
  action?: PlannedAction;
}

export const answerLimits = { comment: 2_000, actionWhat: 1_000, actionWho: 200 } as const;

export type SectionValidation =
  { ok: true; answers: Record<string, ValidAnswer> } | { ok: false; errors: AnswerError[] };

export type SectionState = 'notStarted' | 'incomplete' | 'complete';

/** The deterministic id of the review of `systemId` for `year`: one review per system and year, however reached. */
export function reviewIdFor(systemId: string, year: number): string {
  return `${systemId}:${year}`;
}

export function parseReviewId(reviewId: string): { systemId: string; year: number } | undefined {
  const match = /^(.+):(\d{4})$/.exec(reviewId);
  if (match === null) return undefined;
  return { systemId: match[1] as string, year: Number(match[2]) };
}

/**
 * Checks every question of the section: each answered with an offered option; an answer that requires an action
 * has what, who and a real due date, today or later (see ValidationContext); texts within their limits. Unknown
 * question ids in the input are ignored (they cannot come from this section's card).
 */
export function validateSection(
  checklist: Checklist,
  sectionId: string,
  submitted: SubmittedSection,
  context: ValidationContext = {},
): SectionValidation {
  const section = requireSection(checklist, sectionId);
  const errors: AnswerError[] = [];
  const answers: Record<string, ValidAnswer> = {};
  for (const question of section.questions) {
    const input = ownEntry(submitted, question.id);
    const questionErrors: AnswerError[] = [];
    const fail = (
      field: AnswerField,
      code: AnswerErrorCode,
      detail: Pick<AnswerError, 'maxLength' | 'earliest'> = {},
    ) => questionErrors.push({ questionId: question.id, field, code, ...detail });

    const answerText = clean(input?.answer);
    const comment = clean(input?.comment);
    if (comment !== undefined && comment.length > answerLimits.comment)
      fail('comment', 'too-long', { maxLength: answerLimits.comment });

    let answer: AnswerValue | undefined;
    if (answerText === undefined) fail('answer', 'missing-answer');
    else if (!isOfferedAnswer(checklist, answerText)) fail('answer', 'unknown-answer');
    else answer = answerText;

    let action: PlannedAction | undefined;
    if (answer !== undefined && requiresAction(checklist, answer)) {
      const what = clean(input?.action?.what);
      const who = clean(input?.action?.who);
      const dueDate = clean(input?.action?.dueDate);
      if (what === undefined) fail('actionWhat', 'missing-action-what');
      else if (what.length > answerLimits.actionWhat)
        fail('actionWhat', 'too-long', { maxLength: answerLimits.actionWhat });
      if (who === undefined) fail('actionWho', 'missing-action-who');
      else if (who.length > answerLimits.actionWho)
        fail('actionWho', 'too-long', { maxLength: answerLimits.actionWho });
      if (dueDate === undefined) fail('actionDueDate', 'missing-due-date');
      else if (!isRealDate(dueDate)) fail('actionDueDate', 'invalid-due-date');
      else if (
        context.today !== undefined &&
        dueDate < context.today &&
        ownEntry(context.stored, question.id)?.action?.dueDate !== dueDate
      ) {
        fail('actionDueDate', 'past-due-date', { earliest: context.today });
      }
      if (what !== undefined && who !== undefined && dueDate !== undefined) action = { what, who, dueDate };
    }

    errors.push(...questionErrors);
    if (questionErrors.length === 0 && answer !== undefined) {
      answers[question.id] = {
        answer,
        ...(comment === undefined ? {} : { comment }),
        ...(action === undefined ? {} : { action }),
      };
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/**
 * True when what a section card sent is exactly what is stored for that section (no draft in between): a second
 * press of a button whose first press was saved, not a change that came too late.
 */
export function isStoredSection(
  review: Review,
  sectionId: string,
  submitted: SubmittedSection,
  context: ValidationContext = {},
): boolean {
  if (sectionById(review.checklist, sectionId) === undefined) return false;
  if (ownEntry(review.drafts, sectionId) !== undefined) return false;
  const validation = validateSection(review.checklist, sectionId, submitted, {
    ...context,
    stored: review.answers,
  });
  if (!validation.ok) return false;
  return requireSection(review.checklist, sectionId).questions.every((question) => {
    const stored = review.answers[question.id];
    const sent = validation.answers[question.id];
    return stored !== undefined && sent !== undefined && sameAnswer(stored, sent);
  });
}

/** A new, empty review; stored by the first step someone takes. */
export function newReview(input: {
  systemId: string;
  systemName: string;
  year: number;
  checklist: Checklist;
  actor: Actor;
  at: string;
}): Review {
  const by = personRefOf(input.actor);
  return {
    id: reviewIdFor(input.systemId, input.year),
    systemId: input.systemId,
    systemName: input.systemName,
    year: input.year,
    checklist: input.checklist,
    status: 'inProgress',
    currentSectionIndex: 0,
    answers: {},
    drafts: {},
    startedBy: by,
    startedAt: input.at,
    updatedBy: by,
    updatedAt: input.at,
    history: [],
  };
}

/**
 * Stores a validated section. A question whose answer, comment and action did not change keeps who answered it
 * and when; a changed one gets the actor and `at`. The section's draft is dropped.
 */
export function withSectionAnswers(
  review: Review,
  sectionId: string,
  answers: Record<string, ValidAnswer>,
  actor: Actor,
  at: string,
): Review {
  const section = requireSection(review.checklist, sectionId);
  const by = personRefOf(actor);
  const next: Record<string, QuestionAnswer> = { ...review.answers };
  for (const question of section.questions) {
    const valid = answers[question.id];
    if (valid === undefined) continue;
    const previous = review.answers[question.id];
    next[question.id] =
      previous !== undefined && sameAnswer(previous, valid)
        ? previous
        : { ...valid, answeredBy: by, answeredAt: at };
  }
  const { [sectionId]: _dropped, ...drafts } = review.drafts;
  return { ...review, answers: next, drafts, updatedBy: by, updatedAt: at };
}

/** Keeps what was typed into a section that is not complete yet; stored answers stay as they were. */
export function withDraft(
  review: Review,
  sectionId: string,
  submitted: SubmittedSection,
  actor: Actor,
  at: string,
): Review {
  const section = requireSection(review.checklist, sectionId);
  const kept: SubmittedSection = {};
  for (const question of section.questions) {
    const input = ownEntry(submitted, question.id);
    if (input !== undefined) kept[question.id] = copySubmitted(input);
  }
  return {
    ...review,
    drafts: { ...review.drafts, [sectionId]: kept },
    updatedBy: personRefOf(actor),
    updatedAt: at,
  };
}

/** Moves the dialog to a section (0-based), or to the summary with `checklist.sections.length`. */
export function movedTo(review: Review, sectionIndex: number, actor: Actor, at: string): Review {
  if (
    !Number.isInteger(sectionIndex) ||
    sectionIndex < 0 ||
    sectionIndex > review.checklist.sections.length
  ) {
    throw new InvalidInputError(
      'sectionIndex',
      `section index ${sectionIndex} is outside 0..${review.checklist.sections.length} (the last is the summary)`,
      { accepted: { min: 0, max: review.checklist.sections.length }, value: sectionIndex },
    );
  }
  return { ...review, currentSectionIndex: sectionIndex, updatedBy: personRefOf(actor), updatedAt: at };
}

export function sectionIndexOf(checklist: Checklist, sectionId: string): number {
  const index = checklist.sections.findIndex((section) => section.id === sectionId);
  if (index < 0) throw new UnknownSectionError(checklist.id, sectionId);
  return index;
}

/**
 * complete: every question answered (with its action where required) and nothing unsaved typed;
 * notStarted: no answer and no draft; incomplete otherwise.
 */
export function sectionState(review: Review, sectionId: string): SectionState {
  const section = requireSection(review.checklist, sectionId);
  const answered = section.questions.filter((question) => isCompleteAnswer(review, question.id));
  const hasDraft = ownEntry(review.drafts, sectionId) !== undefined;
  if (answered.length === section.questions.length && !hasDraft) return 'complete';
  const anyAnswer = section.questions.some((question) => review.answers[question.id] !== undefined);
  return anyAnswer || hasDraft ? 'incomplete' : 'notStarted';
}

/** Ids of the sections that keep the review from being submitted, in checklist order. */
export function incompleteSections(review: Review): string[] {
  return review.checklist.sections
    .filter((section) => sectionState(review, section.id) !== 'complete')
    .map((section) => section.id);
}

/** Marks the review submitted and records the submission, with a snapshot of its answers, in the history. */
export function submittedReview(review: Review, actor: Actor, at: string): Review {
  const by = personRefOf(actor);
  return {
    ...review,
    status: 'submitted',
    currentSectionIndex: review.checklist.sections.length,
    submitted: { by, at },
    updatedBy: by,
    updatedAt: at,
    history: [...review.history, { event: 'submitted', by, at, answers: structuredClone(review.answers) }],
  };
}

/** Opens a submitted review for changes again; the submission stays in the history. */
export function reopenedReview(review: Review, actor: Actor, at: string): Review {
  const by = personRefOf(actor);
  const { submitted: _submitted, ...rest } = review;
  return {
    ...rest,
    status: 'inProgress',
    currentSectionIndex: review.checklist.sections.length,
    updatedBy: by,
    updatedAt: at,
    history: [...review.history, { event: 'reopened', by, at }],
  };
}

/**
 * The values to put in a section's inputs when its card is drawn: what was typed and not yet stored (a draft)
 * first, otherwise the stored answers.
 */
export function formValuesFor(review: Review | undefined, sectionId: string): SubmittedSection {
  if (review === undefined) return {};
  const draft = ownEntry(review.drafts, sectionId);
  if (draft !== undefined) return structuredClone(draft);
  const section = requireSection(review.checklist, sectionId);
  const values: SubmittedSection = {};
  for (const question of section.questions) {
    const stored = review.answers[question.id];
    if (stored === undefined) continue;
    values[question.id] = {
      answer: stored.answer,
      ...(stored.comment === undefined ? {} : { comment: stored.comment }),
      ...(stored.action === undefined ? {} : { action: { ...stored.action } }),
    };
  }
  return values;
}

/** Answers that deviate (their option requires an action), in checklist order, for the summary and reports. */
export function deviationsOf(
  review: Review,
): { sectionId: string; questionId: string; answer: QuestionAnswer }[] {
  const deviations: { sectionId: string; questionId: string; answer: QuestionAnswer }[] = [];
  for (const section of review.checklist.sections) {
    for (const question of section.questions) {
      const answer = review.answers[question.id];
      if (answer !== undefined && requiresAction(review.checklist, answer.answer)) {
        deviations.push({ sectionId: section.id, questionId: question.id, answer });
      }
    }
  }
  return deviations;
}

export interface ReviewSummary {
  sections: {
    section: ChecklistSection;
    state: SectionState;
    questions: { question: ChecklistQuestion; answer: QuestionAnswer | undefined }[];
  }[];
  /** Answers whose option requires an action, with the action, in checklist order. */
  deviations: { sectionId: string; questionId: string; answer: QuestionAnswer }[];
  /** Ids of the sections still keeping the review from being submitted. */
  incompleteSections: string[];
  complete: boolean;
}

/** Everything the summary card shows before "Skicka in": every answer, every deviation and its action. */
export function reviewSummary(review: Review): ReviewSummary {
  const incomplete = incompleteSections(review);
  return {
    sections: review.checklist.sections.map((section) => ({
      section,
      state: sectionState(review, section.id),
      questions: section.questions.map((question) => ({ question, answer: review.answers[question.id] })),
    })),
    deviations: deviationsOf(review),
    incompleteSections: incomplete,
    complete: incomplete.length === 0,
  };
}

/** True for a YYYY-MM-DD string naming a day that exists (no 2025-02-30), years 2000-2199. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2199) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isCompleteAnswer(review: Review, questionId: string): boolean {
  const stored = review.answers[questionId];
  if (stored === undefined) return false;
  return !requiresAction(review.checklist, stored.answer) || stored.action !== undefined;
}

function isOfferedAnswer(checklist: Checklist, value: string): value is AnswerValue {
  return (
    (answerValues as readonly string[]).includes(value) &&
    checklist.answerOptions.some((option) => option.value === value)
  );
}

function sameAnswer(stored: QuestionAnswer, valid: ValidAnswer): boolean {
  return (
    stored.answer === valid.answer &&
    stored.comment === valid.comment &&
    stored.action?.what === valid.action?.what &&
    stored.action?.who === valid.action?.who &&
    stored.action?.dueDate === valid.action?.dueDate
  );
}

function requireSection(checklist: Checklist, sectionId: string): ChecklistSection {
  const section = sectionById(checklist, sectionId);
  if (section === undefined) throw new UnknownSectionError(checklist.id, sectionId);
  return section;
}

/** Card data is user-controlled: read only own properties, so "__proto__" or "constructor" are just missing. */
function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (record === undefined || record === null || typeof record !== 'object') return undefined;
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function clean(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

// A draft is kept as typed, but not without bound: a card can send anything, and a document has a size limit.
const maxDraftFieldLength = 5_000;

function copySubmitted(input: SubmittedAnswer): SubmittedAnswer {
  const text = (value: unknown) =>
    typeof value === 'string' ? value.slice(0, maxDraftFieldLength) : undefined;
  const copy: SubmittedAnswer = {};
  if (text(input.answer) !== undefined) copy.answer = text(input.answer);
  if (text(input.comment) !== undefined) copy.comment = text(input.comment);
  if (input.action !== undefined && typeof input.action === 'object' && input.action !== null) {
    const action: NonNullable<SubmittedAnswer['action']> = {};
    if (text(input.action.what) !== undefined) action.what = text(input.action.what);
    if (text(input.action.who) !== undefined) action.who = text(input.action.who);
    if (text(input.action.dueDate) !== undefined) action.dueDate = text(input.action.dueDate);
    copy.action = action;
  }
  return copy;
}
