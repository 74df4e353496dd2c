import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import ts from 'typescript';

import { isFunctionNode, type FunctionNode } from './functions.js';
import type { SignalSource } from './signalSources.js';

const NULLABLE = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;

/**
 * The expression that throws when `source` is aborted, written so that it
 * type-checks at `at`: optional links get `?.` (`details?.signal?.throwIfAborted()`).
 * `undefined` when the source's root name means something else at `at` (a
 * loop variable or a later `const` shadows it), or when its type has no
 * `throwIfAborted()` method (axios' `GenericAbortSignal`, Smithy's signal).
 * `reference` is a node in whose scope `source` holds, outside the code that
 * `at` opens (for a loop: its parent, since a loop variable may shadow the name).
 *
 * @example getThrowIfAbortedText(sourceCode, services, source, loop.parent, loop.body) // 'request.signal.throwIfAborted()'
 */
export function getThrowIfAbortedText(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  source: SignalSource,
  reference: TSESTree.Node,
  at: TSESTree.Node,
): string | undefined {
  const checker = services.program.getTypeChecker();
  const [root, ...rest] = source.text.split(/\??\./) as [string, ...string[]];
  let type: ts.Type | undefined;
  if (source.declare !== undefined) {
    // The callback does not declare it yet: read its type from the parameter the framework passes.
    const offered = getOfferedType(services, source);
    if (offered === undefined) return undefined;
    return buildCall(checker, offered.type, root, [], offered.optional);
  }
  if (root === 'this') {
    type = getThisType(services, reference);
  } else {
    const variable = ASTUtils.findVariable(sourceCode.getScope(reference), root);
    if (variable === null || ASTUtils.findVariable(sourceCode.getScope(at), root) !== variable) return undefined;
    const definition = variable.defs[0];
    if (definition === undefined) return undefined;
    type = services.getTypeAtLocation(definition.name);
  }
  if (type === undefined) return undefined;
  return buildCall(checker, type, root, rest);
}

function buildCall(
  checker: ts.TypeChecker,
  rootType: ts.Type,
  root: string,
  path: readonly string[],
  rootOptional = false,
): string | undefined {
  let type = rootType;
  let text = root;
  for (const name of path) {
    const property = getProperty(checker, checker.getNonNullableType(type), name);
    if (property === undefined) return undefined;
    text += `${isNullable(type) ? '?.' : '.'}${name}`;
    type = checker.getTypeOfSymbol(property);
  }
  const method = checker.getPropertyOfType(checker.getNonNullableType(type), 'throwIfAborted');
  if (method === undefined || checker.getTypeOfSymbol(method).getCallSignatures().length === 0) return undefined;
  const optional = isNullable(type) || (path.length === 0 && rootOptional);
  return `${text}${optional ? '?.' : '.'}throwIfAborted()`;
}

/** `#controller` is stored under an internal symbol name: match it by its declared name. */
function getProperty(checker: ts.TypeChecker, type: ts.Type, name: string): ts.Symbol | undefined {
  if (!name.startsWith('#')) return checker.getPropertyOfType(type, name);
  return checker.getPropertiesOfType(type).find((property) => {
    const declaration = property.valueDeclaration;
    return declaration !== undefined && ts.isPropertyDeclaration(declaration) && declaration.name.getText() === name;
  });
}

function isNullable(type: ts.Type): boolean {
  if ((type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) return true;
  return (type.isUnion() ? type.types : [type]).some((member) => (member.flags & NULLABLE) !== 0);
}

/** The instance type `this` has at `node`: the class of the nearest non-arrow function. */
function getThisType(services: ParserServicesWithTypeInformation, node: TSESTree.Node): ts.Type | undefined {
  for (let current = node.parent; current != null; current = current.parent) {
    if (!isFunctionNode(current) || current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    const member = current.parent;
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) return undefined;
    const tsClass = services.esTreeNodeToTSNodeMap.get(member.parent.parent);
    const checker = services.program.getTypeChecker();
    const symbol = tsClass.name !== undefined ? checker.getSymbolAtLocation(tsClass.name) : undefined;
    return symbol !== undefined ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
  }
  return undefined;
}

/** The type of an offered signal, `abortSignal` in `execute: async (input) => …` (AI SDK tool options). */
function getOfferedType(
  services: ParserServicesWithTypeInformation,
  source: SignalSource,
): { type: ts.Type; optional: boolean } | undefined {
  const offered = source.declare;
  if (offered === undefined) return undefined;
  const checker = services.program.getTypeChecker();
  let parameterType: ts.Type | undefined;
  if (offered.pattern !== undefined) {
    parameterType = services.getTypeAtLocation(offered.pattern);
  } else {
    const signature = getContextualSignature(services, offered.fn);
    const parameter = signature?.getParameters()[offered.index];
    parameterType = parameter !== undefined ? checker.getTypeOfSymbol(parameter) : undefined;
  }
  if (parameterType === undefined) return undefined;
  if (offered.property === undefined) return { type: parameterType, optional: false };
  const property = checker.getPropertyOfType(checker.getNonNullableType(parameterType), offered.property);
  if (property === undefined) return undefined;
  // A property destructured from an optional parameter may be undefined too.
  return { type: checker.getTypeOfSymbol(property), optional: isNullable(parameterType) };
}

function getContextualSignature(
  services: ParserServicesWithTypeInformation,
  fn: FunctionNode,
): ts.Signature | undefined {
  const checker = services.program.getTypeChecker();
  const tsNode = services.esTreeNodeToTSNodeMap.get(fn);
  let contextual: ts.Type | undefined;
  if (ts.isFunctionExpression(tsNode) || ts.isArrowFunction(tsNode)) {
    contextual = checker.getContextualType(tsNode);
  } else if (ts.isMethodDeclaration(tsNode) && ts.isObjectLiteralExpression(tsNode.parent)) {
    const objectType = checker.getContextualType(tsNode.parent);
    const name = ts.isIdentifier(tsNode.name) ? tsNode.name.text : undefined;
    const property =
      objectType !== undefined && name !== undefined
        ? checker.getPropertyOfType(checker.getApparentType(objectType), name)
        : undefined;
    contextual = property !== undefined ? checker.getTypeOfSymbol(property) : undefined;
  }
  if (contextual === undefined) return undefined;
  const signatures = checker.getNonNullableType(contextual).getCallSignatures();
  return signatures.length === 1 ? signatures[0] : undefined;
}
