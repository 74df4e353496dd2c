import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { forEachDescendant } from './forEachDescendant.js';
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

/** Is `fn` (a function, or a reference to one) a `.catch`/`.finally` handler or an abort listener? */
function isCleanupCallback(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) {
    return parent.right === fn && getMemberName(parent.left) === 'onabort';
  }
  if (parent?.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
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

/**
 * The object `fn` listens to for `abort`: `signal` in `signal.addEventListener('abort', fn)`,
 * `signal.onabort = fn`, `addAbortListener(signal, fn)` or `emitter.on('abort', fn)`.
 *
 * @example getAbortListenerTarget(listener) // the `signal?` node of `signal?.addEventListener('abort', listener)`
 */
export function getAbortListenerTarget(fn: TSESTree.Node): TSESTree.Node | undefined {
  const parent = fn.parent;
  if (parent === undefined) return undefined;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression) {
    return parent.right === fn && parent.left.type === AST_NODE_TYPES.MemberExpression && getMemberName(parent.left) === 'onabort'
      ? parent.left.object
      : undefined;
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    return undefined;
  }
  const callee = parent.callee.type === AST_NODE_TYPES.ChainExpression ? parent.callee.expression : parent.callee;
  const name = getMemberName(callee);
  if (name === 'addAbortListener') {
    const [target] = parent.arguments;
    return target !== fn && target?.type !== AST_NODE_TYPES.SpreadElement ? target : undefined;
  }
  if ((name === 'addEventListener' || name === 'on' || name === 'once') && callee.type === AST_NODE_TYPES.MemberExpression) {
    const [type] = parent.arguments;
    return type?.type === AST_NODE_TYPES.Literal && type.value === 'abort' ? callee.object : undefined;
  }
  return undefined;
}

/**
 * Does `node` run only because of teardown, a call away: is its function a
 * file-local function or a private method whose every call site is in a
 * cleanup context (`isInCleanupContext`), directly or through other such
 * functions? The method that sends "abort" to the server from an abort
 * listener must not get the aborted signal. Syntax and scope only; a function
 * that is exported, or used other than by calling it, may run for any reason.
 * Two kinds of function are teardown whatever else uses them: one registered
 * as an abort listener (`addEventListener('abort', onAbort)`: calling it by
 * hand when the signal has already aborted, or keeping it to remove it later,
 * does not change what it is for), and one that `isTeardownCallback` accepts
 * (the caller's typed checks, such as a stream's `cancel`).
 *
 * @example isInCleanupOnlyFunction(sourceCode, call) // true in `#stop()` when only `signal.onabort = () => this.#stop()` calls it
 */
export function isInCleanupOnlyFunction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  isTeardownCallback: (fn: FunctionNode) => boolean = () => false,
): boolean {
  const fn = getNearestFunction(node);
  return fn !== undefined && isCalledOnlyFromCleanup(sourceCode, fn, new Set(), isTeardownCallback);
}

/**
 * Can an abort listener on a signal (as `isSignalTarget` judges the object it
 * listens to) reach `node`: is one of the functions around it, up to `home`
 * (the function whose code is being judged), such a listener, registered as
 * one, or a file-local function or private method called from code an abort
 * listener reaches? Any one path is enough: `stop()` called from
 * `signal.addEventListener('abort', onAbort)`'s `onAbort` runs on abort, whatever
 * else calls it.
 *
 * @example isReachedFromAbortListener(sourceCode, childReference, home, isSignal) // true for `child` in `const stop = () => child.kill()` when `signal.addEventListener('abort', () => stop())`
 */
export function isReachedFromAbortListener(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  home: TSESTree.Node | undefined,
  isSignalTarget: (target: TSESTree.Node) => boolean,
): boolean {
  return reachesFromAbortListener(sourceCode, node, home, isSignalTarget, new Set());
}

function reachesFromAbortListener(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  home: TSESTree.Node | undefined,
  isSignalTarget: (target: TSESTree.Node) => boolean,
  visited: Set<FunctionNode>,
): boolean {
  for (let current = node.parent; current != null && current !== home; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (visited.has(current) || visited.size >= MAX_REACH) return false;
    visited.add(current);
    const target = getAbortListenerTarget(current);
    if (target !== undefined && isSignalTarget(target)) return true;
    const fn = current;
    const references = findReferences(sourceCode, fn) ?? [];
    for (const reference of references) {
      const registered = getAbortListenerTarget(reference);
      if (registered !== undefined && isSignalTarget(registered)) return true;
      const call = getCallOfCallee(reference);
      if (call !== undefined && !isInside(call, fn) && reachesFromAbortListener(sourceCode, call, undefined, isSignalTarget, visited)) {
        return true;
      }
    }
  }
  return false;
}

/** How many functions `isReachedFromAbortListener` looks at, at most. */
const MAX_REACH = 12;

const MAX_CALL_DEPTH = 4;
const calledOnlyFromCleanup = new WeakMap<FunctionNode, boolean>();

function isCalledOnlyFromCleanup(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fn: FunctionNode,
  visiting: Set<FunctionNode>,
  isTeardownCallback: (fn: FunctionNode) => boolean,
): boolean {
  const cached = calledOnlyFromCleanup.get(fn);
  if (cached !== undefined) return cached;
  // A cycle or a long chain: no answer worth caching.
  if (visiting.has(fn) || visiting.size >= MAX_CALL_DEPTH) return false;
  if (isTeardownCallback(fn)) return true;
  const references = findReferences(sourceCode, fn);
  // An abort listener is teardown, whoever else calls it.
  if (references?.some((reference) => getAbortListenerTarget(reference) !== undefined) === true) {
    calledOnlyFromCleanup.set(fn, true);
    return true;
  }
  const sites = references === undefined ? undefined : toCallSites(references);
  if (sites === undefined) {
    calledOnlyFromCleanup.set(fn, false);
    return false;
  }
  visiting.add(fn);
  // Recursive calls from inside `fn` do not change why it runs.
  const outside = sites.filter((site) => !isInside(site, fn));
  const result =
    outside.length > 0 &&
    outside.every((site) => {
      if (isCleanupCallback(site) || isInCleanupContext(site)) return true;
      const caller = getNearestFunction(site);
      return caller !== undefined && isCalledOnlyFromCleanup(sourceCode, caller, visiting, isTeardownCallback);
    });
  visiting.delete(fn);
  // Results reached while an outer function was undecided rest on that assumption.
  if (visiting.size === 0) calledOnlyFromCleanup.set(fn, result);
  return result;
}

function getNearestFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

function isInside(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current != null; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * The calls of a file-local function or a private method (`f()`, `this.#m()`),
 * and the places it is handed over as a cleanup callback
 * (`signal.addEventListener('abort', stop)`); `undefined` when some reference is neither.
 */
function toCallSites(references: readonly TSESTree.Node[]): TSESTree.Node[] | undefined {
  const sites: TSESTree.Node[] = [];
  for (const reference of references) {
    const site = getCallOfCallee(reference) ?? getCleanupArgument(reference);
    if (site === undefined) return undefined;
    sites.push(site);
  }
  return sites;
}

/**
 * The references of a file-local function or a private method: the identifiers
 * and member expressions that name it (not its declaration); `undefined` when it
 * is exported, taken out of `this` by destructuring, or not a named function.
 */
function findReferences(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.Node[] | undefined {
  let result = referencesCache.get(fn);
  if (!referencesCache.has(fn)) {
    result = findReferencesUncached(sourceCode, fn);
    referencesCache.set(fn, result);
  }
  return result;
}

const referencesCache = new WeakMap<FunctionNode, TSESTree.Node[] | undefined>();

function findReferencesUncached(sourceCode: Readonly<TSESLint.SourceCode>, fn: FunctionNode): TSESTree.Node[] | undefined {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id != null) {
    return findVariableReferences(sourceCode, fn, fn.id.name, parent);
  }
  if (
    parent.type === AST_NODE_TYPES.VariableDeclarator &&
    parent.init === fn &&
    parent.id.type === AST_NODE_TYPES.Identifier &&
    parent.parent.kind === 'const'
  ) {
    return findVariableReferences(sourceCode, parent, parent.id.name, parent.parent.parent);
  }
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'method') ||
    (parent.type === AST_NODE_TYPES.PropertyDefinition && fn.type === AST_NODE_TYPES.ArrowFunctionExpression)
  ) {
    if (parent.value !== fn || parent.computed) return undefined;
    const isPrivate = parent.key.type === AST_NODE_TYPES.PrivateIdentifier || parent.accessibility === 'private';
    if (!isPrivate || (parent.key.type !== AST_NODE_TYPES.Identifier && parent.key.type !== AST_NODE_TYPES.PrivateIdentifier)) {
      return undefined;
    }
    return findMemberReferences(sourceCode, parent.parent, parent.key);
  }
  return undefined;
}

function findVariableReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  declaration: TSESTree.Node,
  name: string,
  container: TSESTree.Node | undefined,
): TSESTree.Node[] | undefined {
  if (
    container?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    container?.type === AST_NODE_TYPES.ExportDefaultDeclaration
  ) {
    return undefined;
  }
  const variable = sourceCode.getDeclaredVariables(declaration).find((candidate) => candidate.name === name);
  if (variable === undefined || variable.defs.length !== 1) return undefined;
  return variable.references.filter((reference) => reference.init !== true).map((reference) => reference.identifier);
}

function findMemberReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  classBody: TSESTree.ClassBody,
  key: TSESTree.Identifier | TSESTree.PrivateIdentifier,
): TSESTree.Node[] | undefined {
  const isPrivateName = key.type === AST_NODE_TYPES.PrivateIdentifier;
  const references: TSESTree.Node[] = [];
  const escapes: TSESTree.Node[] = [];
  forEachDescendant(
    sourceCode,
    classBody,
    (node) => {
      if (escapes.length > 0) return false;
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const property = node.property;
        const named = node.computed
          ? !isPrivateName && property.type === AST_NODE_TYPES.Literal && property.value === key.name
          : property.type === key.type && property.name === key.name;
        if (named) references.push(node);
      } else if (node.type === AST_NODE_TYPES.ObjectPattern && !isPrivateName) {
        // `const { stop } = this` takes the method out as a value.
        const named = node.properties.some(
          (property) =>
            property.type === AST_NODE_TYPES.Property &&
            (property.computed || (property.key.type === AST_NODE_TYPES.Identifier && property.key.name === key.name)),
        );
        if (named) escapes.push(node);
      }
      return undefined;
    },
    () => true,
  );
  return escapes.length > 0 ? undefined : references;
}

function getCleanupArgument(node: TSESTree.Node): TSESTree.Node | undefined {
  return isCleanupCallback(node) ? node : undefined;
}

/** The call `callee` is the callee of (`f()`, `this.m()`, `this.m?.()`), if any. */
function getCallOfCallee(callee: TSESTree.Node): TSESTree.CallExpression | undefined {
  let current = callee;
  let parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.TSNonNullExpression) {
    current = parent;
    parent = parent.parent;
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === current) return parent;
  return undefined;
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
