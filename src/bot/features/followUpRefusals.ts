/**
 * What a person is told when the follow-up refuses a year, for every feature that takes one (the checklist
 * dialog, "mina checklistor", "status", "exportera"). A year out of range or closed to them is their mistake,
 * not ours: a clear answer in their language, and at most an info line in the log.
 */
import type { TurnContext } from 'botbuilder';
import { YearNotOpenError, type Actor } from '../../domain/checklist';
import { InvalidInputError } from '../../domain/errors';
import { followUpYearLimits } from '../../domain/followUp/followUpCalendar';
import { say, type Lang } from '../../texts';
import { checklistDialogTexts } from '../../texts/checklistDialog';
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

/**
 * A refusal that rests on who the actor is: when Teams could not be asked for their e-mail/UPN this turn, the
 * refusal may be wrong (a chief would be told the checklist "is filled in by" themselves), so they are asked to
 * try again instead.
 */
export function refusalFor(actor: Actor, lang: Lang, refusal: string): string {
  return actor.addressesUnknown ? say(lang, checklistDialogTexts.identityUnavailable) : refusal;
}

/**
 * Checklists (with saved answers, deviations and planned actions), the status overview and the export are for
 * the person asking: they are shown in the personal chat with the bot only, never in a group chat or channel.
 */
export function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}
