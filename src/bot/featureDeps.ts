/**
 * What every feature's registration gets: the Application its routes go on, and the services the composition
 * made for them (src/composition.ts). Features get ports and services, never SDK clients or configuration.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
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
import type { ConversationReferenceCache } from './conversationReferenceCache';
import type { TeamsIdentity } from './teamsIdentity';

export type BotApplication = Application<TurnState>;

/** What a feature's route handlers may use, made once by the composition. */
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
