import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getSignalTypes, isNullable, type SignalTypes } from './signalTypes.js';
import { isFunctionNode, type FunctionNode } from './functions.js';
import { isTestRunnerDeclaration } from './testRunners.js';

/** A signal that code at some point can pass on. */
export interface SignalSource {
  /** The expression to pass: `signal`, `request.signal`, `c.req.raw.signal`, `this.controller.signal`. */
  readonly text: string;
  readonly kind: 'local' | 'parameter' | 'property' | 'controller' | 'field' | 'offered' | 'module';
  /** The function whose scope holds the source (`undefined` at module level). */
  readonly owner: FunctionNode | undefined;
  /** The expression may be `undefined` (`signal?: AbortSignal`, `options?.signal`). */
  readonly mayBeUndefined?: boolean;
  /**
   * For a signal the framework offers to a callback that does not declare it
   * (`tool({ execute(input, { abortSignal }) })`): what to declare.
   */
  readonly declare?: OfferedParameter;
}

export interface OfferedParameter {
  readonly fn: FunctionNode;
  /** Index of the parameter that carries the signal. */
  readonly index: number;
  /** Property name of the signal in that parameter; `undefined` when the parameter is the signal. */
  readonly property: string | undefined;
  /** An existing destructuring pattern to add the property to. */
  readonly pattern?: TSESTree.ObjectPattern;
}

const SOURCE_DEPTH = 3;
/** A source is read from a value: every member of its type must have the path. */
const EVERY_MEMBER = { everyMember: true } as const;

/** Rank within one function: request-scoped and direct first. */
const RANK: Record<SignalSource['kind'], number> = {
  local: 0,
  parameter: 0,
  offered: 1,
  property: 1,
  controller: 2,
  field: 3,
  module: 4,
};


/**
 * Finds the signals in scope at `node`, best first: the innermost function
 * first, and within a function direct signals before properties of
 * parameters, controllers, class fields and module-level signals.
 *
 * @example findSignalSources(context, services, call)[0]?.text // 'c.req.raw.signal'
 */
export function findSignalSources(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Node,
): SignalSource[] {
  return collectSignalSources(sourceCode, services, node, false);
}

/**
 * The signals of the innermost function (around `node`) that holds any, best
 * first: the start of what `findSignalSources` returns, without typing the
 * variables of the outer functions and of the module. `[]` when no signal is
 * in scope at all.
 *
 * @example findNearestSignalSources(sourceCode, services, loop)[0]?.text // 'signal'
 */
export function findNearestSignalSources(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Node,
): SignalSource[] {
  return collectSignalSources(sourceCode, services, node, true);
}

function collectSignalSources(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  node: TSESTree.Node,
  nearestOnly: boolean,
): SignalSource[] {
  const types = getSignalTypes(services.program.getTypeChecker());
  const results: { source: SignalSource; level: number; rank: number; order: number }[] = [];
  let order = 0;
  let level = 0;
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node);
  // `this` means the class only until the first non-arrow function on the way out.
  let thisBound = false;
  while (scope !== null) {
    for (const candidate of getScopeCandidates(services, types, scope, node)) {
      results.push({ source: candidate, level, rank: RANK[candidate.kind], order: order++ });
    }
    if (scope.type === TSESLint.Scope.ScopeType.function && isFunctionNode(scope.block)) {
      for (const source of getFunctionOnlySources(services, types, scope.block)) {
        if (source.kind === 'field' && thisBound) continue;
        results.push({ source, level, rank: RANK[source.kind], order: order++ });
      }
      if (scope.block.type !== AST_NODE_TYPES.ArrowFunctionExpression) thisBound = true;
      level++;
      if (nearestOnly && results.length > 0) break;
    }
    scope = scope.upper;
  }
  results.sort((a, b) => a.level - b.level || a.rank - b.rank || a.order - b.order);
  const seen = new Set<string>();
  return results
    .filter(({ source }) => {
      if (seen.has(source.text)) return false;
      seen.add(source.text);
      return true;
    })
    .map(({ source }) => source);
}

const variableCache = new WeakMap<TSESLint.Scope.Variable, SignalSource | null>();

/**
 * The sources among a scope's variables that are usable at `node`: declared
 * before it, and not built from it (`const result = await generateText(…)`
 * holds no signal for that call). Position is read from the syntax first, so a
 * variable that cannot serve is never typed; each variable is typed once.
 */
function getScopeCandidates(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  scope: TSESLint.Scope.Scope,
  node: TSESTree.Node,
): SignalSource[] {
  const candidates: SignalSource[] = [];
  for (const variable of scope.variables) {
    const definition = variable.defs[0];
    if (definition === undefined || variable.defs.length > 1 || definition.name.type !== AST_NODE_TYPES.Identifier) continue;
    const isParameter = definition.type === TSESLint.Scope.DefinitionType.Parameter;
    if (isParameter) {
      if (definition.name.range[0] > node.range[0]) continue;
    } else if (
      definition.type === TSESLint.Scope.DefinitionType.Variable ||
      definition.type === TSESLint.Scope.DefinitionType.ImportBinding
    ) {
      // Usable after its declarator, so never inside it.
      if (definition.node.range[1] > node.range[0]) continue;
    } else {
      continue;
    }
    let candidate = variableCache.get(variable);
    if (candidate === undefined) {
      candidate = computeCandidate(services, types, scope, variable, definition) ?? null;
      variableCache.set(variable, candidate);
    }
    if (candidate !== null) candidates.push(candidate);
  }
  return candidates;
}

function computeCandidate(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  scope: TSESLint.Scope.Scope,
  variable: TSESLint.Scope.Variable,
  definition: TSESLint.Scope.Definition,
): SignalSource | undefined {
  const owner = findOwnerFunction(scope);
  const isModuleLevel = scope.type === TSESLint.Scope.ScopeType.module || scope.type === TSESLint.Scope.ScopeType.global;
  const name = definition.name;
  if (cannotHoldSignal(services, definition)) return undefined;
  const type = services.getTypeAtLocation(name);
  if (types.isOpaque(type)) return undefined;
  if (definition.type === TSESLint.Scope.DefinitionType.Parameter) {
    const path = types.findSignalPath(type, SOURCE_DEPTH, EVERY_MEMBER);
    if (path === undefined) return undefined;
    return { ...access(types, variable.name, type, path), kind: path.length === 0 ? 'parameter' : 'property', owner };
  }
  const kind: SignalSource['kind'] = isModuleLevel ? 'module' : 'local';
  // `x` or `x.signal` must be readable from every member of the type (`Request | string` has no signal).
  if (types.isSignalLike(type)) {
    if (!onEveryMember(type, (member) => types.isSignalLike(member))) return undefined;
    return { text: variable.name, kind, owner, mayBeUndefined: isNullable(type) };
  }
  if (types.isControllerLike(type)) {
    if (!onEveryMember(type, (member) => types.isControllerLike(member))) return undefined;
    return { ...access(types, variable.name, type, ['signal']), kind: isModuleLevel ? 'module' : 'controller', owner };
  }
  if (isModuleLevel || isFreshlyConstructed(definition.node)) return undefined;
  // `const req = c.req.raw` carries the request's signal; `new Request(url)` does not.
  const path = types.findSignalPath(type, SOURCE_DEPTH, EVERY_MEMBER);
  if (path === undefined || path.length === 0) return undefined;
  return { ...access(types, variable.name, type, path), kind: 'property', owner };
}

const PLAIN_INITIALIZERS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionExpression,
  AST_NODE_TYPES.ClassExpression,
]);

/**
 * A parameter or variable that no signal can be read from, seen from the
 * syntax alone: declared with a plain type (`id: string`, `items: Item[]`), or
 * initialised with a literal, an array or a function. Its type is never asked for.
 */
function cannotHoldSignal(
  services: ParserServicesWithTypeInformation,
  definition: TSESLint.Scope.Definition,
): boolean {
  const annotation = definition.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation : undefined;
  if (annotation !== undefined) {
    const types = getSignalTypes(services.program.getTypeChecker());
    return !types.mayHoldSignal(services.esTreeNodeToTSNodeMap.get(annotation.typeAnnotation) as ts.TypeNode, SOURCE_DEPTH);
  }
  if (definition.type !== TSESLint.Scope.DefinitionType.Variable) return false;
  const init = definition.node.init;
  return init != null && PLAIN_INITIALIZERS.has(init.type);
}

function isFreshlyConstructed(declarator: TSESTree.Node): boolean {
  return declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init?.type === AST_NODE_TYPES.NewExpression;
}

function findOwnerFunction(scope: TSESLint.Scope.Scope): FunctionNode | undefined {
  let current: TSESLint.Scope.Scope | null = scope;
  while (current !== null) {
    if (isFunctionNode(current.block)) return current.block;
    current = current.upper;
  }
  return undefined;
}

const functionCache = new WeakMap<FunctionNode, readonly SignalSource[]>();

/** Sources tied to the function itself: class fields through `this`, and offered parameters. */
function getFunctionOnlySources(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  fn: FunctionNode,
): readonly SignalSource[] {
  let cached = functionCache.get(fn);
  if (cached === undefined) {
    cached = [...getOfferedSources(services, types, fn), ...getFieldSources(services, types, fn)];
    functionCache.set(fn, cached);
  }
  return cached;
}

function getFieldSources(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  fn: FunctionNode,
): SignalSource[] {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.type !== AST_NODE_TYPES.PropertyDefinition) return [];
  if (
    (parent.type !== AST_NODE_TYPES.MethodDefinition && parent.type !== AST_NODE_TYPES.PropertyDefinition) ||
    parent.static
  ) {
    return [];
  }
  const classNode = parent.parent.parent;
  const tsClass = services.esTreeNodeToTSNodeMap.get(classNode);
  const classSymbol = tsClass.name !== undefined ? types.checker.getSymbolAtLocation(tsClass.name) : undefined;
  const instanceType =
    classSymbol !== undefined ? types.checker.getDeclaredTypeOfSymbol(classSymbol) : undefined;
  if (instanceType === undefined) return [];
  // `this.signal` or `this.controller.signal`: fields themselves, not objects further down.
  const sources: SignalSource[] = [];
  for (const property of types.checker.getPropertiesOfType(instanceType)) {
    if ((property.flags & ts.SymbolFlags.Property) === 0) continue;
    const type = types.checker.getTypeOfSymbol(property);
    if (types.isSignalLike(type)) {
      if (onEveryMember(type, (member) => types.isSignalLike(member))) sources.push({ text: `this.${property.name}`, kind: 'field', owner: fn, mayBeUndefined: isNullable(type) });
    } else if (types.isControllerLike(type) && onEveryMember(type, (member) => types.isControllerLike(member))) {
      sources.push({ ...access(types, `this.${property.name}`, type, ['signal']), kind: 'field', owner: fn });
    }
  }
  return sources;
}

/**
 * A callback whose contextual type offers a signal it does not declare:
 * `execute: async ({ city }) => …` where the AI SDK passes `{ abortSignal }` as
 * the second argument, or an MCP handler's `extra`.
 */
function getOfferedSources(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  fn: FunctionNode,
): SignalSource[] {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return [];
  const signature = getContextualSignature(services, types, fn);
  if (signature === undefined) return [];
  const parameters = signature.getParameters();
  // A test runner's context (vitest's `({ signal })`): tests are not request code.
  const declaration = (signature.getDeclaration() as ts.Node | undefined) ?? parameters[0]?.valueDeclaration;
  if (declaration !== undefined && isTestRunnerDeclaration(declaration)) return [];
  const declared = fn.params;
  if (declared.some((p) => p.type === AST_NODE_TYPES.RestElement)) return [];
  for (let index = 0; index < parameters.length; index++) {
    const parameter = parameters[index]!;
    const declaration = parameter.valueDeclaration;
    if (declaration !== undefined && ts.isParameter(declaration) && declaration.dotDotDotToken !== undefined) break;
    const type = types.checker.getTypeOfSymbol(parameter);
    if (types.isOpaque(type)) continue;
    const own = declared[index];
    if (own !== undefined) {
      // A declared destructuring pattern that leaves the signal out.
      const pattern = own.type === AST_NODE_TYPES.AssignmentPattern ? own.left : own;
      if (pattern.type !== AST_NODE_TYPES.ObjectPattern) continue;
      if (pattern.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) continue;
      const path = types.findSignalPath(services.getTypeAtLocation(pattern), 1, EVERY_MEMBER);
      if (path?.length !== 1) continue;
      const property = path[0]!;
      if (pattern.properties.some((p) => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === property)) {
        continue;
      }
      return [{ text: property, kind: 'offered', owner: fn, declare: { fn, index, property, pattern } }];
    }
    const path = types.findSignalPath(type, 1, EVERY_MEMBER);
    if (path === undefined) continue;
    const property = path[0];
    return [{ text: property ?? 'signal', kind: 'offered', owner: fn, declare: { fn, index, property } }];
  }
  return [];
}

function getContextualSignature(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  fn: FunctionNode,
): ts.Signature | undefined {
  const { checker } = types;
  const parent = fn.parent;
  let contextualType: ts.Type | undefined;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    // Methods and properties of an object literal: look the member up in the literal's contextual type.
    const objectType = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(parent.parent));
    const name = !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    if (objectType === undefined || name === undefined) return undefined;
    const property = checker.getPropertyOfType(checker.getApparentType(objectType), name);
    contextualType = property !== undefined ? checker.getTypeOfSymbol(property) : undefined;
  } else if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
    contextualType = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(fn) as ts.Expression);
  } else {
    return undefined;
  }
  if (contextualType === undefined) return undefined;
  const nonNullable = checker.getNonNullableType(contextualType);
  const signatures = nonNullable.getCallSignatures();
  return signatures.length === 1 ? signatures[0] : undefined;
}

/**
 * `options.signal`, or `options?.signal` where a step may be `undefined`
 * (`options?: CallOptions`), so that the expression type-checks where it is used.
 */
/** `root.a?.b`: the text that reads `path` from `root`, and whether its value may be `undefined`. */
function access(
  types: SignalTypes,
  root: string,
  rootType: ts.Type,
  path: readonly string[],
): { text: string; mayBeUndefined: boolean } {
  const { checker } = types;
  let text = root;
  let current: ts.Type | undefined = rootType;
  let optionalLink = false;
  for (const name of path) {
    const nullable = current !== undefined && isNullable(current);
    optionalLink ||= nullable;
    text += `${nullable ? '?.' : '.'}${name}`;
    const property: ts.Symbol | undefined =
      current !== undefined ? checker.getPropertyOfType(checker.getNonNullableType(current), name) : undefined;
    current = property !== undefined ? checker.getTypeOfSymbol(property) : undefined;
  }
  return { text, mayBeUndefined: optionalLink || current === undefined || isNullable(current) };
}

/**
 * Does `test` hold for every member of the type other than `null` and
 * `undefined`? `AbortController | undefined` can give a signal (through `?.`);
 * `Request | string` cannot.
 */
function onEveryMember(type: ts.Type, test: (member: ts.Type) => boolean): boolean {
  const members = (type.isUnion() ? type.types : [type]).filter((member) => !isNullable(member));
  return members.length > 0 && members.every(test);
}
