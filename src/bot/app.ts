import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { CurrentRegister } from '../domain/answers/currentRegister';
import { builtInLexicon, type Lexicon } from '../domain/answers/lexicon';
import type { RoleGuideline } from '../domain/answers/roleGuideline';
import {
  createReviewService,
  type ChecklistAccess,
  type Checklist,
  type DeadlinePolicy,
  type ReviewService,
} from '../domain/checklist';
import type { Storage } from '../domain/ports';
import type { Logger } from '../shared/logger';
import type { Lang } from '../texts';
import { registerConversationReferenceCapture } from './conversationReferences';
import { registerAnswers } from './features/answers';
import { registerChecklist } from './features/checklist';
import { registerInputGuard, registerInvokeFallbacks } from './features/inputGuard';
import { registerStatus } from './features/status';
import { registerSystemSearch } from './features/systemSearch';
import { createTeamsIdentity, type TeamsIdentity } from './teamsIdentity';

export type BotApplication = Application<TurnState>;

/** What a feature's route handlers may use. Features get ports, never SDK clients or configuration. */
export interface FeatureDeps {
  storage: Storage;
  logger: Logger;
  /** The register index for questions, rebuilt when an import has changed the register. */
  register: CurrentRegister;
  /** What each role means, for "vad gör en systemförvaltare?". */
  roleGuideline: RoleGuideline;
  /** The words questions are read with: the grammar and the municipality's vocabulary. */
  lexicon: Lexicon;
  /** Who is acting: Entra object id from the activity, e-mail and UPN from the Teams member lookup. */
  identity: TeamsIdentity;
  /** The annual follow-up (checklist dialog, status, export). */
  followUp: FollowUpDeps;
}

export type ExportFormat = 'xlsx' | 'csv';

/** The follow-up results as a file (infrastructure/checklist/reviewExport.ts writes it). */
export interface ExportedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  rowCount: number;
  systemCount: number;
}

export type ReviewExporter = (options: {
  year: number;
  format: ExportFormat;
  lang: Lang;
}) => Promise<ExportedFile>;

export interface FollowUpDeps {
  reviews: ReviewService;
  /** Admins and information security coordinators (status, export). */
  access: ChecklistAccess;
  deadlines: DeadlinePolicy;
  /** The municipality's time zone, for "today" and the times shown. */
  timeZone: string;
  now: () => Date;
  exportReviews: ReviewExporter;
}

export type FeatureRegistration = (app: BotApplication, deps: FeatureDeps) => void;

/**
 * The first matching route wins, so order matters: the input guard first (too large to read), specific features
 * next, answers after them (its message route catches every message, its card-action fallback every `answers.`
 * verb), and the fallback for invokes nobody handles last.
 */
const features: readonly FeatureRegistration[] = [
  registerConversationReferenceCapture,
  registerInputGuard,
  registerChecklist,
  registerStatus,
  registerSystemSearch,
  registerAnswers,
  registerInvokeFallbacks,
];

export interface BotApplicationDeps {
  storage: Storage;
  logger: Logger;
  roleGuideline: RoleGuideline;
  /** The grammar with the municipality's vocabulary (content/vocabulary.json); the grammar alone when absent. */
  lexicon?: Lexicon;
  /** The checklist new reviews are answered against. */
  checklist: Checklist;
  checklistAccess: ChecklistAccess;
  checklistDeadlines: DeadlinePolicy;
  exportReviews: ReviewExporter;
  now?: () => Date;
}

const municipalTimeZone = 'Europe/Stockholm';

export function createBotApplication(adapter: TeamsAdapter, deps: BotApplicationDeps): BotApplication {
  // No teams-ai storage: our repositories hold all state, and an Application without storage reads none.
  const app = new QuietApplication({ adapter, startTypingTimer: false, removeRecipientMention: true });
  const register = new CurrentRegister(deps.storage, { logger: deps.logger });
  const now = deps.now ?? (() => new Date());
  const reviews = createReviewService({
    storage: deps.storage,
    checklist: deps.checklist,
    access: deps.checklistAccess,
    deadlines: deps.checklistDeadlines,
    now,
    timeZone: municipalTimeZone,
    logger: deps.logger,
  });
  const followUp: FollowUpDeps = {
    reviews,
    access: deps.checklistAccess,
    deadlines: deps.checklistDeadlines,
    timeZone: municipalTimeZone,
    now,
    exportReviews: deps.exportReviews,
  };
  const identity = createTeamsIdentity({ logger: deps.logger });
  const featureDeps: FeatureDeps = {
    storage: deps.storage,
    logger: deps.logger,
    roleGuideline: deps.roleGuideline,
    lexicon: deps.lexicon ?? builtInLexicon,
    register,
    identity,
    followUp,
  };
  for (const registerFeature of features) registerFeature(app, featureDeps);
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
