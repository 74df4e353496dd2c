import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { isFunctionNode, type FunctionNode } from './functions.js';

/**
 * Is `node` in code that runs while or after work is torn down: a `finally`
 * block, a `catch` clause, a `.catch()`/`.finally()` handler or an abort
 * listener? Passing the (possibly aborted) signal there would make cleanup
 * itself fail.
 *
 * @example isInCleanupContext(node) // true inside `finally { await log.flush() }`
 */
export function isInCleanupContext(node: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent != null) {
    if (parent.type === AST_NODE_TYPES.CatchClause) return true;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.finalizer === child) return true;
    if (isFunctionNode(parent)) return isCleanupCallback(parent);
    child = parent;
    parent = parent.parent;
  }
  return false;
}

function isCleanupCallback(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
    return parent.right === fn && getMemberName(parent.left) === 'onabort';
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const name = getMemberName(parent.callee);
  if (name === 'addAbortListener') return true;
  if (name === 'catch' || name === 'finally') return true;
  if (name === 'then') return parent.arguments[1] === fn;
  if (name === 'addEventListener' || name === 'on' || name === 'once') {
    const [type] = parent.arguments;
    return type?.type === AST_NODE_TYPES.Literal && type.value === 'abort';
  }
  return false;
}

/** `a.b.name` → `'name'`, `name` → `'name'`. */
export function getMemberName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    return node.property.name;
  }
  if (node.type === AST_NODE_TYPES.ChainExpression) return getMemberName(node.expression);
  return undefined;
}

/**
 * A short, readable name of a callee for messages: `openai.chat.completions.create`,
 * `fetch`, `new Worker`, `…create` when the expression is long or complex.
 */
export function getCalleeName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const prefix = node.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
  const text = sourceCode.getText(node.callee).replace(/\s+/g, '');
  if (text.length <= 60 && /^[\w$.?#]+$/.test(text)) return prefix + text;
  const name = getMemberName(node.callee);
  return prefix + (name !== undefined ? `…${name}` : 'this call');
}

/**
 * Is this call about the signal itself (`AbortSignal.any()`, `AbortSignal.timeout()`,
 * `signal.throwIfAborted()`)? Decided on syntax, before any type is asked.
 */
export function isSignalFactoryCall(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = node.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'AbortController' || callee.name === 'AbortSignal';
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'AbortSignal'
  );
}
