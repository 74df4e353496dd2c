import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { appendItem } from './fixes.js';
import { getFunctionName, isCallbackFunction, isFunctionNode, type FunctionNode } from './functions.js';
import type { OfferedParameter } from './signalSources.js';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Edits that declare a signal the framework already passes to a callback:
 * `async ({ city }) => …` → `async ({ city }, { abortSignal }) => …`.
 * `undefined` when the name is taken or the function's shape is unusual.
 */
export function fixDeclareOffered(
  fixer: Fixer,
  sourceCode: SourceCode,
  offered: OfferedParameter,
  name: string,
): Fix[] | undefined {
  const { fn, index, property, pattern } = offered;
  if (isNameVisible(sourceCode, fn, name)) return undefined;
  if (pattern !== undefined) {
    return appendItem(fixer, sourceCode, pattern, pattern.properties, property ?? name);
  }
  const parameters: string[] = [];
  for (let i = fn.params.length; i < index; i++) {
    const placeholder = i === 0 ? '_input' : `_arg${String(i)}`;
    if (isNameVisible(sourceCode, fn, placeholder)) return undefined;
    parameters.push(placeholder);
  }
  parameters.push(property === undefined ? name : `{ ${property} }`);
  return appendParameters(fixer, sourceCode, fn, parameters.join(', '));
}

function appendParameters(fixer: Fixer, sourceCode: SourceCode, fn: FunctionNode, text: string): Fix[] | undefined {
  const last = fn.params.at(-1);
  if (last === undefined) {
    const opening = findParameterListStart(sourceCode, fn);
    if (opening === null) return undefined;
    const closing = sourceCode.getTokenAfter(opening);
    if (closing?.value !== ')') return undefined;
    return [fixer.insertTextAfter(opening, text)];
  }
  const before = sourceCode.getTokenBefore(fn.params[0]!);
  if (before?.value !== '(') {
    // `x => …`: the parameter list needs parentheses to grow.
    return [fixer.insertTextBefore(last, '('), fixer.insertTextAfter(last, `, ${text})`)];
  }
  let closing = sourceCode.getTokenAfter(last);
  while (closing !== null && closing.value !== ')') closing = sourceCode.getTokenAfter(closing);
  if (closing === null) return undefined;
  return appendItem(fixer, sourceCode, fn, fn.params, text, closing);
}

function findParameterListStart(sourceCode: SourceCode, fn: FunctionNode): TSESTree.Token | null {
  let token = fn.typeParameters !== undefined ? sourceCode.getTokenAfter(fn.typeParameters) : fn.id != null ? sourceCode.getTokenAfter(fn.id) : sourceCode.getFirstToken(fn);
  while (token !== null && token.value !== '(' && token.range[0] < fn.body.range[0]) token = sourceCode.getTokenAfter(token);
  return token?.value === '(' ? token : null;
}

/** Is `name` declared in the function or visible from it (so a new binding would shadow or clash)? */
export function isNameVisible(sourceCode: SourceCode, node: TSESTree.Node, name: string): boolean {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
  while (scope !== null) {
    if (scope.set.has(name)) return true;
    scope = scope.upper;
  }
  // Declared further inside the function: a new parameter would be shadowed there.
  const fnScope = sourceCode.getScope(node);
  return fnScope.childScopes.some(function hasName(child): boolean {
    return child.set.has(name) || child.childScopes.some(hasName);
  });
}

/** A function that can take a new optional `signal` parameter, and how safely. */
export interface ThreadPlan {
  readonly fn: FunctionNode;
  readonly name: string;
  /** `'autofix'` when no caller can break; `'suggestion'` when callers may be unseen. */
  readonly safety: 'autofix' | 'suggestion';
  /** The expression the call should pass: `signal` or `options.signal`. */
  readonly signalText: string;
  readonly fix: (fixer: Fixer) => Fix[] | undefined;
}

/**
 * Plans to thread a new `signal?: AbortSignal` into the function around
 * `node`: through callbacks (closures) to the nearest named function, adding a
 * parameter, or an option to an inline options type.
 *
 * @example async function answer(q: string) → async function answer(q: string, signal?: AbortSignal)
 */
export function planThreadSignal(sourceCode: SourceCode, node: TSESTree.Node, isTypeScript: boolean): ThreadPlan | undefined {
  let fn: FunctionNode | undefined;
  for (let current = node.parent; current != null; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (isCallbackFunction(current)) continue;
    fn = current;
    break;
  }
  if (fn === undefined || fn.params.some((p) => p.type === AST_NODE_TYPES.RestElement)) return undefined;
  const name = 'signal';
  if (isNameVisible(sourceCode, node, name) || isNameVisible(sourceCode, fn.body, name)) return undefined;
  const safety = getThreadSafety(sourceCode, fn);
  if (safety === undefined) return undefined;
  const annotation = isTypeScript ? '?: AbortSignal' : '';
  const target = fn;

  const options = findInlineOptions(target);
  if (options !== undefined && isTypeScript) {
    const { parameter, typeLiteral } = options;
    const memberFix = (fixer: Fixer): Fix[] | undefined => appendTypeMember(fixer, sourceCode, typeLiteral, `${name}${annotation}`);
    if (parameter.type === AST_NODE_TYPES.ObjectPattern) {
      return {
        fn: target,
        name,
        safety,
        signalText: name,
        fix: (fixer) => combine(memberFix(fixer), appendItem(fixer, sourceCode, parameter, parameter.properties, name)),
      };
    }
    return { fn: target, name, safety, signalText: `${parameter.name}.${name}`, fix: memberFix };
  }
  return {
    fn: target,
    name,
    safety,
    signalText: name,
    fix: (fixer) => appendParameters(fixer, sourceCode, target, `${name}${annotation}`),
  };
}

function combine(...groups: (Fix[] | undefined)[]): Fix[] | undefined {
  const fixes: Fix[] = [];
  for (const group of groups) {
    if (group === undefined) return undefined;
    fixes.push(...group);
  }
  return fixes;
}

/** `opts: { model: string }` or `{ model }: { model: string }` as the last parameter. */
function findInlineOptions(
  fn: FunctionNode,
): { parameter: TSESTree.Identifier | TSESTree.ObjectPattern; typeLiteral: TSESTree.TSTypeLiteral } | undefined {
  const last = fn.params.at(-1);
  const parameter = last?.type === AST_NODE_TYPES.AssignmentPattern ? last.left : last;
  if (parameter?.type !== AST_NODE_TYPES.Identifier && parameter?.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  const type = parameter.typeAnnotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeLiteral) return undefined;
  if (parameter.type === AST_NODE_TYPES.ObjectPattern && parameter.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) {
    return undefined;
  }
  return { parameter, typeLiteral: type };
}

function appendTypeMember(fixer: Fixer, sourceCode: SourceCode, literal: TSESTree.TSTypeLiteral, text: string): Fix[] | undefined {
  const closing = sourceCode.getLastToken(literal);
  const last = literal.members.at(-1);
  if (closing === null) return undefined;
  if (last === undefined) return [fixer.insertTextBefore(closing, ` ${text} `)];
  const lastText = sourceCode.getText(last);
  const separator = lastText.endsWith(',') ? ',' : ';';
  const multiline = closing.loc.start.line > last.loc.end.line;
  const terminated = lastText.endsWith(';') || lastText.endsWith(',');
  if (multiline) {
    const indent = /^\s*/.exec(sourceCode.lines[last.loc.start.line - 1] ?? '')?.[0] ?? '';
    return [fixer.insertTextAfter(last, `${terminated ? '' : separator}\n${indent}${text}${terminated ? separator : ''}`)];
  }
  return [fixer.insertTextAfter(last, `${terminated ? '' : separator} ${text}${terminated ? separator : ''}`)];
}

/**
 * `'autofix'` when every use of the function in this file is a direct call and
 * nothing outside can see it; `'suggestion'` when it is exported, overloaded or
 * used as a value; `undefined` when it is a callback whose parameters belong to its caller.
 */
function getThreadSafety(sourceCode: SourceCode, fn: FunctionNode): 'autofix' | 'suggestion' | undefined {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) {
    if (parent.kind !== 'method') return undefined;
    const isPrivate = parent.key.type === AST_NODE_TYPES.PrivateIdentifier || parent.accessibility === 'private';
    return isPrivate ? 'autofix' : 'suggestion';
  }
  if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.PropertyDefinition) return 'suggestion';
  let declared: TSESTree.Node | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) declared = fn;
  else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier && parent.id.typeAnnotation === undefined) {
    declared = parent;
  } else return undefined;
  const container = declared.type === AST_NODE_TYPES.VariableDeclarator ? declared.parent.parent : declared.parent;
  if (
    container.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    container.type === AST_NODE_TYPES.ExportDefaultDeclaration
  ) {
    return 'suggestion';
  }
  const name = getFunctionName(fn);
  if (name === undefined) return 'suggestion';
  const [variable] = sourceCode.getDeclaredVariables(declared);
  if (variable === undefined) return 'suggestion';
  if (variable.defs.length > 1) return 'suggestion';
  const onlyCalled = variable.references.every((reference) => {
    if (reference.init === true) return true;
    const identifier = reference.identifier;
    return identifier.parent.type === AST_NODE_TYPES.CallExpression && identifier.parent.callee === identifier;
  });
  const overloaded =
    fn.type === AST_NODE_TYPES.FunctionDeclaration &&
    fn.parent.type !== AST_NODE_TYPES.ExportNamedDeclaration &&
    hasOverloads(fn);
  return onlyCalled && !overloaded ? 'autofix' : 'suggestion';
}

function hasOverloads(fn: TSESTree.FunctionDeclaration): boolean {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.Program && parent.type !== AST_NODE_TYPES.BlockStatement) return false;
  return parent.body.some((statement) => statement.type === AST_NODE_TYPES.TSDeclareFunction && statement.id?.name === fn.id?.name);
}
