/**
 * The cards of the annual follow-up dialog: one per section, the summary, "saved for later", choosing a system
 * and "mina checklistor". Register values and what users typed are escaped for TextBlock markdown; button
 * titles and input values are plain text and are not.
 */
import {
  formValuesFor,
  reviewSummary,
  type AnswerError,
  type AnswerField,
  type AnswerValue,
  type Checklist,
  type MyChecklist,
  type ReviewSession,
  type SubmittedSection,
} from '../../domain/checklist';
import type { SystemRecord } from '../../domain/register/system';
import { localDateTime } from '../../shared/dateTime';
import { shortened } from '../../shared/text';
import { say, type Lang } from '../../texts';
import {
  answererRoleTexts,
  checklistTexts,
  describeAnswerError,
  followUpStatusTexts,
  listOf,
} from '../../texts/checklist';
import { checklistDialogTexts as t } from '../../texts/checklistDialog';
import {
  actionFieldsIdFor,
  checklistVerbs,
  inputIdFor,
  questionInputFields,
  type ChecklistStartActionData,
  type ChecklistVerbs,
  type GoToActionData,
  type QuestionInputField,
  type ReviewActionData,
  type SectionActionData,
} from './checklistActions';
import { escapeMarkdown } from './markdown';
import { cardTemplate, type AdaptiveCard } from './templates';

/** A line above the card's content: why the card looks as it does now (stale, saved, errors, submitted). */
export interface NoticeView {
  text: string;
  style: 'good' | 'attention' | 'warning' | 'accent';
}

type FieldTexts = Record<QuestionInputField, string>;

export interface QuestionView {
  /** "2.1 Har ...", escaped. */
  text: string;
  help?: string;
  /** Last year's answer as a hint, escaped. */
  previous?: string;
  /** Input ids, and the id of the container of the action fields (for "Lägg till åtgärd"). */
  ids: FieldTexts & { actionFields: string };
  /**
   * Whether the action fields are drawn open: for an answer that needs an action (Delvis, Nej), or when an action
   * was typed or has an error. Otherwise they are hidden behind "Lägg till åtgärd" (Action.ToggleVisibility), so
   * a section answered Ja is not a wall of empty inputs; a choice set cannot open them by itself in 1.5.
   */
  showAction: boolean;
  /** What the inputs show: what was typed (a draft or a refused submit), or the stored answer; '' if none. */
  values: FieldTexts;
  /** Next to the field that has a problem. */
  errors: Partial<FieldTexts>;
}

/** Data of adaptiveCards/checklistSection.json. */
export interface ChecklistSectionCardData {
  system: string;
  heading: string;
  progress: string;
  notice?: NoticeView;
  questions: QuestionView[];
  options: { title: string; value: AnswerValue }[];
  labels: FieldTexts & { actionHeading: string; addAction: string };
  buttons: { next: string; back?: string; saveLater: string };
  action: SectionActionData;
  verbs: ChecklistVerbs;
}

export interface SummaryQuestionView {
  text: string;
  answer: string;
  answerColor: 'Default' | 'Warning' | 'Attention';
  comment?: string;
}

export interface SummarySectionView {
  title: string;
  state: string;
  stateColor: 'Good' | 'Warning' | 'Default';
  questions: SummaryQuestionView[];
  /** The "Ändra" button, while the review can be changed. */
  edit?: GoToActionData;
}

/** Data of adaptiveCards/checklistSummary.json. */
export interface ChecklistSummaryCardData {
  system: string;
  heading: string;
  title: string;
  statusLine: string;
  notice?: NoticeView;
  intro?: string;
  sections: SummarySectionView[];
  deviationsHeading: string;
  noDeviations?: string;
  deviations: { text: string; action: string }[];
  buttons: { edit: string; submit?: string; back?: string; reopen?: string };
  reviewAction: ReviewActionData;
  backAction: GoToActionData;
  verbs: ChecklistVerbs;
}

/** Data of adaptiveCards/checklistSaved.json. */
export interface ChecklistSavedCardData {
  title: string;
  heading: string;
  progress: string;
  text: string;
  buttons: { continue: string };
  startAction: ChecklistStartActionData;
  verbs: ChecklistVerbs;
}

/** Data of adaptiveCards/checklistChooseSystem.json. */
export interface ChecklistChooseSystemCardData {
  title: string;
  candidates: { name: string; detail?: string; action: ChecklistStartActionData }[];
  verbs: ChecklistVerbs;
}

export interface MyChecklistView {
  name: string;
  status: string;
  statusColor: 'Good' | 'Warning' | 'Default' | 'Attention';
  button: string;
  action: ChecklistStartActionData;
}

/** Data of adaptiveCards/checklistMine.json. */
export interface ChecklistMineCardData {
  title: string;
  empty?: string;
  systems: MyChecklistView[];
  more?: string;
  verbs: ChecklistVerbs;
}

export const checklistSectionCard = cardTemplate<ChecklistSectionCardData>('checklistSection.json');
export const checklistSummaryCard = cardTemplate<ChecklistSummaryCardData>('checklistSummary.json');
export const checklistSavedCard = cardTemplate<ChecklistSavedCardData>('checklistSaved.json');
export const checklistChooseSystemCard = cardTemplate<ChecklistChooseSystemCardData>(
  'checklistChooseSystem.json',
);
export const checklistMineCard = cardTemplate<ChecklistMineCardData>('checklistMine.json');

// Teams refuses messages over about 28 KB: the summary shows long texts shortened (the export has them whole),
// and a deviation's action once, in the list of deviations.
const summaryTextLength = 200;
const summaryWhoLength = 80;
const hintTextLength = 200;
/** Systems listed on "mina checklistor". */
export const myChecklistsShown = 20;

export interface DialogCardOptions {
  lang: Lang;
  notice?: NoticeView;
  /** What was typed into the current section, to redraw it after a refused submit. */
  submitted?: SubmittedSection;
  errors?: readonly AnswerError[];
  /** The municipality's time zone (TIME_ZONE), for the times shown. */
  timeZone: string;
}

/**
 * The card for where the review stands: the current section, or the summary when every section has been
 * passed or the review is submitted.
 */
export function dialogCard(session: ReviewSession, options: DialogCardOptions): AdaptiveCard {
  const atSummary =
    session.review !== undefined &&
    (session.status === 'submitted' || session.currentSectionIndex >= session.checklist.sections.length);
  return atSummary
    ? checklistSummaryCard.expand(summaryCardData(session, options))
    : sectionCard(
        sectionCardData(
          session,
          Math.min(session.currentSectionIndex, session.checklist.sections.length - 1),
          options,
        ),
      );
}

/**
 * The section card; an input with nothing in it gets no `value` at all, as the schema expects, and an element
 * shown gets no `isVisible: true` (the default, which clients and the SDK leave out).
 */
export function sectionCard(data: ChecklistSectionCardData): AdaptiveCard {
  return withoutDefaults(checklistSectionCard.expand(data));
}

function withoutDefaults<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withoutDefaults) as T;
  if (typeof node !== 'object' || node === null) return node;
  const element = node as Record<string, unknown>;
  const isEmptyInput =
    typeof element.type === 'string' && element.type.startsWith('Input.') && element.value === '';
  return Object.fromEntries(
    Object.entries(element)
      .filter(([key]) => !(isEmptyInput && key === 'value'))
      .filter(([key, value]) => !(key === 'isVisible' && value === true))
      .map(([key, value]) => [key, key === 'data' ? value : withoutDefaults(value)]),
  ) as T;
}

const fieldOfError: Record<AnswerField, QuestionInputField> = {
  answer: 'answer',
  comment: 'comment',
  actionWhat: 'what',
  actionWho: 'who',
  actionDueDate: 'due',
};

export function sectionCardData(
  session: ReviewSession,
  sectionIndex: number,
  options: DialogCardOptions,
): ChecklistSectionCardData {
  const { lang } = options;
  const { checklist } = session;
  const section = checklist.sections[sectionIndex];
  if (section === undefined) throw new RangeError(`section ${sectionIndex} is not in the checklist`);
  const values = options.submitted ?? formValuesFor(session.review, section.id);
  const isLast = sectionIndex === checklist.sections.length - 1;
  return {
    system: escapeMarkdown(session.system.name),
    heading: headingOf(session, lang),
    progress: escapeMarkdown(
      say(lang, t.progress, {
        index: sectionIndex + 1,
        total: checklist.sections.length,
        title: section.title[lang],
      }),
    ),
    ...(options.notice ? { notice: options.notice } : {}),
    questions: section.questions.map((question, questionIndex) => {
      const typed = Object.prototype.hasOwnProperty.call(values, question.id)
        ? values[question.id]
        : undefined;
      const errors: Partial<FieldTexts> = {};
      for (const error of options.errors ?? []) {
        if (error.questionId !== question.id) continue;
        const field = fieldOfError[error.field];
        const text = describeAnswerError(error, lang);
        errors[field] = errors[field] === undefined ? text : `${errors[field]} ${text}`;
      }
      const previous = previousHint(session, question.id, lang);
      const help = question.help?.[lang];
      const action = typed?.action;
      const showAction =
        checklist.answerOptions.some((option) => option.requiresAction && option.value === typed?.answer) ||
        [action?.what, action?.who, action?.dueDate].some((value) => (value ?? '').trim() !== '') ||
        errors.what !== undefined ||
        errors.who !== undefined ||
        errors.due !== undefined;
      return {
        text: escapeMarkdown(`${sectionIndex + 1}.${questionIndex + 1} ${question.text[lang]}`),
        ...(help ? { help: escapeMarkdown(help) } : {}),
        ...(previous ? { previous } : {}),
        ids: {
          ...(Object.fromEntries(
            questionInputFields.map((field) => [field, inputIdFor(question.id, field)]),
          ) as FieldTexts),
          actionFields: actionFieldsIdFor(question.id),
        },
        showAction,
        values: {
          answer: typed?.answer ?? '',
          comment: typed?.comment ?? '',
          what: typed?.action?.what ?? '',
          who: typed?.action?.who ?? '',
          due: typed?.action?.dueDate ?? '',
        },
        errors,
      };
    }),
    options: checklist.answerOptions.map((option) => ({ title: option.label[lang], value: option.value })),
    labels: {
      answer: say(lang, t.answerLabel),
      comment: say(lang, t.commentLabel),
      what: say(lang, t.actionWhatLabel),
      who: say(lang, t.actionWhoLabel),
      due: say(lang, t.actionDueLabel),
      actionHeading: escapeMarkdown(actionHeading(checklist, lang)),
      addAction: say(lang, t.addAction),
    },
    buttons: {
      next: say(lang, isLast ? t.toSummary : t.next),
      ...(sectionIndex > 0 ? { back: say(lang, t.back) } : {}),
      saveLater: say(lang, t.saveLater),
    },
    action: { ...reviewActionOf(session, lang), sectionId: section.id },
    verbs: checklistVerbs,
  };
}

export function summaryCardData(
  session: ReviewSession,
  options: DialogCardOptions,
): ChecklistSummaryCardData {
  const { lang } = options;
  const review = session.review;
  if (review === undefined) throw new RangeError('the summary needs a stored review');
  const summary = reviewSummary(review);
  const editable = review.status !== 'submitted';
  const labelOf = (value: AnswerValue) =>
    review.checklist.answerOptions.find((option) => option.value === value)?.label[lang] ?? value;
  const numbers = new Map<string, string>();
  review.checklist.sections.forEach((section, sectionIndex) =>
    section.questions.forEach((question, questionIndex) =>
      numbers.set(question.id, `${sectionIndex + 1}.${questionIndex + 1}`),
    ),
  );
  const questionText = (id: string, text: string) => `${numbers.get(id) ?? ''} ${text}`.trim();
  const actionLine = (action: { what: string; who: string; dueDate: string }) =>
    escapeMarkdown(
      say(lang, t.actionLine, {
        what: shortened(action.what, summaryTextLength),
        who: shortened(action.who, summaryWhoLength),
        dueDate: action.dueDate,
      }),
    );

  const statusLine =
    review.status === 'submitted' && review.submitted
      ? say(lang, t.statusSubmitted, {
          status: say(lang, followUpStatusTexts.submitted),
          name: review.submitted.by.name,
          at: localDateTime(review.submitted.at, options.timeZone),
        })
      : say(lang, t.statusInProgress, {
          status: say(lang, followUpStatusTexts.inProgress),
          name: review.updatedBy.name,
          at: localDateTime(review.updatedAt, options.timeZone),
        });
  const lastSection = review.checklist.sections.length - 1;
  const intro = editable
    ? summary.complete
      ? say(lang, t.summaryIntro)
      : say(lang, checklistTexts.incompleteSections, {
          sections: listOf(
            summary.incompleteSections.map(
              (id) => review.checklist.sections.find((section) => section.id === id)?.title[lang] ?? id,
            ),
            lang,
          ),
        })
    : undefined;

  return {
    system: escapeMarkdown(session.system.name),
    heading: headingOf(session, lang),
    title: say(lang, t.summaryHeading),
    statusLine: escapeMarkdown(statusLine),
    ...(options.notice ? { notice: options.notice } : {}),
    ...(intro ? { intro: escapeMarkdown(intro) } : {}),
    sections: summary.sections.map((entry, sectionIndex) => ({
      title: escapeMarkdown(`${sectionIndex + 1}. ${entry.section.title[lang]}`),
      state: say(
        lang,
        entry.state === 'complete'
          ? t.sectionComplete
          : entry.state === 'incomplete'
            ? t.sectionIncomplete
            : t.sectionNotStarted,
      ),
      stateColor: entry.state === 'complete' ? 'Good' : entry.state === 'incomplete' ? 'Warning' : 'Default',
      questions: entry.questions.map(({ question, answer }): SummaryQuestionView => {
        const deviates = answer !== undefined && answer.action !== undefined;
        return {
          text: escapeMarkdown(questionText(question.id, question.text[lang])),
          answer: escapeMarkdown(
            answer === undefined
              ? say(lang, t.notAnswered)
              : say(lang, t.answerLine, { answer: labelOf(answer.answer) }),
          ),
          answerColor: answer === undefined ? 'Attention' : deviates ? 'Warning' : 'Default',
          ...(answer?.comment
            ? {
                comment: escapeMarkdown(
                  say(lang, t.commentLine, { comment: shortened(answer.comment, summaryTextLength) }),
                ),
              }
            : {}),
        };
      }),
      ...(editable ? { edit: { ...reviewActionOf(session, lang), sectionIndex } } : {}),
    })),
    deviationsHeading: say(lang, t.deviationsHeading, { count: summary.deviations.length }),
    ...(summary.deviations.length === 0 ? { noDeviations: say(lang, t.noDeviations) } : {}),
    deviations: summary.deviations.map((deviation) => {
      const question = review.checklist.sections
        .flatMap((section) => section.questions)
        .find((candidate) => candidate.id === deviation.questionId);
      return {
        text: escapeMarkdown(
          say(lang, t.deviationLine, {
            question: questionText(deviation.questionId, question?.text[lang] ?? deviation.questionId),
            answer: labelOf(deviation.answer.answer),
          }),
        ),
        action: deviation.answer.action ? actionLine(deviation.answer.action) : '',
      };
    }),
    buttons: {
      edit: say(lang, t.edit),
      ...(editable && summary.complete ? { submit: say(lang, t.submit) } : {}),
      ...(editable ? { back: say(lang, t.back) } : {}),
      ...(editable ? {} : { reopen: say(lang, t.reopen) }),
    },
    reviewAction: reviewActionOf(session, lang),
    backAction: { ...reviewActionOf(session, lang), sectionIndex: lastSection },
    verbs: checklistVerbs,
  };
}

/** "Sparat": replaces the section card, so the stored step cannot be sent again, and offers to continue. */
export function savedCardData(session: ReviewSession, lang: Lang): ChecklistSavedCardData {
  const done =
    session.review === undefined
      ? 0
      : reviewSummary(session.review).sections.filter((entry) => entry.state === 'complete').length;
  return {
    title: escapeMarkdown(say(lang, t.savedTitle, { system: session.system.name })),
    heading: headingOf(session, lang),
    progress: say(lang, t.savedProgress, { done, total: session.checklist.sections.length }),
    text: escapeMarkdown(say(lang, t.saved, { system: session.system.name })),
    buttons: { continue: say(lang, t.continue) },
    startAction: { systemId: session.system.id, year: session.year, lang },
    verbs: checklistVerbs,
  };
}

export function chooseSystemCardData(
  title: string,
  systems: readonly SystemRecord[],
  year: number,
  lang: Lang,
): ChecklistChooseSystemCardData {
  return {
    title: escapeMarkdown(title),
    candidates: systems.map((system) => {
      const detail = [system.departments.join(', '), system.unit]
        .filter((part) => part.trim() !== '')
        .join(' · ');
      return {
        name: system.name,
        ...(detail !== '' ? { detail: escapeMarkdown(detail) } : {}),
        action: { systemId: system.id, year, lang },
      };
    }),
    verbs: checklistVerbs,
  };
}

export function mineCardData(
  mine: readonly MyChecklist[],
  year: number,
  lang: Lang,
  timeZone: string,
): ChecklistMineCardData {
  const shown = mine.slice(0, myChecklistsShown);
  const hidden = mine.length - shown.length;
  return {
    title: say(lang, t.mineHeading, { year }),
    ...(mine.length === 0 ? { empty: say(lang, t.mineNone, { year }) } : {}),
    systems: shown.map((entry) => ({
      name: escapeMarkdown(entry.systemName),
      status: escapeMarkdown(
        say(lang, t.mineLine, {
          status: myStatusText(entry, lang, timeZone),
          deadline: entry.deadline,
        }),
      ),
      statusColor:
        entry.status === 'submitted' ? 'Good' : entry.status === 'inProgress' ? 'Warning' : 'Default',
      button: say(
        lang,
        entry.status === 'notStarted' ? t.start : entry.status === 'inProgress' ? t.continue : t.show,
      ),
      action: { systemId: entry.systemId, year: entry.year, lang },
    })),
    ...(hidden > 0 ? { more: say(lang, t.mineMore, { count: hidden }) } : {}),
    verbs: checklistVerbs,
  };
}

function myStatusText(entry: MyChecklist, lang: Lang, timeZone: string): string {
  if (entry.status === 'submitted') {
    return entry.submittedAt
      ? say(lang, t.mineSubmitted, {
          status: say(lang, followUpStatusTexts.submitted),
          at: localDateTime(entry.submittedAt, timeZone),
        })
      : say(lang, followUpStatusTexts.submitted);
  }
  if (entry.status === 'inProgress' && entry.currentSectionIndex !== undefined) {
    return entry.currentSectionIndex >= entry.sectionCount
      ? say(lang, t.mineAtSummary, { status: say(lang, followUpStatusTexts.inProgress) })
      : say(lang, t.mineInProgress, {
          status: say(lang, followUpStatusTexts.inProgress),
          index: entry.currentSectionIndex + 1,
          total: entry.sectionCount,
        });
  }
  return say(lang, followUpStatusTexts[entry.status]);
}

export function reviewActionOf(session: ReviewSession, lang: Lang): ReviewActionData {
  return { reviewId: session.reviewId, version: session.version, lang };
}

function headingOf(session: ReviewSession, lang: Lang): string {
  const role = say(lang, answererRoleTexts[session.answeringAs]);
  return `${say(lang, t.heading, { year: session.year })} · ${say(lang, t.answeringAs, { role })}`;
}

function previousHint(session: ReviewSession, questionId: string, lang: Lang): string | undefined {
  const previous = session.previousYear;
  const answer = previous?.answers[questionId];
  if (previous === undefined || answer === undefined) return undefined;
  const label =
    session.checklist.answerOptions.find((option) => option.value === answer.answer)?.label[lang] ??
    answer.answer;
  const text = answer.comment
    ? say(lang, t.previousYearComment, { answer: label, comment: shortened(answer.comment, hintTextLength) })
    : label;
  return escapeMarkdown(say(lang, t.previousYear, { year: previous.year, answer: text }));
}

/** "Åtgärd: fylls i vid Delvis eller Nej", from the checklist's own options. */
function actionHeading(checklist: Checklist, lang: Lang): string {
  const labels = checklist.answerOptions
    .filter((option) => option.requiresAction)
    .map((option) => option.label[lang]);
  return say(lang, t.actionHeadingFor, {
    answers: new Intl.ListFormat(lang, { style: 'long', type: 'disjunction' }).format(labels),
  });
}
