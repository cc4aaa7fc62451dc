/**
 * The annual follow-up dialog: "checklista <system>", "mina checklistor", and the Action.Execute buttons of its
 * cards. The review in storage is the dialog's only state (never conversation state, which a channel shares):
 * every step is stored by the review service, and every answer to a button is the card redrawn from what is
 * stored, replacing the card in place, so an old step cannot be sent again.
 *
 * Who acts is taken from Teams (teamsIdentity.ts); card data only says which review, which version of it the
 * card was drawn from, and the language. Every handler checks that data with zod before anything else.
 *
 * The cards have no Universal Actions `refresh`: it would redraw a card for everyone who looks at it (in a
 * channel, for every member, each read costing a member lookup and a review read), while the dialog belongs to
 * one person at a time. A card that went stale is caught by its version when it is used instead, and then shows
 * the current state.
 */
import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { answerQuestion } from '../../domain/answers';
import {
  NotAllowedToAnswerError,
  parseReviewId,
  ReviewStateError,
  StaleReviewError,
  SystemRetiredError,
  UnknownSectionError,
  type Actor,
  type ReviewSession,
} from '../../domain/checklist';
import { InvalidInputError, NotFoundError } from '../../domain/errors';
import type { SystemRecord } from '../../domain/register/system';
import { say, type Lang } from '../../texts';
import { checklistTexts, describeRefusal } from '../../texts/checklist';
import { checklistDialogTexts as t } from '../../texts/checklistDialog';
import { activityIds } from '../adapter';
import type { BotApplication, FeatureDeps } from '../featureDeps';
import {
  checklistBackVerb,
  checklistGoToVerb,
  checklistNextVerb,
  checklistReopenVerb,
  checklistSaveLaterVerb,
  checklistStartActionSchema,
  checklistStartVerb,
  checklistSubmitVerb,
  goToActionSchema,
  reviewActionSchema,
  sectionActionSchema,
  sectionInputsOf,
} from '../cards/checklistActions';
import {
  checklistChooseSystemCard,
  checklistMineCard,
  checklistSavedCard,
  chooseSystemCardData,
  dialogCard,
  mineCardData,
  savedCardData,
  type NoticeView,
} from '../cards/checklistCards';
import type { AdaptiveCard } from '../cards/templates';
import { languageOfActionData } from '../cards/verbs';
import { isPersonalChat, refusalFor, yearRefusalOf } from './followUpRefusals';

export const startCommand = /^\s*(checklista|checklist)(?:\s+([\s\S]*))?$/i;
export const myChecklistsCommand = /^\s*(mina\s+checklistor|my\s+checklists)(?:\s+(\d{4}))?\s*[.!?]?\s*$/i;

/** Systems offered when a name fits several. */
const maxChoices = 8;
const maxQueryLength = 200;

type ActionHandler<T> = (
  context: TurnContext,
  data: T,
  actor: Actor,
  raw: unknown,
) => Promise<AdaptiveCard | string>;

export function registerChecklist(app: BotApplication, deps: FeatureDeps): void {
  const { register, logger, identity, followUp } = deps;
  const { reviews } = followUp;
  const thisYear = () => followUp.calendar.currentYear(followUp.now());
  const cardOptions = (lang: Lang, notice?: NoticeView) => ({
    lang,
    timeZone: followUp.calendar.timeZone,
    ...(notice ? { notice } : {}),
  });

  app.message(myChecklistsCommand, async (context) => {
    const match = myChecklistsCommand.exec(context.activity.text ?? '');
    const lang: Lang = match?.[1]?.toLowerCase().startsWith('my') ? 'en' : 'sv';
    const year = match?.[2] !== undefined ? Number(match[2]) : thisYear();
    if (!isPersonalChat(context)) return sendText(context, say(lang, t.privateInPersonalChat));
    const actor = await identity.actorOf(context);
    if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
    try {
      await sendMine(context, actor, year, lang);
    } catch (error) {
      const refusal = yearRefusalOf(error, lang, thisYear());
      if (refusal === undefined) throw error;
      logger.info('checklist.year_refused', {
        ...activityIds(context.activity),
        year,
        reason: refusal.reason,
      });
      await sendText(context, refusal.text);
    }
  });

  app.message(startCommand, async (context) => {
    const match = startCommand.exec(context.activity.text ?? '');
    const lang: Lang = match?.[1]?.toLowerCase() === 'checklist' ? 'en' : 'sv';
    const query = (match?.[2] ?? '').trim().slice(0, maxQueryLength);
    if (!isPersonalChat(context)) return sendText(context, say(lang, t.privateInPersonalChat));
    const actor = await identity.actorOf(context);
    if (actor === undefined) return sendText(context, say(lang, t.cannotIdentify));
    const year = thisYear();
    const index = await register.index();
    const example = index.list({}, 1).systems[0]?.name ?? 'Procapita';
    if (query === '') return sendMine(context, actor, year, lang, say(lang, t.nameTheSystem, { example }));

    const answer = answerQuestion(index, query, undefined, { maxChoices });
    if (answer.kind === 'systemRoles') return sendDialog(context, actor, answer.system, year, lang);
    if (answer.kind === 'chooseSystem') {
      return sendChoice(context, say(lang, t.whichSystem, { query }), answer.candidates, year, lang);
    }
    const suggestions =
      answer.kind === 'systemNotFound'
        ? answer.suggestions
            .map((suggestion) => index.systemById(suggestion.id))
            .filter((system): system is SystemRecord => system !== undefined)
        : [];
    if (suggestions.length > 0) {
      return sendChoice(context, say(lang, t.systemNotFoundSuggestions, { query }), suggestions, year, lang);
    }
    logger.info('checklist.system_not_found', { ...activityIds(context.activity) });
    await sendText(
      context,
      `${say(lang, t.systemNotFound, { query })} ${say(lang, t.nameTheSystem, { example })}`,
    );
  });

  onAction(checklistStartVerb, checklistStartActionSchema, async (context, data, actor) => {
    const session = await reviews.open(data.systemId, data.year ?? thisYear(), actor);
    logStep(context, checklistStartVerb, session.reviewId);
    return dialogCard(session, cardOptions(data.lang));
  });

  onAction(checklistNextVerb, sectionActionSchema, async (context, data, actor, raw) => {
    const inputs = sectionInputsOf(raw);
    if (!inputs.ok) return refuse(context, checklistNextVerb, 'invalid-inputs', data.lang);
    const result = await reviews.saveSection({
      reviewId: data.reviewId,
      sectionId: data.sectionId,
      answers: inputs.answers,
      actor,
      expectedVersion: data.version,
      move: 'next',
    });
    logStep(context, checklistNextVerb, data.reviewId, { ok: result.ok });
    if (result.ok && result.alreadySaved === true) {
      const notice = say(data.lang, checklistTexts.alreadySaved);
      return dialogCard(result.session, cardOptions(data.lang, { text: notice, style: 'good' }));
    }
    if (result.ok) return dialogCard(result.session, cardOptions(data.lang));
    // Nothing was stored: the same section again, with what was typed and what is missing next to it.
    const sectionIndex = result.session.checklist.sections.findIndex(
      (section) => section.id === data.sectionId,
    );
    return dialogCard(
      { ...result.session, currentSectionIndex: Math.max(0, sectionIndex), status: 'inProgress' },
      {
        ...cardOptions(data.lang, {
          text: say(data.lang, checklistTexts.sectionHasErrors),
          style: 'attention',
        }),
        submitted: result.submitted,
        errors: result.errors,
      },
    );
  });

  onAction(checklistBackVerb, sectionActionSchema, async (context, data, actor, raw) => {
    const inputs = sectionInputsOf(raw);
    if (!inputs.ok) return refuse(context, checklistBackVerb, 'invalid-inputs', data.lang);
    const { session } = await reviews.saveDraft({
      reviewId: data.reviewId,
      sectionId: data.sectionId,
      answers: inputs.answers,
      actor,
      expectedVersion: data.version,
      move: 'back',
    });
    logStep(context, checklistBackVerb, data.reviewId);
    return dialogCard(session, cardOptions(data.lang));
  });

  onAction(checklistSaveLaterVerb, sectionActionSchema, async (context, data, actor, raw) => {
    const inputs = sectionInputsOf(raw);
    if (!inputs.ok) return refuse(context, checklistSaveLaterVerb, 'invalid-inputs', data.lang);
    const { session } = await reviews.saveDraft({
      reviewId: data.reviewId,
      sectionId: data.sectionId,
      answers: inputs.answers,
      actor,
      expectedVersion: data.version,
      move: 'stay',
    });
    logStep(context, checklistSaveLaterVerb, data.reviewId);
    return checklistSavedCard.expand(savedCardData(session, data.lang));
  });

  onAction(checklistGoToVerb, goToActionSchema, async (context, data, actor) => {
    const session = await reviews.goToSection({
      reviewId: data.reviewId,
      sectionIndex: data.sectionIndex,
      actor,
      expectedVersion: data.version,
    });
    logStep(context, checklistGoToVerb, data.reviewId);
    return dialogCard(session, cardOptions(data.lang));
  });

  onAction(checklistSubmitVerb, reviewActionSchema, async (context, data, actor) => {
    const result = await reviews.submit({ reviewId: data.reviewId, actor, expectedVersion: data.version });
    logStep(context, checklistSubmitVerb, data.reviewId, { ok: result.ok });
    if (!result.ok) {
      const titles = result.incompleteSections.map(
        (id) =>
          result.session.checklist.sections.find((section) => section.id === id)?.title[data.lang] ?? id,
      );
      const notice = say(data.lang, checklistTexts.incompleteSections, { sections: titles.join(', ') });
      return dialogCard(result.session, cardOptions(data.lang, { text: notice, style: 'warning' }));
    }
    const notice = say(
      data.lang,
      result.alreadySubmitted === true ? checklistTexts.submittedEarlier : checklistTexts.submitted,
      { system: result.session.system.name, year: result.session.year },
    );
    return dialogCard(result.session, cardOptions(data.lang, { text: notice, style: 'good' }));
  });

  onAction(checklistReopenVerb, reviewActionSchema, async (context, data, actor) => {
    const session = await reviews.reopen({ reviewId: data.reviewId, actor, expectedVersion: data.version });
    logStep(context, checklistReopenVerb, data.reviewId);
    const notice = say(data.lang, checklistTexts.reopened, {
      system: session.system.name,
      year: session.year,
    });
    return dialogCard(session, cardOptions(data.lang, { text: notice, style: 'accent' }));
  });

  /**
   * Registers a button: its data is checked first (unusable data is refused politely, nothing is read), then
   * the actor is looked up in Teams; the domain's refusals become the current state or a polite text.
   */
  function onAction<T extends { lang: Lang }>(
    verb: string,
    schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    handler: ActionHandler<T>,
  ): void {
    app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, raw) => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return refuse(context, verb, 'invalid-data', languageOfActionData(raw));
      const data = parsed.data;
      if (!isPersonalChat(context)) return say(data.lang, t.privateInPersonalChat);
      const actor = await identity.actorOf(context);
      if (actor === undefined) return say(data.lang, t.cannotIdentify);
      try {
        return await handler(context, data, actor, raw);
      } catch (error) {
        return recover(context, verb, error, data, actor);
      }
    });
  }

  async function recover(
    context: TurnContext,
    verb: string,
    error: unknown,
    data: { lang: Lang; reviewId?: string; systemId?: string; year?: number },
    actor: Actor,
  ): Promise<AdaptiveCard | string> {
    const { lang } = data;
    if (error instanceof NotAllowedToAnswerError) {
      logger.info('checklist.refused', { ...activityIds(context.activity), verb, systemId: error.systemId });
      return refusalFor(actor, lang, describeRefusal(error, await systemName(error.systemId), lang));
    }
    if (error instanceof SystemRetiredError) {
      logger.info('checklist.refused', { ...activityIds(context.activity), verb, systemId: error.systemId });
      return retiredText(error, await systemName(error.systemId), lang);
    }
    if (error instanceof NotFoundError) {
      logger.warn('checklist.action_refused', {
        ...activityIds(context.activity),
        verb,
        reason: 'not-found',
      });
      return say(lang, t.systemGone);
    }
    const yearRefusal = yearRefusalOf(error, lang, thisYear());
    if (yearRefusal !== undefined) {
      logger.info('checklist.year_refused', {
        ...activityIds(context.activity),
        verb,
        reason: yearRefusal.reason,
      });
      return yearRefusal.text;
    }
    if (error instanceof InvalidInputError) return refuse(context, verb, `invalid-${error.field}`, lang);
    const notice: NoticeView | undefined =
      error instanceof StaleReviewError || error instanceof UnknownSectionError
        ? { text: say(lang, checklistTexts.stale), style: 'warning' }
        : error instanceof ReviewStateError
          ? {
              text: say(
                lang,
                error.reason === 'submitted' ? checklistTexts.alreadySubmitted : checklistTexts.notSubmitted,
              ),
              style: 'warning',
            }
          : undefined;
    if (notice === undefined) throw error;
    // Nothing was written; the person sees the review as stored now, with a short explanation.
    const target = data.reviewId !== undefined ? parseReviewId(data.reviewId) : undefined;
    const systemId = target?.systemId ?? data.systemId;
    if (systemId === undefined) return refuse(context, verb, 'no-review', lang);
    logger.info('checklist.current_state_shown', {
      ...activityIds(context.activity),
      verb,
      reason: error instanceof Error ? error.name : 'unknown',
    });
    try {
      const session = await reviews.open(systemId, target?.year ?? data.year ?? thisYear(), actor);
      return dialogCard(session, cardOptions(lang, notice));
    } catch (openError) {
      if (openError instanceof NotAllowedToAnswerError) {
        return refusalFor(
          actor,
          lang,
          describeRefusal(openError, await systemName(openError.systemId), lang),
        );
      }
      if (openError instanceof NotFoundError) return say(lang, t.systemGone);
      if (openError instanceof SystemRetiredError) {
        return retiredText(openError, await systemName(openError.systemId), lang);
      }
      throw openError;
    }
  }

  function retiredText(error: SystemRetiredError, name: string, lang: Lang): string {
    return say(lang, t.systemRetired, { system: name, status: error.status });
  }

  async function systemName(systemId: string): Promise<string> {
    const index = await register.index();
    return index.systemById(systemId)?.name ?? systemId;
  }

  async function sendDialog(
    context: TurnContext,
    actor: Actor,
    system: SystemRecord,
    year: number,
    lang: Lang,
  ): Promise<void> {
    let session: ReviewSession;
    try {
      session = await reviews.open(system.id, year, actor);
    } catch (error) {
      if (error instanceof NotAllowedToAnswerError) {
        logger.info('checklist.refused', {
          ...activityIds(context.activity),
          verb: 'message',
          systemId: system.id,
        });
        return sendText(context, refusalFor(actor, lang, describeRefusal(error, system.name, lang)));
      }
      if (error instanceof SystemRetiredError) {
        logger.info('checklist.refused', {
          ...activityIds(context.activity),
          verb: 'message',
          systemId: system.id,
        });
        return sendText(context, retiredText(error, system.name, lang));
      }
      throw error;
    }
    logStep(context, 'message', session.reviewId);
    await context.sendActivity(
      cardMessage(
        `${system.name}: ${say(lang, t.heading, { year })}`,
        dialogCard(session, cardOptions(lang)),
      ),
    );
  }

  async function sendChoice(
    context: TurnContext,
    title: string,
    systems: readonly SystemRecord[],
    year: number,
    lang: Lang,
  ): Promise<void> {
    const shown = systems.slice(0, maxChoices);
    await context.sendActivity(
      cardMessage(title, checklistChooseSystemCard.expand(chooseSystemCardData(title, shown, year, lang))),
    );
  }

  async function sendMine(
    context: TurnContext,
    actor: Actor,
    year: number,
    lang: Lang,
    intro?: string,
  ): Promise<void> {
    // Without the addresses the list would miss the systems the register names them for.
    if (actor.addressesUnknown) return sendText(context, say(lang, t.identityUnavailable));
    const mine = await reviews.myChecklists(actor, year);
    logger.info('checklist.mine', { ...activityIds(context.activity), year, count: mine.length });
    const text =
      intro ?? say(lang, mine.length === 1 ? t.mineTextOne : t.mineText, { year, count: mine.length });
    await context.sendActivity(
      cardMessage(text, checklistMineCard.expand(mineCardData(mine, year, lang, followUp.calendar.timeZone))),
    );
  }

  function refuse(context: TurnContext, verb: string, reason: string, lang: Lang): string {
    logger.warn('checklist.action_refused', { ...activityIds(context.activity), verb, reason });
    return say(lang, t.actionRefused);
  }

  /** Ids only: the review id is the system's id and the year. */
  function logStep(context: TurnContext, verb: string, reviewId: string, extra: { ok?: boolean } = {}): void {
    logger.info('checklist.step', { ...activityIds(context.activity), verb, reviewId, ...extra });
  }
}

async function sendText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}

/** A card, and its gist as plain text for notifications and clients without cards. */
export function cardMessage(text: string, card: AdaptiveCard): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: 'plain',
    attachments: [CardFactory.adaptiveCard(card)],
  };
}
