/**
 * The rows of the follow-up export: one per system and question, for every system in the register and every
 * review of the year. Plain data; src/infrastructure/checklist/reviewExport.ts writes it as .xlsx or CSV.
 *
 * - A system without a review gets one row per question of the current checklist, with status "not started"
 *   and empty answers, so every system has the same shape and filters in Excel work per question.
 * - A review answered against an older checklist is exported with its own questions.
 * - A review of a system that has left the register is still exported (its stored name, no department): the
 *   answers were given and belong in the results.
 */
import type { SystemRecord } from '../register/system';
import { answerOption, type AnswerValue, type Checklist, type LocalisedText } from './checklist';
import type { FollowUpStatus, PlannedAction, Review } from './review';

export interface ReviewExportRow {
  systemId: string;
  systemName: string;
  departments: string[];
  sectionTitle: LocalisedText;
  questionText: LocalisedText;
  answer?: AnswerValue;
  answerLabel?: LocalisedText;
  comment?: string;
  action?: PlannedAction;
  answeredBy?: string;
  answeredAt?: string;
  status: FollowUpStatus;
  submittedAt?: string;
}

export function reviewExportRows(input: {
  year: number;
  systems: readonly SystemRecord[];
  reviews: readonly Review[];
  /** The current checklist, for systems without a review. */
  checklist: Checklist;
}): ReviewExportRow[] {
  const reviews = new Map(
    input.reviews.filter((review) => review.year === input.year).map((review) => [review.systemId, review]),
  );
  const subjects: { systemId: string; systemName: string; departments: string[]; review?: Review }[] =
    input.systems.map((system) => ({
      systemId: system.id,
      systemName: system.name,
      departments: [...system.departments],
      review: reviews.get(system.id),
    }));
  const inRegister = new Set(input.systems.map((system) => system.id));
  for (const review of reviews.values()) {
    if (!inRegister.has(review.systemId)) {
      subjects.push({ systemId: review.systemId, systemName: review.systemName, departments: [], review });
    }
  }
  subjects.sort(
    (a, b) =>
      collator.compare(a.departments.join(', '), b.departments.join(', ')) ||
      collator.compare(a.systemName, b.systemName) ||
      (a.systemId < b.systemId ? -1 : a.systemId > b.systemId ? 1 : 0),
  );

  const rows: ReviewExportRow[] = [];
  for (const subject of subjects) {
    const review = subject.review;
    const checklist = review?.checklist ?? input.checklist;
    for (const section of checklist.sections) {
      for (const question of section.questions) {
        const stored = review?.answers[question.id];
        rows.push({
          systemId: subject.systemId,
          systemName: subject.systemName,
          departments: subject.departments,
          sectionTitle: section.title,
          questionText: question.text,
          status: review?.status ?? 'notStarted',
          ...(review?.submitted === undefined ? {} : { submittedAt: review.submitted.at }),
          ...(stored === undefined
            ? {}
            : {
                answer: stored.answer,
                answerLabel: answerOption(checklist, stored.answer)?.label,
                ...(stored.comment === undefined ? {} : { comment: stored.comment }),
                ...(stored.action === undefined ? {} : { action: stored.action }),
                answeredBy: stored.answeredBy.name,
                answeredAt: stored.answeredAt,
              }),
        });
      }
    }
  }
  return rows;
}

const collator = new Intl.Collator('sv', { sensitivity: 'base' });
