import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/utils';

import { getIndent } from './fixes.js';
import { forEachDescendant } from './forEachDescendant.js';
import type { FunctionNode } from './functions.js';

type Fix = TSESLint.RuleFix;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** A `catch` clause, or the function given to `.catch()` / `.then(_, onRejected)`. */
export type ErrorHandler = TSESTree.CatchClause | FunctionNode;

/**
 * Edits that insert `build(error)` as the first statement of an error
 * handler, where `error` names the caught error. A handler without an error
 * parameter gets one (`catch {` → `catch (error) {`, `() => null` →
 * `(error) => …`); an expression body becomes a block. A comment after `{` on
 * its line stays there. `undefined` when the error is destructured.
 *
 * @example fixInsertHandlerCheck(fixer, sourceCode, clause, (e) => `if (signal.aborted) throw ${e};`)
 */
export function fixInsertHandlerCheck(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  handler: ErrorHandler,
  build: (error: string) => string,
): Fix[] | undefined {
  const isClause = handler.type === AST_NODE_TYPES.CatchClause;
  const param = isClause ? handler.param : handler.params[0];
  const fixes: Fix[] = [];
  let name: string;
  if (param?.type === AST_NODE_TYPES.Identifier) {
    name = param.name;
  } else if (param == null) {
    name = pickErrorName(sourceCode, handler.body);
    const added = addErrorParameter(fixer, sourceCode, handler, name);
    if (added === undefined) return undefined;
    fixes.push(added);
  } else {
    return undefined;
  }
  const statement = build(name);
  const body = handler.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) {
    fixes.push(fixer.replaceText(body, `{ ${statement} return ${sourceCode.getText(body)}; }`));
    return fixes;
  }
  const opening = sourceCode.getFirstToken(body)!;
  const first = body.body[0];
  if (first !== undefined && first.loc.start.line === opening.loc.start.line) {
    fixes.push(fixer.insertTextAfter(opening, ` ${statement}`));
    return fixes;
  }
  // A comment that follows `{` on its line describes the handler, not the new statement.
  let anchor: TSESTree.Token = opening;
  for (
    let next = sourceCode.getTokenAfter(anchor, { includeComments: true });
    next !== null && isComment(next) && next.loc.start.line === opening.loc.end.line;
    next = sourceCode.getTokenAfter(anchor, { includeComments: true })
  ) {
    anchor = next;
  }
  const indent = first !== undefined ? getIndent(sourceCode, first) : `${getIndent(sourceCode, handler)}  `;
  fixes.push(fixer.insertTextAfter(anchor, `\n${indent}${statement}`));
  return fixes;
}

function addErrorParameter(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, handler: ErrorHandler, name: string): Fix | undefined {
  if (handler.type === AST_NODE_TYPES.CatchClause) {
    return fixer.insertTextAfter(sourceCode.getFirstToken(handler)!, ` (${name})`);
  }
  let token = sourceCode.getFirstToken(handler);
  while (token !== null && token.value !== '(' && token.range[0] < handler.body.range[0]) token = sourceCode.getTokenAfter(token);
  if (token?.value !== '(') return undefined;
  return fixer.insertTextAfter(token, name);
}

/** A name for a new error parameter that no code in the handler refers to. */
function pickErrorName(sourceCode: SourceCode, body: TSESTree.Node): string {
  const used = new Set<string>();
  forEachDescendant(
    sourceCode,
    body,
    (node) => {
      if (node.type === AST_NODE_TYPES.Identifier) used.add(node.name);
    },
    () => true,
  );
  return ['error', 'err', 'cause'].find((name) => !used.has(name)) ?? 'abortError';
}

function isComment(token: TSESTree.Token): boolean {
  return token.type === AST_TOKEN_TYPES.Line || token.type === AST_TOKEN_TYPES.Block;
}
