/** The annual follow-up checklist: what the bot, the CLI and reminders use. */
export type { Actor, PersonRef } from './actor';
export {
  answerValues,
  parseChecklist,
  questionCount,
  sectionById,
  requiresAction,
  type AnswerOption,
  type AnswerValue,
  type Checklist,
  type ChecklistQuestion,
  type ChecklistSection,
  type LocalisedText,
} from './checklist';
export {
  AdminOnlyError,
  NotAllowedToAnswerError,
  NotAllowedToSeeStatusError,
  ReviewStateError,
  StaleReviewError,
  SystemRetiredError,
  UnknownSectionError,
  YearNotOpenError,
} from './errors';
export {
  answerPermission,
  answerersOf,
  isAdmin,
  maySeeStatus,
  type Answerer,
  type AnswererRole,
  type ChecklistAccess,
  type Delegate,
} from './permissions';
export type { ReviewDelegatesRepository, ReviewRepository } from '../ports';
export {
  deviationsOf,
  formValuesFor,
  incompleteSections,
  isStoredSection,
  parseReviewId,
  reviewIdFor,
  reviewSummary,
  sectionState,
  validateSection,
  type AnswerError,
  type AnswerErrorCode,
  type AnswerField,
  type FollowUpStatus,
  type PlannedAction,
  type QuestionAnswer,
  type Review,
  type ReviewHistoryEntry,
  type ReviewStatus,
  type ReviewSummary,
  type SectionState,
  type SubmittedAnswer,
  type SubmittedSection,
  type ValidationContext,
} from './review';
export { reviewExportRows, type ReviewExportRow } from './reviewExport';
export {
  createReviewService,
  type MyChecklist,
  type PreviousYearAnswers,
  type ReviewService,
  type ReviewServiceOptions,
  type ReviewSession,
  type SaveSectionResult,
  type SectionMove,
  type SectionStep,
  type SubmitResult,
} from './reviewService';
export {
  deadlineFor,
  localDate,
  noDepartment,
  statusOverview,
  type DeadlinePolicy,
  type DepartmentStatus,
  type StatusOverview,
} from './reviewStatus';
