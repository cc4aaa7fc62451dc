import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { registerConversationReferenceCapture } from './conversationReferences';
import type { BotApplication, FeatureDeps, FeatureRegistration } from './featureDeps';
import { registerAnswers } from './features/answers';
import { registerChecklist } from './features/checklist';
import { registerInputGuard, registerInvokeFallbacks } from './features/inputGuard';
import { registerRegisterImport } from './features/registerImport';
import { registerStatus } from './features/status';
import { registerSystemSearch } from './features/systemSearch';

/**
 * The first matching route wins, so order matters: the input guard first (too large to read), specific features
 * next, answers after them (its message route catches every message), and the fallback for card verbs and invokes
 * nobody handles last.
 */
const features: readonly FeatureRegistration[] = [
  registerConversationReferenceCapture,
  registerInputGuard,
  registerChecklist,
  // Before status: its file consent routes take every consent but the register export's.
  registerRegisterImport,
  registerStatus,
  registerSystemSearch,
  registerAnswers,
  registerInvokeFallbacks,
];

/** The Application with every feature's routes, in the order above. */
export function createBotApplication(adapter: TeamsAdapter, deps: FeatureDeps): BotApplication {
  // No teams-ai storage: our repositories hold all state, and an Application without storage reads none.
  const app = new QuietApplication({ adapter, startTypingTimer: false, removeRecipientMention: true });
  for (const registerFeature of features) registerFeature(app, deps);
  return app;
}

/**
 * teams-ai 1.7.4's Application.run starts its typing timer whatever `startTypingTimer` says, and keeps the timer in
 * one field shared by every concurrent turn, so one turn can stop another's. Our answers take milliseconds, so the
 * indicator would only add a stray "typing" activity to slow turns: honour the option.
 */
class QuietApplication extends Application<TurnState> {
  override startTypingTimer(context: TurnContext): void {
    if (this.options.startTypingTimer) super.startTypingTimer(context);
  }
}
