import ts from 'typescript';

/**
 * Type-level questions about AbortSignals, answered structurally so that the
 * `lib.dom` signal, the `@types/node` signal and an SDK's own signal-like
 * interface (Smithy's `DeprecatedAbortSignal`, axios' `GenericAbortSignal`)
 * are all recognised. Answers are cached per `ts.Type`, and the caches live as
 * long as the program that owns the checker.
 */
export interface SignalTypes {
  readonly checker: ts.TypeChecker;
  /** `AbortSignal`, `AbortSignal | undefined`, `AbortSignal | null`, a signal-like interface. */
  isSignalLike(type: ts.Type): boolean;
  /** `new AbortController()`: has a signal-like `signal` and an `abort()` method. */
  isControllerLike(type: ts.Type): boolean;
  /**
   * The shortest property path from `type` to a signal-like property, at most
   * `maxDepth` properties deep; `[]` when the type itself is a signal. Of two
   * properties of the same object, one declared `AbortSignal` wins, then
   * declaration order; objects at the same depth are searched in the order
   * they were reached.
   *
   * @example findSignalPath(typeof request, 3) // ['signal']
   * @example findSignalPath(typeof c, 3)       // ['req', 'raw', 'signal']
   */
  findSignalPath(type: ts.Type, maxDepth: number, options?: SignalPathOptions): readonly string[] | undefined;
  /**
   * Can a value declared with this type node be a signal, or hold one within `depth`
   * properties? Read from declarations alone, never building a type: `false` is
   * certain (`options: ChatOptions` whose interface and the interfaces it names
   * declare no `aborted` member), `true` means the type must be searched.
   *
   * @example mayHoldSignal(node of `res: Response` (express), 2) // false
   */
  mayHoldSignal(node: ts.TypeNode, depth: number): boolean;
  /** Does `type` declare the property path (in any non-nullish constituent)? */
  hasPropertyPath(type: ts.Type, path: readonly string[]): boolean;
  /** Is the type `any`, `unknown`, or an unconstrained type parameter? */
  isOpaque(type: ts.Type): boolean;
  /** A promise, an async iterable, or an object that exposes one (a stream result). */
  isWorkResult(type: ts.Type): boolean;
  /** A promise or an async iterable itself. */
  isPromiseOrAsyncIterable(type: ts.Type): boolean;
  /** An object that exposes running work as async-iterable properties (the AI SDK's `streamText()` result). */
  isStreamResult(type: ts.Type): boolean;
  /** A Node.js or web stream: lazy until something consumes it. */
  isStreamLike(type: ts.Type): boolean;
}

export interface SignalPathOptions {
  /** Look through `private` and `protected` members (for `this`). */
  includePrivate?: boolean;
  /** Skip members marked `@deprecated`. */
  skipDeprecated?: boolean;
  /**
   * Follow only properties that every member of a union has (after removing
   * `null` and `undefined`), so that the path can be read from a value of the
   * type: `RequestInfo` (`Request | string`) has no `signal`.
   */
  everyMember?: boolean;
}

const NULLISH = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never;
const OPAQUE = ts.TypeFlags.Any | ts.TypeFlags.Unknown;
const PRIMITIVE =
  ts.TypeFlags.StringLike |
  ts.TypeFlags.NumberLike |
  ts.TypeFlags.BigIntLike |
  ts.TypeFlags.BooleanLike |
  ts.TypeFlags.EnumLike |
  ts.TypeFlags.ESSymbolLike |
  NULLISH;

/** The lib's utility types that `mayHoldSignal` reads from their type arguments. */
const LIB_UTILITIES: ReadonlySet<string> = new Set(['Partial', 'Required', 'Readonly', 'NonNullable', 'Pick', 'Omit', 'Exclude', 'Extract', 'Record']);

/** The name `mayDeclareMember` and `mayListMember` give a `[Symbol.asyncIterator]` member. */
const ASYNC_ITERATOR = '__@asyncIterator';

/** Symbols whose declarations declare a type's members (or, for an alias, its body). */
const NAMED_TYPE = ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias | ts.SymbolFlags.TypeLiteral;

const cache = new WeakMap<ts.TypeChecker, SignalTypes>();

/**
 * The signal type helpers for one checker (one program), created once.
 *
 * @example const types = getSignalTypes(services.program.getTypeChecker());
 */
export function getSignalTypes(checker: ts.TypeChecker): SignalTypes {
  let types = cache.get(checker);
  if (types === undefined) {
    types = createSignalTypes(checker);
    cache.set(checker, types);
  }
  return types;
}

function createSignalTypes(checker: ts.TypeChecker): SignalTypes {
  const signalLike = new WeakMap<ts.Type, boolean>();
  const controllerLike = new WeakMap<ts.Type, boolean>();
  const workResult = new WeakMap<ts.Type, boolean>();
  const directWork = new WeakMap<ts.Type, boolean>();
  const streamLike = new WeakMap<ts.Type, boolean>();
  const pipeMethods = new WeakMap<ts.Type, boolean>();
  const declaredMembers = new Map<string, WeakMap<ts.Symbol, boolean>>();
  const paths = new WeakMap<ts.Type, Map<string, readonly string[] | null>>();
  const resolvedNames = new WeakMap<ts.Node, ts.Symbol | undefined>();

  function constituents(type: ts.Type): readonly ts.Type[] {
    const resolved = resolveTypeParameter(type);
    return resolved.isUnion() ? resolved.types : [resolved];
  }

  function resolveTypeParameter(type: ts.Type): ts.Type {
    if ((type.flags & ts.TypeFlags.TypeParameter) !== 0) {
      return checker.getBaseConstraintOfType(type) ?? type;
    }
    return type;
  }

  function isOpaque(type: ts.Type): boolean {
    const resolved = resolveTypeParameter(type);
    return (resolved.flags & (OPAQUE | ts.TypeFlags.TypeParameter)) !== 0;
  }

  function isObjectCandidate(type: ts.Type): boolean {
    return (type.flags & (PRIMITIVE | OPAQUE | ts.TypeFlags.TypeParameter)) === 0;
  }

  function isSignalObject(type: ts.Type): boolean {
    if (!isObjectCandidate(type)) return false;
    if (!mayHaveProperty(type, 'aborted')) return false;
    if (checker.getPropertyOfType(type, 'aborted') === undefined) return false;
    return (
      checker.getPropertyOfType(type, 'onabort') !== undefined ||
      checker.getPropertyOfType(type, 'addEventListener') !== undefined ||
      checker.getPropertyOfType(type, 'throwIfAborted') !== undefined
    );
  }

  /** The symbol a type name or an `extends` expression names, through imports. */
  function resolveName(name: ts.EntityName | ts.Expression): ts.Symbol | undefined {
    // Asked again for each depth of the same type node: resolving a name walks its scopes.
    if (resolvedNames.has(name)) return resolvedNames.get(name);
    let symbol = checker.getSymbolAtLocation(name);
    if (symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0) symbol = checker.getAliasedSymbol(symbol);
    resolvedNames.set(name, symbol);
    return symbol;
  }

  /** `[brand]: true` where `declare const brand: unique symbol`: a key that is never a string. */
  function isUniqueSymbol(key: ts.Expression): boolean {
    if (!ts.isIdentifier(key)) return false;
    const declaration = resolveName(key)?.valueDeclaration;
    return (
      declaration !== undefined &&
      ts.isVariableDeclaration(declaration) &&
      declaration.type !== undefined &&
      ts.isTypeOperatorNode(declaration.type) &&
      declaration.type.operator === ts.SyntaxKind.UniqueKeyword
    );
  }

  /**
   * What a declared type node can hold before its type arguments are known: `true`,
   * `false`, or the type parameters it depends on, each at the depth left where it is
   * used (`interface Box<T> { value: T }` holds within 1 property what `T` is itself).
   * A reference such as `Box<string>` puts its type arguments in their place.
   */
  type Holds = boolean | readonly ParameterUse[];
  interface ParameterUse {
    readonly parameter: ts.Symbol;
    readonly depth: number;
    /** `T["_zod"]["def"]`: what the argument's property at this path holds, not the argument itself. */
    readonly path?: readonly string[];
  }

  /** Nodes and symbols whose answer is being computed: a recursive type is answered `true`. */
  const holdingInProgress = new Set<object>();
  const holdsByNode = new WeakMap<ts.Node, Holds[]>();
  const holdsBySymbol = new WeakMap<ts.Symbol, Holds[]>();
  const propertyTypesBySymbol = new WeakMap<ts.Symbol, Holds[]>();
  const queriedPropertyTypes = new WeakMap<ts.Node, Holds[]>();

  function mayHoldSignal(node: ts.TypeNode, depth: number): boolean {
    // A dependence left over is on a type parameter that only the type can tell.
    return holds(node, depth) !== false;
  }

  function holds(node: ts.TypeNode, depth: number): Holds {
    if (isPlainTypeNode(node)) return false;
    return memoHolds(holdsByNode, node, depth, () => computeHolds(node, depth));
  }

  function memoHolds<K extends object>(cache: WeakMap<K, Holds[]>, key: K, depth: number, compute: () => Holds): Holds {
    let byDepth = cache.get(key);
    if (byDepth === undefined) {
      byDepth = [];
      cache.set(key, byDepth);
    }
    return memoByDepth(byDepth, depth, compute);
  }

  /** Answers by depth for one key (the array itself marks the key as in progress). */
  function memoByDepth(byDepth: Holds[], depth: number, compute: () => Holds): Holds {
    const key = byDepth;
    let result = byDepth[depth];
    if (result === undefined) {
      if (holdingInProgress.has(key)) return true;
      holdingInProgress.add(key);
      try {
        result = compute();
      } finally {
        holdingInProgress.delete(key);
      }
      byDepth[depth] = result;
    }
    return result;
  }

  /** `true` if any item holds; otherwise the dependences of all of them, each once. */
  function anyHolds<T>(items: Iterable<T>, holdsOf: (item: T) => Holds): Holds {
    let uses: ParameterUse[] | undefined;
    for (const item of items) {
      const result = holdsOf(item);
      if (result === true) return true;
      if (result === false) continue;
      uses ??= [];
      for (const use of result) {
        if (!uses.some((seen) => seen.parameter === use.parameter && seen.depth === use.depth && samePath(seen.path, use.path))) {
          uses.push(use);
        }
      }
    }
    return uses ?? false;
  }

  function computeHolds(node: ts.TypeNode, depth: number): Holds {
    if (node.kind === ts.SyntaxKind.ObjectKeyword) return false;
    if (ts.isParenthesizedTypeNode(node)) return holds(node.type, depth);
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return anyHolds(node.types, (member) => holds(member, depth));
    if (ts.isTypeLiteralNode(node)) {
      return mayListMember(node.members, 'aborted', isUniqueSymbol) || membersHold(node.members, depth);
    }
    // `keyof T`, `unique symbol`: property keys.
    if (ts.isTypeOperatorNode(node)) return node.operator === ts.SyntaxKind.ReadonlyKeyword && holds(node.type, depth);
    // `NotAny<T>` (`[0] extends [1 & T] ? never : T`): one branch or the other.
    if (ts.isConditionalTypeNode(node)) return anyHolds([node.trueType, node.falseType], (branch) => holds(branch, depth));
    // `Options["fetch"]`: that property's type; `Events[E]`: any one of the object's property types.
    if (ts.isIndexedAccessTypeNode(node)) {
      const key = literalKey(node.indexType);
      return key === undefined ? propertyTypesHold(node.objectType, depth) : holdsAt(node.objectType, [key], depth);
    }
    if (ts.isMappedTypeNode(node)) return mappedTypeHolds(node, depth);
    if (ts.isTypeQueryNode(node)) {
      const queried = queriedTypeNode(node);
      return queried === undefined || (queried !== false && holds(queried, depth));
    }
    if (ts.isImportTypeNode(node)) return importTypeHolds(node, depth);
    if (!ts.isTypeReferenceNode(node)) return true;
    const symbol = resolveName(node.typeName);
    // A name that does not resolve (`globalThis.FetchRequestInit` where no such global is declared)
    // makes the type `any`, which no search follows.
    if (symbol === undefined || symbol.declarations === undefined || symbol.declarations.length === 0) return false;
    return namedTypeHolds(symbol, node.typeArguments, depth);
  }

  /** A named type given type arguments: `Options`, `Box<string>`, `Partial<Options>`, a type parameter `T`. */
  function namedTypeHolds(symbol: ts.Symbol, typeArguments: ts.NodeArray<ts.TypeNode> | undefined, depth: number): Holds {
    if ((symbol.flags & ts.SymbolFlags.TypeParameter) !== 0) return typeParameterHolds(symbol, depth);
    return libUtilityHolds(symbol, typeArguments, depth) ?? substitute(symbol, typeArguments, symbolHolds(symbol, depth));
  }

  /**
   * `import('undici-types').RequestInit`: the named type. A module that does not resolve
   * (SDKs name every place a package might be installed) makes the type `any`, which no
   * search follows.
   */
  function importTypeHolds(node: ts.ImportTypeNode, depth: number): Holds {
    if (node.isTypeOf || node.qualifier === undefined || !ts.isLiteralTypeNode(node.argument)) return true;
    if (checker.getSymbolAtLocation(node.argument.literal) === undefined) return false;
    const symbol = resolveName(node.qualifier);
    return symbol === undefined || namedTypeHolds(symbol, node.typeArguments, depth);
  }

  /**
   * A function's own type parameter (`parseWith<S extends ZodType>(schema: S)`) is
   * inferred from the call's arguments, so a signal search of the declared signature
   * sees only its constraint. A class's, an interface's or an alias's (`Box<T>`'s
   * `value: T`) is whatever type argument a use gives it. An `infer`red one stays
   * unknown.
   */
  function typeParameterHolds(symbol: ts.Symbol, depth: number, path: readonly string[] = []): Holds {
    const declaration = symbol.declarations?.[0];
    if (declaration === undefined || !ts.isTypeParameterDeclaration(declaration)) return true;
    // A mapped type's `K in keyof T` is a property key: a string, a number or a symbol.
    if (ts.isMappedTypeNode(declaration.parent)) return false;
    if (ts.isFunctionLike(declaration.parent)) {
      return declaration.constraint !== undefined && holdsAt(declaration.constraint, path, depth);
    }
    return [path.length === 0 ? { parameter: symbol, depth } : { parameter: symbol, depth, path }];
  }

  /**
   * `typeof version` where `declare const version: { major: 4 }`: the declared type of the
   * variable or property named. `false` for a name that does not resolve (`any`), `undefined`
   * when only the checker can tell (an inferred type, a function, a class).
   */
  function queriedTypeNode(node: ts.TypeQueryNode): ts.TypeNode | false | undefined {
    if (node.typeArguments !== undefined) return undefined;
    const symbol = resolveName(node.exprName);
    if (symbol === undefined) return false;
    const declaration = symbol.valueDeclaration;
    if (
      declaration !== undefined &&
      (ts.isVariableDeclaration(declaration) || ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration))
    ) {
      return declaration.type;
    }
    return undefined;
  }

  /**
   * `{ [K in keyof T]?: T[K] }` (`Flatten<T>`, `Writeable<T>`): a signal only if its keys
   * may include `aborted`, and its properties hold what its template holds.
   */
  function mappedTypeHolds(node: ts.MappedTypeNode, depth: number): Holds {
    const constraint = node.typeParameter.constraint;
    let keys: Holds = true;
    if (node.nameType === undefined && constraint !== undefined) {
      if (ts.isTypeOperatorNode(constraint) && constraint.operator === ts.SyntaxKind.KeyOfKeyword) {
        keys = holds(constraint.type, 0);
      } else if (literalKeys(constraint)?.includes('aborted') === false) {
        keys = false;
      }
    }
    if (depth === 0) return keys;
    return anyHolds([keys, node.type === undefined || holds(node.type, depth - 1)], (result) => result);
  }

  /**
   * What the type at `path` inside the type `node` holds within `depth`: `Internals["def"]`
   * is the `def` property of whatever `Internals` is. Read from the declared members, and
   * through the bases with the type arguments they are given.
   */
  function holdsAt(node: ts.TypeNode, path: readonly string[], depth: number): Holds {
    if (path.length === 0) return holds(node, depth);
    // `f<T extends Foo<T>>(x: T['b'])` with `interface Foo<T> { b: T['b'] }` comes back to the
    // same question: answered `true`, like any recursive type.
    const key = `${String(depth)}\0${pathKey(path)}`;
    let active = holdsAtInProgress.get(node);
    if (active === undefined) {
      active = new Set();
      holdsAtInProgress.set(node, active);
    }
    if (active.has(key)) return true;
    active.add(key);
    try {
      return computeHoldsAt(node, path, depth);
    } finally {
      active.delete(key);
    }
  }

  const holdsAtInProgress = new WeakMap<ts.Node, Set<string>>();

  function computeHoldsAt(node: ts.TypeNode, path: readonly string[], depth: number): Holds {
    if (isPlainTypeNode(node)) return false;
    if (ts.isParenthesizedTypeNode(node)) return holdsAt(node.type, path, depth);
    if (ts.isTypeLiteralNode(node)) {
      return membersHoldAt([node.members], path, depth) ?? indexSignaturesHoldAt(node.members, path, depth);
    }
    if (ts.isIndexedAccessTypeNode(node)) {
      const key = literalKey(node.indexType);
      return key === undefined || holdsAt(node.objectType, [key, ...path], depth);
    }
    if (ts.isTypeQueryNode(node)) {
      const queried = queriedTypeNode(node);
      return queried === undefined || (queried !== false && holdsAt(queried, path, depth));
    }
    if (!ts.isTypeReferenceNode(node)) return true;
    const symbol = resolveName(node.typeName);
    if (symbol === undefined || symbol.declarations === undefined || symbol.declarations.length === 0) return false;
    if ((symbol.flags & ts.SymbolFlags.TypeParameter) !== 0) return typeParameterHolds(symbol, depth, path);
    if ((symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.TypeAlias)) === 0) return true;
    return substitute(symbol, node.typeArguments, symbolHoldsAt(symbol, path, depth));
  }

  const holdsAtBySymbol = new WeakMap<ts.Symbol, Map<string, Holds[]>>();

  function symbolHoldsAt(symbol: ts.Symbol, path: readonly string[], depth: number): Holds {
    let byPath = holdsAtBySymbol.get(symbol);
    if (byPath === undefined) {
      byPath = new Map();
      holdsAtBySymbol.set(symbol, byPath);
    }
    const key = pathKey(path);
    let byDepth = byPath.get(key);
    if (byDepth === undefined) {
      byDepth = [];
      byPath.set(key, byDepth);
    }
    return memoByDepth(byDepth, depth, () => {
      const declarations = symbol.declarations ?? [];
      const alias = declarations.find(ts.isTypeAliasDeclaration);
      if (alias !== undefined) return holdsAt(alias.type, path, depth);
      const types = declarations.filter(
        (declaration): declaration is ts.InterfaceDeclaration | ts.ClassLikeDeclaration =>
          ts.isInterfaceDeclaration(declaration) || ts.isClassLike(declaration),
      );
      if (types.length === 0) return true;
      // A member declared here hides the bases' member of the same name.
      const own = membersHoldAt(
        types.map((declaration) => declaration.members),
        path,
        depth,
      );
      if (own !== undefined) return own;
      // A base's member, or else an index signature (`[key: string]: V`).
      return anyHolds(types, (declaration) =>
        anyHolds(
          [
            basesHold(declaration, depth, (base, baseDepth) => symbolHoldsAt(base, path, baseDepth)),
            indexSignaturesHoldAt(declaration.members, path, depth),
          ],
          (result) => result,
        ),
      );
    });
  }

  /** What the index signatures among `members` (`[key: string]: V`) hold at the rest of the path. */
  function indexSignaturesHoldAt(members: ts.NodeArray<ts.Node>, path: readonly string[], depth: number): Holds {
    return anyHolds(members.filter(ts.isIndexSignatureDeclaration), (signature) => holdsAt(signature.type, path.slice(1), depth));
  }

  /**
   * The member named `path[0]` among some lists of members: what its type holds at the rest
   * of the path, `false` for a method, or `undefined` when no member has that name.
   */
  function membersHoldAt(lists: readonly ts.NodeArray<ts.Node>[], path: readonly string[], depth: number): Holds | undefined {
    const [name, ...rest] = path as [string, ...string[]];
    for (const members of lists) {
      for (const member of members) {
        if (ts.isConstructorDeclaration(member)) {
          const parameter = member.parameters.find(
            (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name && ts.isParameterPropertyDeclaration(candidate, member),
          );
          if (parameter !== undefined) return parameter.type === undefined || holdsAt(parameter.type, rest, depth);
          continue;
        }
        const memberName = (member as ts.NamedDeclaration).name;
        if (memberName === undefined) continue;
        if (ts.isComputedPropertyName(memberName)) {
          if (ts.isStringLiteralLike(memberName.expression) ? memberName.expression.text === name : !isWellKnownSymbol(memberName.expression)) {
            return true;
          }
          continue;
        }
        if (!(ts.isIdentifier(memberName) || ts.isStringLiteral(memberName) || ts.isPrivateIdentifier(memberName)) || memberName.text !== name) {
          continue;
        }
        if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member)) {
          return member.type === undefined || holdsAt(member.type, rest, depth);
        }
        // A method: a function, with no properties worth following.
        return ts.isMethodSignature(member) || ts.isMethodDeclaration(member) ? false : true;
      }
    }
    return undefined;
  }

  /** Puts a reference's type arguments (or the parameters' defaults) in place of `owner`'s type parameters. */
  function substitute(owner: ts.Symbol, typeArguments: ts.NodeArray<ts.TypeNode> | undefined, result: Holds): Holds {
    if (typeof result === 'boolean') return result;
    return anyHolds(result, (use) => {
      const declaration = use.parameter.declarations?.[0];
      if (declaration === undefined || !ts.isTypeParameterDeclaration(declaration)) return true;
      const owners = owner.declarations ?? [];
      if (!owners.includes(declaration.parent as ts.Declaration)) return [use];
      const index = (declaration.parent as ts.DeclarationWithTypeParameterChildren).typeParameters?.indexOf(declaration) ?? -1;
      const argument = typeArguments?.[index] ?? declaration.default;
      return argument === undefined || holdsAt(argument, use.path ?? [], use.depth);
    });
  }

  /**
   * The utility types of TypeScript's own lib, read from their type arguments:
   * `Partial<Options>` holds what `Options` holds, and `Record<string, V>` has no
   * properties to search, only an index signature. `undefined` for any other type.
   */
  function libUtilityHolds(
    symbol: ts.Symbol,
    typeArguments: ts.NodeArray<ts.TypeNode> | undefined,
    depth: number,
  ): Holds | undefined {
    const [first, second] = typeArguments ?? [];
    if (first === undefined || (symbol.flags & ts.SymbolFlags.TypeAlias) === 0 || !LIB_UTILITIES.has(symbol.name)) return undefined;
    const declaration = symbol.declarations?.[0];
    if (declaration === undefined || !isLibFile(declaration.getSourceFile())) return undefined;
    switch (symbol.name) {
      case 'Partial':
      case 'Required':
      case 'Readonly':
      case 'NonNullable':
      case 'Pick':
      case 'Omit':
      case 'Exclude':
      case 'Extract':
        return holds(first, depth);
      case 'Record':
        // Never a signal itself; with literal keys, its properties hold what `V` holds.
        if (second === undefined || depth === 0 || isIndexKeyNode(first)) return false;
        return holds(second, depth - 1);
      default:
        return undefined;
    }
  }

  /** A named type: an interface or class with its bases, a type alias's body, an enum. */
  function symbolHolds(symbol: ts.Symbol, depth: number): Holds {
    return memoHolds(holdsBySymbol, symbol, depth, () => {
      if ((symbol.flags & ts.SymbolFlags.Enum) !== 0) return false;
      if ((symbol.flags & NAMED_TYPE) === 0) return true;
      const declarations = symbol.declarations;
      if (declarations === undefined || declarations.length === 0) return true;
      if (declarations.some((declaration) => ts.isInterfaceDeclaration(declaration) || ts.isClassLike(declaration))) {
        if (mayDeclareMember(symbol, 'aborted', true)) return true;
      }
      return anyHolds(declarations, (declaration): Holds => {
        if (ts.isTypeAliasDeclaration(declaration)) return holds(declaration.type, depth);
        if (ts.isInterfaceDeclaration(declaration) || ts.isClassLike(declaration)) {
          return anyHolds([membersHold(declaration.members, depth), basesHold(declaration, depth, symbolHolds)], (result) => result);
        }
        // A type parameter, say: only its type can tell.
        return !isValueDeclaration(declaration);
      });
    });
  }

  /** What the classes and interfaces a declaration extends hold, with the type arguments it gives them. */
  function basesHold(
    declaration: ts.InterfaceDeclaration | ts.ClassLikeDeclaration,
    depth: number,
    holdsOf: (symbol: ts.Symbol, depth: number) => Holds,
  ): Holds {
    return anyHolds(declaration.heritageClauses ?? [], (clause) => {
      // `implements` adds no members.
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) return false;
      return anyHolds(clause.types, (base) => {
        const baseSymbol = resolveName(base.expression);
        return baseSymbol === undefined || substitute(baseSymbol, base.typeArguments, holdsOf(baseSymbol, depth));
      });
    });
  }

  /**
   * Can a property among `members` (a type literal's, an interface's or a class's own)
   * be a signal or hold one within `depth - 1` more properties? The member itself could
   * be the signal only when its owner has an `aborted` member: that is the type's own
   * question (`mayDeclareMember`); here only what its properties hold counts.
   */
  function membersHold(members: ts.NodeArray<ts.Node>, depth: number): Holds {
    return depth === 0 ? false : memberTypesHold(members, depth - 1, false);
  }

  /**
   * What any one property of an object type can hold, index signatures included:
   * the value of `Events[E]`. Only type literals and named interfaces and aliases
   * list their properties; anything else may hold anything.
   */
  function propertyTypesHold(object: ts.TypeNode, depth: number): Holds {
    if (ts.isParenthesizedTypeNode(object)) return propertyTypesHold(object.type, depth);
    if (ts.isTypeQueryNode(object)) {
      // Remembered by node: `declare const a: typeof b` may come back to itself.
      return memoHolds(queriedPropertyTypes, object, depth, () => {
        const queried = queriedTypeNode(object);
        return queried === undefined || (queried !== false && propertyTypesHold(queried, depth));
      });
    }
    if (ts.isTypeLiteralNode(object)) return memberTypesHold(object.members, depth, true);
    if (!ts.isTypeReferenceNode(object)) return true;
    const symbol = resolveName(object.typeName);
    if (symbol === undefined) return true;
    // Any property of `T` holds within `depth` what `T` holds within one more.
    if ((symbol.flags & ts.SymbolFlags.TypeParameter) !== 0) return typeParameterHolds(symbol, depth + 1);
    if ((symbol.flags & NAMED_TYPE) === 0) return true;
    return substitute(symbol, object.typeArguments, symbolPropertyTypesHold(symbol, depth));
  }

  function symbolPropertyTypesHold(symbol: ts.Symbol, depth: number): Holds {
    return memoHolds(propertyTypesBySymbol, symbol, depth, () =>
      anyHolds(symbol.declarations ?? [], (declaration): Holds => {
        if (ts.isTypeAliasDeclaration(declaration)) return propertyTypesHold(declaration.type, depth);
        if (ts.isInterfaceDeclaration(declaration) || ts.isClassLike(declaration)) {
          return anyHolds([memberTypesHold(declaration.members, depth, true), basesHold(declaration, depth, symbolPropertyTypesHold)], (result) => result);
        }
        return !isValueDeclaration(declaration);
      }),
    );
  }

  /**
   * Can the type of one of `members` hold a signal within `depth`: a property, an
   * accessor or a parameter property (untyped, it may hold anything), and with
   * `indexed` an index signature too (`Events[E]` reads them; the slot and source
   * search never follow one, nor a `[Symbol.iterator]`-style key). Methods are functions.
   */
  function memberTypesHold(members: ts.NodeArray<ts.Node>, depth: number, indexed: boolean): Holds {
    // `signal?: AbortSignal` settles the members before a sibling declared earlier is read
    // (openai's `fetchOptions?: MergedRequestInit`, whose `import()` types load undici's exports).
    if (members.some((member) => ts.isPropertySignature(member) && member.type !== undefined && namesAbortSignal(member.type))) return true;
    const typeHolds = (type: ts.TypeNode | undefined): Holds => type === undefined || holds(type, depth);
    return anyHolds(members, (member): Holds => {
      if (!indexed && (ts.isTypeElement(member) || ts.isClassElement(member))) {
        const name = member.name;
        if (name !== undefined && ts.isComputedPropertyName(name) && isWellKnownSymbol(name.expression)) return false;
      }
      if (ts.isConstructorDeclaration(member)) {
        return anyHolds(member.parameters, (parameter) =>
          ts.isParameterPropertyDeclaration(parameter, member) ? typeHolds(parameter.type) : false,
        );
      }
      if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member) || ts.isGetAccessorDeclaration(member)) {
        return typeHolds(member.type);
      }
      return indexed && ts.isIndexSignatureDeclaration(member) ? typeHolds(member.type) : false;
    });
  }

  /** Could `type` have a property `name`? `false` is certain; read from declarations where possible. */
  function mayHaveProperty(type: ts.Type, name: string): boolean {
    if (type.isUnionOrIntersection()) return type.types.some((member) => mayHaveProperty(member, name));
    if ((type.flags & ts.TypeFlags.Object) === 0 || (type.symbol as ts.Symbol | undefined) === undefined) return true;
    // The instance type of a class or interface (`Promise<T>`'s generic type): only the type's
    // declarations count, not a value of the same name (`declare var Promise: PromiseConstructor`).
    const typeMeaning =
      (type.symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) !== 0 &&
      checker.getDeclaredTypeOfSymbol(type.symbol) === type;
    return mayDeclareMember(type.symbol, name, typeMeaning);
  }

  /**
   * Could a type named by `symbol` have a member `name`? Read from the declarations, so
   * that `socket: Socket` or `headers: IncomingHttpHeaders` is ruled out as a signal
   * without resolving its members: `false` only when every declaration is an
   * interface, a class or a type literal that lacks the member, and so do the
   * classes and interfaces it extends. Anything else (a mapped type, a mixin, an
   * object literal's spread) may have it.
   */
  function mayDeclareMember(symbol: ts.Symbol, name: string, typeMeaning = false): boolean {
    const key = typeMeaning ? `${name}|type` : name;
    let byName = declaredMembers.get(key);
    if (byName === undefined) {
      byName = new WeakMap();
      declaredMembers.set(key, byName);
    }
    let result = byName.get(symbol);
    if (result === undefined) {
      // Assume it may while the answer is computed: bases that loop back stay conservative.
      byName.set(symbol, true);
      result = computeMayDeclareMember(symbol, name, typeMeaning);
      byName.set(symbol, result);
    }
    return result;
  }

  /**
   * With `typeMeaning`, the symbol names a type (`x: Response`): the value declared
   * under the same name (`declare var Response: { new(): Response }`) is not that type.
   */
  function computeMayDeclareMember(symbol: ts.Symbol, name: string, typeMeaning: boolean): boolean {
    const declarations = symbol.declarations;
    if (declarations === undefined || declarations.length === 0) return true;
    // `class C extends mixin(Base)`, `extends SomeValue`: no declared type to read.
    if (typeMeaning && (symbol.flags & NAMED_TYPE) === 0) return true;
    for (const declaration of declarations) {
      if (typeMeaning && isValueDeclaration(declaration)) continue;
      let members: ts.NodeArray<ts.Node>;
      let bases: readonly ts.ExpressionWithTypeArguments[] = [];
      if (ts.isInterfaceDeclaration(declaration) || ts.isClassLike(declaration)) {
        // A JavaScript class also gets members from `this.then = …` in its body.
        if (ts.isClassLike(declaration) && (declaration.flags & ts.NodeFlags.JavaScriptFile) !== 0) return true;
        members = declaration.members;
        for (const clause of declaration.heritageClauses ?? []) {
          // `implements` adds no members.
          if (clause.token === ts.SyntaxKind.ExtendsKeyword) bases = clause.types;
        }
      } else if (ts.isTypeLiteralNode(declaration)) {
        members = declaration.members;
      } else if (ts.isTypeAliasDeclaration(declaration)) {
        if (typeNodeMayDeclareMember(declaration.type, name)) return true;
        continue;
      } else {
        return true;
      }
      if (mayListMember(members, name, isUniqueSymbol)) return true;
      for (const base of bases) {
        const baseSymbol = resolveName(base.expression);
        if (baseSymbol === undefined) return true;
        // A class extends what a constructor value returns (`declare const Base: new () => …`),
        // which the same-named type need not describe.
        if (ts.isClassLike(declaration) && !isClassValue(baseSymbol)) return true;
        if (mayDeclareMember(baseSymbol, name, true)) return true;
      }
    }
    return false;
  }

  /**
   * The body of a type alias that an interface extends: `interface Headers extends _Headers {}`
   * with `type _Headers = … ? {} : undici.Headers`.
   */
  function typeNodeMayDeclareMember(node: ts.TypeNode, name: string): boolean {
    if (isPlainTypeNode(node)) return false;
    if (ts.isParenthesizedTypeNode(node)) return typeNodeMayDeclareMember(node.type, name);
    if (ts.isTypeLiteralNode(node)) return mayListMember(node.members, name, isUniqueSymbol);
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return node.types.some((member) => typeNodeMayDeclareMember(member, name));
    if (ts.isConditionalTypeNode(node)) return typeNodeMayDeclareMember(node.trueType, name) || typeNodeMayDeclareMember(node.falseType, name);
    if (!ts.isTypeReferenceNode(node)) return true;
    const symbol = resolveName(node.typeName);
    return symbol === undefined || (symbol.flags & ts.SymbolFlags.TypeParameter) !== 0 || mayDeclareMember(symbol, name, true);
  }

  function isSignalLike(type: ts.Type): boolean {
    let result = signalLike.get(type);
    if (result === undefined) {
      result = constituents(type).some(isSignalObject);
      signalLike.set(type, result);
    }
    return result;
  }

  function isControllerLike(type: ts.Type): boolean {
    let result = controllerLike.get(type);
    if (result === undefined) {
      result = constituents(type).some((member) => {
        if (!isObjectCandidate(member)) return false;
        const signal = checker.getPropertyOfType(member, 'signal');
        const abort = checker.getPropertyOfType(member, 'abort');
        return (
          signal !== undefined &&
          abort !== undefined &&
          isSignalLike(checker.getTypeOfSymbol(signal)) &&
          checker.getTypeOfSymbol(abort).getCallSignatures().length > 0
        );
      });
      controllerLike.set(type, result);
    }
    return result;
  }

  function isDeprecated(symbol: ts.Symbol): boolean {
    return (symbol.declarations ?? []).some((declaration) => ts.getJSDocDeprecatedTag(declaration) !== undefined);
  }

  function isMethod(symbol: ts.Symbol): boolean {
    return (symbol.flags & ts.SymbolFlags.Method) !== 0;
  }

  function isPrivate(symbol: ts.Symbol): boolean {
    if (symbol.name.startsWith('#') || symbol.name.startsWith('__')) return true;
    return (symbol.declarations ?? []).some(
      (declaration) =>
        (ts.getCombinedModifierFlags(declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0,
    );
  }

  /**
   * The declaration whose type node gives a property its type: the property's own,
   * or, for an instantiation of a generic member (`Context<Env, '/chat'>['req']`), the
   * generic member's. A mapped property has no `valueDeclaration` (its type comes
   * from the mapped type's template), and a union or intersection property has one
   * only when all its members share it; `declarations` then also lists any mapped
   * member's source, so a single declaration means one type node typed it.
   */
  function typingDeclaration(property: ts.Symbol): ts.PropertySignature | ts.PropertyDeclaration | undefined {
    const declaration = property.valueDeclaration;
    if (
      declaration === undefined ||
      !(ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ||
      declaration.type === undefined
    ) {
      return undefined;
    }
    if ((property.flags & ts.SymbolFlags.Transient) !== 0 && property.declarations?.length !== 1) return undefined;
    return declaration;
  }

  /**
   * Is a property declared as an async iterable, read from the generic types its type
   * node names (`textStream: AsyncIterableStream<string>`, `usage: PromiseLike<Usage>`),
   * so that the property's own instantiation is never built? `undefined` when the
   * type node names something that depends on type arguments (a type parameter, a
   * conditional or mapped type) or is not a plain reference.
   */
  function declaresAsyncIterable(property: ts.Symbol): boolean | undefined {
    const node = typingDeclaration(property)?.type;
    return node === undefined ? undefined : typeNodeIsAsyncIterable(node);
  }

  function typeNodeIsAsyncIterable(node: ts.TypeNode): boolean | undefined {
    if (isPlainTypeNode(node)) return false;
    if (ts.isParenthesizedTypeNode(node)) return typeNodeIsAsyncIterable(node.type);
    // A union is async-iterable if one member is; so is an intersection (its members' members).
    if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return someIsAsyncIterable(node.types);
    if (ts.isTypeLiteralNode(node)) return mayListMember(node.members, ASYNC_ITERATOR, isUniqueSymbol) ? undefined : false;
    // `Args extends Shape ? (args: Output<Args>) => R : (extra: Extra) => R` (MCP's tool callbacks):
    // settled when neither branch is; otherwise only the type knows which branch it is.
    if (ts.isConditionalTypeNode(node)) return someIsAsyncIterable([node.trueType, node.falseType]) === false ? false : undefined;
    if (!ts.isTypeReferenceNode(node)) return undefined;
    const symbol = resolveName(node.typeName);
    if (symbol === undefined) return undefined;
    // `type AnySchema = z3.ZodTypeAny | z4.$ZodType`: its body, where a type parameter stays unknown.
    if ((symbol.flags & ts.SymbolFlags.TypeAlias) !== 0) {
      const alias = symbol.declarations?.find(ts.isTypeAliasDeclaration);
      return alias === undefined ? undefined : memoAsyncIterable(alias, () => typeNodeIsAsyncIterable(alias.type));
    }
    if ((symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) === 0) return undefined;
    // An interface or class that declares no `[Symbol.asyncIterator]`, nor do its bases.
    if (!mayDeclareMember(symbol, ASYNC_ITERATOR, true)) return false;
    // A callable interface (Hono's `HandlerInterface`) is a function, not a stream: read off
    // its declarations before its many overloads are resolved.
    if (symbol.declarations?.some((declaration) => ts.isInterfaceDeclaration(declaration) && declaration.members.some(ts.isCallSignatureDeclaration))) {
      return false;
    }
    const declared = checker.getDeclaredTypeOfSymbol(symbol);
    return declared.getCallSignatures().length === 0 && isAsyncIterable(declared);
  }

  /** `true` if one of the type nodes is async-iterable, `undefined` if one may be. */
  function someIsAsyncIterable(nodes: readonly ts.TypeNode[]): boolean | undefined {
    let result: boolean | undefined = false;
    for (const member of nodes) {
      const answer = typeNodeIsAsyncIterable(member);
      if (answer === true) return true;
      if (answer === undefined) result = undefined;
    }
    return result;
  }

  const asyncIterableAliases = new WeakMap<ts.Node, boolean | null>();

  function memoAsyncIterable(alias: ts.TypeAliasDeclaration, compute: () => boolean | undefined): boolean | undefined {
    const cached = asyncIterableAliases.get(alias);
    if (cached !== undefined) return cached ?? undefined;
    // A recursive alias is not settled from its body.
    asyncIterableAliases.set(alias, null);
    const result = compute();
    asyncIterableAliases.set(alias, result ?? null);
    return result;
  }

  /** An object that is not a function, an array or a tuple: worth descending into. */
  function isTraversableMember(member: ts.Type): boolean {
    return (
      isObjectCandidate(member) &&
      member.getCallSignatures().length === 0 &&
      !checker.isArrayType(member) &&
      !checker.isTupleType(member)
    );
  }

  /** Properties worth descending into: objects that are not functions, arrays or primitives. */
  function isTraversable(type: ts.Type): boolean {
    return constituents(type).some(isTraversableMember);
  }

  function propertiesOf(type: ts.Type): ts.Symbol[] {
    const seen = new Set<string>();
    const result: ts.Symbol[] = [];
    for (const member of constituents(type)) {
      if (!isObjectCandidate(member)) continue;
      for (const property of checker.getPropertiesOfType(checker.getApparentType(member))) {
        if (!seen.has(property.name)) {
          seen.add(property.name);
          result.push(property);
        }
      }
    }
    return result;
  }

  /** The members of `type` other than `null`, `undefined` and `void`. */
  function nonNullishConstituents(type: ts.Type): readonly ts.Type[] {
    return constituents(type).filter((member) => (member.flags & NULLISH) === 0);
  }

  /** `AbortSignal`, `AbortSignal | null | undefined`; not `AbortSignal | string`. */
  function isSignalOnEveryMember(type: ts.Type): boolean {
    const members = nonNullishConstituents(type);
    return members.length > 0 && members.every(isSignalObject);
  }

  function isTraversableOnEveryMember(type: ts.Type): boolean {
    const members = nonNullishConstituents(type);
    return members.length > 0 && members.every(isTraversableMember);
  }

  /** The properties every non-nullish member has: a union's own properties are exactly those. */
  function commonPropertiesOf(type: ts.Type): ts.Symbol[] {
    return checker.getPropertiesOfType(checker.getNonNullableType(resolveTypeParameter(type)));
  }

  function findSignalPath(
    type: ts.Type,
    maxDepth: number,
    options: SignalPathOptions = {},
  ): readonly string[] | undefined {
    const key = `${String(maxDepth)}|${options.includePrivate === true ? 'p' : ''}|${options.skipDeprecated === true ? 'd' : ''}|${options.everyMember === true ? 'e' : ''}`;
    let byKey = paths.get(type);
    if (byKey === undefined) {
      byKey = new Map();
      paths.set(type, byKey);
    }
    const cached = byKey.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const result = searchSignalPath(type, maxDepth, options);
    byKey.set(key, result ?? null);
    return result;
  }

  /** Breadth-first, so the shortest path wins and each level is scanned once. */
  function searchSignalPath(
    root: ts.Type,
    maxDepth: number,
    options: SignalPathOptions,
  ): readonly string[] | undefined {
    const every = options.everyMember === true;
    if (every ? isSignalOnEveryMember(root) : isSignalLike(root)) return [];
    if (!(every ? isTraversableOnEveryMember(root) : isTraversable(root))) return undefined;
    const isSignal = every ? isSignalOnEveryMember : isSignalLike;
    const isFollowed = every ? isTraversableOnEveryMember : isTraversable;
    const skipDeprecated = options.skipDeprecated === true;
    let frontier: { type: ts.Type; path: readonly string[] }[] = [{ type: root, path: [] }];
    const visited = new Set<ts.Type>([root]);
    for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
      const next: { type: ts.Type; path: readonly string[] }[] = [];
      for (const { type, path } of frontier) {
        const properties = candidateProperties(type, every, options.includePrivate === true);
        // A property declared `AbortSignal` (`signal?: AbortSignal | null`) settles the object
        // before any sibling is read: `RequestOptions`' `headers: HeadersLike` and `fetchOptions:
        // MergedRequestInit` are not even asked whether they could be a signal. (The name is
        // still resolved: a type parameter called `AbortSignal` is no signal here.)
        for (const property of properties) {
          const typeNode = typingDeclaration(property)?.type;
          if (typeNode === undefined || !namesAbortSignal(typeNode) || !mayHoldSignal(typeNode, 0)) continue;
          if (isSignal(checker.getTypeOfSymbol(property)) && !(skipDeprecated && isDeprecated(property))) {
            return [...path, property.name];
          }
        }
        // Properties to look inside at the next depth, in declaration order. A property whose
        // declared type cannot be a signal itself (`fetchOptions: RequestInit`) is neither
        // typed nor read any deeper while a sibling may still be the signal. (What a type node
        // holds within `n` properties includes what it is itself, so asking depth 0 first
        // changes no answer.)
        const inner: { property: ts.Symbol; type: ts.Type | undefined; typeNode: ts.TypeNode | undefined }[] = [];
        // Properties that may be the signal but are not declared as one (`fetchOptions:
        // MergedRequestInit`, built from `infer` over `typeof fetch`): typed only after the
        // others have been ruled out.
        const undecided: (typeof inner)[number][] = [];
        for (const property of properties) {
          // `model: string`, `headers: HeadersLike`: read from the declaration, the property's
          // type need not be built.
          const typeNode = typingDeclaration(property)?.type;
          if (typeNode !== undefined && !mayHoldSignal(typeNode, 0)) {
            if (depth < maxDepth) inner.push({ property, type: undefined, typeNode });
            continue;
          }
          if (typeNode === undefined || !namesAbortSignal(typeNode)) {
            const entry: (typeof inner)[number] = { property, type: undefined, typeNode: undefined };
            undecided.push(entry);
            inner.push(entry);
            continue;
          }
          // A signal here was returned above unless it is deprecated (and skipped); one that
          // is not a signal (a local interface of that name) is looked inside.
          const propertyType = checker.getTypeOfSymbol(property);
          if (isSignal(propertyType)) continue;
          inner.push({ property, type: propertyType, typeNode: undefined });
        }
        for (const entry of undecided) {
          const propertyType = checker.getTypeOfSymbol(entry.property);
          if (isSignal(propertyType) && !(skipDeprecated && isDeprecated(entry.property))) return [...path, entry.property.name];
          entry.type = propertyType;
        }
        if (depth === maxDepth) continue;
        for (const { property, type: known, typeNode } of inner) {
          if (typeNode !== undefined && !mayHoldSignal(typeNode, maxDepth - depth)) continue;
          if (skipDeprecated && isDeprecated(property)) continue;
          const propertyType = known ?? checker.getTypeOfSymbol(property);
          if (visited.has(propertyType) || !isFollowed(propertyType)) continue;
          visited.add(propertyType);
          next.push({ type: propertyType, path: [...path, property.name] });
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /**
   * The properties of a type that a signal path may go through: no tuple positions
   * (`Reflect.apply(fn, this, [url, init])`), no methods (never a signal nor an options
   * bag, and skipping them saves instantiating every method of a client class), and no
   * `private` or `protected` members unless asked.
   */
  function candidateProperties(type: ts.Type, every: boolean, includePrivate: boolean): ts.Symbol[] {
    return (every ? commonPropertiesOf(type) : propertiesOf(type)).filter(
      (property) => !/^\d+$/.test(property.name) && !isMethod(property) && (includePrivate || !isPrivate(property)),
    );
  }

  function hasPropertyPath(type: ts.Type, path: readonly string[]): boolean {
    if (path.length === 0) return true;
    const [head, ...rest] = path as [string, ...string[]];
    return constituents(type).some((member) => {
      if (!isObjectCandidate(member)) return false;
      const property = checker.getPropertyOfType(checker.getApparentType(member), head);
      if (property === undefined) return false;
      return rest.length === 0 || hasPropertyPath(checker.getTypeOfSymbol(property), rest);
    });
  }

  /**
   * Whether an object has a `then` method or an async iterator depends on its
   * declaration, not on its type arguments: ask the generic type once rather
   * than each instantiation (`ZodObject<…>`, `Promise<…>`, `Stream<…>`).
   */
  function genericTarget(type: ts.Type): ts.Type {
    if ((type.flags & ts.TypeFlags.Object) !== 0 && ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0) {
      return (type as ts.TypeReference).target;
    }
    // An instantiated type alias (`Tool<INPUT, OUTPUT>`, an intersection of mapped types): its declaration.
    if (type.aliasSymbol !== undefined && (type.aliasTypeArguments?.length ?? 0) > 0) {
      const declared = checker.getDeclaredTypeOfSymbol(type.aliasSymbol);
      if ((declared.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0) return declared;
    }
    return type;
  }

  // Both rule out the member from the declarations first (`ZodObject`, `Map`, express'
  // `Router`), before the type's members are resolved.
  function isThenable(type: ts.Type): boolean {
    const target = genericTarget(type);
    if (!mayHaveProperty(target, 'then')) return false;
    const then = checker.getPropertyOfType(target, 'then');
    return then !== undefined && checker.getTypeOfSymbol(then).getCallSignatures().length > 0;
  }

  function isAsyncIterable(type: ts.Type): boolean {
    const target = genericTarget(type);
    if (!mayHaveProperty(target, ASYNC_ITERATOR)) return false;
    return checker.getPropertiesOfType(target).some((property) => property.name.startsWith(ASYNC_ITERATOR));
  }

  function isDirectWork(type: ts.Type): boolean {
    if (isNeverWork(type)) return false;
    let result = directWork.get(type);
    if (result === undefined) {
      result = constituents(type).some(
        (member) => isObjectCandidate(member) && (isThenable(member) || isAsyncIterable(member)),
      );
      directWork.set(type, result);
    }
    return result;
  }

  function isWorkResult(type: ts.Type): boolean {
    return isDirectWork(type) || isStreamResult(type);
  }

  function isStreamResult(type: ts.Type): boolean {
    if (isNeverWork(type)) return false;
    return constituents(type).some(exposesRunningWorkIn);
  }

  /**
   * An intersection exposes running work when one of its members does: a property's
   * type is the intersection of the members' types for it. Asking each member's
   * generic type keeps the AI SDK's `tool()` (a union of intersections, instantiated
   * per tool) to one scan per declared member.
   */
  function exposesRunningWorkIn(member: ts.Type): boolean {
    if (!isObjectCandidate(member)) return false;
    if (member.isIntersection() && member.aliasSymbol === undefined) return member.types.some(exposesRunningWorkIn);
    return exposesRunningWork(genericTarget(member));
  }

  /**
   * A stream result such as the AI SDK's `streamText()`: not itself a promise, but it
   * exposes the running work as async-iterable data properties. Asked of the generic
   * type (`StreamTextResult<TOOLS, OUTPUT>`), so each declaration is scanned once.
   */
  function exposesRunningWork(type: ts.Type): boolean {
    let result = workResult.get(type);
    if (result === undefined) {
      result = checker.getPropertiesOfType(type).some((property) => {
        // Methods return work when called; only data properties expose running work.
        if (isMethod(property) || isPrivate(property)) return false;
        const declared = declaresAsyncIterable(property);
        if (declared !== undefined) return declared;
        const propertyType = checker.getTypeOfSymbol(property);
        // Few properties are async-iterable: ask that before the (union) signatures are built.
        return (
          constituents(propertyType).some((candidate) => isObjectCandidate(candidate) && isAsyncIterable(candidate)) &&
          propertyType.getCallSignatures().length === 0
        );
      });
      workResult.set(type, result);
    }
    return result;
  }

  function isStreamLike(type: ts.Type): boolean {
    let result = streamLike.get(type);
    if (result === undefined) {
      result = constituents(type).some((member) => isObjectCandidate(member) && hasPipeMethod(genericTarget(member)));
      streamLike.set(type, result);
    }
    return result;
  }

  /**
   * A `pipe` or `pipeTo` method makes a stream, whatever the type arguments: asked of the
   * generic type (`APIPromise<T>` once, not per response type), and ruled out from the
   * declarations before any member is resolved.
   */
  function hasPipeMethod(type: ts.Type): boolean {
    let result = pipeMethods.get(type);
    if (result === undefined) {
      result = ['pipe', 'pipeTo'].some((name) => {
        if (!mayHaveProperty(type, name)) return false;
        const pipe = checker.getPropertyOfType(type, name);
        return pipe !== undefined && checker.getTypeOfSymbol(pipe).getCallSignatures().length > 0;
      });
      pipeMethods.set(type, result);
    }
    return result;
  }

  return {
    checker,
    isSignalLike,
    isControllerLike,
    findSignalPath,
    mayHoldSignal,
    hasPropertyPath,
    isOpaque,
    isWorkResult,
    isPromiseOrAsyncIterable: isDirectWork,
    isStreamResult,
    isStreamLike,
  };
}

/**
 * A primitive, `void`, `any` or `unknown`, or a union of them: never a promise, an
 * async iterable or a stream result. Read from the type's flags alone, so a rule can
 * drop `JSON.stringify(x)`, `console.log(x)` or `items.push(x)` before reading any
 * declaration.
 */
export function isNeverWork(type: ts.Type): boolean {
  if ((type.flags & (PRIMITIVE | OPAQUE)) !== 0) return true;
  return type.isUnion() && type.types.every(isNeverWork);
}

/**
 * Whether the program can resolve a global `AbortSignal` type at all (from
 * `lib.dom` or `@types/node`). TypeScript 6 loads no `@types` by default, so a
 * Node project with `"types": []` has none, and every signal slot is invisible.
 */
export function hasGlobalAbortSignal(program: ts.Program): boolean {
  let result = globalSignal.get(program);
  if (result === undefined) {
    const checker = program.getTypeChecker();
    const location = program.getSourceFiles().find((file) => !file.isDeclarationFile) ?? program.getSourceFiles()[0];
    result =
      location !== undefined &&
      checker.resolveName('AbortSignal', location, ts.SymbolFlags.Type, false) !== undefined;
    globalSignal.set(program, result);
  }
  return result;
}

const globalSignal = new WeakMap<ts.Program, boolean>();

/** A symbol whose value is a class declaration (or that has no value: a type). */
function isClassValue(symbol: ts.Symbol): boolean {
  const value = symbol.valueDeclaration;
  return value === undefined || ts.isClassLike(value);
}

/** The value merged with a type of the same name (`declare var Response`), or a namespace. */
function isValueDeclaration(declaration: ts.Declaration): boolean {
  return ts.isVariableDeclaration(declaration) || ts.isFunctionDeclaration(declaration) || ts.isModuleDeclaration(declaration);
}

/**
 * May one of a type's own `members` be named `name`: `aborted: boolean`,
 * `'aborted'(): void`, `constructor(readonly aborted: boolean)`, or a computed
 * key that may be any string. A well-known symbol key is named as the checker
 * names it: `[Symbol.asyncIterator]` is `__@asyncIterator` (`ASYNC_ITERATOR`), and
 * never a string.
 */
function mayListMember(members: readonly ts.Node[], name: string, isSymbolKey: (key: ts.Expression) => boolean): boolean {
  for (const member of members) {
    if (ts.isConstructorDeclaration(member) && member.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name)) {
      return true;
    }
    const memberName = (member as ts.NamedDeclaration).name;
    if (memberName === undefined) continue;
    if (ts.isComputedPropertyName(memberName)) {
      if (isWellKnownSymbol(memberName.expression)) {
        if (`__@${(memberName.expression as ts.PropertyAccessExpression).name.text}` === name) return true;
        continue;
      }
      if (isSymbolKey(memberName.expression)) continue;
      if (!ts.isStringLiteralLike(memberName.expression) || memberName.expression.text === name) return true;
    } else if ((ts.isIdentifier(memberName) || ts.isStringLiteral(memberName)) && memberName.text === name) {
      return true;
    }
  }
  return false;
}

const libFiles = new WeakMap<ts.SourceFile, boolean>();

/**
 * One of TypeScript's own lib files (`lib.es5.d.ts`), which declare the global
 * utility types: a global script, not a module, named `lib.*.d.ts`.
 */
function isLibFile(sourceFile: ts.SourceFile): boolean {
  let result = libFiles.get(sourceFile);
  if (result === undefined) {
    result = sourceFile.isDeclarationFile && !ts.isExternalModule(sourceFile) && /(?:^|[\\/])lib\.[\w.]+\.d\.ts$/.test(sourceFile.fileName);
    libFiles.set(sourceFile, result);
  }
  return result;
}

/**
 * `signal?: AbortSignal | null`: a type node that names `AbortSignal` (with nullish
 * members at most). Only an order of search: the property's type still decides.
 */
function namesAbortSignal(node: ts.TypeNode): boolean {
  if (ts.isUnionTypeNode(node)) {
    let named = false;
    for (const member of node.types) {
      if (namesAbortSignal(member)) named = true;
      else if (!isNullishTypeNode(member)) return false;
    }
    return named;
  }
  if (!ts.isTypeReferenceNode(node)) return false;
  const name = ts.isIdentifier(node.typeName) ? node.typeName : node.typeName.right;
  return name.text === 'AbortSignal';
}

function isNullishTypeNode(node: ts.TypeNode): boolean {
  return (
    node.kind === ts.SyntaxKind.UndefinedKeyword ||
    node.kind === ts.SyntaxKind.VoidKeyword ||
    (ts.isLiteralTypeNode(node) && node.literal.kind === ts.SyntaxKind.NullKeyword)
  );
}

/** `"def"` in `Internals["def"]`: a string or number literal key. */
function literalKey(node: ts.TypeNode): string | undefined {
  if (!ts.isLiteralTypeNode(node)) return undefined;
  return ts.isStringLiteral(node.literal) || ts.isNumericLiteral(node.literal) ? node.literal.text : undefined;
}

/** The keys of a union of string or number literals (`'body' | 'signal'`), or `undefined` for any other type. */
function literalKeys(node: ts.TypeNode): string[] | undefined {
  if (ts.isParenthesizedTypeNode(node)) return literalKeys(node.type);
  const members = ts.isUnionTypeNode(node) ? node.types : [node];
  const keys: string[] = [];
  for (const member of members) {
    const key = literalKey(member);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

function pathKey(path: readonly string[] | undefined): string {
  return (path ?? []).join('\0');
}

function samePath(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return pathKey(a) === pathKey(b);
}

/** `string`, `number`, `symbol` or a union of them: `Record<string, V>` is an index signature, with no properties. */
function isIndexKeyNode(node: ts.TypeNode): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.SymbolKeyword:
      return true;
    case ts.SyntaxKind.ParenthesizedType:
      return isIndexKeyNode((node as ts.ParenthesizedTypeNode).type);
    case ts.SyntaxKind.UnionType:
      return (node as ts.UnionTypeNode).types.every(isIndexKeyNode);
    default:
      return false;
  }
}

/** `Symbol.asyncIterator`, `Symbol.replace`: a property key that is never a string. */
function isWellKnownSymbol(expression: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'Symbol';
}

/**
 * Type nodes that never hold a signal, whatever their type arguments:
 * primitives, literals, functions, arrays and tuples, and unions of those.
 */
export function isPlainTypeNode(node: ts.TypeNode): boolean {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.SymbolKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.VoidKeyword:
    case ts.SyntaxKind.NeverKeyword:
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.TemplateLiteralType:
    case ts.SyntaxKind.FunctionType:
    case ts.SyntaxKind.ConstructorType:
    case ts.SyntaxKind.ArrayType:
    case ts.SyntaxKind.TupleType:
    case ts.SyntaxKind.TypePredicate:
      return true;
    case ts.SyntaxKind.ParenthesizedType:
      return isPlainTypeNode((node as ts.ParenthesizedTypeNode).type);
    case ts.SyntaxKind.TypeOperator:
      // `readonly T[]`, `readonly [A, B]`.
      return (
        (node as ts.TypeOperatorNode).operator === ts.SyntaxKind.ReadonlyKeyword &&
        isPlainTypeNode((node as ts.TypeOperatorNode).type)
      );
    case ts.SyntaxKind.UnionType:
      return (node as ts.UnionTypeNode).types.every(isPlainTypeNode);
    default:
      return false;
  }
}

/** `T | undefined`, `T | null`, `void`: a value of the type may be absent. */
export function isNullable(type: ts.Type): boolean {
  const nullish = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
  return (type.isUnion() ? type.types : [type]).some((member) => (member.flags & nullish) !== 0);
}
