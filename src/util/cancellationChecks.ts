import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { getMemberName } from './callContext.js';
import { skipTypeWrappers } from './signalSlots.js';

/** Error names (and codes) that stand for an abort or a cancellation: `AbortError`, `ABORT_ERR`, `CanceledError`. */
export const ABORT_NAME = /abort|cancel/i;
/** Error names that stand for a deadline: `TimeoutError`. */
export const TIMEOUT_NAME = /timeout/i;

/** A piece of code that tells cancellation apart from failure. */
export type CancellationCheck =
  /** `signal.aborted`, `signal.throwIfAborted()`, `error === signal.reason`. */
  | { readonly kind: 'signal'; readonly node: TSESTree.Node; readonly signal: TSESTree.Expression }
  /** `error.name === 'AbortError'`, `['AbortError', 'TimeoutError'].includes(error.name)`, `case 'AbortError':`. */
  | {
      readonly kind: 'name';
      readonly node: TSESTree.Node;
      readonly names: readonly string[];
      /** For `x.name === '…'` and `x.name !== '…'`: the comparison, which a fix can extend. */
      readonly comparison?: { readonly subject: TSESTree.Expression; readonly negated: boolean };
    }
  /** `error instanceof APIUserAbortError`: whether the class is an abort error is for the caller to decide. */
  | { readonly kind: 'instanceof'; readonly node: TSESTree.BinaryExpression; readonly constructor: TSESTree.Expression }
  /** `isAbortError(error)`, `axios.isCancel(error)`, a helper whose name matches the configured pattern. */
  | { readonly kind: 'helper'; readonly node: TSESTree.CallExpression; readonly name: string }
  /** `error.message.includes('aborted')`: weak, but a deliberate distinction. */
  | { readonly kind: 'message'; readonly node: TSESTree.Node }
  /** `result.cancelled`: an SDK's own flag (`@openai/agents` streamed runs). */
  | { readonly kind: 'flag'; readonly node: TSESTree.MemberExpression };

/**
 * Classifies one node as a cancellation check, on syntax alone. Calls named
 * like an action (`controller.abort()`, `reader.cancel()`, `onAbort(…)`) are
 * not checks, even when `helperPattern` matches them.
 *
 * @example getCancellationCheck(node, /abort|cancel/i) // `if (signal.aborted)` → { kind: 'signal', signal: `signal` }
 */
export function getCancellationCheck(node: TSESTree.Node, helperPattern: RegExp): CancellationCheck | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (isAssignmentTarget(node)) return undefined;
      const name = node.property.name;
      if (name === 'aborted') return { kind: 'signal', node, signal: node.object };
      if (name === 'cancelled' || name === 'canceled') return { kind: 'flag', node };
      return undefined;
    }
    case AST_NODE_TYPES.CallExpression:
      return getCallCheck(node, helperPattern);
    case AST_NODE_TYPES.BinaryExpression:
      return getBinaryCheck(node);
    case AST_NODE_TYPES.SwitchCase: {
      const names = getCaseNames(node);
      return names === undefined ? undefined : { kind: 'name', node, names };
    }
    default:
      return undefined;
  }
}

function isAssignmentTarget(node: TSESTree.MemberExpression): boolean {
  return node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
}

const ACTION_NAME = /^(abort|cancel|on|add|remove|set|emit|dispatch)/;

function getCallCheck(node: TSESTree.CallExpression, helperPattern: RegExp): CancellationCheck | undefined {
  const callee = unwrapChain(node.callee);
  const name = getMemberName(callee);
  if (name === undefined) return undefined;
  if (name === 'throwIfAborted' && callee.type === AST_NODE_TYPES.MemberExpression) {
    return { kind: 'signal', node, signal: callee.object };
  }
  // `['AbortError', 'TimeoutError'].includes(error.name)`
  if (name === 'includes' && callee.type === AST_NODE_TYPES.MemberExpression) {
    const list = skipTypeWrappers(callee.object);
    const [argument] = node.arguments;
    if (list.type === AST_NODE_TYPES.ArrayExpression && argument !== undefined && isNameAccess(argument)) {
      const names = list.elements.map((element) => (element === null ? undefined : getStringValue(element)));
      if (names.every((n): n is string => n !== undefined) && names.some(isCancellationName)) {
        return { kind: 'name', node, names };
      }
    }
    // `error.message.includes('aborted')`
    if (isMessageAccess(callee.object) && argument !== undefined && isCancellationText(getStringValue(argument))) {
      return { kind: 'message', node };
    }
    return undefined;
  }
  if (ACTION_NAME.test(name)) return undefined;
  if (helperPattern.test(name)) return { kind: 'helper', node, name };
  return undefined;
}

const EQUALITY = new Set(['===', '==', '!==', '!=']);

function getBinaryCheck(node: TSESTree.BinaryExpression): CancellationCheck | undefined {
  if (node.operator === 'instanceof') {
    return { kind: 'instanceof', node, constructor: node.right };
  }
  if (!EQUALITY.has(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  const negated = node.operator.startsWith('!');
  for (const [side, other] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    // `error === signal.reason`
    const member = unwrapChain(skipTypeWrappers(side));
    if (member.type === AST_NODE_TYPES.MemberExpression && getMemberName(member) === 'reason') {
      return { kind: 'signal', node, signal: member.object };
    }
    const text = getStringValue(other);
    if (text === undefined) continue;
    if (isNameAccess(side) && isCancellationName(text)) {
      return { kind: 'name', node, names: [text], comparison: { subject: getAccessObject(side), negated } };
    }
    if (isMessageAccess(side) && isCancellationText(text)) return { kind: 'message', node };
  }
  return undefined;
}

function getCaseNames(node: TSESTree.SwitchCase): string[] | undefined {
  if (node.test == null) return undefined;
  const discriminant = node.parent.discriminant;
  if (!isNameAccess(discriminant)) return undefined;
  const text = getStringValue(node.test);
  return text !== undefined && isCancellationName(text) ? [text] : undefined;
}

function isCancellationName(name: string): boolean {
  return ABORT_NAME.test(name) || TIMEOUT_NAME.test(name);
}

function isCancellationText(text: string | undefined): boolean {
  return text !== undefined && /abort|cancel/i.test(text);
}

/** `error.name`, `error.code`, `(error as Error).name`, `error?.name`. */
function isNameAccess(node: TSESTree.Node): boolean {
  const name = getAccessName(node);
  return name === 'name' || name === 'code';
}

function isMessageAccess(node: TSESTree.Node): boolean {
  return getAccessName(node) === 'message';
}

function getAccessName(node: TSESTree.Node): string | undefined {
  const inner = unwrapChain(skipTypeWrappers(node as TSESTree.Expression));
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  return getMemberName(inner);
}

function getAccessObject(node: TSESTree.Node): TSESTree.Expression {
  const inner = unwrapChain(skipTypeWrappers(node as TSESTree.Expression)) as TSESTree.MemberExpression;
  return inner.object;
}

function unwrapChain(node: TSESTree.Expression): TSESTree.Expression {
  return node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
}

function getStringValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}
