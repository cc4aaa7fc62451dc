import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { CurrentRegister } from '../domain/answers/currentRegister';
import type { Lexicon } from '../domain/answers/lexicon';
import type { QuestionContexts } from '../domain/answers/questionContexts';
import type { RoleGuideline } from '../domain/answers/roleGuideline';
import type { ChecklistAccess, ReviewService } from '../domain/checklist';
import type { FollowUpCalendar } from '../domain/followUp/followUpCalendar';
import type { Storage } from '../domain/ports';
import type { DownloadPolicy } from '../infrastructure/registerFile/downloadRegisterFile';
import type { Logger } from '../shared/logger';
import type { Lang } from '../texts';
import {
  registerConversationReferenceCapture,
  type ConversationReferenceCache,
} from './conversationReferences';
import { registerAnswers } from './features/answers';
import { registerChecklist } from './features/checklist';
import { registerInputGuard, registerInvokeFallbacks } from './features/inputGuard';
import { registerRegisterImport } from './features/registerImport';
import { registerStatus } from './features/status';
import { registerSystemSearch } from './features/systemSearch';
import type { TeamsIdentity } from './teamsIdentity';

export type BotApplication = Application<TurnState>;

/**
 * What a feature's route handlers may use, made once by the composition (src/composition.ts). Features get ports
 * and services, never SDK clients or configuration.
 */
export interface FeatureDeps {
  storage: Storage;
  logger: Logger;
  now: () => Date;
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
  /** What each user's last answer left for a follow-up question. */
  questionContexts: QuestionContexts;
  /** What this process last stored or read of each person's conversation reference. */
  conversationReferenceCache: ConversationReferenceCache;
  /** Where a register file an admin sends in Teams may be downloaded from. */
  registerDownloads: DownloadPolicy;
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
  /** Which follow-up year is current, deadlines, and the municipality's time zone for the times shown. */
  calendar: FollowUpCalendar;
  now: () => Date;
  exportReviews: ReviewExporter;
}

export type FeatureRegistration = (app: BotApplication, deps: FeatureDeps) => void;

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
