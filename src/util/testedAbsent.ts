import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { alwaysExits } from './alwaysExits.js';
import { skipTypeWrappers } from './signalSlots.js';

type Branch = 'consequent' | 'alternate';

/**
 * Is `node` reached only where the code has tested `expression` (a signal
 * source's text: `signal`, `options?.signal`, `this.controller.signal`) and
 * found it absent? That is: the falsy branch of `signal ? … : …`,
 * `if (signal) … else …` or `signal || …`; the truthy branch of `!signal`,
 * `signal == null` or `signal === undefined`; or the code after
 * `if (signal) return …;`. Syntax only. The walk stops at `owner`, the function
 * that holds the source, since a test further out is about another binding.
 *
 * @example isTestedAbsent(call, 'signal', fn) // true for the 2nd call of `signal ? f(x, { signal }) : f(x)`
 */
export function isTestedAbsent(node: TSESTree.Node, expression: string, owner: TSESTree.Node | undefined): boolean {
  const target = expression.replaceAll('?.', '.');
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent != null && child !== owner; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.IfStatement:
        if (child !== parent.test && absentIn(parent.test, target) === branchOf(parent, child)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator !== '??') {
          const absent = absentIn(parent.left, target);
          if (absent === (parent.operator === '&&' ? 'consequent' : 'alternate')) return true;
        }
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
        if (followsExitWhenPresent(parent.body, child, target)) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (followsExitWhenPresent(parent.consequent, child, target)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

function branchOf(parent: TSESTree.ConditionalExpression | TSESTree.IfStatement, child: TSESTree.Node): Branch {
  return child === parent.consequent ? 'consequent' : 'alternate';
}

/** `if (signal) return …;` (no `else`) before `child` in the same list of statements. */
function followsExitWhenPresent(statements: readonly TSESTree.Node[], child: TSESTree.Node, target: string): boolean {
  for (const statement of statements) {
    if (statement === child) return false;
    if (
      statement.type === AST_NODE_TYPES.IfStatement &&
      statement.alternate == null &&
      absentIn(statement.test, target) === 'alternate' &&
      alwaysExits(statement.consequent)
    ) {
      return true;
    }
  }
  return false;
}

/** In which branch of `test` is `target` known to be absent (nullish or falsy)? */
function absentIn(test: TSESTree.Expression, target: string): Branch | undefined {
  const expression = skipTypeWrappers(test);
  if (pathText(expression) === target) return 'alternate';
  if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === '!') {
    const inner = absentIn(expression.argument, target);
    return inner === undefined ? undefined : inner === 'consequent' ? 'alternate' : 'consequent';
  }
  if (expression.type === AST_NODE_TYPES.BinaryExpression) {
    const { operator, left, right } = expression;
    if (operator !== '==' && operator !== '===' && operator !== '!=' && operator !== '!==') return undefined;
    const testsNullish = (isNullish(right) && isTarget(left, target)) || (isNullish(left) && isTarget(right, target));
    const testsTypeof = (isUndefinedString(right) && isTypeofTarget(left, target)) || (isUndefinedString(left) && isTypeofTarget(right, target));
    if (!testsNullish && !testsTypeof) return undefined;
    return operator === '==' || operator === '===' ? 'consequent' : 'alternate';
  }
  return undefined;
}

function isTarget(node: TSESTree.Expression, target: string): boolean {
  return pathText(skipTypeWrappers(node)) === target;
}

function isTypeofTarget(node: TSESTree.Expression, target: string): boolean {
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'typeof' && isTarget(node.argument, target);
}

function isNullish(node: TSESTree.Expression): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

function isUndefinedString(node: TSESTree.Expression): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === 'undefined';
}

/** `signal`, `options.signal` (also written `options?.signal` or `options!.signal`), `this.controller.signal`. */
function pathText(node: TSESTree.Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.ChainExpression:
      return pathText(node.expression);
    case AST_NODE_TYPES.TSNonNullExpression:
      return pathText(node.expression);
    case AST_NODE_TYPES.MemberExpression: {
      if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      const object = pathText(node.object);
      return object === undefined ? undefined : `${object}.${node.property.name}`;
    }
    default:
      return undefined;
  }
}
