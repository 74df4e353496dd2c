import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/**
 * Does control never reach the end of `statement`: it always throws, returns,
 * breaks or continues? Syntax only, and conservative: a `switch`, a loop or a
 * call that never returns count as reaching the end.
 *
 * @example alwaysExits(catchClause.body) // true for `{ log(error); throw error; }`
 */
export function alwaysExits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some(alwaysExits);
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate != null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    case AST_NODE_TYPES.TryStatement:
      return (
        (statement.finalizer != null && alwaysExits(statement.finalizer)) ||
        (alwaysExits(statement.block) && (statement.handler == null || alwaysExits(statement.handler.body)))
      );
    case AST_NODE_TYPES.LabeledStatement:
      return alwaysExits(statement.body);
    default:
      return false;
  }
}
