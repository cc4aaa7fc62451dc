/**
 * fast-check generators for what an attacker or a broken client may post to /api/messages: activities built on a
 * realistic Teams activity and then broken (fields missing, of the wrong type, huge, full of control characters),
 * card submits with tampered data, unknown activity types and invoke names, and bodies that are not objects.
 */
import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { checklistVerbs } from '../../src/bot/cards/checklistActions';
import { answerVerbs } from '../../src/bot/cards/verbs';
import { messageActivity, otherTenantId, testTenantId, type TestUser } from '../support/activities';

/** What the generators aim at: the ids that exist in the bot's storage when the run starts. */
export interface Targets {
  serviceUrl: string;
  /** Senders: none of them may answer any follow-up. */
  hostileUsers: readonly TestUser[];
  /** Someone who may answer a follow-up; only ever named in card data, never the sender. */
  answerer: { aadObjectId: string; email: string; id: string };
  systemIds: readonly string[];
  personKeys: readonly string[];
  reviewIds: readonly string[];
  /** Versions the review in progress had before its current one, and other made-up ones. */
  staleVersions: readonly string[];
  sectionIds: readonly string[];
  questionIds: readonly string[];
}

export type HostileRequest =
  { kind: 'activity'; activity: Record<string, unknown>; clean: boolean } | { kind: 'raw'; body: string };

const controlCharacters = fc
  .array(fc.integer({ min: 0, max: 0x1f }), { minLength: 1, maxLength: 20 })
  .map((codes) => String.fromCharCode(...codes));

/** Text as people and attackers type it: any unicode, controls, markup, and sometimes a lot of it. */
export const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: controlCharacters },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'vem äger Agresso',
      'checklista Visma Window',
      'checklista',
      'mina checklistor',
      'status',
      'exportera',
      'export 2024 csv',
      'checklist [klick](https://evil.example) ${x}',
      '<script>alert(1)</script>',
      '\u202Evem äger\u0000\uFEFF',
      '𝓿𝓮𝓶 ä𝓰𝓮𝓻 🦄',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'vem äger ', 'å', '😀', '\u0000'), fc.integer({ min: 400, max: 60_000 }))
      .map(([unit, times]) => unit.repeat(times)),
  },
);

/** A JSON value of any shape, for fields that expect something else. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

/** Field paths of an activity that routing, identity, tenant filter and capture read. */
const mutablePaths = [
  ['type'],
  ['id'],
  ['text'],
  ['name'],
  ['value'],
  ['channelId'],
  ['from'],
  ['from', 'id'],
  ['from', 'aadObjectId'],
  ['from', 'name'],
  ['recipient'],
  ['recipient', 'id'],
  ['conversation'],
  ['conversation', 'id'],
  ['conversation', 'tenantId'],
  ['conversation', 'conversationType'],
  ['conversation', 'isGroup'],
  ['channelData'],
  ['channelData', 'tenant'],
  ['channelData', 'tenant', 'id'],
  ['entities'],
  ['attachments'],
  ['membersAdded'],
  ['action'],
  ['locale'],
  ['timestamp'],
  ['deliveryMode'],
  ['replyToId'],
  ['value', 'action'],
  ['value', 'action', 'verb'],
  ['value', 'action', 'type'],
  ['value', 'action', 'data'],
] as const;

type Mutation = { path: readonly string[]; value: unknown } | { path: readonly string[]; remove: true };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ path: fc.constantFrom(...mutablePaths), value: wrongValue }),
  fc.record({ path: fc.constantFrom(...mutablePaths), remove: fc.constant(true as const) }),
  // Never a host name that would be looked up: the tests stay on loopback.
  fc.record({
    path: fc.constant(['serviceUrl']),
    value: fc.constantFrom(42, [], null, 'not a url', 'file:///etc/passwd'),
  }),
  fc.record({ path: fc.constant(['serviceUrl']), remove: fc.constant(true as const) }),
);

function applyMutation(activity: Record<string, unknown>, change: Mutation): void {
  let node: Record<string, unknown> = activity;
  for (const key of change.path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return;
    node = next as Record<string, unknown>;
  }
  const last = change.path[change.path.length - 1] as string;
  if ('remove' in change) delete node[last];
  else node[last] = change.value;
}

export function hostileRequests(targets: Targets): fc.Arbitrary<HostileRequest> {
  const verbs = [...Object.values(checklistVerbs), ...Object.values(answerVerbs)];
  const verb = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...verbs) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((rest) => `checklist.${rest}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((rest) => `answers.${rest}`) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: wrongValue },
  );
  const someString = (values: readonly string[]) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 500 }).map((s) => s.repeat(3)) },
      { weight: 1, arbitrary: wrongValue },
    );
  const lang = fc.oneof(fc.constantFrom('sv', 'en'), wrongValue);
  const version = fc.oneof(
    fc.constant(null),
    fc.constantFrom(...targets.staleVersions),
    fc.string({ maxLength: 40 }),
    wrongValue,
  );
  const inputField = fc.constantFrom('answer', 'comment', 'what', 'who', 'due');
  const inputs = fc.dictionary(
    fc.oneof(
      fc.tuple(fc.constantFrom(...targets.questionIds), inputField).map(([q, f]) => `${q}.${f}`),
      fc.string({ maxLength: 20 }),
    ),
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('yes', 'no', 'partly', 'notApplicable', '', '2030-01-01') },
      { weight: 2, arbitrary: hostileText },
      { weight: 1, arbitrary: wrongValue },
    ),
    { maxKeys: 12 },
  );
  // Someone else's identity in the card: the answerer's ids, as fields no handler should read.
  const impersonation = fc.record(
    {
      aadObjectId: fc.constant(targets.answerer.aadObjectId),
      email: fc.constant(targets.answerer.email),
      userId: fc.constant(targets.answerer.id),
      actor: fc.constant({ aadObjectId: targets.answerer.aadObjectId, email: targets.answerer.email }),
      from: fc.constant({ id: targets.answerer.id, aadObjectId: targets.answerer.aadObjectId }),
    },
    { requiredKeys: [] },
  );
  const structuredData = fc
    .tuple(
      fc.record(
        {
          systemId: someString(targets.systemIds),
          reviewId: someString(targets.reviewIds),
          version,
          lang,
          sectionId: someString(targets.sectionIds),
          sectionIndex: fc.oneof(fc.integer({ min: -3, max: 12 }), wrongValue),
          year: fc.oneof(fc.integer({ min: 1990, max: 2300 }), wrongValue),
          personKey: someString(targets.personKeys),
          roles: fc.oneof(
            fc.array(fc.constantFrom('owner', 'responsible', 'manager', 'administrator', 'pilot', 'x'), {
              maxLength: 8,
            }),
            wrongValue,
          ),
          role: fc.oneof(fc.constantFrom('owner', 'responsible', 'manager'), wrongValue),
        },
        { requiredKeys: [] },
      ),
      inputs,
      impersonation,
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    )
    .map(([fields, typed, ids, extra]) => ({ ...extra, ...ids, ...typed, ...fields }));
  const cardData = fc.oneof(
    { weight: 8, arbitrary: structuredData },
    { weight: 1, arbitrary: wrongValue },
    {
      weight: 1,
      arbitrary: fc
        .tuple(structuredData, fc.integer({ min: 20_000, max: 200_000 }))
        .map(([data, size]) => ({ ...data, padding: 'x'.repeat(size) })),
    },
  );

  const tenant = fc.oneof(
    { weight: 6, arbitrary: fc.constant(testTenantId) },
    { weight: 1, arbitrary: fc.constant(testTenantId.toUpperCase()) },
    { weight: 2, arbitrary: fc.constant(otherTenantId) },
    { weight: 1, arbitrary: fc.uuid() },
  );
  const base = fc
    .record({
      from: fc.constantFrom(...targets.hostileUsers),
      tenantId: tenant,
      conversationType: fc.constantFrom('personal', 'personal', 'groupChat', 'channel') as fc.Arbitrary<
        'personal' | 'groupChat' | 'channel'
      >,
      locale: fc.constantFrom('sv-SE', 'en-US'),
      expectReplies: fc.boolean(),
    })
    .map(({ from, tenantId, conversationType, locale, expectReplies }) => {
      const activity = messageActivity({
        text: '',
        from,
        tenantId,
        conversationType,
        locale,
        serviceUrl: targets.serviceUrl,
      }) as Record<string, unknown>;
      delete activity.text;
      if (expectReplies) activity.deliveryMode = 'expectReplies';
      return activity;
    });

  const message = fc
    .tuple(base, hostileText)
    .map(([activity, text]) => ({ ...activity, type: 'message', text, textFormat: 'plain' }));
  const cardSubmit = fc.tuple(base, verb, cardData).map(([activity, chosenVerb, data]) => ({
    ...activity,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: chosenVerb, data }, trigger: 'manual' },
  }));
  const otherInvoke = fc
    .tuple(
      base,
      fc.oneof(
        fc.constantFrom(
          'adaptiveCard/action',
          'fileConsent/invoke',
          'composeExtension/query',
          'composeExtension/submitAction',
          'task/fetch',
          'task/submit',
          'signin/verifyState',
          'actionableMessage/executeAction',
          'config/fetch',
        ),
        fc.string({ maxLength: 40 }),
      ),
      fc.oneof(
        cardData,
        fc.record({
          action: fc.constantFrom('accept', 'decline'),
          context: fc.record(
            { year: fc.integer(), format: fc.constantFrom('xlsx', 'csv'), lang },
            { requiredKeys: [] },
          ),
          uploadInfo: fc.record(
            {
              uploadUrl: fc.constantFrom(
                'http://127.0.0.1:9/upload',
                'https://evil.example/x',
                'javascript:x',
              ),
              contentUrl: fc.webUrl(),
              name: fc.string({ maxLength: 20 }),
            },
            { requiredKeys: [] },
          ),
        }),
        fc.record({ action: fc.record({ type: fc.string({ maxLength: 20 }), verb, data: cardData }) }),
      ),
    )
    .map(([activity, name, value]) => ({ ...activity, type: 'invoke', name, value }));
  const otherType = fc
    .tuple(
      base,
      fc.oneof(
        fc.constantFrom(
          'conversationUpdate',
          'installationUpdate',
          'event',
          'messageReaction',
          'messageUpdate',
          'messageDelete',
          'typing',
          'endOfConversation',
          'trace',
          'handoff',
        ),
        fc.string({ maxLength: 30 }),
      ),
      fc.record(
        {
          name: fc.string({ maxLength: 30 }),
          action: fc.constantFrom('add', 'remove', 'add-upgrade', 'remove-upgrade'),
          membersAdded: fc.array(fc.record({ id: fc.string({ maxLength: 30 }), name: fc.string() }), {
            maxLength: 3,
          }),
          value: fc.jsonValue({ maxDepth: 2 }),
          text: hostileText,
        },
        { requiredKeys: [] },
      ),
    )
    .map(([activity, type, extra]) => ({ ...activity, ...extra, type }));

  const wellShaped = fc.oneof(
    { weight: 3, arbitrary: message },
    { weight: 5, arbitrary: cardSubmit },
    { weight: 1, arbitrary: otherInvoke },
    { weight: 1, arbitrary: otherType },
  );
  const broken = fc
    .tuple(wellShaped, fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([activity, changes]) => {
      const copy = structuredClone(activity) as Record<string, unknown>;
      for (const change of changes) applyMutation(copy, change);
      return copy;
    });

  return fc.oneof(
    {
      weight: 7,
      arbitrary: wellShaped.map((activity) => ({ kind: 'activity' as const, activity, clean: true })),
    },
    {
      weight: 3,
      arbitrary: broken.map((activity) => ({ kind: 'activity' as const, activity, clean: false })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc
            .jsonValue({ maxDepth: 3 })
            .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
          fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
        )
        .map((value) => JSON.stringify(value))
        .chain((json) => fc.constantFrom(json, json.slice(0, -1), `{"type":"message",${json}`))
        .map((body) => ({ kind: 'raw' as const, body })),
    },
  );
}

/** The sender's Entra object id as the capture of conversation references would read it, if it would at all. */
export function referenceWriterOf(
  activity: Record<string, unknown>,
  allowedTenant: string,
): string | undefined {
  const a = activity as Partial<Activity> & Record<string, unknown>;
  const conversation = a.conversation as Record<string, unknown> | undefined;
  const channelData = a.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = conversation?.tenantId ?? channelData?.tenant?.id;
  if (typeof tenant !== 'string' || tenant.toLowerCase() !== allowedTenant.toLowerCase()) return undefined;
  if (a.channelId !== 'msteams') return undefined;
  const type = conversation?.conversationType;
  if (!(type === 'personal' || (type === undefined && !conversation?.isGroup))) return undefined;
  const aadObjectId = (a.from as { aadObjectId?: unknown } | undefined)?.aadObjectId;
  if (typeof aadObjectId !== 'string' || aadObjectId.trim() === '') return undefined;
  return aadObjectId.trim().toLowerCase();
}
