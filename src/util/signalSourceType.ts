import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import type ts from 'typescript';

import type { SignalSource } from './signalSources.js';

/** The type of a signal source's expression. */
export interface SignalSourceType {
  readonly type: ts.Type;
  /**
   * An optional chain in the expression (`details?.signal`) can make it
   * `undefined` even when `type` (the last property's declared type) cannot.
   */
  readonly throughOptionalChain: boolean;
}

/**
 * The type of a signal source's expression (`source.text`) where `node` is,
 * from its declarations: `signal?: AbortSignal` gives `AbortSignal | undefined`.
 * A fix can then check that the source fits the slot it goes into.
 * `undefined` when the expression cannot be typed this way (a nullable step
 * reached with `.`, an unusual shape).
 *
 * @example getSignalSourceType(services, sourceCode, call, { text: 'options.signal', … })?.type // AbortSignal | undefined
 */
export function getSignalSourceType(
  services: ParserServicesWithTypeInformation,
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: TSESTree.Node,
  source: SignalSource,
): SignalSourceType | undefined {
  const checker = services.program.getTypeChecker();
  if (source.declare !== undefined) {
    const offered = getOfferedType(services, source.declare);
    return offered !== undefined ? { type: offered, throughOptionalChain: false } : undefined;
  }
  // `a.b?.c` → ['a', 'b?', 'c']: a trailing `?` marks a step read with `?.`.
  const [root, ...path] = source.text.split('.') as [string, ...string[]];
  let type: ts.Type | undefined;
  let throughOptionalChain = false;
  let optionalNext = root.endsWith('?');
  const rootName = optionalNext ? root.slice(0, -1) : root;
  if (rootName === 'this') {
    type = getThisType(services, source.owner);
  } else {
    if (!/^[A-Za-z_$][\w$]*$/.test(rootName)) return undefined;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), rootName);
    const name = variable?.defs[0]?.name;
    if (name === undefined) return undefined;
    type = services.getTypeAtLocation(name);
  }
  for (const step of path) {
    if (type === undefined) return undefined;
    if (optionalNext) {
      throughOptionalChain = true;
      type = checker.getNonNullableType(type);
    } else if (isNullable(checker, type)) {
      return undefined;
    }
    optionalNext = step.endsWith('?');
    const segment = optionalNext ? step.slice(0, -1) : step;
    const property = checker.getPropertyOfType(checker.getApparentType(type), segment);
    if (property === undefined) return undefined;
    type = checker.getTypeOfSymbol(property);
  }
  return type !== undefined && !optionalNext ? { type, throughOptionalChain } : undefined;
}

function isNullable(checker: ts.TypeChecker, type: ts.Type): boolean {
  return checker.getNonNullableType(type) !== type;
}

function getThisType(
  services: ParserServicesWithTypeInformation,
  owner: SignalSource['owner'],
): ts.Type | undefined {
  const member = owner?.parent;
  if (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
  const classNode = member.parent.parent;
  const checker = services.program.getTypeChecker();
  const tsClass = services.esTreeNodeToTSNodeMap.get(classNode);
  const symbol = tsClass.name !== undefined ? checker.getSymbolAtLocation(tsClass.name) : undefined;
  return symbol !== undefined ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
}

/** A parameter the framework passes but the callback does not declare: its type from the contextual signature. */
function getOfferedType(
  services: ParserServicesWithTypeInformation,
  offered: NonNullable<SignalSource['declare']>,
): ts.Type | undefined {
  const checker = services.program.getTypeChecker();
  const { fn, index, property } = offered;
  let contextual: ts.Type | undefined;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === fn && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const objectType = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(parent.parent));
    const name = !parent.computed && parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : undefined;
    const member = objectType !== undefined && name !== undefined ? checker.getPropertyOfType(checker.getApparentType(objectType), name) : undefined;
    contextual = member !== undefined ? checker.getTypeOfSymbol(member) : undefined;
  } else if (fn.type !== AST_NODE_TYPES.FunctionDeclaration) {
    contextual = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(fn) as ts.Expression);
  }
  if (contextual === undefined) return undefined;
  const signatures = checker.getNonNullableType(contextual).getCallSignatures();
  const parameter = signatures.length === 1 ? signatures[0]!.getParameters()[index] : undefined;
  if (parameter === undefined) return undefined;
  const type = checker.getTypeOfSymbol(parameter);
  if (property === undefined) return type;
  if (isNullable(checker, type)) return undefined;
  const member = checker.getPropertyOfType(checker.getApparentType(type), property);
  return member !== undefined ? checker.getTypeOfSymbol(member) : undefined;
}
