import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils, TSESLint as Lint } from '@typescript-eslint/utils';

import { getMemberName } from './callContext.js';
import { isFunctionNode, type FunctionNode } from './functions.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;
type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** What makes a controller's `abort()` run. */
export type AbortTrigger =
  /** `setTimeout(() => controller.abort(), ms)`: a deadline. */
  | { readonly kind: 'timer'; readonly registration: TSESTree.CallExpression; readonly delay: TSESTree.Expression | undefined }
  /**
   * Another signal's abort, forwarded by hand: `signal.addEventListener('abort', …)`,
   * `signal.onabort = …`, `addAbortListener(signal, …)`.
   */
  | {
      readonly kind: 'abortListener';
      readonly registration: TSESTree.CallExpression | TSESTree.AssignmentExpression;
      /** The signal listened to. */
      readonly signal: TSESTree.Expression;
    }
  /** Another event: `res.on('close', …)`, `process.once('SIGTERM', …)`, `button.onclick = …`. */
  | {
      readonly kind: 'event';
      readonly registration: TSESTree.CallExpression | TSESTree.AssignmentExpression;
      readonly target: TSESTree.Expression;
      /** The event name when it is a literal. */
      readonly event: string | undefined;
    }
  /** A callback handed to some other call: `.catch(() => …)`, `items.map(async () => …)`. */
  | { readonly kind: 'callback'; readonly registration: TSESTree.CallExpression }
  /** A function whose callers are not seen: another method (`stop()`), a returned `cancel()`. */
  | { readonly kind: 'function'; readonly fn: FunctionNode }
  /** Straight in the code that owns the controller: after a failure, in `finally`. */
  | { readonly kind: 'inline' };

export interface AbortSite {
  /** `controller.abort(reason)`, or `controller.abort.bind(controller)`. */
  readonly call: TSESTree.CallExpression;
  readonly trigger: AbortTrigger;
}

/** How a controller created in this file is used. */
export interface ControllerUsage {
  readonly kind: 'variable' | 'field';
  /** The `new AbortController()` expressions that create it. */
  readonly creations: readonly TSESTree.NewExpression[];
  /** Every `abort()`, with what triggers it. */
  readonly aborts: readonly AbortSite[];
  /**
   * Places that hand the controller itself to other code, which could abort it:
   * an argument, a return value, an object or array member, an export, a
   * public field. Reading `.signal` is not an escape.
   */
  readonly escapes: readonly TSESTree.Node[];
  /** Every `controller.signal` read. */
  readonly signalReads: readonly TSESTree.MemberExpression[];
  /**
   * `false` when some use could not be classified (a reassignment with
   * something else than a fresh controller, a computed member access): the
   * other facts are then incomplete, and a rule should stay silent.
   */
  readonly complete: boolean;
}

const variableCache = new WeakMap<Variable, ControllerUsage | null>();
const fieldCache = new WeakMap<ClassNode, Map<string, ControllerUsage | null>>();

/**
 * How the controller that `node` denotes is used: a local (or module-level)
 * variable initialised with `new AbortController()`, or a class field that
 * holds one (`this.controller`, `this.#controller`). `undefined` when `node`
 * is not such a controller (a parameter, an import, a property of something else).
 *
 * @example
 * // const controller = new AbortController();
 * // setTimeout(() => controller.abort(), 5_000);
 * getControllerUsage(sourceCode, controllerIdentifier)
 * // → { aborts: [{ trigger: { kind: 'timer', delay: 5_000 } }], escapes: [], … }
 */
export function getControllerUsage(
  sourceCode: SourceCode,
  node: TSESTree.Identifier | TSESTree.MemberExpression,
): ControllerUsage | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
    if (variable === null) return undefined;
    let cached = variableCache.get(variable);
    if (cached === undefined) {
      cached = computeVariableUsage(sourceCode, variable) ?? null;
      variableCache.set(variable, cached);
    }
    return cached ?? undefined;
  }
  if (node.object.type !== AST_NODE_TYPES.ThisExpression || node.computed) return undefined;
  const name = getMemberKey(node.property);
  const classNode = findThisClass(node);
  if (name === undefined || classNode === undefined) return undefined;
  let byName = fieldCache.get(classNode);
  if (byName === undefined) {
    byName = new Map();
    fieldCache.set(classNode, byName);
  }
  let cached = byName.get(name);
  if (cached === undefined) {
    cached = computeFieldUsage(sourceCode, classNode, name) ?? null;
    byName.set(name, cached);
  }
  return cached ?? undefined;
}

/** `new AbortController()` of the global class (not a local one with the same name). */
function isControllerCreation(sourceCode: SourceCode, node: TSESTree.Node | null | undefined): node is TSESTree.NewExpression {
  if (node == null) return false;
  const expression = skipWrappers(node);
  if (expression.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = expression.callee;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'AbortController') return false;
  const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee);
  return variable === null || variable.defs.length === 0;
}

function computeVariableUsage(sourceCode: SourceCode, variable: Variable): ControllerUsage | undefined {
  const definition = variable.defs[0];
  if (variable.defs.length !== 1 || definition?.type !== Lint.Scope.DefinitionType.Variable) return undefined;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !isControllerCreation(sourceCode, declarator.init)) return undefined;
  const creations: TSESTree.NewExpression[] = [skipWrappers(declarator.init) as TSESTree.NewExpression];
  const home = findHome(declarator);
  const collector = new UsageCollector(sourceCode, home);
  const declaration = declarator.parent;
  if (
    declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    declaration.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration
  ) {
    collector.escapes.push(declaration.parent);
  }
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const identifier = reference.identifier;
    if (reference.isWrite()) {
      const assignment = identifier.parent;
      if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '=' && isControllerCreation(sourceCode, assignment.right)) {
        creations.push(skipWrappers(assignment.right) as TSESTree.NewExpression);
        continue;
      }
      collector.complete = false;
      continue;
    }
    collector.classifyReference(identifier, (candidate) => candidate.type === AST_NODE_TYPES.Identifier && candidate.name === variable.name);
  }
  return collector.result('variable', creations);
}

function computeFieldUsage(sourceCode: SourceCode, classNode: ClassNode, name: string): ControllerUsage | undefined {
  let definition: TSESTree.PropertyDefinition | undefined;
  for (const member of classNode.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed && getMemberKey(member.key) === name) {
      definition = member;
    }
  }
  if (definition === undefined) return undefined;
  const isPrivate = definition.key.type === AST_NODE_TYPES.PrivateIdentifier || definition.accessibility === 'private';
  const creations: TSESTree.NewExpression[] = [];
  if (definition.value !== null) {
    if (!isControllerCreation(sourceCode, definition.value)) return undefined;
    creations.push(skipWrappers(definition.value) as TSESTree.NewExpression);
  }
  const accesses = findThisAccesses(sourceCode, classNode, name);
  const collector = new UsageCollector(sourceCode, undefined);
  if (!isPrivate) collector.escapes.push(definition);
  const isSame = (candidate: TSESTree.Node): boolean =>
    candidate.type === AST_NODE_TYPES.MemberExpression &&
    candidate.object.type === AST_NODE_TYPES.ThisExpression &&
    !candidate.computed &&
    getMemberKey(candidate.property) === name;
  for (const access of accesses) {
    const parent = climbWrappers(access);
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === access) {
      if (parent.operator === '=' && isControllerCreation(sourceCode, parent.right)) {
        creations.push(skipWrappers(parent.right) as TSESTree.NewExpression);
      } else {
        collector.complete = false;
      }
      continue;
    }
    collector.classifyReference(access, isSame);
  }
  if (creations.length === 0) return undefined;
  return collector.result('field', creations);
}

class UsageCollector {
  readonly aborts: AbortSite[] = [];
  readonly escapes: TSESTree.Node[] = [];
  readonly signalReads: TSESTree.MemberExpression[] = [];
  complete = true;

  constructor(
    private readonly sourceCode: SourceCode,
    /** The function that owns the controller; `undefined` for a field (each method is its own home). */
    private readonly home: FunctionNode | TSESTree.Program | undefined,
  ) {}

  /** `reference` denotes the controller; decide what its use does. */
  classifyReference(reference: TSESTree.Node, isSame: (candidate: TSESTree.Node) => boolean): void {
    const parent = climbWrappers(reference);
    if (parent.type === AST_NODE_TYPES.TSTypeQuery) return;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === upToWrapped(reference, parent)) {
      if (parent.computed) {
        this.complete = false;
        return;
      }
      const property = getMemberKey(parent.property);
      if (property === 'signal') {
        this.signalReads.push(parent);
        return;
      }
      if (property !== 'abort') return;
      const use = climbWrappers(parent);
      if (use.type === AST_NODE_TYPES.CallExpression && use.callee === upToWrapped(parent, use)) {
        this.aborts.push({ call: use, trigger: this.findTrigger(use, use) });
        return;
      }
      // `controller.abort.bind(controller)`: a handler that aborts.
      if (use.type === AST_NODE_TYPES.MemberExpression && getMemberKey(use.property) === 'bind') {
        const bindCall = climbWrappers(use);
        if (bindCall.type === AST_NODE_TYPES.CallExpression && bindCall.callee === upToWrapped(use, bindCall)) {
          this.aborts.push({ call: bindCall, trigger: this.findTrigger(bindCall, bindCall) });
          return;
        }
      }
      // `onCancel: controller.abort`: whoever receives it can abort.
      this.escapes.push(parent);
      return;
    }
    // The receiver of its own bound abort: `controller.abort.bind(controller)`.
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === reference) {
      const callee = parent.callee;
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        getMemberKey(callee.property) === 'bind' &&
        callee.object.type === AST_NODE_TYPES.MemberExpression &&
        getMemberKey(callee.object.property) === 'abort' &&
        isSame(callee.object.object)
      ) {
        return;
      }
    }
    if (isHarmlessUse(parent, upToWrapped(reference, parent))) return;
    this.escapes.push(reference);
  }

  /** What runs `abort()` at `call`: the innermost function around it, and how that function is reached. */
  private findTrigger(call: TSESTree.Node, handlerCandidate: TSESTree.Node): AbortTrigger {
    // A bound abort handed over directly: `setTimeout(controller.abort.bind(controller), ms)`.
    if (handlerCandidate.type === AST_NODE_TYPES.CallExpression) {
      const direct = this.classifyHandler(handlerCandidate);
      if (direct !== undefined) return direct;
    }
    let fn: FunctionNode | undefined;
    for (let current = call.parent; current != null; current = current.parent) {
      if (current === this.home) break;
      if (isFunctionNode(current)) {
        fn = current;
        break;
      }
    }
    if (fn === undefined) return { kind: 'inline' };
    if (this.home === undefined && isMethodBody(fn)) return { kind: 'function', fn };
    return this.classifyHandler(fn) ?? this.classifyNamedHandler(fn) ?? { kind: 'function', fn };
  }

  /** The handler is passed or assigned right here: `setTimeout(h, ms)`, `signal.onabort = h`. */
  private classifyHandler(handler: TSESTree.Node): AbortTrigger | undefined {
    let position: TSESTree.Node = handler;
    let parent = climbWrappers(handler);
    // `{ once: true }`-style wrappers do not apply to handlers; only parentheses and casts.
    while (parent.type === AST_NODE_TYPES.LogicalExpression || parent.type === AST_NODE_TYPES.ConditionalExpression) {
      position = parent;
      parent = climbWrappers(parent);
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === upToWrapped(position, parent)) {
      const name = getMemberName(parent.left);
      if (parent.left.type !== AST_NODE_TYPES.MemberExpression || name === undefined || !name.startsWith('on')) return undefined;
      if (name === 'onabort') return { kind: 'abortListener', registration: parent, signal: parent.left.object };
      return { kind: 'event', registration: parent, target: parent.left.object, event: name.slice(2) };
    }
    if (parent.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const index = parent.arguments.indexOf(upToWrapped(position, parent) as TSESTree.CallExpressionArgument);
    if (index < 0) return undefined;
    return classifyRegistration(parent, index);
  }

  /** `const onAbort = () => controller.abort();` then `signal.addEventListener('abort', onAbort)`. */
  private classifyNamedHandler(fn: FunctionNode): AbortTrigger | undefined {
    let declared: TSESTree.Node | undefined;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) declared = fn;
    else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn) declared = fn.parent;
    if (declared === undefined) return undefined;
    const [variable] = this.sourceCode.getDeclaredVariables(declared);
    if (variable === undefined) return undefined;
    let fallback: AbortTrigger | undefined;
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const trigger = this.classifyHandler(reference.identifier);
      if (trigger === undefined) continue;
      // A forwarded abort is the fact rules care most about; prefer it when a handler is registered twice.
      if (trigger.kind === 'abortListener') return trigger;
      fallback ??= trigger;
    }
    return fallback;
  }

  result(kind: ControllerUsage['kind'], creations: TSESTree.NewExpression[]): ControllerUsage {
    return {
      kind,
      creations,
      aborts: this.aborts,
      escapes: this.escapes,
      signalReads: this.signalReads,
      complete: this.complete,
    };
  }
}

/** Uses that look at the controller without handing it to anyone. */
function isHarmlessUse(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.UnaryExpression:
    case AST_NODE_TYPES.BinaryExpression:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === child;
    default:
      return false;
  }
}

const TIMERS = new Set(['setTimeout', 'setInterval']);
const LISTEN = new Set(['addEventListener', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** The handler at `index` of `call`: a timer, a listener, or some other callback. */
function classifyRegistration(call: TSESTree.CallExpression, index: number): AbortTrigger {
  const name = getMemberName(call.callee);
  if (name !== undefined && TIMERS.has(name) && index === 0) {
    const delay = call.arguments[1];
    return {
      kind: 'timer',
      registration: call,
      delay: delay !== undefined && delay.type !== AST_NODE_TYPES.SpreadElement ? delay : undefined,
    };
  }
  if (name === 'addAbortListener' && index === 1) {
    const signal = call.arguments[0];
    if (signal !== undefined && signal.type !== AST_NODE_TYPES.SpreadElement) {
      return { kind: 'abortListener', registration: call, signal };
    }
  }
  if (
    name !== undefined &&
    LISTEN.has(name) &&
    index === 1 &&
    call.callee.type === AST_NODE_TYPES.MemberExpression
  ) {
    const [type] = call.arguments;
    const event = type?.type === AST_NODE_TYPES.Literal && typeof type.value === 'string' ? type.value : undefined;
    if (event === 'abort') return { kind: 'abortListener', registration: call, signal: call.callee.object };
    return { kind: 'event', registration: call, target: call.callee.object, event };
  }
  return { kind: 'callback', registration: call };
}

/** The function (or the program) whose code owns a local declaration. */
function findHome(node: TSESTree.Node): FunctionNode | TSESTree.Program {
  for (let current = node.parent; current != null; current = current.parent) {
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.Program) return current;
  }
  throw new Error('unreachable: every node is inside a Program');
}

/** A method's (or field arrow's) own function: the home of `this.controller.abort()` in `stop()`. */
function isMethodBody(fn: FunctionNode): boolean {
  const parent = fn.parent;
  return parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition;
}

function getMemberKey(key: TSESTree.Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return undefined;
}

/** The class whose instance `this` is at `node`: arrows keep it, other functions do not. */
function findThisClass(node: TSESTree.Node): ClassNode | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const parent = current.parent;
      if (parent.type !== AST_NODE_TYPES.MethodDefinition || parent.static) return undefined;
      return classOf(parent);
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition) return current.static ? undefined : classOf(current);
    if (current.type === AST_NODE_TYPES.StaticBlock || current.type === AST_NODE_TYPES.Program) return undefined;
  }
  return undefined;
}

function classOf(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): ClassNode {
  return member.parent.parent;
}

/** Every `this.<name>` in the class whose `this` is the instance. */
function findThisAccesses(sourceCode: SourceCode, classNode: ClassNode, name: string): TSESTree.MemberExpression[] {
  const found: TSESTree.MemberExpression[] = [];
  const keys = sourceCode.visitorKeys;
  const visit = (node: TSESTree.Node): void => {
    if (
      node.type === AST_NODE_TYPES.MemberExpression &&
      node.object.type === AST_NODE_TYPES.ThisExpression &&
      !node.computed &&
      getMemberKey(node.property) === name &&
      findThisClass(node) === classNode
    ) {
      found.push(node);
    }
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item);
      } else if (isNode(child)) {
        visit(child);
      }
    }
  };
  visit(classNode.body);
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function isWrapper(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion ||
    node.type === AST_NODE_TYPES.ChainExpression
  );
}

/** The first ancestor that is not a cast, `!` or optional-chain wrapper. */
function climbWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node.parent!;
  while (isWrapper(current)) current = current.parent!;
  return current;
}

/** The child of `ancestor` on the way up from `node` (the outermost wrapper around `node`). */
function upToWrapped(node: TSESTree.Node, ancestor: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent !== undefined && current.parent !== ancestor) current = current.parent;
  return current;
}

function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isWrapper(current)) current = (current as TSESTree.TSAsExpression).expression;
  return current;
}
