/**
 * One person in a personal chat with the bot, as the load script drives it: questions about the register
 * (message activities with expectReplies) between the steps of the annual follow-up checklist (Action.Execute
 * invokes, pressing the buttons of the card the previous step returned, with valid answers). The conversation
 * keeps its own state, so autocannon (which resets its per-connection context whenever its request list wraps)
 * only asks it for the next request and hands it the response.
 *
 * The checklist is driven by what the cards offer, as a person would: open a system ("checklista <name>"), fill
 * and send each section, send the summary, go on to the next system; a system that comes round again is
 * submitted already and is reopened, and its sections are gone through again from the first. Now and then it
 * sends an older card again (a double click, an old window): the bot must answer that with the current state
 * and a notice, writing nothing.
 */
import { randomUUID } from 'node:crypto';
import { checklistTexts } from '../../src/texts/checklist';
import { messageActivity, type TestUser } from '../../test/support/activities';

export const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';
const invokeTextType = 'application/vnd.microsoft.activity.message';

const verbs = {
  start: 'checklist.start',
  next: 'checklist.next',
  goTo: 'checklist.goTo',
  submit: 'checklist.submit',
  reopen: 'checklist.reopen',
} as const;

/** What a request did, for latency per kind. */
export type RequestKind =
  | 'question'
  | 'checklist: open (message)'
  | 'checklist: start (button)'
  | 'checklist: section'
  | 'checklist: go to section'
  | 'checklist: submit'
  | 'checklist: reopen'
  | 'checklist: older card again';

export interface LoadUser extends TestUser {
  email: string;
}

export interface ChecklistSystem {
  id: string;
  name: string;
}

/** How one response was judged. */
export type Outcome =
  | { kind: 'ok' }
  /** The current state with the stale notice, after sending an older card on purpose. */
  | { kind: 'staleAsIntended' }
  /** The stale notice where nothing older was sent: someone else changed the review (nobody should here). */
  | { kind: 'staleUnexpected' }
  | { kind: 'error'; reason: string };

export interface ConversationOptions {
  user: LoadUser;
  serviceUrl: string;
  /** Systems this person may answer the checklist of, worked through in turn. */
  systems: readonly ChecklistSystem[];
  /** Question texts, asked in turn starting at `questionOffset`. */
  questions: readonly string[];
  questionOffset: number;
  /** Share of requests that are checklist steps, 0 to 1. */
  checklistShare: number;
  /** Every Nth checklist step sends the previous section card again (0: never). */
  olderCardEvery: number;
  /** For a planned action's due date. */
  dueDate: string;
}

interface Action {
  verb: string;
  data: Record<string, unknown>;
}

interface ShownCard {
  actions: Action[];
  /** The ids of the card's inputs. */
  inputIds: string[];
  /** Its TextBlock texts with anything outside ASCII left out (see asciiOnly). */
  texts: string[];
}

interface Pending {
  kind: RequestKind;
}

// The load generator joins body chunks as strings, so a letter split between two TCP chunks arrives garbled;
// notices are compared on their ASCII letters only.
const asciiOnly = (text: string) => text.replace(/[^\x20-\x7e]/g, '');
const staleNotice = asciiOnly(checklistTexts.stale.sv);
const errorsNotice = asciiOnly(checklistTexts.sectionHasErrors.sv);

export class LoadConversation {
  readonly user: LoadUser;
  private readonly options: ConversationOptions;
  private step = 0;
  private checklistSteps = 0;
  private questionIndex: number;
  private systemIndex = 0;
  /** The card the last checklist step left on screen; undefined: open the current system. */
  private card: ShownCard | undefined;
  private justSubmitted = false;
  private sectionsSavedThisRound = 0;
  /** The body of the last section that was saved, to send again as an older card. */
  private lastSavedSection: string | undefined;
  private pending: Pending | undefined;
  /** Kind of the request whose response was judged last, for the latency the client reports right after. */
  lastAnswered: RequestKind | undefined;
  /** Sections and reviews this conversation got stored. */
  sectionsSaved = 0;
  submitted = 0;

  constructor(options: ConversationOptions) {
    this.options = options;
    this.user = options.user;
    this.questionIndex = options.questionOffset;
  }

  /** The next request body; a request still waiting (timed out, or cut off by the end of a run) is forgotten. */
  next(): { kind: RequestKind; body: string } {
    if (this.pending !== undefined) this.resync();
    const n = this.step++;
    const share = this.options.checklistShare;
    const checklistTurn = Math.floor((n + 1) * share) > Math.floor(n * share);
    const request = checklistTurn && this.options.systems.length > 0 ? this.checklistStep() : this.question();
    this.pending = { kind: request.kind };
    return request;
  }

  /** Judges the response to the last request and takes the card it shows as the next step's starting point. */
  handle(status: number, body: string): Outcome {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined) return { kind: 'error', reason: 'a response nobody waited for' };
    this.lastAnswered = pending.kind;
    if (status !== 200) {
      if (pending.kind !== 'question') this.card = undefined;
      return { kind: 'error', reason: `${pending.kind}: status ${status}` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      if (pending.kind !== 'question') this.card = undefined;
      return { kind: 'error', reason: `${pending.kind}: a body that is not JSON` };
    }
    if (pending.kind === 'question') {
      const messages = repliesOf(parsed);
      return messages.length > 0
        ? { kind: 'ok' }
        : { kind: 'error', reason: 'question: 200 without a reply' };
    }
    const card = pending.kind === 'checklist: open (message)' ? cardOfReplies(parsed) : cardOfInvoke(parsed);
    if (typeof card === 'string') {
      this.card = undefined;
      return { kind: 'error', reason: `${pending.kind}: ${card}` };
    }
    this.card = card;
    const stale = card.texts.some((text) => text.startsWith(staleNotice.slice(0, 60)));
    if (pending.kind === 'checklist: older card again') {
      return stale
        ? { kind: 'staleAsIntended' }
        : { kind: 'error', reason: 'an older card again was not answered as stale' };
    }
    if (stale) return { kind: 'staleUnexpected' };
    if (card.texts.some((text) => text.startsWith(errorsNotice.slice(0, 40)))) {
      return { kind: 'error', reason: `${pending.kind}: the answers were refused` };
    }
    if (pending.kind === 'checklist: section') {
      this.sectionsSaved++;
      this.sectionsSavedThisRound++;
    }
    if (pending.kind === 'checklist: submit') {
      this.submitted++;
      this.justSubmitted = true;
    }
    return { kind: 'ok' };
  }

  /** The last request got no answer: what it changed is unknown, so the system is opened again. */
  private resync(): void {
    this.pending = undefined;
    this.card = undefined;
    this.lastSavedSection = undefined;
  }

  private question(): { kind: RequestKind; body: string } {
    const questions = this.options.questions;
    const text = questions[this.questionIndex++ % questions.length]!;
    return { kind: 'question', body: this.message(text) };
  }

  private checklistStep(): { kind: RequestKind; body: string } {
    const n = this.checklistSteps++;
    const every = this.options.olderCardEvery;
    if (every > 0 && n % every === every - 1 && this.lastSavedSection !== undefined) {
      const repeated = this.lastSavedSection;
      this.lastSavedSection = undefined;
      // Same card data (its version is the one before the save), new activity id: a second press.
      return { kind: 'checklist: older card again', body: withNewId(repeated) };
    }
    const system = this.options.systems[this.systemIndex % this.options.systems.length]!;
    const card = this.card;
    if (card === undefined) return this.open(system);
    const find = (verb: string) => card.actions.find((action) => action.verb === verb);

    const reopen = find(verbs.reopen);
    if (reopen !== undefined && find(verbs.submit) === undefined) {
      if (this.justSubmitted) {
        this.justSubmitted = false;
        this.systemIndex++;
        return this.open(this.options.systems[this.systemIndex % this.options.systems.length]!);
      }
      return { kind: 'checklist: reopen', body: this.invoke(verbs.reopen, reopen.data) };
    }
    const submit = find(verbs.submit);
    if (submit !== undefined) {
      // A reopened review is complete already; go through its sections again before sending it.
      const goTo = card.actions.find(
        (action) => action.verb === verbs.goTo && action.data.sectionIndex === 0,
      );
      if (this.sectionsSavedThisRound === 0 && goTo !== undefined) {
        return { kind: 'checklist: go to section', body: this.invoke(verbs.goTo, goTo.data) };
      }
      this.sectionsSavedThisRound = 0;
      return { kind: 'checklist: submit', body: this.invoke(verbs.submit, submit.data) };
    }
    const next = find(verbs.next);
    if (next !== undefined) {
      const body = this.invoke(verbs.next, { ...next.data, ...this.answers(card.inputIds) });
      this.lastSavedSection = body;
      return { kind: 'checklist: section', body };
    }
    const start = card.actions.find(
      (action) => action.verb === verbs.start && action.data.systemId === system.id,
    );
    if (start !== undefined)
      return { kind: 'checklist: start (button)', body: this.invoke(verbs.start, start.data) };
    // Nothing on the card leads on (it should not happen): start over from the message.
    return this.open(system);
  }

  private open(system: ChecklistSystem): { kind: RequestKind; body: string } {
    this.sectionsSavedThisRound = 0;
    this.lastSavedSection = undefined;
    return { kind: 'checklist: open (message)', body: this.message(`checklista ${system.name}`) };
  }

  /**
   * Valid answers for every question of the section: "yes", except the first question of every third
   * section, answered "no" with a comment and a planned action, as deviations are.
   */
  private answers(inputIds: readonly string[]): Record<string, string> {
    const questionIds = inputIds.filter((id) => id.endsWith('.answer')).map((id) => id.slice(0, -7));
    const deviation = this.sectionsSaved % 3 === 0 ? questionIds[0] : undefined;
    const values: Record<string, string> = {};
    for (const questionId of questionIds) {
      const no = questionId === deviation;
      values[`${questionId}.answer`] = no ? 'no' : 'yes';
      values[`${questionId}.comment`] = no ? 'Rutinen är inte dokumenterad än.' : '';
      values[`${questionId}.what`] = no ? 'Dokumentera rutinen' : '';
      values[`${questionId}.who`] = no ? this.user.name : '';
      values[`${questionId}.due`] = no ? this.options.dueDate : '';
    }
    return values;
  }

  private message(text: string): string {
    return JSON.stringify({
      ...messageActivity({ text, from: this.user, serviceUrl: this.options.serviceUrl }),
      deliveryMode: 'expectReplies',
    });
  }

  private invoke(verb: string, data: Record<string, unknown>): string {
    const base = messageActivity({ text: '', from: this.user, serviceUrl: this.options.serviceUrl });
    delete base.text;
    delete base.textFormat;
    return JSON.stringify({
      ...base,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  }
}

function withNewId(body: string): string {
  const activity = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify({ ...activity, id: randomUUID(), timestamp: new Date() });
}

function repliesOf(parsed: unknown): { attachments?: { contentType?: string; content?: unknown }[] }[] {
  const activities = (parsed as { activities?: unknown } | null)?.activities;
  if (!Array.isArray(activities)) return [];
  return activities.filter(
    (activity): activity is { attachments?: { contentType?: string; content?: unknown }[] } =>
      typeof activity === 'object' &&
      activity !== null &&
      (activity as { type?: unknown }).type === 'message',
  );
}

/** The card of an expectReplies response, or what was wrong. */
function cardOfReplies(parsed: unknown): ShownCard | string {
  const messages = repliesOf(parsed);
  if (messages.length === 0) return '200 without a reply';
  for (const message of messages) {
    const attachment = (message.attachments ?? []).find((a) => a.contentType === adaptiveCardType);
    if (attachment !== undefined) return readCard(attachment.content);
  }
  return 'a reply without a card';
}

/** The card of an invoke response (it replaces the pressed one), or what was wrong. */
function cardOfInvoke(parsed: unknown): ShownCard | string {
  const response = parsed as { statusCode?: unknown; type?: unknown; value?: unknown } | null;
  if (response?.type === adaptiveCardType) return readCard(response.value);
  if (response?.type === invokeTextType) return 'a text instead of a card';
  return `an invoke response of type ${String(response?.type)}`;
}

function readCard(card: unknown): ShownCard {
  const shown: ShownCard = { actions: [], inputIds: [], texts: [] };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute' && typeof element.verb === 'string') {
      const data = typeof element.data === 'object' && element.data !== null ? element.data : {};
      shown.actions.push({ verb: element.verb, data: data as Record<string, unknown> });
    } else if (typeof element.type === 'string' && element.type.startsWith('Input.')) {
      if (typeof element.id === 'string') shown.inputIds.push(element.id);
    } else if (element.type === 'TextBlock' && typeof element.text === 'string') {
      shown.texts.push(asciiOnly(element.text));
    }
    for (const [key, value] of Object.entries(element)) if (key !== 'data') visit(value);
  };
  visit(card);
  return shown;
}
