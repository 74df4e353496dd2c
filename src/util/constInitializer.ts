import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils, TSESLint as Lint } from '@typescript-eslint/utils';

/**
 * The initializer of the variable `identifier` refers to, when that variable
 * always holds it: a `const`, or a `let`/`var` that is never reassigned,
 * declared with a plain name (no destructuring). `undefined` otherwise
 * (parameters, imports, reassigned or destructured variables).
 *
 * @example
 * // const deadline = AbortSignal.timeout(5_000); fetch(url, { signal: deadline })
 * getConstInitializer(sourceCode, deadlineIdentifier) // the `AbortSignal.timeout(5_000)` node
 */
export function getConstInitializer(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== Lint.Scope.DefinitionType.Variable) return undefined;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init == null) return undefined;
  if (definition.parent.kind !== 'const' && variable!.references.some((reference) => reference.isWrite() && reference.init !== true)) {
    return undefined;
  }
  return declarator.init;
}
