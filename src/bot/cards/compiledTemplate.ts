import { GlobalSettings } from 'adaptivecards-templating';

/**
 * A card template compiled once into plain functions, for the part of the Adaptive Card Templating language our
 * templates use. `adaptivecards-templating` parses nothing per expansion either, but it evaluates every
 * expression through adaptive-expressions (a memory object, an options object and a path split per value), which
 * made a system answer card cost about 70 µs; expanding every card through the library cost 42 % and 12 % more
 * CPU per request in two `npm run bench` A/B runs (bench/README.md, "The speed layer"). This does the same work
 * directly, with the same results, and stays for that saving: the test (test/bot/cards/templates.compiled.test.ts)
 * expands every template with sample and generated data, hostile values included, through both and requires
 * identical JSON.
 *
 * Supported, with the library's semantics:
 * - a string that is exactly `${path}`: the value at path, of whatever type, or the library's `${path}` text when
 *   it is undefined; path is `name.name...` from the current `$data`, or `$root.name...`;
 * - `$data: "${path}"`: the element once per item of an array (none for an empty one), once with the value as
 *   `$data` otherwise;
 * - `$when: "${exists(path)}"` and `$when: "${count(path) > n}"`;
 * - strings without `${`, numbers, booleans, null, arrays and objects, as they are.
 * Anything else (text around an expression, other functions, `$index`, a literal `$data`) is not compiled: the
 * caller uses the library for that template.
 */
export type CompiledTemplate = (root: unknown) => unknown;

export type CompileResult =
  | { ok: true; expand: CompiledTemplate }
  /** reason: a code for the log, never template text. */
  | { ok: false; reason: UnsupportedReason };

export type UnsupportedReason =
  'interpolated-string' | 'unsupported-expression' | 'unsupported-when' | 'unsupported-data';

export function compileTemplate(template: unknown): CompileResult {
  try {
    const expand = compileNode(template);
    return { ok: true, expand: (root) => expand(root, root) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.reason };
    throw error;
  }
}

class Unsupported extends Error {
  constructor(readonly reason: UnsupportedReason) {
    super(reason);
    this.name = 'Unsupported';
  }
}

/** Expands one template node against $root and the current $data. */
type Expander = (root: unknown, data: unknown) => unknown;

/** Keys the library never copies into the card. */
const reservedKeys = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

function compileNode(node: unknown): Expander {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) return compileArray(node);
  if (typeof node === 'object' && node !== null) return compileObject(node as Record<string, unknown>);
  return () => node;
}

function compileString(text: string): Expander {
  if (!text.includes('${')) return () => text;
  const path = wholeExpressionPath(text);
  if (path === undefined) {
    throw new Unsupported(/^\$\{[^}]*\}$/.test(text) ? 'unsupported-expression' : 'interpolated-string');
  }
  return path.valueOrSubstitute;
}

/** Items that expand to null are left out; arrays (several `$data` items) are spliced in, as the library does. */
function compileArray(items: readonly unknown[]): Expander {
  const expanders = items.map(compileNode);
  return (root, data) => {
    const result: unknown[] = [];
    for (const expand of expanders) {
      const value = expand(root, data);
      if (value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) result.push(item);
      } else {
        result.push(value);
      }
    }
    return result;
  };
}

function compileObject(node: Record<string, unknown>): Expander {
  // The copied keys, in template order, in one object holding the values that need no expansion (text without
  // an expression, numbers, booleans, null): each expansion starts from a shallow copy of it, which V8 makes
  // in one step, and fills in only the keys that are expanded. Objects and arrays are always expanded, so no
  // two cards share a nested object that one of them might change.
  const skeleton: Record<string, unknown> = {};
  const expandedKeys: string[] = [];
  const expanders: Expander[] = [];
  for (const key of Object.keys(node)) {
    if (reservedKeys.has(key)) continue;
    const value = node[key];
    if (value === undefined) continue;
    if (isConstant(value)) {
      skeleton[key] = value;
    } else {
      skeleton[key] = null;
      expandedKeys.push(key);
      expanders.push(compileNode(value));
    }
  }
  const when = node.$when === undefined ? undefined : compileWhen(node.$when);
  const dataPath = node.$data === undefined ? undefined : compileDataPath(node.$data);

  const build = (root: unknown, data: unknown): Record<string, unknown> => {
    const result = { ...skeleton };
    for (let i = 0; i < expandedKeys.length; i++) {
      const value = expanders[i]!(root, data);
      // Expanders of a parsed JSON template never give undefined; a key that did would be left out.
      if (value === undefined) delete result[expandedKeys[i]!];
      else result[expandedKeys[i]!] = value;
    }
    return result;
  };

  if (dataPath === undefined) {
    return (root, data) => (when === undefined || when(root, data) ? build(root, data) : null);
  }

  return (root, data) => {
    const contexts = dataPath.valueOrSubstitute(root, data);
    if (!Array.isArray(contexts)) {
      const scope = contexts === undefined ? data : contexts;
      return when === undefined || when(root, scope) ? build(root, scope) : null;
    }
    // One element: the object itself; several: an array the parent splices in; none: null, left out.
    let first: Record<string, unknown> | undefined;
    let all: Record<string, unknown>[] | undefined;
    let scope = data;
    for (let i = 0; i < contexts.length; i++) {
      const item: unknown = contexts[i];
      // As in the library, an undefined item keeps the previous item as $data.
      if (item !== undefined) scope = item;
      if (when !== undefined && !when(root, scope)) continue;
      const built = build(root, scope);
      if (first === undefined) first = built;
      else (all ??= [first]).push(built);
    }
    return all ?? first ?? null;
  };
}

/** A value copied into the card as it is: a primitive, and for a string one without an expression. */
function isConstant(value: unknown): boolean {
  if (typeof value === 'string') return !value.includes('${');
  return typeof value !== 'object' || value === null;
}

function compileDataPath(value: unknown): CompiledPath {
  const path = typeof value === 'string' ? wholeExpressionPath(value) : undefined;
  if (path === undefined) throw new Unsupported('unsupported-data');
  return path;
}

type Condition = (root: unknown, data: unknown) => boolean;

const identifier = '[A-Za-z_][A-Za-z0-9_]*';
const pathPattern = `(?:\\$root|${identifier})(?:\\.${identifier})*`;
const wholePath = new RegExp(`^\\$\\{(${pathPattern})\\}$`);
const existsCondition = new RegExp(`^\\$\\{\\s*exists\\(\\s*(${pathPattern})\\s*\\)\\s*\\}$`);
const notCondition = new RegExp(`^\\$\\{\\s*!\\s*(${pathPattern})\\s*\\}$`);
const countCondition = new RegExp(
  `^\\$\\{\\s*count\\(\\s*(${pathPattern})\\s*\\)\\s*>\\s*([0-9]{1,9})\\s*\\}$`,
);
/** Words adaptive-expressions reads as constants, not as a path. */
const constantWords = new Set(['true', 'false', 'null', 'undefined']);

function compileWhen(value: unknown): Condition {
  if (typeof value !== 'string') throw new Unsupported('unsupported-when');
  const exists = existsCondition.exec(value);
  if (exists) {
    const path = compilePath(exists[1]!);
    // exists() is true for anything but null and undefined; it never substitutes a missing value.
    return (root, data) => path.value(root, data) != null;
  }
  const not = notCondition.exec(value);
  if (not) {
    const path = compilePath(not[1]!);
    // adaptive-expressions' ! is true for false, null and a missing value only (a test compares over samples).
    return (root, data) => {
      const found = path.value(root, data);
      return found === false || found == null;
    };
  }
  const count = countCondition.exec(value);
  if (count) {
    const path = compilePath(count[1]!);
    const threshold = Number(count[2]);
    return (root, data) => {
      const size = countOf(path.value(root, data));
      return size !== undefined && size > threshold;
    };
  }
  throw new Unsupported('unsupported-when');
}

/** adaptive-expressions' count(): undefined where it reports an error, which makes the comparison false. */
function countOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Map) return value.size;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return undefined;
}

interface CompiledPath {
  /** The value, or undefined. */
  value: (root: unknown, data: unknown) => unknown;
  /** The value, or for undefined the text the library puts in its place (`${path}`, as written). */
  valueOrSubstitute: (root: unknown, data: unknown) => unknown;
}

function wholeExpressionPath(text: string): CompiledPath | undefined {
  const match = wholePath.exec(text);
  return match ? compilePath(match[1]!) : undefined;
}

function compilePath(text: string): CompiledPath {
  const segments = text.split('.');
  const fromRoot = segments[0] === '$root';
  if (!fromRoot && constantWords.has(segments[0]!)) throw new Unsupported('unsupported-expression');
  const keys = fromRoot ? segments.slice(1) : segments;
  const lowerKeys = keys.map((key) => key.toLowerCase());
  const substitute = '${' + text + '}';

  const value = (root: unknown, data: unknown): unknown => {
    let current = fromRoot ? root : data;
    for (let i = 0; i < keys.length; i++) current = propertyOf(current, keys[i]!, lowerKeys[i]!);
    return current;
  };
  return {
    value,
    valueOrSubstitute: (root, data) => {
      const found = value(root, data);
      if (found !== undefined) return found;
      const custom = GlobalSettings.getUndefinedFieldValueSubstitutionString?.(text);
      return custom ? custom : substitute;
    },
  };
}

/**
 * adaptive-expressions' property access: nothing from a falsy value; otherwise the first own enumerable key, in
 * key order, that equals the name ignoring case. The names here are ASCII, and only İ changes length when lower-
 * cased (into a non-ASCII pair), so a key of another length can never match: comparing lengths first is exact.
 */
function propertyOf(instance: unknown, key: string, lowerKey: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const map = instance as Map<string, unknown>;
    let found = map.get(key);
    if (found === undefined) {
      const other = Array.from(map.keys()).find((candidate) => candidate.toLowerCase() === lowerKey);
      if (other !== undefined) found = map.get(other);
    }
    return found;
  }
  // for-in visits the own keys first, in Object.keys order, without allocating their array; a match among the
  // inherited keys that follow means no own key matched.
  const record = instance as Record<string, unknown>;
  for (const candidate in record) {
    if (candidate === key || (candidate.length === key.length && candidate.toLowerCase() === lowerKey)) {
      return Object.prototype.hasOwnProperty.call(record, candidate) ? record[candidate] : undefined;
    }
  }
  return undefined;
}
