import type { Answer, Lang, RegisterIndex } from '../../domain/answers';
import type { RoleGuideline } from '../../domain/answers/roleGuideline';
import type { SystemRecord } from '../../domain/register/system';
import { say } from '../../texts';
import { answerTexts, roleWords } from '../../texts/answers';
import { chooseSystemCard, chooseSystemCardData, chooseSystemText } from './chooseSystemCard';
import { choosePersonCard, choosePersonCardData, choosePersonText } from './choosePersonCard';
import {
  firstExample,
  helpCard,
  helpCardData,
  helpText,
  registerExamples,
  type HelpOptions,
} from './helpCard';
import { personNotFoundCard, personNotFoundCardData, personNotFoundText } from './personNotFoundCard';
import { personSystemsCard, personSystemsCardData, personSystemsText } from './personSystemsCard';
import { roleDefinitionCard, roleDefinitionCardData, roleDefinitionText } from './roleDefinitionCard';
import { systemAnswerCardFor, systemAnswerText } from './systemAnswerCard';
import { systemListCard, systemListCardData, systemListText } from './systemListCard';
import { systemNotFoundCard, systemNotFoundCardData, systemNotFoundText } from './systemNotFoundCard';
import { escapeMarkdown } from './markdown';
import type { AdaptiveCard } from './templates';

/**
 * A reply: the card, and the essential answer as plain text for notifications, screen readers and the
 * activity feed (and for clients that show no cards).
 */
export interface Reply {
  text: string;
  /** Absent for a reply that is only words, such as a "you're welcome". */
  card?: AdaptiveCard;
}

export interface CardReply extends Reply {
  card: AdaptiveCard;
}

export interface ReplyContext {
  index: RegisterIndex;
  guideline: RoleGuideline;
  /** Whether the asker may start this system's annual follow-up; nobody when absent. */
  mayStartFollowUp?: (system: SystemRecord) => boolean;
}

/** Answers that need no register: the rest, when it is empty, become the help card saying so. */
const answersWithoutRegister = new Set<Answer['kind']>(['help', 'roleDefinition', 'thanks']);

/** Every answer as a card and text, in the answer's language. */
export function replyToAnswer(answer: Answer, context: ReplyContext): Reply {
  const { index, guideline } = context;
  const { lang } = answer;
  if (index.systemCount === 0 && !answersWithoutRegister.has(answer.kind)) {
    return helpReply(lang, index, { notice: say(lang, answerTexts.emptyRegister) });
  }
  switch (answer.kind) {
    case 'systemRoles':
      return {
        text: systemAnswerText(answer),
        card: systemAnswerCardFor(answer, { followUp: context.mayStartFollowUp?.(answer.system) === true }),
      };
    case 'chooseSystem':
      return { text: chooseSystemText(answer), card: chooseSystemCard.expand(chooseSystemCardData(answer)) };
    case 'systemNotFound':
      return {
        text: systemNotFoundText(answer),
        card: systemNotFoundCard.expand(systemNotFoundCardData(answer)),
      };
    case 'personSystems':
      return {
        text: personSystemsText(answer),
        card: personSystemsCard.expand(personSystemsCardData(answer)),
      };
    case 'choosePerson':
      return { text: choosePersonText(answer), card: choosePersonCard.expand(choosePersonCardData(answer)) };
    case 'personNotFound':
      return {
        text: personNotFoundText(answer),
        card: personNotFoundCard.expand(personNotFoundCardData(answer)),
      };
    case 'systemList':
      return { text: systemListText(answer), card: systemListCard.expand(systemListCardData(answer)) };
    case 'roleDefinition':
      return {
        text: roleDefinitionText(answer, guideline),
        card: roleDefinitionCard.expand(roleDefinitionCardData(answer, guideline, registerExamples(index))),
      };
    case 'help':
      return helpReply(lang, index);
    case 'several':
      return severalReply(answer, context);
    case 'thanks':
      return { text: say(lang, answerTexts.youAreWelcome) };
    case 'askerNotInRegister':
      // Words only: there is nothing to show or press, and the address is the asker's own.
      return {
        text: answer.address
          ? say(lang, answerTexts.askerNotInRegister, { address: answer.address })
          : say(lang, answerTexts.askerUnknown),
      };
    case 'notUnderstood': {
      const examples = registerExamples(index);
      const role = answer.roles[0];
      const notice =
        role && examples
          ? say(lang, answerTexts.notUnderstoodRole, {
              question: say(lang, roleWords[role].question, { system: examples.anySystem }),
            })
          : say(lang, answerTexts.notUnderstood, { example: firstExample(lang, examples) });
      return { text: notice, card: helpCard.expand(helpCardData(lang, examples, { notice })) };
    }
  }
}

/**
 * One message for a question that named several things: each answer's card in turn, in one card, and their
 * texts one after the other. The parts' buttons go with their part. A part that would take the message past
 * Teams' limit is left out and named, as are the parts the answer already left out.
 */
function severalReply(answer: Extract<Answer, { kind: 'several' }>, context: ReplyContext): Reply {
  const { lang } = answer;
  const texts: string[] = [];
  const body: unknown[] = [];
  const leftOut = [...answer.leftOut];
  let version = '1.0';
  for (const part of answer.parts) {
    const reply = replyToAnswer(part, context);
    const partBody = reply.card
      ? cardBodyOf(reply.card)
      : [{ type: 'TextBlock', text: reply.text, wrap: true }];
    // Only what differs from the defaults is written: the SDK drops a default value, and Teams with it.
    const section =
      body.length > 0
        ? { type: 'Container', separator: true, spacing: 'Large', items: partBody }
        : { type: 'Container', items: partBody };
    if (JSON.stringify([...body, section]).length > maximumSeveralCardBytes) {
      leftOut.push(describedPart(part));
      continue;
    }
    body.push(section);
    texts.push(reply.text);
    if (reply.card && reply.card.version > version) version = reply.card.version;
  }
  if (answer.notUnderstood && answer.notUnderstood.length > 0) {
    const notice = say(lang, answerTexts.severalNotUnderstood, { names: answer.notUnderstood.join('”, ”') });
    texts.push(notice);
    body.push({ type: 'TextBlock', text: escapeMarkdown(notice), wrap: true, separator: true });
  }
  const named = leftOut.filter((name) => name !== '');
  if (named.length > 0) {
    const notice = say(lang, answerTexts.severalLeftOut, {
      count: String(body.length),
      names: named.join('”, ”'),
    });
    texts.push(notice);
    body.push({ type: 'TextBlock', text: escapeMarkdown(notice), wrap: true, separator: true });
  }
  return {
    text: texts.join('\n\n'),
    card: {
      type: 'AdaptiveCard',
      version,
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      body,
    },
  };
}

/** Room for the parts' cards, below the 40 KB of a message with its text and envelope. */
const maximumSeveralCardBytes = 26_000;

function cardBodyOf(card: AdaptiveCard): unknown[] {
  const body = Array.isArray(card.body) ? [...(card.body as unknown[])] : [];
  if (Array.isArray(card.actions) && card.actions.length > 0)
    body.push({ type: 'ActionSet', actions: card.actions });
  return body;
}

function describedPart(part: Answer): string {
  if (part.kind === 'systemRoles') return part.system.name;
  if (part.kind === 'personSystems') return part.person.name;
  return 'query' in part ? part.query : '';
}

/** The help card, which is also the welcome card when the app is installed. */
export function helpReply(lang: Lang, index: RegisterIndex, given: HelpOptions = {}): CardReply {
  const examples = registerExamples(index);
  const options: HelpOptions =
    index.systemCount === 0 && !given.notice
      ? { ...given, notice: say(lang, answerTexts.emptyRegister) }
      : given;
  return {
    text: helpText(lang, examples, options),
    card: helpCard.expand(helpCardData(lang, examples, options)),
  };
}
