import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';

import { isSignalFactoryCall } from './callContext.js';
import { getSignalTypes, isNeverWork, type SignalTypes } from './signalTypes.js';

/** Where a callee takes its signal: an argument index, then a property path in that argument. */
export interface SignalSlot {
  /** Index of the parameter that carries the signal. */
  readonly index: number;
  /** Property path inside that argument; `[]` for a positional `AbortSignal` parameter. */
  readonly path: readonly string[];
  /** For each parameter before `index`: may its argument be left out? */
  readonly optional: readonly boolean[];
  /** The slot comes from another overload than the one TypeScript resolved. */
  readonly fromOtherOverload: boolean;
  readonly signature: ts.Signature;
}

export type CallWithArguments = TSESTree.CallExpression | TSESTree.NewExpression;

/** Max depth of an accepting property inside an argument: `config.abortSignal`, `fetchOptions.signal`. */
const SLOT_DEPTH = 2;

/**
 * Answers that depend on the program, not only on the syntax: a declaration's node
 * outlives its program (an editor reuses the syntax tree of an unchanged file, and
 * the project service shares the trees of `node_modules` between projects), while
 * the names in it may resolve to other declarations in the next program.
 */
interface SlotCache {
  readonly bySignature: WeakMap<ts.Signature, SignalSlot | null>;
  readonly byDeclaration: WeakMap<ts.Declaration, SignalSlot | null>;
  /** `hasNoSignalParameter`, by declaration. */
  readonly plainSignatures: WeakMap<ts.Node, boolean>;
  /** `overloadsMayHaveSlot`, by declaration. */
  readonly overloadSlots: WeakMap<ts.Declaration, boolean>;
  /** `getOverloads`, by declaration. */
  readonly overloads: WeakMap<ts.Node, readonly ts.SignatureDeclaration[]>;
}

const caches = new WeakMap<ts.TypeChecker, SlotCache>();

function getCache(checker: ts.TypeChecker): SlotCache {
  let cache = caches.get(checker);
  if (cache === undefined) {
    cache = {
      bySignature: new WeakMap(),
      byDeclaration: new WeakMap(),
      plainSignatures: new WeakMap(),
      overloadSlots: new WeakMap(),
      overloads: new WeakMap(),
    };
    caches.set(checker, cache);
  }
  return cache;
}

/**
 * The signal slot of a signature: the last parameter that is an AbortSignal
 * or an object with an AbortSignal property (at most two levels deep).
 * `@deprecated` signatures and rest parameters have none.
 *
 * @example getSignatureSlot(types, signatureOf(`fetch(url)`)) // { index: 1, path: ['signal'] }
 */
export function getSignatureSlot(types: SignalTypes, signature: ts.Signature): SignalSlot | undefined {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  // Generic signatures are instantiated per call; their declaration is the stable key.
  let slot = declaration !== undefined ? getDeclaredSlot(types, declaration, signature) : undefined;
  // A slot behind a type parameter of the class (`options?: Partial<CallOptions>`)
  // is visible only on the instantiated signature.
  if (slot === undefined && (declaration === undefined || mayHideSlot(declaration))) {
    slot = cachedSlot(getCache(types.checker).bySignature, signature, () => computeSignatureSlot(types, signature));
  }
  return slot === undefined ? undefined : { ...slot, signature };
}

/** The slot of a declaration's own (uninstantiated) signature, computed once per declaration. */
function getDeclaredSlot(
  types: SignalTypes,
  declaration: ts.SignatureDeclaration,
  fallback?: ts.Signature,
): SignalSlot | undefined {
  return cachedSlot(getCache(types.checker).byDeclaration, declaration, () => {
    const signature = declaredSignature(types, declaration, fallback);
    return signature === undefined ? undefined : computeSignatureSlot(types, signature);
  });
}

function cachedSlot<K extends object>(
  map: WeakMap<K, SignalSlot | null>,
  key: K,
  compute: () => SignalSlot | undefined,
): SignalSlot | undefined {
  const cached = map.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const slot = compute();
  map.set(key, slot ?? null);
  return slot;
}

const hidesSlot = new WeakMap<ts.Node, boolean>();

/**
 * May an instantiation of the declaration show a slot that the declaration
 * itself hides? Only when it is a member of a generic class, interface or type
 * and a parameter's type mentions one of that container's type parameters
 * outside a function type (`options?: Partial<CallOptions>`). A function's own
 * type parameters are inferred from its arguments, so they cannot hide a slot
 * the caller left out; and `map(fn: (value: T) => U)` cannot either. This keeps
 * `z.object({ … })`, `c.json(data)` and array methods to one search per
 * declaration.
 */
function mayHideSlot(declaration: ts.SignatureDeclaration): boolean {
  let result = hidesSlot.get(declaration);
  if (result === undefined) {
    const names = new Set<string>();
    for (let node: ts.Node = declaration.parent; !ts.isSourceFile(node); node = node.parent) {
      if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
        for (const parameter of node.typeParameters ?? []) names.add(parameter.name.text);
      }
    }
    result =
      names.size > 0 &&
      declaration.parameters.some((parameter) => parameter.type === undefined || mentionsTypeParameter(parameter.type, names));
    hidesSlot.set(declaration, result);
  }
  return result;
}

function mentionsTypeParameter(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) return false;
  if (ts.isThisTypeNode(node)) return true;
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && names.has(node.typeName.text)) return true;
  return ts.forEachChild(node, (child) => mentionsTypeParameter(child, names) || undefined) ?? false;
}

function declaredSignature(
  types: SignalTypes,
  declaration: ts.SignatureDeclaration,
  fallback: ts.Signature | undefined,
): ts.Signature | undefined {
  if (ts.isJSDocSignature(declaration)) return fallback;
  return types.checker.getSignatureFromDeclaration(declaration) ?? fallback;
}

/**
 * A `@deprecated` overload does not count when the callee has another one: the
 * signal belongs in the call shape that is still supported. A callee whose only
 * signature is deprecated (the AI SDK's `generateObject`) still does work.
 */
function isDeprecatedOverload(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration | undefined): boolean {
  if (declaration === undefined || ts.getJSDocDeprecatedTag(declaration) === undefined) return false;
  return getOverloads(checker, declaration).some((overload) => ts.getJSDocDeprecatedTag(overload) === undefined);
}

function computeSignatureSlot(types: SignalTypes, signature: ts.Signature): SignalSlot | undefined {
  if (isDeprecatedOverload(types.checker, signature.getDeclaration())) return undefined;
  const { checker } = types;
  const parameters = signature.getParameters();
  for (let index = parameters.length - 1; index >= 0; index--) {
    const parameter = parameters[index]!;
    const declaration = parameter.valueDeclaration;
    if (declaration !== undefined && ts.isParameter(declaration)) {
      // Read off the declarations: `id: string`, `items: T[]`, `res: Response` (express) or
      // `size = 1000` never carry a signal, whatever the instantiation, so their types need not
      // be asked for.
      if (!parameterMayHoldSignal(types, declaration)) continue;
    }
    const type = checker.getTypeOfSymbol(parameter);
    if (types.isOpaque(type)) continue;
    const path = types.findSignalPath(type, SLOT_DEPTH, { skipDeprecated: true });
    if (path === undefined) continue;
    const optional = parameters.slice(0, index).map((p) => isOptionalParameter(checker, p));
    return { index, path, optional, fromOtherOverload: false, signature };
  }
  return undefined;
}

function isOptionalParameter(checker: ts.TypeChecker, parameter: ts.Symbol): boolean {
  const declaration = parameter.valueDeclaration;
  if (declaration !== undefined && ts.isParameter(declaration)) {
    if (declaration.questionToken !== undefined || declaration.initializer !== undefined) return true;
  }
  const type = checker.getTypeOfSymbol(parameter);
  return (
    (type.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Void)) !== 0 ||
    (type.isUnion() && type.types.some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) !== 0))
  );
}

/**
 * Can the argument of a parameter be a signal or carry one, read from its
 * declaration? Not for a rest parameter, a parameter whose declared type cannot
 * hold one, or an untyped one whose default is a literal (`size = 1000`).
 */
function parameterMayHoldSignal(types: SignalTypes, parameter: ts.ParameterDeclaration): boolean {
  if (parameter.dotDotDotToken !== undefined) return false;
  if (parameter.type !== undefined) return types.mayHoldSignal(parameter.type, SLOT_DEPTH);
  return parameter.initializer === undefined || !isPrimitiveLiteral(parameter.initializer);
}

function isPrimitiveLiteral(node: ts.Expression): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return true;
    case ts.SyntaxKind.PrefixUnaryExpression:
      return isPrimitiveLiteral((node as ts.PrefixUnaryExpression).operand);
    default:
      return false;
  }
}

/**
 * The signal slot of a call: from the signature TypeScript resolved, or else
 * from another overload of the same callee that accepts the same arguments
 * plus a signal appended after them.
 *
 * @example findCallSlot(services, node) // `openai.chat.completions.create(body)` → { index: 1, path: ['signal'] }
 */
export function findCallSlot(
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
): SignalSlot | undefined {
  const signature = getCallSignature(services, node);
  return signature === undefined ? undefined : findSignatureSlotForCall(services, node, signature);
}

/**
 * Can no instantiation of the signature, nor another overload of it, take a
 * signal? Read from the declarations alone (`mayHoldSignal`): every parameter
 * is a rest parameter or declared with a type that cannot hold one
 * (`slugify(text: string, max: number)`, `items.map(fn)`, `send(res: Response)`).
 * Lets a rule drop most calls before asking any type question about them.
 */
export function hasNoSignalParameter(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (declaration === undefined || ts.isJSDocSignature(declaration)) return false;
  const { plainSignatures } = getCache(checker);
  let result = plainSignatures.get(declaration);
  if (result === undefined) {
    const types = getSignalTypes(checker);
    // Last parameter first, as the slot search reads them: the options bag usually comes
    // last, and once it may hold a signal, `writeFile`'s `data` (typed arrays, streams) is
    // never read at all.
    const isPlain = (overload: ts.SignatureDeclaration): boolean =>
      overload.parameters.findLast((parameter) => parameterMayHoldSignal(types, parameter)) === undefined;
    // Its own parameters first: the other overloads are looked up only for a plain one.
    result = isPlain(declaration) && getOverloads(checker, declaration).every(isPlain);
    plainSignatures.set(declaration, result);
  }
  return result;
}

/**
 * Can a call to the signature take a signal at all: its declaration has a slot,
 * an instantiation may show one (a parameter typed by the class's type
 * parameter), or another overload has one? Answered from the declarations'
 * types once per declaration, for what `hasNoSignalParameter` could not settle
 * from their syntax (`parseWith<S extends ZodType>(schema: S)`).
 */
export function mayTakeSignal(checker: ts.TypeChecker, signature: ts.Signature): boolean {
  const declaration = signature.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (declaration === undefined || ts.isJSDocSignature(declaration)) return true;
  const types = getSignalTypes(checker);
  return (
    getDeclaredSlot(types, declaration) !== undefined ||
    mayHideSlot(declaration) ||
    overloadsMayHaveSlot(types, declaration)
  );
}

/** The signature TypeScript resolved for a call: one checker query, answered from its cache after type-checking. */
export function getCallSignature(
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
): ts.Signature | undefined {
  const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.CallExpression | ts.NewExpression;
  return services.program.getTypeChecker().getResolvedSignature(tsNode);
}

/** A call's resolved signature and its return type, read once. */
export interface WorkSignature {
  readonly signature: ts.Signature;
  readonly returnType: ts.Type;
}

/**
 * The signature TypeScript resolved for a call that may do work a signal could
 * cancel, judged without reading any declaration: the call is not about a signal
 * itself (`AbortSignal.timeout(ms)`), spreads no argument, returns neither a
 * primitive nor `void` (`JSON.stringify(x)`, `items.push(x)`), and, for `new`,
 * makes a promise or an async iterable (`new OpenAI(options)` configures, it does
 * no work). Every answer comes from the syntax or from the checker's cache after
 * type-checking; `hasNoSignalParameter` is the next, costlier question.
 *
 * @example getWorkSignature(services, types, node) // `JSON.stringify(x)` → undefined
 */
export function getWorkSignature(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  node: CallWithArguments,
): WorkSignature | undefined {
  if (isSignalFactoryCall(node)) return undefined;
  if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const signature = getCallSignature(services, node);
  if (signature === undefined) return undefined;
  const returnType = types.checker.getReturnTypeOfSignature(signature);
  if (isNeverWork(returnType)) return undefined;
  if (node.type === AST_NODE_TYPES.NewExpression && !types.isPromiseOrAsyncIterable(returnType)) return undefined;
  return { signature, returnType };
}

/**
 * `findCallSlot` for a signature already resolved, so that a rule can look at
 * the signature (its return type, say) before paying for the slot search.
 */
export function findSignatureSlotForCall(
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
  resolved: ts.Signature,
): SignalSlot | undefined {
  const types = getSignalTypes(services.program.getTypeChecker());
  const slot = getSignatureSlot(types, resolved);
  if (slot !== undefined) return slot;
  const tsNode = services.esTreeNodeToTSNodeMap.get(node) as ts.CallExpression | ts.NewExpression;
  return findOverloadSlot(services, types, node, tsNode, resolved);
}

/**
 * Can every member of a union receiver take the signal? `auth.getToken()` on
 * `Exchange | Static`, where only `Exchange#getToken` takes options: TypeScript
 * merges the members' signatures into one that carries the first member's
 * declaration, in an order that depends on how the program was checked. A call
 * one member cannot pass a signal to is left alone.
 */
export function takesSignalOnEveryMember(services: ParserServicesWithTypeInformation, node: CallWithArguments): boolean {
  const checker = services.program.getTypeChecker();
  const calleeType = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node.callee));
  if (!calleeType.isUnion()) return true;
  const types = getSignalTypes(checker);
  return calleeType.types.every((member) => {
    const signatures = node.type === AST_NODE_TYPES.NewExpression ? member.getConstructSignatures() : member.getCallSignatures();
    return signatures.length === 0 || signatures.some((signature) => getSignatureSlot(types, signature) !== undefined);
  });
}

function findOverloadSlot(
  services: ParserServicesWithTypeInformation,
  types: SignalTypes,
  node: CallWithArguments,
  tsNode: ts.CallExpression | ts.NewExpression,
  resolved: ts.Signature,
): SignalSlot | undefined {
  const { checker } = types;
  const declaration = resolved.getDeclaration() as ts.SignatureDeclaration | undefined;
  if (declaration === undefined || !overloadsMayHaveSlot(types, declaration)) return undefined;
  const calleeType = checker.getTypeAtLocation(tsNode.expression);
  const signatures =
    node.type === AST_NODE_TYPES.NewExpression ? calleeType.getConstructSignatures() : calleeType.getCallSignatures();
  if (signatures.length < 2) return undefined;
  const argumentCount = node.arguments.length;
  for (const candidate of signatures) {
    if (candidate === resolved || candidate.getDeclaration() === declaration) continue;
    const slot = getSignatureSlot(types, candidate);
    if (slot?.index !== argumentCount) continue;
    const parameters = candidate.getParameters();
    const accepts = node.arguments.every((argument, index) => {
      const parameter = parameters[index];
      if (parameter === undefined || argument.type === AST_NODE_TYPES.SpreadElement) return false;
      const argumentType = checker.getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(argument));
      return checker.isTypeAssignableTo(argumentType, checker.getTypeOfSymbol(parameter));
    });
    if (accepts) return { ...slot, fromOtherOverload: true };
  }
  return undefined;
}

/**
 * Can another overload of the callee take a signal? Answered once per
 * declaration from the overloads' own signatures, so that a call to
 * `JSON.stringify` or `str.replace` never asks for the callee's type.
 */
function overloadsMayHaveSlot(types: SignalTypes, declaration: ts.SignatureDeclaration): boolean {
  const { overloadSlots } = getCache(types.checker);
  let result = overloadSlots.get(declaration);
  if (result === undefined) {
    const overloads = getOverloads(types.checker, declaration);
    result =
      overloads.length > 1 &&
      overloads.some(
        (overload) =>
          overload !== declaration && (getDeclaredSlot(types, overload) !== undefined || mayHideSlot(overload)),
      );
    overloadSlots.set(declaration, result);
  }
  return result;
}

/**
 * The overloads of a declaration (itself included). A named function or method
 * has them as its symbol's declarations, merged across files (`fetch` in
 * `lib.dom` and `@types/node`) and interface declarations. Call and construct
 * signatures and constructors have no name: theirs are the members of the same
 * kind in the same container.
 */
function getOverloads(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration): readonly ts.SignatureDeclaration[] {
  const cache = getCache(checker).overloads;
  let overloads = cache.get(declaration);
  if (overloads === undefined) {
    overloads = computeOverloads(checker, declaration);
    cache.set(declaration, overloads);
  }
  return overloads;
}

function computeOverloads(checker: ts.TypeChecker, declaration: ts.SignatureDeclaration): readonly ts.SignatureDeclaration[] {
  const name = ts.getNameOfDeclaration(declaration);
  // A function or method with a body merges with nothing outside its own block or class: its
  // overloads are the declarations of the same name beside it (most project functions have none).
  if (name !== undefined && ts.isIdentifier(name) && isImplementation(declaration)) {
    const siblings: readonly ts.Node[] = ts.isClassLike(declaration.parent)
      ? declaration.parent.members
      : ts.isSourceFile(declaration.parent) || ts.isBlock(declaration.parent) || ts.isModuleBlock(declaration.parent)
        ? declaration.parent.statements
        : [declaration];
    const isStatic = isStaticMethod(declaration);
    return siblings.filter((sibling): sibling is ts.SignatureDeclaration => {
      if (sibling.kind !== declaration.kind) return false;
      const siblingName = (sibling as ts.SignatureDeclaration).name;
      if (siblingName === undefined || !ts.isIdentifier(siblingName) || siblingName.text !== name.text) return false;
      return isStaticMethod(sibling) === isStatic;
    });
  }
  if (name !== undefined) {
    const symbol = checker.getSymbolAtLocation(name);
    const overloads = symbol?.declarations?.filter(
      (candidate): candidate is ts.SignatureDeclaration => ts.isFunctionLike(candidate) && candidate.kind === declaration.kind,
    );
    return overloads !== undefined && overloads.length > 0 ? overloads : [declaration];
  }
  const parent = declaration.parent;
  if (!(ts.isClassLike(parent) || ts.isInterfaceDeclaration(parent) || ts.isTypeLiteralNode(parent))) return [declaration];
  const members = (parent.members as ts.NodeArray<ts.Node>).filter(
    (member): member is ts.SignatureDeclaration => member.kind === declaration.kind,
  );
  return members.length > 0 ? members : [declaration];
}

function isStaticMethod(node: ts.Node): boolean {
  return ts.isMethodDeclaration(node) && (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Static) !== 0;
}

/** A function declaration or method with a body, in a source file. */
function isImplementation(declaration: ts.SignatureDeclaration): boolean {
  return (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) && declaration.body !== undefined;
}

/** What a call passes in its signal slot. */
export type SlotStatus =
  | { readonly kind: 'given' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'missingArgument'; readonly index: number }
  | {
      readonly kind: 'missingProperty';
      /** The object literal that lacks `path[0]`. */
      readonly object: TSESTree.ObjectExpression;
      readonly path: readonly string[];
    }
  | {
      readonly kind: 'missingInValue';
      /** A non-literal whose type does not declare `path`. */
      readonly value: TSESTree.Expression;
      readonly path: readonly string[];
      /** The value is an object (it can be copied with the signal added); not a string such as `'utf8'`. */
      readonly isObject: boolean;
    };

/**
 * Reads what a call passes in its slot. A slot given any value, a value whose
 * type declares the property, a spread that may carry it, and `any` all count
 * as passed (or unknown): only what is certainly absent is missing.
 *
 * @example getSlotStatus(services, node, slot) // `fetch(url, {})` → { kind: 'missingProperty', path: ['signal'] }
 */
export function getSlotStatus(
  services: ParserServicesWithTypeInformation,
  node: CallWithArguments,
  slot: Pick<SignalSlot, 'index' | 'path'>,
): SlotStatus {
  const args = node.arguments;
  for (let i = 0; i < Math.min(args.length, slot.index + 1); i++) {
    if (args[i]!.type === AST_NODE_TYPES.SpreadElement) return { kind: 'unknown' };
  }
  const argument = args[slot.index];
  if (argument === undefined) return { kind: 'missingArgument', index: slot.index };
  if (slot.path.length === 0 || isNullishLiteral(argument)) return { kind: 'given' };
  return getValueStatus(services, argument as TSESTree.Expression, slot.path);
}

function isNullishLiteral(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

function getValueStatus(
  services: ParserServicesWithTypeInformation,
  value: TSESTree.Expression,
  path: readonly string[],
): SlotStatus {
  const types = getSignalTypes(services.program.getTypeChecker());
  const expression = skipTypeWrappers(value);
  if (expression.type !== AST_NODE_TYPES.ObjectExpression) {
    const type = services.getTypeAtLocation(expression);
    // Options handed over as a promise (`PromiseOrValue<RequestOptions>`) carry whatever they resolve to.
    if (types.isOpaque(type) || types.isPromiseOrAsyncIterable(type)) return { kind: 'unknown' };
    if (types.hasPropertyPath(type, path)) return { kind: 'given' };
    const isObject = (type.flags & ts.TypeFlags.Object) !== 0 || (type.flags & ts.TypeFlags.Intersection) !== 0;
    return { kind: 'missingInValue', value: expression, path, isObject };
  }
  const [head, ...rest] = path as [string, ...string[]];
  let spreadMayCarry = false;
  for (const property of expression.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const type = services.getTypeAtLocation(property.argument);
      if (types.isOpaque(type) || types.hasPropertyPath(type, path)) spreadMayCarry = true;
      continue;
    }
    const name = getStaticPropertyName(property);
    if (name === undefined) return { kind: 'unknown' };
    if (name !== head) continue;
    if (rest.length === 0) return { kind: 'given' };
    if (property.value.type === AST_NODE_TYPES.AssignmentPattern || property.value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) {
      return { kind: 'unknown' };
    }
    return getValueStatus(services, property.value, rest);
  }
  if (spreadMayCarry) return { kind: 'unknown' };
  return { kind: 'missingProperty', object: expression, path };
}

/**
 * Can the objects a fix creates to carry the signal be built from the signal
 * alone? `getToken()` → `getToken(undefined, { signal })` does not type-check
 * when the context type also requires `apiURL`, nor does a new nested
 * `config: { abortSignal }` whose type requires `apiKey`. Asks the checker, so
 * call it only once a report is certain.
 *
 * @example canBuildSlotObjects(services, slot, status) // `getToken()` with `context?: { apiURL: string; signal: … }` → false
 */
export function canBuildSlotObjects(
  services: ParserServicesWithTypeInformation,
  slot: Pick<SignalSlot, 'index' | 'path' | 'signature'>,
  status: SlotStatus,
): boolean {
  const checker = services.program.getTypeChecker();
  if (status.kind === 'missingArgument') {
    if (slot.path.length === 0) return true;
    const parameter = slot.signature.getParameters()[slot.index];
    return parameter === undefined || canBuildObjects(checker, checker.getTypeOfSymbol(parameter), slot.path);
  }
  if (status.kind === 'missingProperty') {
    // `head` joins an existing literal; only the objects below it are new.
    const [head, ...rest] = status.path as [string, ...string[]];
    if (rest.length === 0) return true;
    const objectType = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(status.object));
    if (objectType === undefined) return true;
    const property = checker.getPropertyOfType(checker.getApparentType(checker.getNonNullableType(objectType)), head);
    return property === undefined || canBuildObjects(checker, checker.getTypeOfSymbol(property), rest);
  }
  return true;
}

/**
 * Can the slot be given `undefined`? An optional parameter or an optional
 * property can (unless `exactOptionalPropertyTypes` is on and its type leaves
 * `undefined` out); `options?: { signal: AbortSignal }` cannot. Passing
 * `options?.signal` there would not type-check.
 *
 * @example slotAcceptsUndefined(services, slot) // `load(id, options?: { signal: AbortSignal })` → false
 */
export function slotAcceptsUndefined(
  services: ParserServicesWithTypeInformation,
  slot: Pick<SignalSlot, 'index' | 'path' | 'signature'>,
): boolean {
  const checker = services.program.getTypeChecker();
  const parameter = slot.signature.getParameters()[slot.index];
  if (parameter === undefined) return true;
  let type = checker.getTypeOfSymbol(parameter);
  let optional = true;
  for (const name of slot.path) {
    const nonNullable = checker.getNonNullableType(type);
    if ((nonNullable.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return true;
    const property = checker.getPropertyOfType(checker.getApparentType(nonNullable), name);
    if (property === undefined) return true;
    optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
    type = checker.getTypeOfSymbol(property);
  }
  if (checker.isTypeAssignableTo(checker.getUndefinedType(), type)) return true;
  return optional && services.program.getCompilerOptions().exactOptionalPropertyTypes !== true;
}

/** Does `type` accept `{ path[0]: { path[1]: … } }`, each object holding nothing else? */
function canBuildObjects(checker: ts.TypeChecker, type: ts.Type, path: readonly string[]): boolean {
  if (path.length === 0) return true;
  const [head, ...rest] = path as [string, ...string[]];
  const nonNullable = checker.getNonNullableType(type);
  const members = nonNullable.isUnion() ? nonNullable.types : [nonNullable];
  return members.some((member) => {
    if ((member.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return true;
    if ((member.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection | ts.TypeFlags.NonPrimitive)) === 0) return false;
    const properties = checker.getPropertiesOfType(checker.getApparentType(member));
    const property = properties.find((candidate) => candidate.name === head);
    if (property === undefined) return false;
    const othersOptional = properties.every(
      (candidate) => candidate === property || (candidate.flags & ts.SymbolFlags.Optional) !== 0,
    );
    return othersOptional && canBuildObjects(checker, checker.getTypeOfSymbol(property), rest);
  });
}

/** `x as T`, `x satisfies T`, `x!`, `(x)`: the value is still `x`. */
export function skipTypeWrappers(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/** The name of a non-computed (or literal-computed) property key, else `undefined`. */
export function getStaticPropertyName(property: TSESTree.Property): string | undefined {
  const { key } = property;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  return undefined;
}

/**
 * The expression a call passes in its signal slot, following object literals
 * along the slot's path; `undefined` when nothing is passed there, or when the
 * value sits inside a non-literal (a variable of options) or behind a spread.
 *
 * @example getSlotValue(node, slot) // `fetch(url, { signal: ctl.signal })` → the `ctl.signal` node
 */
export function getSlotValue(
  node: CallWithArguments,
  slot: Pick<SignalSlot, 'index' | 'path'>,
): TSESTree.Expression | undefined {
  for (let i = 0; i < Math.min(node.arguments.length, slot.index + 1); i++) {
    if (node.arguments[i]!.type === AST_NODE_TYPES.SpreadElement) return undefined;
  }
  let value = node.arguments[slot.index] as TSESTree.Expression | undefined;
  for (const name of slot.path) {
    if (value === undefined) return undefined;
    const object = skipTypeWrappers(value);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    const property = object.properties.find(
      (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && getStaticPropertyName(p) === name,
    );
    if (property === undefined) return undefined;
    value = property.value as TSESTree.Expression;
  }
  return value;
}
