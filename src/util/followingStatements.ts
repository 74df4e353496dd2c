import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { isFunctionNode } from './functions.js';

/**
 * Visits, in order, the statements that run after `statement` completes
 * normally, up to the end of its function: its following siblings, then the
 * siblings of each enclosing block, `if` or `try`. Stops at a loop (what
 * follows it runs only after other iterations) and at a `switch` case, and
 * when `visit` returns `false`.
 *
 * @example forEachFollowingStatement(tryStatement, (next) => !containsReturn(next))
 */
export function forEachFollowingStatement(statement: TSESTree.Node, visit: (next: TSESTree.Node) => boolean): void {
  let current: TSESTree.Node = statement;
  for (let parent = current.parent; parent !== undefined; current = parent, parent = current.parent) {
    if (isFunctionNode(parent) || isLoop(parent) || parent.type === AST_NODE_TYPES.SwitchCase) return;
    if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) continue;
    const body = parent.body as TSESTree.Node[];
    for (const next of body.slice(body.indexOf(current) + 1)) {
      if (!visit(next)) return;
    }
    if (parent.type === AST_NODE_TYPES.Program || isFunctionNode(parent.parent)) return;
  }
}

function isLoop(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}
