/**
 * What no feature should have to think about: input too big to read, and invokes nobody handles.
 *
 * registerInputGuard runs first: a message whose typed text (markup aside) is longer than any question
 * (answers and the checklist commands would otherwise cut it silently), and a card submit larger than any of
 * our cards can send, get a polite refusal before a feature sees them. Every feature still checks the shape of
 * its card data with zod; this guard checks only size, so that check and the handlers behind it never work on
 * megabytes.
 *
 * registerInvokeFallbacks runs last: an Action.Execute verb no feature knows (an old card, tampered data, any
 * feature's) gets the one polite message, any other invoke a 400, where botbuilder would answer 501 as if the
 * fault were ours. Features register no fallbacks of their own.
 */
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { say } from '../../texts';
import { inputGuardTexts as t } from '../../texts/inputGuard';
import { activityIds } from '../adapter';
import type { BotApplication, FeatureDeps } from '../featureDeps';
import { languageOfActionData } from '../cards/verbs';
import { languageOfMessage } from '../language';
import { typedTextOf } from '../messageText';
import { maxQuestionLength } from './answers';

/** No question or command needs more; answers.ts reads at most this much of a message. */
export const maxMessageLength = maxQuestionLength;

/**
 * The largest card data (as JSON) we read. A checklist section sends about 3.3 KB a question with every field
 * filled to its maxLength (adaptiveCards/checklistSection.json), so this leaves room for sections of 15 questions.
 */
export const maxCardDataLength = 64 * 1024;

const actionInvokeName = 'adaptiveCard/action';

export function registerInputGuard(app: BotApplication, deps: FeatureDeps): void {
  const { logger } = deps;

  app.message(
    async (context) => characterCount(typedTextOf(context.activity)) > maxMessageLength,
    async (context) => {
      const text = typedTextOf(context.activity);
      const length = characterCount(text);
      logger.info('input.refused', { ...ids(context), reason: 'message-too-long', length });
      await context.sendActivity({
        type: ActivityTypes.Message,
        text: say(languageOfMessage(text.slice(0, maxMessageLength)), t.messageTooLong, {
          length,
          max: maxMessageLength,
        }),
        textFormat: 'plain',
      });
    },
  );

  app.adaptiveCards.actionExecute<unknown>(
    async (context) =>
      isActionExecute(context.activity) && cardDataLength(context.activity) > maxCardDataLength,
    async (context, _state, data) => {
      logger.warn('input.refused', {
        ...ids(context),
        reason: 'card-data-too-large',
        length: cardDataLength(context.activity),
      });
      return say(languageOfActionData(data), t.cardDataTooLarge);
    },
  );
}

export function registerInvokeFallbacks(app: BotApplication, deps: FeatureDeps): void {
  const { logger } = deps;

  // The verb of an unknown action is the sender's text, so the log does not name it.
  app.adaptiveCards.actionExecute<unknown>(
    async (context) => isActionExecute(context.activity),
    async (context, _state, data) => {
      logger.warn('input.refused', { ...ids(context), reason: 'unknown-verb' });
      return say(languageOfActionData(data), t.unknownAction);
    },
  );

  app.addRoute(
    async (context) => context.activity.type === ActivityTypes.Invoke,
    async (context) => {
      logger.warn('input.refused', { ...ids(context), reason: 'unknown-invoke' });
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400 } });
    },
    true,
  );
}

/** Characters as people count them (an emoji is one), not UTF-16 units. */
function characterCount(text: string): number {
  // The UTF-16 length is never smaller, so a short text costs nothing to count.
  return text.length <= maxMessageLength ? text.length : Array.from(text).length;
}

function isActionExecute(activity: Activity): boolean {
  const action = (activity.value as { action?: { type?: unknown } } | undefined)?.action;
  return (
    activity.type === ActivityTypes.Invoke &&
    activity.name === actionInvokeName &&
    action?.type === 'Action.Execute'
  );
}

function cardDataLength(activity: Activity): number {
  const data = (activity.value as { action?: { data?: unknown } } | undefined)?.action?.data;
  return data === undefined ? 0 : (JSON.stringify(data)?.length ?? 0);
}

function ids(context: TurnContext) {
  return activityIds(context.activity);
}
