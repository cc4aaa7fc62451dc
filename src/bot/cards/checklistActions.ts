import { z } from 'zod';
import type { SubmittedAnswer, SubmittedSection } from '../../domain/checklist';
import { langSchema } from '../../shared/lang';
import type { Lang } from '../../texts';

/**
 * Action.Execute verbs of the annual follow-up cards. Each is one constant, given to the card templates through
 * their data (`"verb": "${$root.verbs.next}"`) and to the handlers in features/checklist.ts, so the two cannot
 * drift apart. Reminders start the dialog with checklistStartVerb (re-exported from verbs.ts).
 */
export const checklistVerbPrefix = 'checklist.';
export const checklistStartVerb = 'checklist.start';
export const checklistNextVerb = 'checklist.next';
export const checklistBackVerb = 'checklist.back';
export const checklistSaveLaterVerb = 'checklist.saveLater';
export const checklistGoToVerb = 'checklist.goTo';
export const checklistSubmitVerb = 'checklist.submit';
export const checklistReopenVerb = 'checklist.reopen';

export const checklistVerbs = {
  start: checklistStartVerb,
  next: checklistNextVerb,
  back: checklistBackVerb,
  saveLater: checklistSaveLaterVerb,
  goTo: checklistGoToVerb,
  submit: checklistSubmitVerb,
  reopen: checklistReopenVerb,
} as const;

export type ChecklistVerbs = typeof checklistVerbs;

/**
 * What a start button sends: the system, the follow-up year (a reminder names it; without it the current
 * follow-up year) and the card's language. Who presses it is taken from Teams, never from here.
 */
export interface ChecklistStartActionData {
  systemId: string;
  year?: number;
  lang: Lang;
}

/**
 * What every dialog card sends back: the review and the version it was drawn from, so a stale or repeated
 * submit is recognised, and the language the dialog is in.
 */
export interface ReviewActionData {
  reviewId: string;
  /** null: the card was drawn before anything was stored. */
  version: string | null;
  lang: Lang;
}

/** A section card's buttons also name the section their inputs belong to. */
export interface SectionActionData extends ReviewActionData {
  sectionId: string;
}

/** The summary's "Ändra" buttons name the section to go back to (0-based). */
export interface GoToActionData extends ReviewActionData {
  sectionIndex: number;
}

// Card data comes back from the client and is never trusted: shapes and sizes are checked here; unknown
// fields (the card's inputs among them) are dropped by z.object and read separately by sectionInputsOf.
const lang = langSchema;
const reviewAction = {
  reviewId: z.string().min(1).max(300),
  version: z.string().min(1).max(200).nullable(),
  lang,
};

export const checklistStartActionSchema = z.object({
  systemId: z.string().min(1).max(200),
  year: z.number().int().min(2000).max(2199).optional(),
  lang,
}) satisfies z.ZodType<ChecklistStartActionData>;

export const reviewActionSchema = z.object(reviewAction) satisfies z.ZodType<ReviewActionData>;

export const sectionActionSchema = z.object({
  ...reviewAction,
  sectionId: z.string().min(1).max(64),
}) satisfies z.ZodType<SectionActionData>;

export const goToActionSchema = z.object({
  ...reviewAction,
  sectionIndex: z.number().int().min(0).max(200),
}) satisfies z.ZodType<GoToActionData>;

/** The input fields of one question; the card's input ids are `<questionId>.<field>`. */
export const questionInputFields = ['answer', 'comment', 'what', 'who', 'due'] as const;
export type QuestionInputField = (typeof questionInputFields)[number];

export function inputIdFor(questionId: string, field: QuestionInputField): string {
  return `${questionId}.${field}`;
}

/** The id of the container holding a question's action fields; not an input id, so never read as an answer. */
export function actionFieldsIdFor(questionId: string): string {
  return `${questionId}.actionFields`;
}

// Teams sends every input as a string. A draft keeps what was typed, bounded: the domain cuts it at 5,000.
const inputValue = z.string().max(10_000);
const inputKey = /^([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\.(answer|comment|what|who|due)$/;

export type SectionInputs = { ok: true; answers: SubmittedSection } | { ok: false };

/**
 * The values of a section card's inputs, by question id, exactly as typed. Keys that are not input ids are
 * ignored; an input id whose value is not text makes the whole submit unusable (nothing is stored).
 */
export function sectionInputsOf(data: unknown): SectionInputs {
  if (typeof data !== 'object' || data === null) return { ok: false };
  const answers: SubmittedSection = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const match = inputKey.exec(key);
    if (match === null) continue;
    const parsed = inputValue.safeParse(value);
    if (!parsed.success) return { ok: false };
    const questionId = match[1] as string;
    const field = match[2] as QuestionInputField;
    const answer: SubmittedAnswer = Object.prototype.hasOwnProperty.call(answers, questionId)
      ? (answers[questionId] as SubmittedAnswer)
      : {};
    if (field === 'answer') answer.answer = parsed.data;
    else if (field === 'comment') answer.comment = parsed.data;
    else {
      const action = answer.action ?? {};
      if (field === 'what') action.what = parsed.data;
      if (field === 'who') action.who = parsed.data;
      if (field === 'due') action.dueDate = parsed.data;
      answer.action = action;
    }
    answers[questionId] = answer;
  }
  return { ok: true, answers };
}
