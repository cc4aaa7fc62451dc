import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import {
  answerForPerson,
  answerForSystem,
  answerParsedQuestion,
  parseQuestion,
  contextAfter,
  type Answer,
  type RegisterIndex,
} from '../../domain/answers';
import { answerPermission, type Delegate } from '../../domain/checklist/permissions';
import type { Storage } from '../../domain/ports';
import type { SystemRecord } from '../../domain/register/system';
import type { QuestionContext } from '../../domain/answers/answer';
import { mayBuildOnPrevious } from '../../domain/answers/questionContexts';
import { errorFields } from '../../shared/logger';
import { say } from '../../texts';
import { answerTexts } from '../../texts/answers';
import { activityIds } from '../adapter';
import type { BotApplication, FeatureDeps } from '../featureDeps';
import { helpReply, replyToAnswer, type Reply } from '../cards/answerReply';
import { systemsShownWhole } from '../cards/systemListCard';
import {
  choosePersonActionSchema,
  choosePersonVerb,
  chooseSystemActionSchema,
  chooseSystemVerb,
  languageOfActionData,
} from '../cards/verbs';
import { isAttachmentsOnly, typedTextOf } from '../messageText';

/** Longer messages are cut: no question needs more, and the matcher's work stays bounded. */
export const maxQuestionLength = 500;

/**
 * Questions about who owns which system: every message not taken by an earlier feature (so app.ts registers
 * this one last), the buttons of the answer cards, and the welcome card when the app is installed.
 */
export function registerAnswers(app: BotApplication, deps: FeatureDeps): void {
  const { register, roleGuideline, lexicon, logger, identity, storage, followUp } = deps;
  const contexts = deps.questionContexts;
  const delegates = new RecentDelegates(storage, followUp.now);
  // The follow-up year changes once a year; working it out (a date in the municipality's time zone) costs more
  // than answering, so it is worked out once a minute.
  let knownYear: { year: number; at: number } | undefined;
  const followUpYear = () => {
    const at = followUp.now().getTime();
    if (!knownYear || at - knownYear.at >= 60_000 || at < knownYear.at) {
      knownYear = { year: followUp.calendar.currentYear(followUp.now()), at };
    }
    return knownYear.year;
  };

  const reply = (
    answer: Answer,
    index: RegisterIndex,
    mayStartFollowUp?: (system: SystemRecord) => boolean,
  ): Reply =>
    replyToAnswer(answer, {
      index,
      guideline: roleGuideline,
      ...(mayStartFollowUp ? { mayStartFollowUp } : {}),
    });

  /**
   * Who may start the follow-up of the systems a reply shows as cards: the system's answerer per the register,
   * a delegate, or an admin (as the checklist decides). Teams is asked who the asker is only for a system
   * card; when that lookup or a read fails, the button is left out rather than offered to be refused.
   */
  const followUpStarters = async (
    context: TurnContext,
    answer: Answer,
  ): Promise<((system: SystemRecord) => boolean) | undefined> => {
    const systems = systemsOnCards(answer);
    if (systems.length === 0) return undefined;
    try {
      const actor = await identity.actorOf(context);
      if (actor === undefined) return undefined;
      const year = followUpYear();
      const allowed = new Set<string>();
      for (const system of systems) {
        const mayStart =
          answerPermission(actor, system, [], followUp.access).allowed ||
          answerPermission(actor, system, await delegates.of(system.id, year), followUp.access).allowed;
        if (mayStart) allowed.add(system.id);
      }
      return (system) => allowed.has(system.id);
    } catch (error) {
      logger.warn('answers.follow_up_permission_unknown', {
        ...activityIds(context.activity),
        ...errorFields(error),
      });
      return undefined;
    }
  };

  /**
   * A follow-up is a convenience that saves retyping a name: when storage fails, the answer is still given, the
   * next follow-up is answered as a fresh question, and the log says so with ids only.
   */
  const remember = async (context: TurnContext, answer: Answer) => {
    const who = askerOf(context.activity);
    const next = contextAfter(answer);
    // An answer that leaves nothing to build on keeps the previous one: "vilka av dem ..." after a
    // misspelt question still means the last list.
    if (!who || !next) return;
    try {
      await contexts.set(who.conversationId, who.userId, next);
    } catch (error) {
      logger.warn('answers.context_not_saved', { ...activityIds(context.activity), ...errorFields(error) });
    }
  };

  const previousOf = async (context: TurnContext): Promise<QuestionContext | undefined> => {
    const who = askerOf(context.activity);
    if (!who) return undefined;
    try {
      return await contexts.get(who.conversationId, who.userId);
    } catch (error) {
      logger.warn('answers.context_not_read', { ...activityIds(context.activity), ...errorFields(error) });
      return undefined;
    }
  };

  app.conversationUpdate('membersAdded', async (context) => {
    if (!botWasAdded(context)) return;
    const index = await register.index();
    // Swedish first; the card says in English that English works too.
    await context.sendActivity(messageWith(helpReply('sv', index, { welcome: true })));
    logger.info('answers.welcomed', activityIds(context.activity));
  });

  app.adaptiveCards.actionExecute<unknown>(chooseSystemVerb, async (context, _state, data) => {
    const parsed = chooseSystemActionSchema.safeParse(data);
    if (!parsed.success) return refuse(context, chooseSystemVerb, 'invalid-data', unusableButton(data));
    const { systemId, roles, lang } = parsed.data;
    const index = await register.index();
    if (!index.systemById(systemId)) {
      return refuse(context, chooseSystemVerb, 'unknown-system', say(lang, answerTexts.actionSystemGone));
    }
    const answer = answerForSystem(index, systemId, roles, lang);
    await remember(context, answer);
    logAnswer(context, answer, 'button');
    const { card, text } = reply(answer, index, await followUpStarters(context, answer));
    return card ?? text;
  });

  app.adaptiveCards.actionExecute<unknown>(choosePersonVerb, async (context, _state, data) => {
    const parsed = choosePersonActionSchema.safeParse(data);
    if (!parsed.success) return refuse(context, choosePersonVerb, 'invalid-data', unusableButton(data));
    const { personKey, role, lang } = parsed.data;
    const index = await register.index();
    if (!index.personByKey(personKey)) {
      return refuse(context, choosePersonVerb, 'unknown-person', say(lang, answerTexts.actionPersonGone));
    }
    const answer = answerForPerson(index, personKey, role, lang);
    await remember(context, answer);
    logAnswer(context, answer, 'button');
    const { card, text } = reply(answer, index);
    return card ?? text;
  });

  app.activity(ActivityTypes.Message, async (context) => {
    // A card shared into the chat from "Sök system" (or a file) is not a question: answering its markup is noise.
    if (isAttachmentsOnly(context.activity)) {
      logger.info('answers.attachments_only_ignored', activityIds(context.activity));
      return;
    }
    const text = typedTextOf(context.activity).slice(0, maxQuestionLength);
    const index = await register.index();
    const question = parseQuestion(text, lexicon);
    const previous = mayBuildOnPrevious(question) ? await previousOf(context) : undefined;
    // Teams is asked who the sender is only for a question about themselves ("vilka är mina system").
    const asker = question.aboutAsker ? await identity.actorOf(context) : undefined;
    const answer = answerParsedQuestion(index, question, previous, {
      maxListed: systemsShownWhole,
      ...(asker ? { asker: { email: asker.email, userPrincipalName: asker.userPrincipalName } } : {}),
    });
    await remember(context, answer);
    await context.sendActivity(messageWith(reply(answer, index, await followUpStarters(context, answer))));
    logAnswer(context, answer, 'message');
  });

  /**
   * A button whose data cannot be used gets a short message instead of a card, so the card it came from stays
   * as it was. The log says which verb and why; the verb of an unknown action is the sender's text, so not it.
   */
  function refuse(context: TurnContext, verb: string, reason: string, message: string): string {
    logger.warn('answers.action_refused', { ...activityIds(context.activity), verb, reason });
    return message;
  }

  /** Ids and the kind of answer only: never the question, names or e-mail addresses. */
  function logAnswer(context: TurnContext, answer: Answer, via: 'message' | 'button'): void {
    if (!logger.isEnabled('info')) return;
    logger.info('answers.answered', {
      ...activityIds(context.activity),
      via,
      kind: answer.kind,
      lang: answer.lang,
      matchedBy: answer.kind === 'systemRoles' ? answer.matchedBy : undefined,
    });
  }
}

/** How long the delegates read for the follow-up button are used before they are read again. */
const delegatesRefreshMs = 15_000;

/**
 * The year's delegates, read at most every `delegatesRefreshMs` for all systems at once: a system card is the
 * commonest answer, and a storage read for each would cost more than the answer. A delegate added just now
 * sees the button a few seconds later; the checklist itself always checks against storage.
 */
class RecentDelegates {
  private read: { year: number; at: number; bySystem: Promise<Map<string, Delegate[]>> } | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
  ) {}

  async of(systemId: string, year: number): Promise<Delegate[]> {
    const at = this.now().getTime();
    if (!this.read || this.read.year !== year || at - this.read.at >= delegatesRefreshMs) {
      const bySystem = this.storage.reviewDelegates
        .listByYear(year)
        .then((all) => new Map(all.map((stored) => [stored.value.systemId, stored.value.delegates])));
      // A failed read is not kept: the next card tries again.
      bySystem.catch(() => {
        if (this.read?.bySystem === bySystem) this.read = undefined;
      });
      this.read = { year, at, bySystem };
    }
    return (await this.read.bySystem).get(systemId) ?? [];
  }
}

/** The systems an answer shows as system cards (with the follow-up button when allowed). */
function systemsOnCards(answer: Answer): SystemRecord[] {
  if (answer.kind === 'systemRoles') return [answer.system];
  if (answer.kind === 'several') return answer.parts.flatMap(systemsOnCards);
  return [];
}

function unusableButton(data: unknown): string {
  return say(languageOfActionData(data), answerTexts.actionRefused);
}

/** A message with the card, and the text as plain text: register values must not become markdown there either. */
export function messageWith(reply: Reply): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text: reply.text,
    textFormat: 'plain',
    ...(reply.card ? { attachments: [CardFactory.adaptiveCard(reply.card)] } : {}),
  };
}

/** Who asked, in which conversation: follow-ups are kept per user, also in group chats and channels. */
function askerOf(activity: Partial<Activity>): { conversationId: string; userId: string } | undefined {
  const conversationId = activity.conversation?.id;
  const userId = activity.from?.aadObjectId ?? activity.from?.id;
  return conversationId && userId ? { conversationId, userId } : undefined;
}

/** Teams sends membersAdded for people too; the welcome belongs to the bot's own arrival (the install). */
function botWasAdded(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id === botId);
}
