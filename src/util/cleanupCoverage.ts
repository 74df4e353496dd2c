import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { getMemberName } from './callContext.js';
import { isFunctionNode, type FunctionNode } from './functions.js';
import { forEachDescendant } from './forEachDescendant.js';

/**
 * - `'always'`: a cleanup runs on every way out of the work (a `finally` block, a `.finally()`
 *   handler, or cleanups on both the success and the failure path);
 * - `'partial'`: only some ways out run one (an `await`, `return` or `throw` before a cleanup on
 *   the success path only; a cleanup in `catch` only);
 * - `'none'`: there is no cleanup call;
 * - `'unknown'`: a cleanup runs at a time that cannot be told from here (another callback, code
 *   before the setup).
 */
export type CleanupCoverage = 'always' | 'partial' | 'none' | 'unknown';

type PathKind = 'always' | 'success' | 'successHandler' | 'failure' | 'unknown';

/**
 * Do the `cleanups` (calls such as `clearTimeout(timer)`) undo `setup` on every path out of the
 * work that follows it in `fn`? Read from syntax only.
 *
 * @example
 * // const timer = setTimeout(…); try { await work(); } finally { clearTimeout(timer); }
 * getCleanupCoverage(sourceCode, timerCall, [clearCall], fn) // 'always'
 * // const timer = setTimeout(…); await work(); clearTimeout(timer);
 * getCleanupCoverage(sourceCode, timerCall, [clearCall], fn) // 'partial'
 */
export function getCleanupCoverage(
  sourceCode: Readonly<TSESLint.SourceCode>,
  setup: TSESTree.Node,
  cleanups: readonly TSESTree.Node[],
  fn: FunctionNode,
): CleanupCoverage {
  if (cleanups.length === 0) return 'none';
  const kinds = cleanups.map((cleanup) => classifyPath(setup, cleanup, fn));
  if (kinds.includes('always')) return 'always';
  if (kinds.includes('unknown')) return 'unknown';
  const hasFailure = kinds.includes('failure');
  const success = cleanups.filter((_, index) => kinds[index] === 'success');
  const hasSuccess = success.length > 0 || kinds.includes('successHandler');
  if (hasSuccess && hasFailure) return 'always';
  if (!hasSuccess) return 'partial';
  // A `.then()` handler alone: the promise can reject.
  if (success.length === 0) return 'partial';
  return hasEarlyExit(sourceCode, setup, success, fn) ? 'partial' : 'always';
}

function classifyPath(setup: TSESTree.Node, cleanup: TSESTree.Node, fn: FunctionNode): PathKind {
  if (cleanup.range[0] < setup.range[1]) return 'unknown';
  let marker: PathKind | undefined;
  let handler: FunctionNode | undefined;
  let child: TSESTree.Node = cleanup;
  for (let parent = cleanup.parent; parent != null && parent !== fn; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) {
      // A cleanup two callbacks deep, or behind a try in a callback: its timing is not ours to tell.
      if (handler !== undefined || marker !== undefined) return 'unknown';
      handler = parent;
      continue;
    }
    if (handler !== undefined) continue;
    if (marker === undefined && parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child) {
      marker = followsSetup(parent, setup) ? 'always' : 'unknown';
    } else if (marker === undefined && parent.type === AST_NODE_TYPES.CatchClause) {
      marker = followsSetup(parent.parent, setup) ? 'failure' : 'unknown';
    }
  }
  if (handler !== undefined) return classifyHandler(handler);
  return marker ?? 'success';
}

/** The try statement contains the setup, or starts after it. */
function followsSetup(statement: TSESTree.TryStatement, setup: TSESTree.Node): boolean {
  const block = statement.block;
  return (block.range[0] <= setup.range[0] && setup.range[1] <= block.range[1]) || block.range[0] >= setup.range[1];
}

/** `.finally(() => cleanup())`, `.catch(…)`, `.then(…, …)`. */
function classifyHandler(handler: FunctionNode): PathKind {
  const call = handler.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression) return 'unknown';
  const name = getMemberName(call.callee);
  if (name === 'finally' && call.arguments[0] === handler) return 'always';
  if (name === 'catch' && call.arguments[0] === handler) return 'failure';
  if (name === 'then') {
    if (call.arguments[0] === handler) return 'successHandler';
    if (call.arguments[1] === handler) return 'failure';
  }
  return 'unknown';
}

/**
 * With cleanups on the success path only: can the work leave between the setup and them? An
 * `await` or `yield` outside a try that catches, or a `return`/`throw` not preceded by a cleanup
 * in its block.
 */
function hasEarlyExit(
  sourceCode: Readonly<TSESLint.SourceCode>,
  setup: TSESTree.Node,
  cleanups: readonly TSESTree.Node[],
  fn: FunctionNode,
): boolean {
  const from = setup.range[1];
  const to = Math.max(...cleanups.map((cleanup) => cleanup.range[0]));
  let found = false;
  forEachDescendant(sourceCode, fn.body, (node) => {
    if (found || node.range[1] <= from || node.range[0] >= to) return false;
    if (node.range[0] < from) return true;
    switch (node.type) {
      case AST_NODE_TYPES.TryStatement:
        // A try that catches, wholly between the setup and the cleanups, handles the errors of its
        // awaits; a `return` in it, or a `return`/`throw` in its catch, still leaves.
        if (node.handler != null && node.range[0] >= from && node.range[1] <= to) {
          walkExits(node.block, true);
          walkExits(node.handler, false);
          if (node.finalizer != null) walkExits(node.finalizer, false);
          return false;
        }
        return true;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
        found = true;
        return false;
      case AST_NODE_TYPES.ForOfStatement:
        if (node.await) found = true;
        return !found;
      case AST_NODE_TYPES.ReturnStatement:
      case AST_NODE_TYPES.ThrowStatement:
        if (!isPrecededByCleanup(node, cleanups)) found = true;
        return !found;
      default:
        return true;
    }
  });
  return found;

  function walkExits(root: TSESTree.Node, returnsOnly: boolean): void {
    forEachDescendant(sourceCode, root, (node) => {
      if (found) return false;
      if (
        (node.type === AST_NODE_TYPES.ReturnStatement || (!returnsOnly && node.type === AST_NODE_TYPES.ThrowStatement)) &&
        node.range[0] < to &&
        !isPrecededByCleanup(node, cleanups)
      ) {
        found = true;
      }
      return !found;
    });
  }
}

/** `if (!ok) { clearTimeout(timer); return; }`: a cleanup earlier in a block around the exit. */
function isPrecededByCleanup(exit: TSESTree.Node, cleanups: readonly TSESTree.Node[]): boolean {
  return cleanups.some((cleanup) => {
    if (cleanup.range[1] > exit.range[0]) return false;
    const block = findBlock(cleanup);
    return block !== undefined && block.range[0] <= exit.range[0] && exit.range[1] <= block.range[1];
  });
}

function findBlock(node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.BlockStatement ||
      current.type === AST_NODE_TYPES.SwitchCase ||
      current.type === AST_NODE_TYPES.Program
    ) {
      return current;
    }
  }
  return undefined;
}
