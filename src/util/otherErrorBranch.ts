import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { alwaysExits } from './alwaysExits.js';
import { getMemberName } from './callContext.js';
import { skipTypeWrappers } from './signalSlots.js';

/**
 * Classes whose `instanceof` says nothing about the kind of failure: every
 * error, or the base class of an SDK's abort error (openai's and Anthropic's
 * `APIUserAbortError` extend `APIError`).
 */
const GENERIC_ERROR_CLASSES = /^(Error|DOMException|Object|APIError|AISDKError|Exception|BaseError)$/;
const CANCELLATION_TEXT = /abort|cancel|timeout/i;

/**
 * Is `node` (inside an error handler) reached only for some specific other
 * error, never for a cancellation? True inside `if (error instanceof
 * HttpError) { … }`, `if (error.status === 404) …`, `case 'ENOENT':`, and
 * after `if (!(error instanceof ZodError)) throw error;`. `errorName` is the
 * handler's error variable; tests of other values do not narrow it.
 *
 * @example isOnlyForOtherErrors(returnNode, catchClause.body, 'error', /abort|cancel/i)
 */
export function isOnlyForOtherErrors(
  node: TSESTree.Node,
  root: TSESTree.Node,
  errorName: string,
  helperPattern: RegExp,
): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent != null && child !== root) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.consequent === child && isNarrowing(parent.test, errorName, helperPattern, false)) return true;
        if (parent.alternate === child && isNarrowing(parent.test, errorName, helperPattern, true)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child) {
          if (parent.operator === '&&' && isNarrowing(parent.left, errorName, helperPattern, false)) return true;
          if (parent.operator === '||' && isNarrowing(parent.left, errorName, helperPattern, true)) return true;
        }
        break;
      case AST_NODE_TYPES.SwitchCase:
        if (parent.test != null && isErrorProperty(parent.parent.discriminant, errorName) && isOtherValue(parent.test)) {
          return true;
        }
        break;
      case AST_NODE_TYPES.BlockStatement:
        // `if (!(error instanceof HttpError)) throw error;` before `node`.
        for (const statement of parent.body) {
          if (statement === child) break;
          if (
            statement.type === AST_NODE_TYPES.IfStatement &&
            statement.alternate == null &&
            alwaysExits(statement.consequent) &&
            isNarrowing(statement.test, errorName, helperPattern, true)
          ) {
            return true;
          }
        }
        break;
      default:
        break;
    }
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/** Does `test` (or, when `negated`, its negation) hold only for a specific non-cancellation error? */
function isNarrowing(test: TSESTree.Expression, errorName: string, helperPattern: RegExp, negated: boolean): boolean {
  const node = skipTypeWrappers(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    return isNarrowing(node.argument, errorName, helperPattern, !negated);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    // A && B narrows when either does; !(A || B) likewise.
    if (node.operator === (negated ? '||' : '&&')) {
      return isNarrowing(node.left, errorName, helperPattern, negated) || isNarrowing(node.right, errorName, helperPattern, negated);
    }
    return false;
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    if (node.operator === 'instanceof') {
      if (negated || !isErrorReference(node.left, errorName)) return false;
      const name = getMemberName(node.right);
      return name !== undefined && !GENERIC_ERROR_CLASSES.test(name) && !CANCELLATION_TEXT.test(name);
    }
    const positive = node.operator === '===' || node.operator === '==';
    const negative = node.operator === '!==' || node.operator === '!=';
    if (!(positive ? !negated : negative && negated)) return false;
    if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
    return (
      (isErrorProperty(node.left, errorName) && isOtherValue(node.right)) ||
      (isErrorProperty(node.right, errorName) && isOtherValue(node.left))
    );
  }
  if (node.type === AST_NODE_TYPES.CallExpression && !negated) {
    // `isHttpError(error)`, `isZodError(error)`
    const name = getMemberName(node.callee.type === AST_NODE_TYPES.ChainExpression ? node.callee.expression : node.callee);
    const [argument] = node.arguments;
    return (
      name !== undefined &&
      /^is[A-Z]/.test(name) &&
      !helperPattern.test(name) &&
      argument !== undefined &&
      isErrorReference(argument, errorName)
    );
  }
  return false;
}

function isErrorReference(node: TSESTree.Node, errorName: string): boolean {
  const inner = skipTypeWrappers(node as TSESTree.Expression);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === errorName;
}

/** `error.status`, `error.code`, `(error as HttpError).response.status`. */
function isErrorProperty(node: TSESTree.Node, errorName: string): boolean {
  let current = skipTypeWrappers(node as TSESTree.Expression);
  if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTypeWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier && current.name === errorName;
}

/** A literal (or enum-like member) that names no cancellation: `404`, `'ENOENT'`, `ErrorCode.NotFound`. */
function isOtherValue(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) {
    return (typeof node.value === 'string' && !CANCELLATION_TEXT.test(node.value)) || typeof node.value === 'number';
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(node);
    return name !== undefined && !CANCELLATION_TEXT.test(name);
  }
  return false;
}
