import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { getMemberName } from './callContext.js';

/**
 * Matches calls against name patterns, case-insensitively, with `*` for any
 * run of characters in a segment:
 * - `method` matches `method(…)` and `anything.method(…)`;
 * - `object.method` matches a call whose receiver ends in `object`:
 *   `logger.error` matches `logger.error(…)` and `this.logger.error(…)`;
 *   `*logger.error` also matches `appLogger.error(…)`; a receiver that is a
 *   call counts by its callee's name (`getLogger().error(…)` ends in `getLogger`).
 *
 * @example createCallMatcher(['console.error', '*.fatal'])(node) // true for `log.fatal(error)`
 */
export function createCallMatcher(patterns: readonly string[]): (call: TSESTree.CallExpression) => boolean {
  const parsed = patterns.map(parsePattern);
  return (call) => {
    const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
    const method = getMemberName(callee);
    if (method === undefined) return false;
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? getReceiverName(callee.object) : undefined;
    return parsed.some(({ object, name }) => {
      if (!name.test(method)) return false;
      if (object === undefined) return true;
      return receiver !== undefined && object.test(receiver);
    });
  };
}

interface ParsedPattern {
  readonly object: RegExp | undefined;
  readonly name: RegExp;
}

function parsePattern(pattern: string): ParsedPattern {
  const dot = pattern.lastIndexOf('.');
  if (dot === -1) return { object: undefined, name: toRegExp(pattern) };
  return { object: toRegExp(pattern.slice(0, dot)), name: toRegExp(pattern.slice(dot + 1)) };
}

function toRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The last name of a receiver: `this.logger` → `logger`, `getLogger()` → `getLogger`, `Sentry` → `Sentry`. */
function getReceiverName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) return getMemberName(node.callee);
  if (node.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return getMemberName(node);
}
