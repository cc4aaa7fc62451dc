/**
 * What can be checked of Bicep without the Bicep compiler (which cannot be installed offline): the syntax, through
 * the tree-sitter Bicep grammar, and the names a file uses, through its syntax tree. Resource types, API versions
 * and property names are outside this (see infra/README.md, "How this template was checked").
 */
import fs from 'node:fs';
import path from 'node:path';

import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';

type SyntaxNode = Parser.SyntaxNode;

const parser = new Parser();
parser.setLanguage(Bicep as unknown as Parser.Language);

/** Built-in namespaces a Bicep file can name without declaring them (`sys.description`, `az.resourceGroup`). */
const builtInNamespaces = new Set(['sys', 'az']);

function where(node: SyntaxNode): string {
  return `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim().slice(0, 60) ?? '';
}

export function parseBicep(text: string): SyntaxNode {
  return parser.parse(text).rootNode;
}

/** Every place the grammar could not parse, or where it had to assume a missing token. */
export function syntaxErrors(text: string): string[] {
  const errors: string[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.isMissing) errors.push(`${where(node)}: missing ${node.type}`);
    else if (node.type === 'ERROR') errors.push(`${where(node)}: cannot parse "${firstLine(node.text)}"`);
    for (const child of node.children) visit(child);
  };
  visit(parseBicep(text));
  return errors;
}

/** The names declared at the top of a file (parameters, variables, resources, modules, types), by kind. */
export function declarations(root: SyntaxNode): Map<string, { kind: string; node: SyntaxNode }> {
  const declared = new Map<string, { kind: string; node: SyntaxNode }>();
  for (const statement of root.namedChildren) {
    const kind = /^(\w+)_declaration$/.exec(statement.type)?.[1];
    const name = statement.namedChildren.find((child) => child.type === 'identifier');
    if (kind && kind !== 'output' && kind !== 'metadata' && name)
      declared.set(name.text, { kind, node: statement });
  }
  return declared;
}

function isNameOfItsParent(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent || parent.namedChildren[0]?.id !== node.id) return false;
  // An object's property key, a called function's name, or the name a declaration introduces.
  return (
    parent.type === 'object_property' ||
    parent.type === 'call_expression' ||
    parent.type.endsWith('_declaration')
  );
}

/** Names a file uses that nothing declares: a typo here is a compile error the tests would otherwise not see. */
export function undeclaredNames(text: string): string[] {
  const root = parseBicep(text);
  const declared = declarations(root);
  const undeclared: string[] = [];
  const visit = (node: SyntaxNode, locals: ReadonlySet<string>): void => {
    if (node.type === 'lambda_expression') {
      const body = node.namedChildren[node.namedChildren.length - 1];
      const parameters = node.namedChildren
        .slice(0, -1)
        .flatMap((child) => child.descendantsOfType('identifier'));
      if (body) visit(body, new Set([...locals, ...parameters.map((parameter) => parameter.text)]));
      return;
    }
    if (node.type === 'for_statement') {
      const loopVariables = [
        ...(node.childForFieldName('initializer')
          ? [node.childForFieldName('initializer') as SyntaxNode]
          : []),
        ...node.namedChildren.filter((child) => child.type === 'for_loop_parameters'),
      ].flatMap((child) => (child.type === 'identifier' ? [child] : child.descendantsOfType('identifier')));
      const inner = new Set([...locals, ...loopVariables.map((variable) => variable.text)]);
      for (const child of node.namedChildren) if (!loopVariables.includes(child)) visit(child, inner);
      return;
    }
    if (
      node.type === 'identifier' &&
      !isNameOfItsParent(node) &&
      !declared.has(node.text) &&
      !locals.has(node.text) &&
      !builtInNamespaces.has(node.text)
    ) {
      undeclared.push(`${where(node)}: ${node.text}`);
    }
    for (const child of node.namedChildren) visit(child, locals);
  };
  visit(root, new Set());
  return undeclared;
}

function stringValue(node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'string' || node.namedChildren.some((child) => child.type === 'interpolation'))
    return undefined;
  return node.text.slice(1, -1);
}

function objectEntries(object: SyntaxNode): Map<string, SyntaxNode> {
  const entries = new Map<string, SyntaxNode>();
  for (const property of object.namedChildren.filter((child) => child.type === 'object_property')) {
    const [key, value] = property.namedChildren.filter((child) => child.type !== 'comment');
    if (key && value) entries.set(key.text, value);
  }
  return entries;
}

/**
 * For each `module` in the file: parameters passed that the module does not declare, parameters without a default
 * that are not passed, and `<module>.outputs.<name>` read anywhere that the module does not declare as an output.
 */
export function moduleMismatches(
  file: string,
  readFile: (file: string) => string = (f) => fs.readFileSync(f, 'utf8'),
): string[] {
  const root = parseBicep(readFile(file));
  const mismatches: string[] = [];
  for (const [name, { kind, node }] of declarations(root)) {
    if (kind !== 'module') continue;
    const target = stringValue(node.namedChildren.find((child) => child.type === 'string'));
    if (!target) {
      mismatches.push(`module ${name}: the module path is not a plain string`);
      continue;
    }
    const moduleRoot = parseBicep(readFile(path.resolve(path.dirname(file), target)));
    const moduleStatements = moduleRoot.namedChildren;
    const declaredParameters = new Map(
      moduleStatements
        .filter((statement) => statement.type === 'parameter_declaration')
        .map(
          (statement) =>
            [statement.namedChildren[0]?.text ?? '', statement.namedChildren.length > 2] as const,
        ),
    );
    const declaredOutputs = new Set(
      moduleStatements
        .filter((statement) => statement.type === 'output_declaration')
        .map((statement) => statement.namedChildren[0]?.text ?? ''),
    );

    const body = node.namedChildren.find((child) => child.type === 'object');
    const params = body && objectEntries(body).get('params');
    const passed = params ? [...objectEntries(params).keys()] : [];
    for (const parameter of passed) {
      if (!declaredParameters.has(parameter))
        mismatches.push(`module ${name}: ${target} has no parameter ${parameter}`);
    }
    for (const [parameter, hasDefault] of declaredParameters) {
      if (!hasDefault && !passed.includes(parameter))
        mismatches.push(`module ${name}: parameter ${parameter} is not passed`);
    }
    for (const access of root.descendantsOfType('member_expression')) {
      const [object, property] = access.namedChildren;
      if (object?.type !== 'member_expression' || object.text !== `${name}.outputs` || !property) continue;
      if (!declaredOutputs.has(property.text))
        mismatches.push(`${where(access)}: ${target} has no output ${property.text}`);
    }
  }
  return mismatches;
}
