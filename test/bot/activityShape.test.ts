import assert from 'node:assert/strict';
import fc from 'fast-check';
import { z } from 'zod';
import { hasActivityShape } from '../../src/bot/activityShape';
import { messageActivity } from '../support/activities';

// The rules of hasActivityShape as a schema: the reference the hand-written check must always agree with.
const text = z.string().nullish();
const id = z.string().min(1);
const member = z.object({ id: text, aadObjectId: text, name: text, role: text }).passthrough();
const party = member.extend({ id });
const referenceShape = z
  .object({
    type: z.string().min(1).max(100),
    id: text,
    name: text,
    text,
    channelId: id,
    serviceUrl: z.string().refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }),
    locale: text,
    action: text,
    deliveryMode: text,
    replyToId: text,
    textFormat: text,
    from: party,
    recipient: party,
    conversation: z
      .object({ id, tenantId: text, conversationType: text, isGroup: z.boolean().nullish() })
      .passthrough(),
    channelData: z
      .object({ tenant: z.object({ id: text }).passthrough().nullish() })
      .passthrough()
      .nullish(),
    entities: z.array(z.object({ type: text }).passthrough()).nullish(),
    attachments: z.array(z.object({ contentType: text }).passthrough()).nullish(),
    membersAdded: z.array(member).nullish(),
    membersRemoved: z.array(member).nullish(),
  })
  .passthrough();

const validActivity = JSON.parse(
  JSON.stringify({
    ...messageActivity({ text: 'Vem äger Agresso?' }),
    channelData: { tenant: { id: 'tenant' } },
    entities: [{ type: 'clientInfo' }],
    attachments: [{ contentType: 'text/plain' }],
    membersAdded: [{ id: 'u1', name: 'Anna' }],
  }),
) as Record<string, unknown>;

/** Paths into the valid activity, so mutations hit the fields the check is about. */
const paths: string[][] = [];
(function collect(value: unknown, path: string[]) {
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    paths.push([...path, key]);
    collect(child, [...path, key]);
  }
})(validActivity, []);

function mutated(path: readonly string[], replacement: unknown, remove: boolean): Record<string, unknown> {
  const copy = structuredClone(validActivity);
  let parent = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const agrees = (body: Record<string, unknown>) =>
  assert.equal(hasActivityShape(body), referenceShape.safeParse(body).success, JSON.stringify(body));

describe('the shape every activity must have before the SDK sees it', () => {
  it('accepts an activity as Teams sends it', () => {
    assert.equal(hasActivityShape(validActivity), true);
  });

  it('refuses a missing type, sender, conversation or service URL, and a service URL that is not http(s)', () => {
    for (const field of ['type', 'from', 'conversation', 'serviceUrl', 'channelId']) {
      assert.equal(hasActivityShape(mutated([field], undefined, true)), false, field);
    }
    assert.equal(hasActivityShape(mutated(['serviceUrl'], 'file:///etc/passwd', false)), false);
    assert.equal(hasActivityShape(mutated(['from', 'id'], '', false)), false);
  });

  it('agrees with the reference schema on every mutation of a valid activity', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue(), fc.constantFrom('', 'x'.repeat(101), 'https://a.b/', [], {}, null)),
        fc.boolean(),
        (path, replacement, remove) => agrees(mutated(path, replacement, remove)),
      ),
      { numRuns: 3_000 },
    );
  });

  it('agrees with the reference schema on arbitrary JSON objects', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (body) => agrees(body)),
      { numRuns: 1_000 },
    );
  });
});
