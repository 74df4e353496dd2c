import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { alwaysExits } from './alwaysExits.js';
import { getMemberName } from './callContext.js';
import { getConstInitializer } from './constInitializer.js';
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
 * after `if (!(error instanceof ZodError)) throw error;`. A `const` of the
 * handler derived from such a test narrows too: `const retryable = error
 * instanceof RetryableError ? error : undefined; if (retryable != null) …`.
 * `errorName` is the handler's error variable; tests of other values do not
 * narrow it.
 *
 * @example isOnlyForOtherErrors(sourceCode, returnNode, catchClause.body, 'error', /abort|cancel/i)
 */
export function isOnlyForOtherErrors(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  root: TSESTree.Node,
  errorName: string,
  helperPattern: RegExp,
): boolean {
  const context: Context = { sourceCode, root, errorName, helperPattern, depth: 0 };
  let child: TSESTree.Node = node;
  let parent = node.parent;
  while (parent != null && child !== root) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.consequent === child && isNarrowing(parent.test, context, false)) return true;
        if (parent.alternate === child && isNarrowing(parent.test, context, true)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child) {
          if (parent.operator === '&&' && isNarrowing(parent.left, context, false)) return true;
          if (parent.operator === '||' && isNarrowing(parent.left, context, true)) return true;
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
            isNarrowing(statement.test, context, true)
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

interface Context {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** The handler: a `const` that narrows must be declared in it, where `errorName` is its error. */
  readonly root: TSESTree.Node;
  readonly errorName: string;
  readonly helperPattern: RegExp;
  /** How many `const`s were followed to get here. */
  readonly depth: number;
}

/** Does `test` (or, when `negated`, its negation) hold only for a specific non-cancellation error? */
function isNarrowing(test: TSESTree.Expression, context: Context, negated: boolean): boolean {
  const { errorName, helperPattern } = context;
  const node = skipTypeWrappers(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
    return isNarrowing(node.argument, context, !negated);
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression) {
    // A && B narrows when either does; !(A || B) likewise.
    if (node.operator === (negated ? '||' : '&&')) {
      return isNarrowing(node.left, context, negated) || isNarrowing(node.right, context, negated);
    }
    return false;
  }
  // `if (retryable)`, where `retryable` is a `const` derived from the error.
  if (node.type === AST_NODE_TYPES.Identifier) return isNarrowingValue(node, context, !negated, 'falsy');
  if (node.type === AST_NODE_TYPES.BinaryExpression) {
    if (node.operator === 'instanceof') {
      if (negated || !isErrorReference(node.left, errorName)) return false;
      const name = getMemberName(node.right);
      return name !== undefined && !GENERIC_ERROR_CLASSES.test(name) && !CANCELLATION_TEXT.test(name);
    }
    const positive = node.operator === '===' || node.operator === '==';
    const negative = node.operator === '!==' || node.operator === '!=';
    if (node.left.type === AST_NODE_TYPES.PrivateIdentifier) return false;
    // `retryable != null`, `retryable === undefined`
    const comparison = getNullishComparison(node);
    if (comparison !== undefined) {
      return isNarrowingValue(comparison.subject, context, negative !== negated, comparison.empty);
    }
    if (!(positive ? !negated : negative && negated)) return false;
    return (
      (isErrorProperty(node.left, errorName) && isOtherValue(node.right)) ||
      (isErrorProperty(node.right, errorName) && isOtherValue(node.left))
    );
  }
  if (node.type === AST_NODE_TYPES.CallExpression && !negated) {
    // `isHttpError(error)`, `isZodError(error)`
    const callee = node.callee.type === AST_NODE_TYPES.ChainExpression ? node.callee.expression : node.callee;
    const name = getMemberName(callee);
    // `RetryError.isInstance(error)`: the class must name another error too.
    const owner = callee.type === AST_NODE_TYPES.MemberExpression ? getMemberName(callee.object) : undefined;
    if (owner !== undefined && (GENERIC_ERROR_CLASSES.test(owner) || CANCELLATION_TEXT.test(owner) || helperPattern.test(owner))) {
      return false;
    }
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

/** Which values a test treats as absent: falsy ones (`if (x)`), or the nullish ones a comparison names. */
type Empty = 'falsy' | 'nullish' | 'null' | 'undefined';

/**
 * Does `identifier` being present (or, when `present` is false, absent) show a
 * specific other error? It must be a `const` of the handler whose initializer
 * is such a test (`const retryable = error instanceof RetryableError`), or
 * yields a value only when one holds (`error instanceof RetryableError ? error
 * : undefined`, `error instanceof RetryableError && error`).
 */
function isNarrowingValue(identifier: TSESTree.Identifier, context: Context, present: boolean, empty: Empty): boolean {
  if (identifier.name === context.errorName || context.depth > 3) return false;
  const init = getConstInitializer(context.sourceCode, identifier);
  if (init === undefined || init.range[0] < context.root.range[0] || init.range[1] > context.root.range[1]) return false;
  const inner: Context = { ...context, depth: context.depth + 1 };
  const value = skipTypeWrappers(init);
  if (present) return isPresentOnlyForOtherErrors(value, inner, empty);
  // `const isHttpError = error instanceof HttpError; if (!isHttpError) throw error;`
  return empty === 'falsy' && isNarrowing(value, inner, true);
}

/**
 * Is `value`, whenever it is not `empty`, the sign of a specific other error?
 * A conditional is when each of its branches is empty, is taken only for such
 * an error, or is itself such a value: `error instanceof NoResultError ? error
 * : RetryError.isInstance(error) && error.lastError instanceof NoResultError ?
 * error.lastError : undefined`.
 */
function isPresentOnlyForOtherErrors(node: TSESTree.Expression, context: Context, empty: Empty): boolean {
  const value = skipTypeWrappers(node);
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    const branch = (expression: TSESTree.Expression, negated: boolean): boolean =>
      isEmpty(expression, empty) ||
      isNarrowing(value.test, context, negated) ||
      isPresentOnlyForOtherErrors(expression, context, empty);
    return (
      !(isEmpty(value.consequent, empty) && isEmpty(value.alternate, empty)) &&
      branch(value.consequent, false) &&
      branch(value.alternate, true)
    );
  }
  // Truthy only when a test holds: `error instanceof RetryableError`, `error instanceof RetryableError && error`.
  return empty === 'falsy' && isNarrowing(value, context, false);
}

/** `x != null`, `x === undefined`, `null !== x`: the identifier compared and which values count as absent. */
function getNullishComparison(node: TSESTree.BinaryExpression): { subject: TSESTree.Identifier; empty: Empty } | undefined {
  if (!['==', '!=', '===', '!=='].includes(node.operator) || node.left.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
  const loose = node.operator.length === 2;
  for (const [side, other] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as const) {
    const subject = skipTypeWrappers(side);
    if (subject.type !== AST_NODE_TYPES.Identifier) continue;
    const kind = getNullishKind(other);
    if (kind === undefined) continue;
    return { subject, empty: loose ? 'nullish' : kind };
  }
  return undefined;
}

function getNullishKind(node: TSESTree.Node): 'null' | 'undefined' | undefined {
  if (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) return 'null';
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') return 'undefined';
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void') return 'undefined';
  return undefined;
}

/** Is `node` always a value the test treats as absent? */
function isEmpty(node: TSESTree.Expression, empty: Empty): boolean {
  const value = skipTypeWrappers(node);
  const kind = getNullishKind(value);
  switch (empty) {
    case 'nullish':
      return kind !== undefined;
    case 'null':
    case 'undefined':
      return kind === empty;
    case 'falsy':
      return (
        kind !== undefined ||
        (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === 0 || value.value === ''))
      );
  }
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
