import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { helpReply, replyToAnswer } from '../../../src/bot/cards/answerReply';
import { chooseSystemCard } from '../../../src/bot/cards/chooseSystemCard';
import { choosePersonCard } from '../../../src/bot/cards/choosePersonCard';
import { compileTemplate } from '../../../src/bot/cards/compiledTemplate';
import { helpCard } from '../../../src/bot/cards/helpCard';
import { personNotFoundCard } from '../../../src/bot/cards/personNotFoundCard';
import { personSystemsCard } from '../../../src/bot/cards/personSystemsCard';
import { roleDefinitionCard } from '../../../src/bot/cards/roleDefinitionCard';
import { systemAnswerCard } from '../../../src/bot/cards/systemAnswerCard';
import { systemListCard } from '../../../src/bot/cards/systemListCard';
import { systemNotFoundCard } from '../../../src/bot/cards/systemNotFoundCard';
import {
  cardTemplateFolder,
  cardTemplateFromJson,
  libraryCardTemplate,
  logTemplatesExpandedByLibrary,
  templatesExpandedByLibrary,
  type CardTemplate,
} from '../../../src/bot/cards/templates';
import {
  defaultRoleGuidelinePath,
  readRoleGuidelineFile,
} from '../../../src/infrastructure/content/roleGuidelineFile';
import { createLogger } from '../../../src/shared/logger';
import {
  emptyIndex,
  hostile,
  hostileGuideline,
  hostileIndex,
  sampleAnswers,
  sampleIndex,
} from './cardSamples';

/**
 * The compiled templates must give exactly what adaptivecards-templating gives, for every template in
 * adaptiveCards/: with the data the answer cards are really built from, and with data generated from each
 * template's own paths (values of every type, hostile text, missing fields, nulls, empty and odd arrays, keys
 * that differ only in case).
 */

const templateFiles = readdirSync(cardTemplateFolder)
  .filter((file) => file.endsWith('.json'))
  .sort();

function readTemplate(file: string): unknown {
  return JSON.parse(readFileSync(path.join(cardTemplateFolder, file), 'utf8'));
}

/** Same JSON text, key order included; and the same structure, where undefined and missing differ. */
function assertSameExpansion(compiled: unknown, library: unknown, label: string): void {
  assert.equal(JSON.stringify(compiled), JSON.stringify(library), label);
  assert.deepStrictEqual(compiled, library, label);
}

// ---- data generated from a template's paths ----

/** mulberry32: the same data on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  fields: Map<string, Field>;
}

interface Field {
  /** Read as a value (`${x}`, exists, count). */
  leaf: boolean;
  /** Nested paths below it (`${x.y}`). */
  object?: Shape;
  /** Repeated over (`$data: ${x}`): the shape of an item. */
  items?: Shape;
}

const newShape = (): Shape => ({ fields: new Map() });

function fieldAt(shape: Shape, name: string): Field {
  let field = shape.fields.get(name);
  if (!field) {
    field = { leaf: false };
    shape.fields.set(name, field);
  }
  return field;
}

/** The field a path ends at, creating the nested shapes on the way. */
function register(root: Shape, current: Shape, pathText: string): Field {
  const segments = pathText.split('.');
  let shape = current;
  if (segments[0] === '$root') {
    shape = root;
    segments.shift();
  }
  let field: Field | undefined;
  segments.forEach((segment, i) => {
    field = fieldAt(shape, segment);
    if (i < segments.length - 1) shape = field.object ??= newShape();
  });
  return field!;
}

const pathIn = /\$\{\s*(?:exists\(|count\()?\s*(\$root(?:\.\w+)*|\w+(?:\.\w+)*)/;

function shapeOf(template: unknown): Shape {
  const root = newShape();
  const walk = (node: unknown, current: Shape): void => {
    if (typeof node === 'string') {
      const match = pathIn.exec(node);
      if (match) register(root, current, match[1]!).leaf = true;
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, current);
    } else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      let scope = current;
      if (typeof record.$data === 'string') {
        const match = pathIn.exec(record.$data);
        if (match) {
          const field = register(root, current, match[1]!);
          scope = field.items ??= newShape();
        }
      }
      for (const [key, value] of Object.entries(record)) {
        if (key !== '$data') walk(value, scope);
      }
    }
  };
  walk(template, root);
  return root;
}

const tricky = [
  hostile,
  '*x* [a](b) ${oops}',
  '${name}',
  'x ${$root.title} y',
  '',
  ' ',
  'Åsa Öberg',
  0,
  42,
  -1.5,
  true,
  false,
  null,
  ['a', 'b'],
  [],
  {},
  { systemId: 'agresso', roles: ['owner'], lang: 'sv' },
  { title: hostile, url: 'https://teams.microsoft.com/l/chat/0/0?users=a@b.se' },
];

function generate(shape: Shape, random: () => number, depth = 0): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const data: Record<string, unknown> = {};
  for (const [name, field] of shape.fields) {
    if (random() < 0.15) continue;
    let value: unknown;
    const roll = random();
    if (field.items && roll < 0.8) {
      const length = pick([0, 0, 1, 1, 2, 3]);
      value = Array.from({ length }, () => {
        const item = random();
        if (item < 0.05) return null;
        if (item < 0.08) return undefined;
        if (item < 0.1) return pick(tricky);
        return generate(field.items!, random, depth + 1);
      });
    } else if ((field.object || field.items) && roll < 0.92 && depth < 4) {
      value = generate(field.object ?? field.items!, random, depth + 1);
    } else {
      value = pick(tricky);
    }
    const variant = random();
    if (variant < 0.04) {
      // A key that differs only in case, before the real one: the library takes the first that matches.
      data[name.toUpperCase()] = pick(tricky);
    }
    data[name] = value;
    if (variant > 0.96)
      data[name.charAt(0).toUpperCase() + name.slice(1) + (random() < 0.5 ? '' : 'x')] = pick(tricky);
  }
  return data;
}

// ---- the data the answer cards are really built from ----

const answerTemplates: CardTemplate<object>[] = [
  systemAnswerCard,
  chooseSystemCard,
  systemNotFoundCard,
  personSystemsCard,
  choosePersonCard,
  personNotFoundCard,
  systemListCard,
  roleDefinitionCard,
  helpCard,
];

interface RecordedData {
  fileName: string;
  data: object;
}

/** Every sample answer through the real builders, recording what each template was filled with. */
function recordAnswerCardData(): RecordedData[] {
  const recorded: RecordedData[] = [];
  const originals = answerTemplates.map((template) => template.expand);
  answerTemplates.forEach((template, i) => {
    template.expand = (data) => {
      recorded.push({ fileName: template.fileName, data });
      return originals[i]!(data);
    };
  });
  try {
    const guideline = readRoleGuidelineFile(defaultRoleGuidelinePath);
    for (const answer of sampleAnswers()) {
      for (const index of [sampleIndex, hostileIndex, emptyIndex]) {
        replyToAnswer(answer, { index, guideline });
        if (answer.kind === 'roleDefinition') replyToAnswer(answer, { index, guideline: hostileGuideline });
      }
    }
    for (const lang of ['sv', 'en'] as const) {
      for (const index of [sampleIndex, hostileIndex, emptyIndex]) {
        helpReply(lang, index, { welcome: true });
        helpReply(lang, index, { notice: hostile });
      }
    }
  } finally {
    answerTemplates.forEach((template, i) => {
      template.expand = originals[i]!;
    });
  }
  return recorded;
}

describe('compiled card templates', () => {
  it('compiles every answer template, so answers never go through the templating library', () => {
    for (const template of answerTemplates) {
      assert.equal(templatesExpandedByLibrary().has(template.fileName), false, template.fileName);
      assert.equal(compileTemplate(readTemplate(template.fileName)).ok, true, template.fileName);
    }
  });

  it('compiles every template in adaptiveCards/, so each one is compared with the library below', () => {
    assert.ok(templateFiles.length >= answerTemplates.length, 'the templates were found');
    const notCompiled = templateFiles.filter((file) => !compileTemplate(readTemplate(file)).ok);
    assert.deepEqual(notCompiled, []);
  });

  it('gives exactly the library’s card for the data of every sample answer, plausible and hostile', () => {
    const recorded = recordAnswerCardData();
    assert.ok(recorded.length > 100, `only ${recorded.length} cards`);
    assert.deepEqual(
      answerTemplates
        .map((template) => template.fileName)
        .filter((file) => !recorded.some((r) => r.fileName === file)),
      [],
      'every answer template was filled',
    );
    const library = new Map(
      templateFiles.map((file) => [file, libraryCardTemplate(file, readTemplate(file))]),
    );
    const compiled = new Map(answerTemplates.map((template) => [template.fileName, template]));
    for (const [n, { fileName, data }] of recorded.entries()) {
      const expected = library.get(fileName)!.expand(data);
      // systemAnswerCard drops the actions list its template leaves empty without the follow-up button.
      if (
        fileName === 'systemAnswer.json' &&
        Array.isArray(expected.actions) &&
        expected.actions.length === 0
      ) {
        delete expected.actions;
      }
      assertSameExpansion(compiled.get(fileName)!.expand(data), expected, `${fileName} #${n}`);
    }
  });

  for (const file of templateFiles) {
    it(`gives exactly the library’s card for ${file} with 400 sets of generated data`, () => {
      const template = readTemplate(file);
      const compiled = compileTemplate(template);
      const library = libraryCardTemplate(file, template);
      const shape = shapeOf(template);
      assert.ok(shape.fields.size > 0, 'the template reads data');
      const random = seededRandom(file.length * 7919 + 17);
      let withHostileText = 0;
      for (let n = 0; n < 400; n++) {
        const data = generate(shape, random);
        const expected = library.expand(data);
        assert.ok(compiled.ok, `${file} compiles`);
        const actual = compiled.expand(data);
        assertSameExpansion(actual, expected, `${file} #${n}: ${JSON.stringify(data).slice(0, 400)}`);
        if (JSON.stringify(actual).includes('${oops}')) withHostileText++;
      }
      assert.ok(withHostileText > 20, `hostile text shown only ${withHostileText} times`);
    });
  }

  it('gives the library’s card for empty arrays, nulls, missing fields and an object where an array was expected', () => {
    const template = readTemplate('systemAnswer.json');
    const compiled = compileTemplate(template);
    assert.ok(compiled.ok);
    const library = libraryCardTemplate('systemAnswer.json', template);
    const cases: object[] = [
      {},
      { name: null, asked: [], others: [], facts: [] },
      { name: 'X', asked: [{ label: 'Ägare', people: [] }], facts: [{ title: 'a', value: 1 }] },
      { name: 'X', asked: { label: 'ett objekt', people: { name: 'en person' } }, others: 'text' },
      { name: 'X', asked: [null, undefined, { label: 'efter hål' }], facts: [undefined, { title: 't' }] },
      { NAME: 'stor', name: 'liten', Asked: [{ label: 'A' }], asked: [{ label: 'a' }] },
      { name: '*x* [a](b) ${oops}', followUp: { title: '${oops}', verb: 'v', action: { x: '${y}' } } },
      // Inherited values are not the object's own: the library leaves them out.
      Object.assign(Object.create({ name: 'ärvd', note: 'ärvd' }) as object, {
        Note: 'egen',
        description: 'd',
      }),
    ];
    for (const data of cases) {
      assertSameExpansion(compiled.expand(data), library.expand(data), JSON.stringify(data));
    }
  });

  it('gives the library’s result where $data and $when sit on a property, and for values spliced into arrays', () => {
    const template = {
      type: 'AdaptiveCard',
      version: '1.5',
      single: { $data: '${list}', text: '${name}', root: '${$root.title}' },
      hidden: { $when: '${exists(missing)}', text: 'x' },
      constants: [null, 1, 'två', true, { nested: [null] }],
      spliced: ['${list}', '${title}', '${nothing}', '${empty}'],
      counted: { $when: '${count(list) > 1}', text: '${title}' },
    };
    const compiled = compileTemplate(template);
    assert.ok(compiled.ok);
    const library = libraryCardTemplate('inline', template);
    for (const list of [[], [{ name: 'a' }], [{ name: 'a' }, { name: 'b' }], 'abc', { name: 'obj' }, null]) {
      const data = { list, title: hostile, empty: null };
      assertSameExpansion(compiled.expand(data), library.expand(data), JSON.stringify(list));
    }
  });

  it('leaves a template it does not cover to the library, says why, and logs it by file name only', () => {
    const notCompiled = [
      [{ type: 'TextBlock', text: 'Hej ${name}!' }, 'interpolated-string'],
      [{ type: 'TextBlock', text: '${if(a, b, c)}' }, 'unsupported-expression'],
      [{ type: 'TextBlock', text: '${$index}' }, 'unsupported-expression'],
      [{ type: 'TextBlock', $when: '${$index > 0}', text: 'x' }, 'unsupported-when'],
      [{ type: 'TextBlock', $when: true, text: 'x' }, 'unsupported-when'],
      [{ type: 'TextBlock', $data: [{ a: 1 }], text: '${a}' }, 'unsupported-data'],
    ] as const;
    for (const [template, reason] of notCompiled) {
      assert.deepEqual(compileTemplate(template), { ok: false, reason }, JSON.stringify(template));
    }

    const json = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Hej ${name}!' }],
    };
    const template = cardTemplateFromJson<{ name: string }>('greeting-test.json', json);
    assert.deepEqual(
      template.expand({ name: hostile }),
      libraryCardTemplate('x', json).expand({ name: hostile }),
    );
    assert.equal(templatesExpandedByLibrary().get('greeting-test.json'), 'interpolated-string');
    const lines: string[] = [];
    logTemplatesExpandedByLibrary(createLogger({ level: 'debug', sink: (line) => lines.push(line) }));
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(
      logged.some(
        (entry) =>
          entry.event === 'cards.template_not_compiled' &&
          entry.template === 'greeting-test.json' &&
          entry.reason === 'interpolated-string',
      ),
    );
    assert.ok(!lines.join('\n').includes('Hej'), 'no template text in the log');
  });
});
