import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { forEachDescendant } from './forEachDescendant.js';
import { getSignalTypes } from './signalTypes.js';

/** An insertion into the source: `[at, at]` and the text to insert there. */
export interface Insertion {
  readonly range: TSESTree.Range;
  readonly text: string;
}

/**
 * Moving `return work()` into a `try` with a `finally` (or below a `using` declaration) would run
 * the cleanup as soon as the promise is returned, before the work ends. This plans an `await` for
 * each returned promise in `statements` (not in nested functions): `return work()` →
 * `return await work()`, `return a ?? b()` → `return await (a ?? b())`. `undefined` when a return
 * hands over work that goes on after the function (a stream, an async iterable, a `Response`), or a
 * value whose type is unknown (`any`).
 *
 * @example planAwaitReturnedPromises(sourceCode, services, following) // [{ range: [120, 120], text: 'await ' }]
 */
export function planAwaitReturnedPromises(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation,
  statements: readonly TSESTree.Statement[],
): Insertion[] | undefined {
  const checker = services.program.getTypeChecker();
  const types = getSignalTypes(checker);
  const insertions: Insertion[] = [];
  const state = { ok: true };
  for (const statement of statements) {
    forEachDescendant(sourceCode, statement, (node) => {
      if (!state.ok) return false;
      if (node.type !== AST_NODE_TYPES.ReturnStatement || node.argument == null) return true;
      const argument = node.argument;
      const type = services.getTypeAtLocation(argument);
      const awaited = types.isOpaque(type) ? undefined : (checker.getAwaitedType(type) ?? type);
      if (awaited === undefined || types.isStreamLike(awaited) || types.isWorkResult(awaited)) {
        state.ok = false;
        return false;
      }
      if (awaited !== type && argument.type !== AST_NODE_TYPES.AwaitExpression) {
        const [start, end] = argument.range;
        if (isTightExpression(argument)) {
          insertions.push({ range: [start, start], text: 'await ' });
        } else {
          insertions.push({ range: [start, start], text: 'await (' }, { range: [end, end], text: ')' });
        }
      }
      return false;
    });
  }
  return state.ok ? insertions : undefined;
}

/** Binds tighter than `await`: no parentheses needed after it. */
function isTightExpression(node: TSESTree.Expression): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.MemberExpression ||
    node.type === AST_NODE_TYPES.Identifier ||
    node.type === AST_NODE_TYPES.NewExpression
  );
}
