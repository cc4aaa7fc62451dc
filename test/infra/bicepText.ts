/**
 * Just enough Bicep reading for tests that compare infra/ with the code (CI has no Bicep compiler): blank out
 * comments and string contents so brackets inside them cannot mislead, then find blocks by bracket matching.
 */

/** The text with every comment and the inside of every string (interpolations included) replaced by spaces. */
export function maskBicep(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = ' ';
  };

  // Returns the index just past the string's closing quote; `start` is its opening quote.
  const skipString = (start: number): number => {
    if (text.startsWith("'''", start)) {
      const end = text.indexOf("'''", start + 3);
      if (end < 0) throw new Error(`unterminated multi-line string at offset ${start}`);
      blank(start + 3, end);
      return end + 3;
    }
    let i = start + 1;
    while (i < text.length) {
      if (text[i] === '\\') i += 2;
      else if (text.startsWith('${', i)) i = skipInterpolation(i + 2);
      else if (text[i] === "'") {
        blank(start + 1, i);
        return i + 1;
      } else i++;
    }
    throw new Error(`unterminated string at offset ${start}`);
  };

  // Returns the index just past the `}` closing an interpolation; `start` is just after its `${`.
  const skipInterpolation = (start: number): number => {
    let depth = 1;
    let i = start;
    while (i < text.length) {
      const char = text[i];
      if (char === "'") i = skipString(i);
      else {
        if (char === '{') depth++;
        if (char === '}' && --depth === 0) return i + 1;
        i++;
      }
    }
    throw new Error(`unterminated interpolation at offset ${start}`);
  };

  let i = 0;
  while (i < text.length) {
    if (text[i] === "'") i = skipString(i);
    else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`unterminated comment at offset ${i}`);
      blank(i, end + 2);
      i = end + 2;
    } else i++;
  }
  return out.join('');
}

const closerOf: Readonly<Record<string, string>> = { '[': ']', '{': '}', '(': ')' };

/** The index of the bracket closing the one at `open`, in masked text. */
export function matchingClose(masked: string, open: number): number {
  const stack: string[] = [];
  for (let i = open; i < masked.length; i++) {
    const char = masked[i] as string;
    if (char in closerOf) stack.push(closerOf[char] as string);
    else if (char === ']' || char === '}' || char === ')') {
      if (stack.pop() !== char) throw new Error(`unbalanced '${char}' at offset ${i}`);
      if (stack.length === 0) return i;
    }
  }
  throw new Error(`no closing bracket for offset ${open}`);
}

export interface Block {
  /** Offsets of the opening and closing bracket. */
  start: number;
  end: number;
  text: string;
}

/** The value blocks (`[...]` or `{...}`) of every `key:` property, anywhere, outside comments and strings. */
export function propertyBlocks(text: string, key: string): Block[] {
  const masked = maskBicep(text);
  const blocks: Block[] = [];
  for (const match of masked.matchAll(new RegExp(`(?<![\\w.])${key}\\s*:\\s*([\\[{])`, 'g'))) {
    const start = (match.index ?? 0) + match[0].length - 1;
    const end = matchingClose(masked, start);
    blocks.push({ start, end, text: text.slice(start, end + 1) });
  }
  return blocks;
}

/** The direct children `{...}` of an array block. */
export function arrayObjects(block: Block): Block[] {
  const masked = maskBicep(block.text);
  const objects: Block[] = [];
  let i = 1;
  while (i < masked.length - 1) {
    if (masked[i] === '{') {
      const end = matchingClose(masked, i);
      objects.push({ start: block.start + i, end: block.start + end, text: block.text.slice(i, end + 1) });
      i = end + 1;
    } else if (masked[i] === '[' || masked[i] === '(') {
      i = matchingClose(masked, i) + 1;
    } else i++;
  }
  return objects;
}

/**
 * The top-level properties of an object block, as raw value text: `name: 'X'` gives name -> "'X'". Nested values
 * are returned whole.
 */
export function objectProperties(block: Block): Map<string, string> {
  const masked = maskBicep(block.text);
  const properties = new Map<string, string>();
  let i = 1;
  while (i < masked.length - 1) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*/.exec(masked.slice(i));
    if (!match) {
      i++;
      continue;
    }
    const valueStart = i + match[0].length;
    let valueEnd = valueStart;
    // A value ends at the end of its line, unless a bracket opened on that line spans further.
    while (valueEnd < masked.length - 1 && masked[valueEnd] !== '\n') {
      const char = masked[valueEnd] as string;
      valueEnd = char in closerOf ? matchingClose(masked, valueEnd) + 1 : valueEnd + 1;
    }
    properties.set(match[1] as string, block.text.slice(valueStart, valueEnd).trim());
    i = valueEnd;
  }
  return properties;
}

/** The text of a plain string literal (`'abc'`), or undefined for any other expression. */
export function stringLiteral(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/.exec(value);
  return match ? (match[1] as string).replace(/\\(.)/g, '$1') : undefined;
}

/** The blocks of every `resource <name> '<type>@<version>' = {...}` of one type. */
export function resourcesOfType(text: string, type: string): Block[] {
  const masked = maskBicep(text);
  const blocks: Block[] = [];
  const pattern = /resource\s+[A-Za-z_][A-Za-z0-9_]*\s+'/g;
  for (const match of masked.matchAll(pattern)) {
    const typeStart = (match.index ?? 0) + match[0].length;
    const declared = text.slice(typeStart, text.indexOf("'", typeStart));
    if (declared.split('@')[0] !== type) continue;
    const open = masked.indexOf('{', typeStart);
    const close = matchingClose(masked, open);
    blocks.push({ start: open, end: close, text: text.slice(open, close + 1) });
  }
  return blocks;
}

/** The default value of a parameter, as raw text: `param x string = 'a'` gives "'a'". */
export function parameterDefault(text: string, name: string): string | undefined {
  const masked = maskBicep(text);
  const match = new RegExp(`^param\\s+${name}\\s+\\w+\\s*=\\s*`, 'm').exec(masked);
  if (!match) return undefined;
  const start = match.index + match[0].length;
  const end = masked.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end).trim();
}
