import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import ts from 'typescript';

import { getPackageName } from './aiModules.js';
import { getMemberName } from './callContext.js';
import { skipTypeWrappers } from './signalSlots.js';

/**
 * A declaration whose async iteration ends without an error when its signal
 * aborts. Either a `type` (class or alias) declared in `package`, iterated
 * directly, or a `member` declared in `package` whose value (or, for a method,
 * return value) is iterated: `result.textStream`, `result.toTextStream()`.
 * `package` may use `*` (`@openai/agents*`).
 */
export interface SilentStreamSite {
  readonly package: string;
  readonly type?: string;
  readonly member?: string;
}

/**
 * Streams measured to end silently on abort (see the "Streaming" section of
 * the signal survey): the raw `stream: true` iterators of the Stainless SDKs,
 * the AI SDK's `textStream`, and streamed `@openai/agents` runs.
 */
export const DEFAULT_SILENT_STREAMS: readonly SilentStreamSite[] = [
  { package: 'openai', type: 'Stream' },
  { package: '@anthropic-ai/sdk', type: 'Stream' },
  { package: 'groq-sdk', type: 'Stream' },
  { package: 'ai', member: 'textStream' },
  { package: '@openai/agents*', type: 'StreamedRunResult' },
  { package: '@openai/agents*', member: 'toTextStream' },
];

/**
 * Does iterating `expression` (the right side of a `for await`) end silently
 * when the signal aborts? Decided from the declaration of its type, or of the
 * member it reads, matched against `sites`. One or two checker calls.
 *
 * @example isSilentStream(services, forOf.right, DEFAULT_SILENT_STREAMS) // `await openai.chat.completions.create({ stream: true })` → true
 */
export function isSilentStream(
  services: ParserServicesWithTypeInformation,
  expression: TSESTree.Expression,
  sites: readonly SilentStreamSite[],
): boolean {
  const node = unwrap(expression);
  const checker = services.program.getTypeChecker();
  const memberSites = sites.filter((site) => site.member !== undefined);
  const member = getIteratedMember(node);
  if (member !== undefined && memberSites.some((site) => site.member === getMemberName(member))) {
    const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(member.property));
    const name = getMemberName(member);
    if (symbol !== undefined && memberSites.some((site) => site.member === name && isDeclaredIn(symbol, site.package))) return true;
  }
  const typeSites = sites.filter((site) => site.type !== undefined);
  if (typeSites.length === 0) return false;
  const members = flatten(services.getTypeAtLocation(node));
  return members.some((member) =>
    [member.aliasSymbol, member.getSymbol()].some(
      (symbol) =>
        symbol !== undefined && typeSites.some((site) => site.type === symbol.name && isDeclaredIn(symbol, site.package)),
    ),
  );
}

/** Union and intersection members: openai returns `Stream<Chunk> & { _request_id?: string }`. */
function flatten(type: ts.Type): ts.Type[] {
  if (type.isUnion() || type.isIntersection()) return type.types.flatMap(flatten);
  return [type];
}

/** `result.textStream` → that member; `result.toTextStream()` → the callee member. */
function getIteratedMember(node: TSESTree.Expression): TSESTree.MemberExpression | undefined {
  const target = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : node;
  return target.type === AST_NODE_TYPES.MemberExpression && !target.computed ? target : undefined;
}

function isDeclaredIn(symbol: ts.Symbol, pattern: string): boolean {
  return (symbol.declarations ?? []).some((declaration) => {
    const packageName = getPackageName(declaration.getSourceFile().fileName);
    return packageName !== undefined && matchesPackage(packageName, pattern);
  });
}

const patterns = new Map<string, RegExp>();

function matchesPackage(name: string, pattern: string): boolean {
  let regExp = patterns.get(pattern);
  if (regExp === undefined) {
    regExp = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    patterns.set(pattern, regExp);
  }
  return regExp.test(name);
}

function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let current = skipTypeWrappers(node);
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.ChainExpression) {
    current = skipTypeWrappers(current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression);
  }
  return current;
}
