import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode } from './functions.js';

/**
 * Visits `root` and its descendants in source order. The callback returns
 * `false` to skip a node's children. Nested functions are skipped unless
 * `intoFunctions` says otherwise: their code does not run where they are written.
 *
 * @example forEachDescendant(sourceCode, catchClause.body, (node) => { if (node.type === 'ReturnStatement') … });
 */
export function forEachDescendant(
  sourceCode: Readonly<TSESLint.SourceCode>,
  root: TSESTree.Node,
  callback: (node: TSESTree.Node) => unknown,
  intoFunctions: (fn: TSESTree.Node) => boolean = () => false,
): void {
  const keys = sourceCode.visitorKeys;
  const visit = (node: TSESTree.Node): void => {
    if (node !== root && isFunctionNode(node) && !intoFunctions(node)) return;
    if (callback(node) === false) return;
    for (const key of keys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) visit(item);
      } else if (isNode(child)) {
        visit(child);
      }
    }
  };
  visit(root);
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
