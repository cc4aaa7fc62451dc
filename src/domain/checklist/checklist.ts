/**
 * The annual follow-up checklist as data: sections of questions, the answer options and which of them need a
 * planned action. The product ships a default (content/checklist.default.json); a municipality may replace it
 * with its own file. A review stores the checklist it was answered against, so it stays readable when the file
 * changes later.
 */
import { z } from 'zod';

/** The answers the product understands. A checklist offers some or all of them, with its own labels. */
export const answerValues = ['yes', 'partly', 'no', 'notApplicable'] as const;
export type AnswerValue = (typeof answerValues)[number];

export interface LocalisedText {
  sv: string;
  en: string;
}

export interface AnswerOption {
  value: AnswerValue;
  label: LocalisedText;
  /** Delvis and Nej: the answer needs a planned action (what, who, by when). */
  requiresAction: boolean;
}

export interface ChecklistQuestion {
  /** Unique in the whole checklist; answers are stored by it. */
  id: string;
  text: LocalisedText;
  help?: LocalisedText;
}

export interface ChecklistSection {
  id: string;
  title: LocalisedText;
  questions: ChecklistQuestion[];
}

export interface Checklist {
  /** Names this version of the content ("default-2025-1"); change it whenever the questions change. */
  id: string;
  title: LocalisedText;
  answerOptions: AnswerOption[];
  sections: ChecklistSection[];
}

// Ids end up in Adaptive Card input ids, document keys and export files: keep them plain.
const idPattern = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const idMessage =
  'must be 1-64 lower-case letters, digits and hyphens (a-z, 0-9, -), not starting or ending with -';

const nonEmptyText = z
  .string({ required_error: 'is missing', invalid_type_error: 'must be text' })
  .refine((text) => text.trim() !== '', 'must not be empty');

const localisedText = z
  .object(
    { sv: nonEmptyText, en: nonEmptyText },
    { required_error: 'is missing', invalid_type_error: 'must be an object with "sv" and "en" texts' },
  )
  .strict();

const id = z
  .string({ required_error: 'is missing', invalid_type_error: 'must be text' })
  .regex(idPattern, idMessage);

const answerOptionSchema = z
  .object({
    value: z.enum(answerValues, {
      errorMap: () => ({ message: `must be one of ${answerValues.join(', ')}` }),
    }),
    label: localisedText,
    requiresAction: z.boolean({ required_error: 'is missing', invalid_type_error: 'must be true or false' }),
  })
  .strict();

const listErrors = { required_error: 'is missing', invalid_type_error: 'must be a list ([...])' };

const questionSchema = z.object({ id, text: localisedText, help: localisedText.optional() }).strict();

const sectionSchema = z
  .object({
    id,
    title: localisedText,
    questions: z.array(questionSchema, listErrors).min(1, 'must list at least one question'),
  })
  .strict();

/** Validates a checklist file's content: what a municipality writes must be complete in both languages. */
export const checklistSchema = z
  .object(
    {
      id,
      title: localisedText,
      answerOptions: z.array(answerOptionSchema, listErrors).min(2, 'must offer at least two answers'),
      sections: z.array(sectionSchema, listErrors).min(1, 'must list at least one section'),
    },
    { invalid_type_error: 'must be a JSON object with id, title, answerOptions and sections' },
  )
  .strict()
  .superRefine((checklist, context) => {
    reportDuplicates(
      checklist.answerOptions.map((option) => option.value),
      (index) => ['answerOptions', index, 'value'],
      'answer',
      context,
    );
    if (checklist.answerOptions.every((option) => option.requiresAction)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['answerOptions'],
        message: 'at least one answer must not require an action',
      });
    }
    reportDuplicates(
      checklist.sections.map((section) => section.id),
      (index) => ['sections', index, 'id'],
      'section id',
      context,
    );
    const questionIds: string[] = [];
    const questionPaths: (string | number)[][] = [];
    checklist.sections.forEach((section, sectionIndex) =>
      section.questions.forEach((question, questionIndex) => {
        questionIds.push(question.id);
        questionPaths.push(['sections', sectionIndex, 'questions', questionIndex, 'id']);
      }),
    );
    reportDuplicates(questionIds, (index) => questionPaths[index] ?? [], 'question id', context);
  });

function reportDuplicates(
  values: readonly string[],
  pathOf: (index: number) => (string | number)[],
  what: string,
  context: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: pathOf(index),
        message: `${what} "${value}" is used more than once`,
      });
    }
    seen.add(value);
  });
}

export interface ChecklistProblem {
  /** Where in the file, as a path: "sections[2].questions[0].text.en". */
  path: string;
  problem: string;
}

export type ChecklistParseResult =
  { ok: true; checklist: Checklist } | { ok: false; problems: ChecklistProblem[] };

/** Checks parsed JSON against the schema and names every problem by its place in the file. */
export function parseChecklist(data: unknown): ChecklistParseResult {
  const result = checklistSchema.safeParse(data);
  if (result.success) return { ok: true, checklist: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ path: formatPath(issue.path), problem: issue.message })),
  };
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(the whole file)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

export function answerOption(checklist: Checklist, value: AnswerValue): AnswerOption | undefined {
  return checklist.answerOptions.find((option) => option.value === value);
}

export function requiresAction(checklist: Checklist, value: AnswerValue): boolean {
  return answerOption(checklist, value)?.requiresAction ?? false;
}

export function sectionById(checklist: Checklist, sectionId: string): ChecklistSection | undefined {
  return checklist.sections.find((section) => section.id === sectionId);
}

export function questionCount(checklist: Checklist): number {
  return checklist.sections.reduce((total, section) => total + section.questions.length, 0);
}
