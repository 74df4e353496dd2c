import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { getMemberName } from './callContext.js';
import { getConstInitializer } from './constInitializer.js';
import { skipTypeWrappers } from './signalSlots.js';

/** Where a signal passed to a call comes from, as far as syntax tells. */
export interface SignalOrigin {
  /**
   * `'cancellable'`: someone can abort it (a parameter, `request.signal`, a controller);
   * `'timeout'`: only a deadline can (`AbortSignal.timeout(ms)`);
   * `'inert'`: nothing can (`new AbortController().signal`, `undefined`).
   */
  readonly kind: 'cancellable' | 'timeout' | 'inert';
  /** A deadline takes part: `AbortSignal.timeout()` alone or inside `AbortSignal.any()`. */
  readonly hasTimeout: boolean;
  /** Normalised text of a plain reference (`signal`, `req.signal`, `this.controller.signal`); `undefined` for factories and calls. */
  readonly key: string | undefined;
  /** The plain reference itself, for fixes that mention the signal again. */
  readonly reference: TSESTree.Expression | undefined;
  /** Keys of the signals it follows: the members of `AbortSignal.any([...])`, itself included. */
  readonly keys: readonly string[];
  /** Plain references among them that can abort, best first: what a check can test. */
  readonly references: readonly TSESTree.Expression[];
}

const UNKNOWN: SignalOrigin = { kind: 'cancellable', hasTimeout: false, key: undefined, reference: undefined, keys: [], references: [] };
const INERT: SignalOrigin = { kind: 'inert', hasTimeout: false, key: undefined, reference: undefined, keys: [], references: [] };

/**
 * Describes the signal expression passed to a call: what can abort it and
 * which plain references name it.
 *
 * @example
 * // const deadline = AbortSignal.any([signal, AbortSignal.timeout(5_000)]);
 * getSignalOrigin(sourceCode, deadlineNode) // { kind: 'cancellable', hasTimeout: true, key: 'deadline', keys: ['deadline', 'signal'] }
 */
export function getSignalOrigin(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Expression): SignalOrigin {
  return describe(sourceCode, expression, 0);
}

/** `signal`, `req.signal`, `this.controller.signal` without spaces or `?.`; `undefined` for anything else. */
export function getReferenceKey(node: TSESTree.Node): string | undefined {
  const inner = unwrap(node as TSESTree.Expression);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
    const object = getReferenceKey(inner.object);
    return object === undefined ? undefined : `${object}.${inner.property.name}`;
  }
  return undefined;
}

function describe(sourceCode: Readonly<TSESLint.SourceCode>, expression: TSESTree.Expression, depth: number): SignalOrigin {
  const node = unwrap(expression);
  if (depth > 3) return UNKNOWN;
  if (isNullish(node)) return INERT;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const factory = getSignalFactory(node);
    if (factory === 'timeout') return { ...INERT, kind: 'timeout', hasTimeout: true };
    if (factory === 'any') {
      const [list] = node.arguments;
      if (list?.type !== AST_NODE_TYPES.ArrayExpression) return UNKNOWN;
      return combine(
        list.elements.map((element) =>
          element === null || element.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : describe(sourceCode, element, depth + 1),
        ),
      );
    }
    return UNKNOWN;
  }
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    return combine([describe(sourceCode, node.consequent, depth + 1), describe(sourceCode, node.alternate, depth + 1)]);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    return combine([describe(sourceCode, node.left, depth + 1), describe(sourceCode, node.right, depth + 1)]);
  }
  // `new AbortController().signal`: nobody holds the controller.
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    unwrap(node.object).type === AST_NODE_TYPES.NewExpression &&
    getMemberName(node) === 'signal'
  ) {
    return INERT;
  }
  const key = getReferenceKey(node);
  if (key === undefined) return UNKNOWN;
  const self: SignalOrigin = { kind: 'cancellable', hasTimeout: false, key, reference: node, keys: [key], references: [node] };
  if (node.type !== AST_NODE_TYPES.Identifier) return self;
  const init = getConstInitializer(sourceCode, node);
  if (init === undefined) return self;
  const inner = describe(sourceCode, init, depth + 1);
  return {
    kind: inner.kind,
    hasTimeout: inner.hasTimeout,
    key,
    reference: node,
    keys: [key, ...inner.keys],
    // A deadline of its own is a failure; `deadline.aborted` still tells the caller's abort apart.
    references: inner.kind === 'cancellable' ? [node, ...inner.references] : [],
  };
}

function combine(parts: readonly SignalOrigin[]): SignalOrigin {
  const kind = parts.some((p) => p.kind === 'cancellable') ? 'cancellable' : parts.some((p) => p.kind === 'timeout') ? 'timeout' : 'inert';
  return {
    kind,
    hasTimeout: parts.some((p) => p.hasTimeout),
    key: undefined,
    reference: undefined,
    keys: parts.flatMap((p) => p.keys),
    references: parts.flatMap((p) => (p.kind === 'cancellable' ? p.references : [])),
  };
}

/** `AbortSignal.timeout(ms)` → `'timeout'`, `AbortSignal.any([...])` → `'any'`. */
function getSignalFactory(node: TSESTree.CallExpression): 'timeout' | 'any' | undefined {
  const callee = unwrap(node.callee);
  if (
    callee.type !== AST_NODE_TYPES.MemberExpression ||
    callee.object.type !== AST_NODE_TYPES.Identifier ||
    callee.object.name !== 'AbortSignal'
  ) {
    return undefined;
  }
  const name = getMemberName(callee);
  return name === 'timeout' || name === 'any' ? name : undefined;
}

function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.ChainExpression) current = skipTypeWrappers(current.expression);
  return current;
}
