import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The range to delete so that `statement` disappears with its line: from the line break before it to
 * the end of its last line, when nothing else stands on those lines; else the statement and the
 * blanks after it.
 *
 * @example fixer.removeRange(getStatementLineRange(sourceCode, statement)) // no blank line left behind
 */
export function getStatementLineRange(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Node): TSESTree.Range {
  const lineStart = statement.range[0] - statement.loc.start.column;
  const before = sourceCode.text.slice(lineStart, statement.range[0]);
  const endLine = sourceCode.lines[statement.loc.end.line - 1] ?? '';
  const after = endLine.slice(statement.loc.end.column);
  if (before.trim() !== '' || after.trim() !== '' || lineStart === 0) {
    // Sharing its line: take the blanks after it too, so that no double space is left.
    const blanks = /^[ \t]*/.exec(after)?.[0].length ?? 0;
    return [statement.range[0], statement.range[1] + blanks];
  }
  const breakStart = sourceCode.text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1;
  return [breakStart, statement.range[1] + after.length];
}
