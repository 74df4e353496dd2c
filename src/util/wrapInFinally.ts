import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/utils';

import { planAwaitReturnedPromises, type Insertion } from './awaitReturnedPromises.js';
import { getIndent } from './fixes.js';
import { forEachDescendant } from './forEachDescendant.js';
import type { FunctionNode } from './functions.js';
import { getStatementLineRange } from './statementLineRange.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Plans the edit that wraps the statements after `statement` (to the end of its block) in
 * `try { … } finally { <cleanup> }`, re-indented, dropping those for which `isRedundant` holds (a
 * `clearTimeout(timer);` the `finally` now does) and awaiting returned promises so that the
 * cleanup runs when the work ends. `undefined` when the edit is not certain to keep the code
 * working: outside an `async` function (the block ends before the work does), with no `await` to
 * guard, when a declaration in the block is used outside it, or when the block returns a stream;
 * and for statements that share a line, whose layout it would not keep.
 *
 * @example
 * // const timer = setTimeout(…); const r = await fetch(…); return r.json();
 * planWrapInFinally(sourceCode, services, fn, timerStatement, 'clearTimeout(timer);', () => false)
 * // → const timer = setTimeout(…); try { const r = await fetch(…); return await r.json(); } finally { clearTimeout(timer); }
 */
export function planWrapInFinally(
  sourceCode: SourceCode,
  services: ParserServicesWithTypeInformation,
  fn: FunctionNode,
  statement: TSESTree.Statement,
  cleanup: string,
  isRedundant: (statement: TSESTree.Statement) => boolean,
): { range: TSESTree.Range; text: string } | undefined {
  if (!fn.async) return undefined;
  const block = statement.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  const following = block.body.slice(block.body.indexOf(statement) + 1);
  const first = following[0];
  const last = following.at(-1);
  if (first === undefined || last === undefined) return undefined;
  // Statements sharing a line (`{ const t = …; await x; }`) have no layout to keep: leave them alone.
  const closing = sourceCode.getLastToken(block);
  if (first.loc.start.line <= statement.loc.end.line || closing === null || closing.loc.start.line <= last.loc.end.line) return undefined;
  if (!following.some((node) => hasAwait(sourceCode, node))) return undefined;
  if (hasOuterReferences(sourceCode, following, [first.range[0], last.range[1]])) return undefined;
  const returns = planAwaitReturnedPromises(sourceCode, services, following);
  if (returns === undefined) return undefined;

  const indent = getIndent(sourceCode, statement);
  const unit = getIndentUnit(sourceCode, block, indent);
  const end = extendOverTrailingComment(sourceCode, last);
  const edits: Insertion[] = [
    ...following.filter(isRedundant).map((redundant) => ({ range: getStatementLineRange(sourceCode, redundant), text: '' })),
    ...returns,
  ].sort((a, b) => a.range[0] - b.range[0]);
  let body = '';
  let position = statement.range[1];
  for (const edit of edits) {
    body += reindent(sourceCode, sourceCode.text.slice(position, edit.range[0]), position, unit) + edit.text;
    position = Math.max(position, edit.range[1]);
  }
  body += reindent(sourceCode, sourceCode.text.slice(position, end), position, unit);
  return {
    range: [statement.range[1], end],
    text: `\n${indent}try {${body}\n${indent}} finally {\n${indent}${unit}${cleanup}\n${indent}}`,
  };
}

function hasAwait(sourceCode: SourceCode, root: TSESTree.Node): boolean {
  const state = { found: false };
  forEachDescendant(sourceCode, root, (node) => {
    if (
      node.type === AST_NODE_TYPES.AwaitExpression ||
      (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'await using')
    ) {
      state.found = true;
    }
    return !state.found;
  });
  return state.found;
}

/** A name declared in the wrapped statements and used outside them would leave its scope. */
function hasOuterReferences(sourceCode: SourceCode, statements: readonly TSESTree.Statement[], range: TSESTree.Range): boolean {
  return statements.some((statement) => {
    if (
      statement.type !== AST_NODE_TYPES.VariableDeclaration &&
      statement.type !== AST_NODE_TYPES.FunctionDeclaration &&
      statement.type !== AST_NODE_TYPES.ClassDeclaration
    ) {
      return false;
    }
    return sourceCode
      .getDeclaredVariables(statement)
      .some((variable) =>
        variable.references.some((reference) => reference.identifier.range[0] < range[0] || reference.identifier.range[1] > range[1]),
      );
  });
}

/** Adds `unit` to the start of every line of `text` (found at `offset`), except inside multi-line strings. */
function reindent(sourceCode: SourceCode, text: string, offset: number, unit: string): string {
  const literals = sourceCode.ast.tokens.filter(
    (token) =>
      (token.type === AST_TOKEN_TYPES.Template || token.type === AST_TOKEN_TYPES.String) &&
      token.range[1] > offset &&
      token.range[0] < offset + text.length &&
      token.value.includes('\n'),
  );
  return text.replace(/\n(?=[^\r\n])/g, (match, index: number) => {
    const position = offset + index;
    return literals.some((token) => token.range[0] < position && position < token.range[1]) ? match : `\n${unit}`;
  });
}

/** The file's indentation step, read from the block's own indentation. */
function getIndentUnit(sourceCode: SourceCode, block: TSESTree.BlockStatement, indent: string): string {
  const outer = getIndent(sourceCode, block);
  if (indent.startsWith(outer) && indent.length > outer.length) return indent.slice(outer.length);
  return indent.includes('\t') ? '\t' : '  ';
}

function extendOverTrailingComment(sourceCode: SourceCode, statement: TSESTree.Node): number {
  const comment = sourceCode.getCommentsAfter(statement).find((c) => c.loc.start.line === statement.loc.end.line);
  return comment?.range[1] ?? statement.range[1];
}
