import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

/** @example isFunctionNode(node) // true for `function f() {}`, `() => {}` and methods */
export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node != null &&
    (node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression)
  );
}

/** The innermost function around `node`, or `undefined` at module level. */
export function getEnclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  let current = node.parent;
  while (current != null) {
    if (isFunctionNode(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/**
 * Is `fn` handed to someone else to call (an argument, or a member of an
 * object literal that is an argument)? Its parameters are then the caller's.
 *
 * @example isCallbackFunction(`app.get('/', (c) => …)` arrow) // true
 */
export function isCallbackFunction(fn: FunctionNode): boolean {
  let argument = fn as TSESTree.Node;
  while (argument.parent?.type === AST_NODE_TYPES.Property && argument.parent.value === argument) {
    argument = argument.parent.parent;
  }
  const parent = argument.parent;
  if (parent === undefined) return false;
  if (parent.type === AST_NODE_TYPES.JSXExpressionContainer) return true;
  return (
    (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(argument as TSESTree.CallExpressionArgument)
  );
}

/** The name a function is known by: `f`, `Service.method`, `handler`; `undefined` when anonymous. */
export function getFunctionName(fn: FunctionNode): string | undefined {
  if (fn.id != null) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.PropertyDefinition ||
      parent.type === AST_NODE_TYPES.Property) &&
    !parent.computed &&
    parent.key.type === AST_NODE_TYPES.Identifier
  ) {
    return parent.key.name;
  }
  return undefined;
}
