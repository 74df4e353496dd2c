import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils, TSESLint } from '@typescript-eslint/utils';

import { forEachDescendant } from './forEachDescendant.js';
import { isFunctionNode, type FunctionNode } from './functions.js';
import { skipTypeWrappers } from './signalSlots.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

const { DefinitionType } = TSESLint.Scope;

/**
 * - `'outer'`: the value comes from outside the function: a parameter (of the function or of one
 *   around it), a property of one, a class field, an import or a module-level variable, or
 *   `AbortSignal.any([…])` of such signals only;
 * - `'local'`: created by code in the function, or in a function around it
 *   (`new AbortController()`, `AbortSignal.timeout(…)`, `AbortSignal.any(…)` with a local source);
 * - `'unknown'`: anything else (a call's result, a reassigned variable).
 */
export type SignalLifetime = 'outer' | 'local' | 'unknown';

const SIGNAL_FACTORIES = new Set(['any', 'timeout', 'abort']);
const MAX_ALIASES = 4;

/**
 * Where the signal (or the object holding it) in `expression`, used in `fn`, comes from, read from
 * syntax and scopes only: a parameter outlives any call, a local `new AbortController()` does not.
 *
 * @example getSignalLifetime(sourceCode, `request.signal`, handler)         // 'outer'
 * @example getSignalLifetime(sourceCode, `controller.signal`, fn)           // 'local' (const controller = new AbortController())
 * @example getSignalLifetime(sourceCode, `shutdown.signal`, fn)             // 'outer' (module-level)
 */
export function getSignalLifetime(sourceCode: SourceCode, expression: TSESTree.Expression, fn: FunctionNode): SignalLifetime {
  return lifetimeOf(sourceCode, expression, fn, 0);
}

function lifetimeOf(sourceCode: SourceCode, node: TSESTree.Expression, fn: FunctionNode, depth: number): SignalLifetime {
  if (depth > MAX_ALIASES) return 'unknown';
  const expression = unwrap(node);
  switch (expression.type) {
    case AST_NODE_TYPES.Identifier:
      return lifetimeOfIdentifier(sourceCode, expression, fn, depth);
    case AST_NODE_TYPES.MemberExpression: {
      let root: TSESTree.Expression = expression;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type === AST_NODE_TYPES.ThisExpression) {
        // `this.controller = new AbortController()` in the same function: a fresh controller per call.
        return isAssignedIn(sourceCode, expression.object, fn) ? 'local' : 'outer';
      }
      if (root.type === AST_NODE_TYPES.Identifier) return lifetimeOfIdentifier(sourceCode, root, fn, depth);
      if (root.type === AST_NODE_TYPES.NewExpression) return 'local';
      return 'unknown';
    }
    case AST_NODE_TYPES.NewExpression:
      return 'local';
    case AST_NODE_TYPES.CallExpression: {
      const factory = getSignalFactory(expression);
      if (factory === undefined) return 'unknown';
      return factory === 'any' ? lifetimeOfCombined(sourceCode, expression, fn, depth) : 'local';
    }
    case AST_NODE_TYPES.LogicalExpression: {
      // `options.signal ?? AbortSignal.timeout(ms)`: outer whenever the caller passes one.
      const left = lifetimeOf(sourceCode, expression.left, fn, depth + 1);
      const right = lifetimeOf(sourceCode, expression.right, fn, depth + 1);
      if (left === 'outer' || right === 'outer') return 'outer';
      return left === 'local' && right === 'local' ? 'local' : 'unknown';
    }
    default:
      return 'unknown';
  }
}

function lifetimeOfIdentifier(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
  fn: FunctionNode,
  depth: number,
): SignalLifetime {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  if (variable === null || variable.defs.length !== 1) return 'unknown';
  const definition = variable.defs[0]!;
  if (definition.type === DefinitionType.Parameter || definition.type === DefinitionType.ImportBinding) return 'outer';
  if (definition.type !== DefinitionType.Variable) return 'unknown';
  const owner = getOwnerFunction(definition.name);
  if (owner === undefined) return 'outer';
  // Declared in a function that `fn` is not part of: a closure over unrelated state.
  if (!contains(owner, fn)) return 'unknown';
  const declarator = definition.node;
  if (declarator.init == null) return 'unknown';
  // A reassigned `let` can hold anything.
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return 'unknown';
  // `const { signal } = options`: the signal lives as long as the object it is taken from.
  return lifetimeOf(sourceCode, declarator.init, fn, depth + 1);
}

function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.ChainExpression) current = skipTypeWrappers(current.expression);
  return current;
}

/** `AbortSignal.any([…])`, `AbortSignal.timeout(ms)`, `AbortSignal.abort()`: the factory's name. */
function getSignalFactory(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'AbortSignal' &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    SIGNAL_FACTORIES.has(callee.property.name)
  ) {
    return callee.property.name;
  }
  return undefined;
}

/**
 * By the DOM specification, a signal from `AbortSignal.any` is kept alive while it has `'abort'`
 * listeners and a source that can still abort. Over outer signals only, it lives as long as they
 * do; with a deadline or a local controller among its sources, it may abort (and be released) first.
 */
function lifetimeOfCombined(sourceCode: SourceCode, call: TSESTree.CallExpression, fn: FunctionNode, depth: number): SignalLifetime {
  const [list] = call.arguments;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression || list.elements.length === 0) return 'local';
  const lifetimes = list.elements.map((element) =>
    element === null || element.type === AST_NODE_TYPES.SpreadElement ? 'unknown' : lifetimeOf(sourceCode, element, fn, depth + 1),
  );
  return lifetimes.every((lifetime) => lifetime === 'outer') ? 'outer' : 'local';
}

function getOwnerFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Is `target` (`this.controller`) the left side of an assignment in `fn`'s own code? */
function isAssignedIn(sourceCode: SourceCode, target: TSESTree.Expression, fn: FunctionNode): boolean {
  const text = sourceCode.getText(target);
  let found = false;
  forEachDescendant(sourceCode, fn.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && sourceCode.getText(node.left) === text) {
      found = true;
    }
    return !found;
  });
  return found;
}
