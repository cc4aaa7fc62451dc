import { ActivityTypes, type TurnContext } from 'botbuilder';
import { say } from '../../texts';
import { botTexts } from '../../texts/bot';
import type { BotApplication, FeatureDeps } from '../app';
import { languageOfMessage } from '../language';

/**
 * Interim answers until the register questions arrive: a welcome on install, and for any message a status
 * line saying the bot runs and how many systems the register holds. Its message route catches everything, so
 * app.ts registers this feature last.
 */
export function registerAbout(app: BotApplication, deps: FeatureDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    if (!botWasAdded(context)) return;
    await context.sendActivity(say('sv', botTexts.welcome));
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const lang = languageOfMessage(context.activity.text);
    const count = await deps.storage.systems.count();
    const text = count === 0 ? botTexts.statusEmpty : count === 1 ? botTexts.statusOne : botTexts.statusMany;
    await context.sendActivity(say(lang, text, { count }));
  });
}

/** Teams sends membersAdded for people too; the welcome belongs to the bot's own arrival (the install). */
function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}
