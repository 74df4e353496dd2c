import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/**
 * Replaces the value passed in a signal slot with `text`, keeping object
 * literal syntax valid: a shorthand property is expanded, and a property whose
 * new value has the key's own name becomes shorthand.
 *
 * @example `{ signal }` + 'request.signal' → `{ signal: request.signal }`
 * @example `{ signal: undefined }` + 'signal' → `{ signal }`
 */
export function replaceSlotValue(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  value: TSESTree.Expression,
  text: string,
): TSESLint.RuleFix {
  const parent = value.parent;
  if (parent.type === AST_NODE_TYPES.Property && parent.value === value && parent.kind === 'init' && !parent.method && !parent.computed) {
    const key = parent.key;
    if (key.type === AST_NODE_TYPES.Identifier && key.name === text) return fixer.replaceText(parent, text);
    if (parent.shorthand) return fixer.replaceText(parent, `${sourceCode.getText(key)}: ${text}`);
  }
  return fixer.replaceText(value, text);
}
