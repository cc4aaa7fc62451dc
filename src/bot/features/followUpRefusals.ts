/**
 * What a person is told when the follow-up refuses a year, for every feature that takes one (the checklist
 * dialog, "mina checklistor", "status", "exportera"). A year out of range or closed to them is their mistake,
 * not ours: a clear answer in their language, and at most an info line in the log.
 */
import { YearNotOpenError } from '../../domain/checklist';
import { InvalidInputError } from '../../domain/errors';
import { followUpYearLimits } from '../../domain/followUp/followUpCalendar';
import { say, type Lang } from '../../texts';
import { followUpYearTexts as t } from '../../texts/followUpYear';

export interface YearRefusal {
  /** For the log: 'year-not-open' or 'year-out-of-range'. */
  reason: string;
  text: string;
}

/** The answer to a refused year, or undefined for any other error. `currentYear` is the calendar's today. */
export function yearRefusalOf(error: unknown, lang: Lang, currentYear: number): YearRefusal | undefined {
  if (error instanceof YearNotOpenError) {
    const [previous = currentYear - 1, current = currentYear] = error.openYears;
    return {
      reason: error.code,
      text: say(lang, t.yearNotOpen, { year: error.year, previous, current }),
    };
  }
  if (error instanceof InvalidInputError && error.field === 'year') {
    const { min, max } = error.accepted ?? followUpYearLimits;
    return {
      reason: 'year-out-of-range',
      text: say(lang, t.yearOutOfRange, { year: error.value ?? '', min, max, current: currentYear }),
    };
  }
  return undefined;
}
