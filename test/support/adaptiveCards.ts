import type * as AdaptiveCardsSdk from 'adaptivecards';

// The package's default entry needs a DOM; the UMD bundle loads in Node and has the same parser.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsSdk;

/** The schema version Teams renders, and every card of ours declares. */
export const teamsCardVersion = '1.5';

export interface CardProblem {
  phase: 'parse' | 'validation' | 'version' | 'roundTrip';
  event: string;
  message: string;
}

/**
 * Everything the Adaptive Cards SDK reports about a card at schema 1.5: parse events (unknown elements, invalid
 * values, properties newer than 1.5), validation events (missing required properties, duplicate ids, too
 * many actions), a version other than 1.5, and properties the SDK drops when it serialises the card again:
 * a typo such as "wrapp" parses silently, and only this comparison catches it.
 */
export function adaptiveCardProblems(input: unknown): CardProblem[] {
  const problems: CardProblem[] = [];
  // Teams' chart elements (Chart.Donut, ...) are not in the SDK: each must carry a fallback (an element, or
  // "drop" where the text around it says the same), and the card is checked as a client without charts renders
  // it, with the fallback in the chart's place.
  const json = withChartFallbacks(input, problems, '');
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push({ phase: 'parse', event: AC.ValidationEvent[event.event], message: event.message });
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push({ phase: 'validation', event: AC.ValidationEvent[event.event], message: event.message });
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== teamsCardVersion) {
    problems.push({ phase: 'version', event: 'version', message: `version is ${String(version)}, not 1.5` });
  }
  const serialised = card.toJSON(new AC.SerializationContext(AC.Versions.v1_5));
  for (const path of droppedProperties(json, serialised, '')) {
    problems.push({
      phase: 'roundTrip',
      event: 'DroppedProperty',
      message: `${path} is dropped by the SDK: not a 1.5 property, or a default value that need not be written`,
    });
  }
  return problems;
}

const dropped = Symbol('dropped by its fallback');

function withChartFallbacks(node: unknown, problems: CardProblem[], path: string): unknown {
  if (Array.isArray(node)) {
    return node
      .map((item, i) => withChartFallbacks(item, problems, `${path}[${i}]`))
      .filter((item) => item !== dropped);
  }
  if (typeof node !== 'object' || node === null) return node;
  const element = node as Record<string, unknown>;
  if (typeof element.type === 'string' && element.type.startsWith('Chart.')) {
    if (element.fallback === 'drop') return dropped;
    if (typeof element.fallback !== 'object' || element.fallback === null) {
      problems.push({ phase: 'parse', event: 'ChartWithoutFallback', message: `${path} has no fallback` });
      return { type: 'TextBlock', text: '' };
    }
    return withChartFallbacks(element.fallback, problems, `${path}.fallback`);
  }
  return Object.fromEntries(
    Object.entries(element).map(([key, value]) => [
      key,
      key === 'data' ? value : withChartFallbacks(value, problems, `${path}.${key}`),
    ]),
  );
}

/** Fails with every problem listed, so one run shows all that is wrong with a card. */
export function assertValidAdaptiveCard(json: unknown, name = 'card'): void {
  const problems = adaptiveCardProblems(json);
  if (problems.length > 0) {
    throw new Error(
      `${name} has ${problems.length} problem(s) at schema 1.5:\n` +
        problems.map((problem) => `  [${problem.phase}] ${problem.event}: ${problem.message}`).join('\n'),
    );
  }
}

// Teams reads these itself; the SDK leaves them out when it serialises a card.
const hostProperties = new Set(['$schema', 'msteams']);

function droppedProperties(input: unknown, output: unknown, path: string): string[] {
  if (Array.isArray(input)) {
    const outputs = Array.isArray(output) ? output : [];
    return input.flatMap((item, i) => droppedProperties(item, outputs[i], `${path}[${i}]`));
  }
  if (typeof input !== 'object' || input === null) return [];
  const out = (typeof output === 'object' && output !== null ? output : {}) as Record<string, unknown>;
  return Object.entries(input as Record<string, unknown>).flatMap(([key, value]) => {
    if (path === '' && hostProperties.has(key)) return [];
    // Action data is the bot's own payload, echoed back as given.
    if (key === 'data') return [];
    if (!(key in out)) return [`${path}.${key}`];
    return droppedProperties(value, out[key], `${path}.${key}`);
  });
}

/** Every text a card shows as markdown (TextBlocks, facts), in order, for assertions about what users see. */
export function cardTexts(json: unknown): string[] {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      for (const fact of element.facts as { title?: unknown; value?: unknown }[]) {
        if (typeof fact.title === 'string') texts.push(fact.title);
        if (typeof fact.value === 'string') texts.push(fact.value);
      }
    }
    Object.values(element).forEach(visit);
  };
  visit(json);
  return texts;
}

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  url?: string;
  data?: unknown;
}

/** Every action of a card, wherever it sits (actions, ActionSets, selectActions). */
export function cardActions(json: unknown): CardAction[] {
  const actions: CardAction[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (typeof element.type === 'string' && element.type.startsWith('Action.')) {
      actions.push(element as unknown as CardAction);
    }
    Object.entries(element).forEach(([key, value]) => {
      if (key !== 'data') visit(value);
    });
  };
  visit(json);
  return actions;
}

/** Every input of the card with the value it shows, as Teams sends them with an Action.Execute. */
export function inputsOf(card: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Input.') &&
      typeof element.id === 'string'
    ) {
      values[element.id] = typeof element.value === 'string' ? element.value : '';
    }
    Object.values(element).forEach(visit);
  };
  visit(card);
  return values;
}
