import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { Storage } from '../domain/register/ports';
import type { Logger } from '../shared/logger';
import { registerAbout } from './features/about';

export type BotApplication = Application<TurnState>;

/** What a feature's route handlers may use. Features get ports, never SDK clients or configuration. */
export interface FeatureDeps {
  storage: Storage;
  logger: Logger;
}

export type FeatureRegistration = (app: BotApplication, deps: FeatureDeps) => void;

/**
 * The first matching route wins, so order matters: specific features first, features with a catch-all
 * message route (about) last.
 */
const features: readonly FeatureRegistration[] = [registerAbout];

export function createBotApplication(adapter: TeamsAdapter, deps: FeatureDeps): BotApplication {
  // No teams-ai storage: our repositories hold all state, and an Application without storage reads none.
  // No typing timer: it sends activities outside the turn's replies, which expectReplies callers never see.
  const app = new Application<TurnState>({ adapter, startTypingTimer: false, removeRecipientMention: true });
  for (const register of features) register(app, deps);
  return app;
}
