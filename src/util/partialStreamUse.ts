import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils, TSESLint as Lint } from '@typescript-eslint/utils';

import { getMemberName } from './callContext.js';
import { createCallMatcher } from './callPatterns.js';
import { getCancellationCheck } from './cancellationChecks.js';
import { forEachDescendant } from './forEachDescendant.js';
import { forEachFollowingStatement } from './followingStatements.js';
import { getReferenceKey } from './signalOrigin.js';
import { skipTypeWrappers } from './signalSlots.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Calls that only log: they do not present the text as an answer. */
const isLogging = createCallMatcher(['console.*', '*log.*', '*logger.*']);

const ADDING_METHODS = /^(push|unshift|set|add|append|write|concat)$/;

/**
 * After a `for await` loop, the first place that uses what the loop
 * accumulated (`text += delta`, `parts.push(delta)`) as a finished answer:
 * returns or yields it, passes it to a call other than a logger, or stores it
 * in a property. `undefined` when nothing is accumulated, when nothing uses it,
 * or when a check comes first: `signal.aborted`, `signal.throwIfAborted()`,
 * the SDK's `result.cancelled`, a helper matching `helperPattern`, or
 * `await result.<promise>` on the object whose stream was iterated (the AI
 * SDK's result promises reject on abort). Syntax only.
 *
 * @example findPartialStreamUse(sourceCode, loop, /abort|cancel/i) // { variable: 'text', node: `return text;` }
 */
export function findPartialStreamUse(
  sourceCode: SourceCode,
  loop: TSESTree.ForOfStatement,
  helperPattern: RegExp,
): { variable: string; node: TSESTree.Node } | undefined {
  const accumulators = findAccumulators(sourceCode, loop);
  if (accumulators.size === 0) return undefined;
  const owner = getStreamOwner(loop.right);
  const state: { stopped: boolean; use: { variable: string; node: TSESTree.Node } | undefined } = { stopped: false, use: undefined };
  const referenced = (node: TSESTree.Node): string | undefined => {
    let found: string | undefined;
    forEachDescendant(sourceCode, node, (child) => {
      if (found !== undefined) return false;
      if (child.type === AST_NODE_TYPES.Identifier && accumulators.has(child.name) && !isPropertyKey(child)) found = child.name;
      return undefined;
    });
    return found;
  };
  const stop = (use?: { variable: string; node: TSESTree.Node }): false => {
    state.stopped = true;
    state.use = use;
    return false;
  };
  const visit = (node: TSESTree.Node): unknown => {
    if (state.stopped) return false;
    const check = getCancellationCheck(node, helperPattern);
    if ((check !== undefined && check.kind !== 'name' && check.kind !== 'instanceof') || isOwnerSettled(node, owner)) return stop();
    switch (node.type) {
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.YieldExpression: {
        const variable = node.argument == null ? undefined : referenced(node.argument);
        if (variable !== undefined) return stop({ variable, node });
        return node.type === AST_NODE_TYPES.ReturnStatement ? stop() : false;
      }
      case AST_NODE_TYPES.ThrowStatement:
        return stop();
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (node.type === AST_NODE_TYPES.CallExpression && isLogging(node)) return false;
        for (const argument of node.arguments) {
          const variable = referenced(argument);
          if (variable !== undefined) return stop({ variable, node });
        }
        return undefined;
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        const variable = referenced(node.right);
        if (variable === undefined) return undefined;
        // `const answer = text.trim()` carries the text on; `this.answer = text` stores it.
        if (node.left.type === AST_NODE_TYPES.Identifier) {
          accumulators.add(node.left.name);
          return undefined;
        }
        return stop({ variable, node });
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.init != null && node.id.type === AST_NODE_TYPES.Identifier && referenced(node.init) !== undefined) {
          accumulators.add(node.id.name);
        }
        return undefined;
      default:
        return undefined;
    }
  };
  forEachFollowingStatement(loop, (statement) => {
    forEachDescendant(sourceCode, statement, visit);
    return !state.stopped;
  });
  return state.use;
}

/** Variables declared before the loop that its body adds to. */
function findAccumulators(sourceCode: SourceCode, loop: TSESTree.ForOfStatement): Set<string> {
  const names = new Set<string>();
  const add = (target: TSESTree.Node): void => {
    let root = target;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    if (root.type !== AST_NODE_TYPES.Identifier) return;
    const definition = ASTUtils.findVariable(sourceCode.getScope(root), root)?.defs[0];
    if (definition?.type !== Lint.Scope.DefinitionType.Variable) return;
    if (definition.node.range[0] >= loop.range[0] && definition.node.range[1] <= loop.range[1]) return;
    names.add(root.name);
  };
  forEachDescendant(sourceCode, loop.body, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression) add(node.left);
    else if (node.type === AST_NODE_TYPES.UpdateExpression) add(node.argument);
    else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipChain(node.callee);
      const method = getMemberName(callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && method !== undefined && ADDING_METHODS.test(method)) add(callee.object);
    }
  });
  return names;
}

/** `await result.text` after looping over `result.textStream`. */
function isOwnerSettled(node: TSESTree.Node, owner: string | undefined): boolean {
  if (owner === undefined || node.type !== AST_NODE_TYPES.AwaitExpression) return false;
  const argument = skipChain(skipTypeWrappers(node.argument));
  return argument.type === AST_NODE_TYPES.MemberExpression && getReferenceKey(argument.object) === owner;
}

/** `result` in `for await (… of result.textStream)` and `for await (… of result.toTextStream())`. */
function getStreamOwner(right: TSESTree.Expression): string | undefined {
  let node = skipChain(skipTypeWrappers(right));
  if (node.type === AST_NODE_TYPES.CallExpression) node = skipChain(node.callee);
  return node.type === AST_NODE_TYPES.MemberExpression ? getReferenceKey(node.object) : undefined;
}

function isPropertyKey(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === node && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.key === node && !parent.computed && !parent.shorthand;
  return false;
}

function skipChain(node: TSESTree.Expression): TSESTree.Expression {
  return node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
}
