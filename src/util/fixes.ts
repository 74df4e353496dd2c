import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/utils';

import type { CallWithArguments, SignalSlot, SlotStatus } from './signalSlots.js';

type Fix = TSESLint.RuleFix;
type Fixer = TSESLint.RuleFixer;
type SourceCode = Readonly<TSESLint.SourceCode>;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `signal` → `signal`; `['config', 'abortSignal']` → `{ config: { abortSignal: signal } }`. */
export function buildSlotValue(path: readonly string[], signal: string): string {
  if (path.length === 0) return signal;
  return `{ ${buildProperty(path, signal)} }`;
}

/** `['abortSignal']` + `signal` → `abortSignal: signal`; shorthand when the names match. */
export function buildProperty(path: readonly string[], signal: string): string {
  const [head, ...rest] = path as [string, ...string[]];
  const key = IDENTIFIER.test(head) ? head : JSON.stringify(head);
  if (rest.length === 0) return key === signal ? key : `${key}: ${signal}`;
  return `${key}: ${buildSlotValue(rest, signal)}`;
}

/**
 * Edits that pass `signal` in the slot reported by `status`, or `undefined`
 * when no edit is certain to type-check (a non-literal options value).
 *
 * @example fetch(url) → fetch(url, { signal }); create({ model }) → create({ model, signal })
 */
export function fixPassSignal(
  fixer: Fixer,
  sourceCode: SourceCode,
  node: CallWithArguments,
  slot: Pick<SignalSlot, 'path' | 'optional'>,
  status: SlotStatus,
  signal: string,
): Fix[] | undefined {
  switch (status.kind) {
    case 'missingArgument': {
      const fillers: string[] = [];
      for (let index = node.arguments.length; index < status.index; index++) {
        if (slot.optional[index] !== true) return undefined;
        fillers.push('undefined');
      }
      return appendItem(fixer, sourceCode, node, node.arguments, [...fillers, buildSlotValue(slot.path, signal)].join(', '));
    }
    case 'missingProperty':
      return appendItem(fixer, sourceCode, status.object, status.object.properties, buildProperty(status.path, signal));
    case 'given':
    case 'unknown':
    case 'missingInValue':
      return undefined;
  }
}

/**
 * `generateText(options)` → `generateText({ ...options, abortSignal: signal })`:
 * a copy with the signal, for a non-literal value whose type lacks the property.
 */
export function fixSpreadSignal(
  fixer: Fixer,
  sourceCode: SourceCode,
  status: SlotStatus,
  signal: string,
): Fix[] | undefined {
  if (status.kind !== 'missingInValue' || !status.isObject) return undefined;
  // A nested slot copies the objects on the way too (`config: { ...opts.config, abortSignal }`), so
  // the value is read more than once: only a plain reference can be.
  if (status.path.length > 1 && !isPlainReference(status.value)) return undefined;
  const text = sourceCode.getText(status.value);
  return [fixer.replaceText(status.value, `{ ...${text}, ${buildCopiedProperty(text, status.path, signal, false)} }`)];
}

/** `config: { ...opts.config, abortSignal: signal }`: the property on `path`, keeping what `base` holds there. */
function buildCopiedProperty(base: string, path: readonly string[], signal: string, optionalBase: boolean): string {
  const [head, ...rest] = path as [string, ...string[]];
  const key = IDENTIFIER.test(head) ? head : JSON.stringify(head);
  if (rest.length === 0) return key === signal ? key : `${key}: ${signal}`;
  const inner = IDENTIFIER.test(head) ? `${base}${optionalBase ? '?.' : '.'}${head}` : `${base}${optionalBase ? '?.' : ''}[${key}]`;
  return `${key}: { ...${inner}, ${buildCopiedProperty(inner, rest, signal, true)} }`;
}

/** `opts`, `this.options`, `input.options`: read again without side effects. */
function isPlainReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && isPlainReference(node.object);
}

/**
 * Appends `text` to a comma-separated list (call arguments, object members,
 * parameters), keeping a trailing comma, multi-line layout and trailing comments.
 */
export function appendItem(
  fixer: Fixer,
  sourceCode: SourceCode,
  container: TSESTree.Node,
  items: readonly TSESTree.Node[],
  text: string,
  closing: TSESTree.Token | null = findClosingToken(sourceCode, container),
): Fix[] | undefined {
  if (closing === null) return undefined;
  const last = items.at(-1);
  if (last === undefined) {
    const opening = sourceCode.getTokenBefore(closing, { includeComments: true });
    if (opening === null) return undefined;
    const isBrace = closing.value === '}';
    const inside = sourceCode.text.slice(opening.range[1], closing.range[0]);
    if (inside.trim() === '') {
      return [fixer.replaceTextRange([opening.range[1], closing.range[0]], isBrace ? ` ${text} ` : text)];
    }
    return [fixer.insertTextBefore(closing, isBrace ? `${text} ` : text)];
  }
  const before = sourceCode.getTokenBefore(closing);
  if (before === null) return undefined;
  const hasTrailingComma = before.value === ',' && before.type === AST_TOKEN_TYPES.Punctuator && before.range[0] >= last.range[1];
  const endOfLast = hasTrailingComma ? sourceCode.getTokenBefore(before) : before;
  if (endOfLast === null) return undefined;
  const multiline = closing.loc.start.line > endOfLast.loc.end.line;
  if (!multiline) {
    return hasTrailingComma
      ? [fixer.insertTextAfter(before, ` ${text},`)]
      : [fixer.insertTextAfter(endOfLast, `, ${text}`)];
  }
  const indent = getIndent(sourceCode, last);
  // A comment at the end of the last item's line belongs to that item.
  const lineEnd = sourceCode.getTokenBefore(closing, { includeComments: true });
  const anchor = lineEnd !== null && lineEnd.loc.end.line === endOfLast.loc.end.line ? lineEnd : hasTrailingComma ? before : endOfLast;
  if (hasTrailingComma || anchor === endOfLast) {
    const comma = hasTrailingComma ? '' : ',';
    return [fixer.insertTextAfterRange(anchor.range, `${comma}\n${indent}${text}${hasTrailingComma ? ',' : ''}`)];
  }
  return [fixer.insertTextAfter(endOfLast, ','), fixer.insertTextAfterRange(anchor.range, `\n${indent}${text}`)];
}

function findClosingToken(sourceCode: SourceCode, container: TSESTree.Node): TSESTree.Token | null {
  const last = sourceCode.getLastToken(container);
  if (last === null) return null;
  if (container.type === AST_NODE_TYPES.ObjectExpression || container.type === AST_NODE_TYPES.ObjectPattern) {
    if (container.type === AST_NODE_TYPES.ObjectPattern && container.typeAnnotation !== undefined) {
      return sourceCode.getTokenBefore(container.typeAnnotation);
    }
    return last.value === '}' ? last : null;
  }
  if (container.type === AST_NODE_TYPES.CallExpression || container.type === AST_NODE_TYPES.NewExpression) {
    return last.value === ')' ? last : null;
  }
  return null;
}

/** The leading whitespace of the line `node` starts on. */
export function getIndent(sourceCode: SourceCode, node: TSESTree.Node | TSESTree.Token): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/.exec(line)?.[0] ?? '';
}
